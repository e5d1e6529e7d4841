package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const sampleJSON = `{"Action":"run","Package":"apicourse/lessons/01-x","Test":"TestCreateTodo"}
{"Action":"pass","Package":"apicourse/lessons/01-x","Test":"TestCreateTodo/keeps_the_title"}
{"Action":"pass","Package":"apicourse/lessons/01-x","Test":"TestCreateTodo"}
{"Action":"fail","Package":"apicourse/lessons/01-x","Test":"TestDeleteTodo"}
{"Action":"fail","Package":"apicourse/lessons/01-x","Test":"TestExercise2ClearCompleted"}
{"Action":"pass","Package":"apicourse/lessons/01-x","Test":"TestExercise1FilterByCompleted"}
{"Action":"skip","Package":"apicourse/lessons/01-x/sender","Test":"TestSenderSkipsWithoutNetwork"}
{"Action":"fail","Package":"apicourse/lessons/01-x"}
not json at all
`

func TestParseTestJSONCountsTopLevelTestsAndExercises(t *testing.T) {
	res := parseTestJSON("lessons/01-x", []byte(sampleJSON))
	if res.Passed != 2 || res.Total != 3 {
		t.Errorf("lesson tests = %d/%d, want 2/3 (subtests and package lines not counted)", res.Passed, res.Total)
	}
	if strings.Join(res.Failed, ",") != "TestDeleteTodo" {
		t.Errorf("failed = %v, want [TestDeleteTodo]", res.Failed)
	}
	if len(res.Exercises) != 2 {
		t.Fatalf("exercises = %+v, want 2", res.Exercises)
	}
	if e := res.Exercises[0]; e.Number != 1 || e.Title != "filter by completed" || !e.Passed {
		t.Errorf("exercise 1 = %+v, want number 1, title %q, passed", e, "filter by completed")
	}
	if e := res.Exercises[1]; e.Number != 2 || e.Passed {
		t.Errorf("exercise 2 = %+v, want number 2, not passed", e)
	}
}

func TestScoreboardShowsProgressWithoutColourWhenNotATerminal(t *testing.T) {
	var out bytes.Buffer
	printScoreboard(&out, []*lessonResult{parseTestJSON("lessons/01-x", []byte(sampleJSON))}, false)
	got := out.String()
	for _, want := range []string{"lesson tests   2/3", "FAILING: TestDeleteTodo", "exercise 1  filter by completed", "done", "not yet", "Progress: 1/2 exercises"} {
		if !strings.Contains(got, want) {
			t.Errorf("scoreboard lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "\x1b[") {
		t.Errorf("scoreboard has colour codes although colour is off:\n%q", got)
	}
}

func TestWords(t *testing.T) {
	for in, want := range map[string]string{"FilterByCompleted": "filter by completed", "": "", "X": "x"} {
		if got := words(in); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestGofmtListNamesUnformattedFiles(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "good.go"), []byte("package main\n\nfunc main() {}\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.go"), []byte("package main\nfunc  f( ) {  }\n"), 0o644)
	if got := gofmtList(context.Background(), dir); got != "bad.go" {
		t.Errorf("gofmtList = %q, want bad.go", got)
	}
	os.Remove(filepath.Join(dir, "bad.go"))
	if got := gofmtList(context.Background(), dir); got != "" {
		t.Errorf("gofmtList of formatted files = %q, want nothing", got)
	}
}

func TestParseTestJSONCountsACrashedPackageAsAFailure(t *testing.T) {
	// A test timed out: the package failed, and no test event says which.
	out := `{"Action":"run","Package":"apicourse/lessons/06-x","Test":"TestA"}
{"Action":"pass","Package":"apicourse/lessons/06-x","Test":"TestA"}
{"Action":"run","Package":"apicourse/lessons/06-x","Test":"TestHangs"}
{"Action":"output","Package":"apicourse/lessons/06-x","Output":"panic: test timed out after 3m0s\n"}
{"Action":"fail","Package":"apicourse/lessons/06-x"}
`
	res := parseTestJSON("lessons/06-x", []byte(out))
	if res.Passed != 1 || res.Total != 2 || len(res.Failed) != 1 {
		t.Errorf("parseTestJSON of a crashed package = %d/%d passed, failed %q; want 1/2 with the crash named", res.Passed, res.Total, res.Failed)
	}
}
