package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
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
	res := parseTestJSON([]string{"lessons/01-x"}, []byte(sampleJSON))["lessons/01-x"]
	if res.Passed != 2 || res.Total != 3 {
		t.Errorf("lesson tests = %d/%d, want 2/3 (subtests and package lines not counted)", res.Passed, res.Total)
	}
	if strings.Join(res.Failed, ",") != "TestDeleteTodo" {
		t.Errorf("failed = %v, want [TestDeleteTodo]", res.Failed)
	}
	if want := "go test -run '^TestDeleteTodo$' ./lessons/01-x/"; res.Run != want {
		t.Errorf("run = %q, want %q: the command that runs the failing test alone", res.Run, want)
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

func TestParseTestJSONSplitsOneRunIntoLessons(t *testing.T) {
	out := `{"Action":"pass","Package":"apicourse/lessons/01-x","Test":"TestA"}
{"Action":"pass","Package":"apicourse/lessons/10-y","Test":"TestB"}
{"Action":"fail","Package":"apicourse/lessons/10-y/sub","Test":"TestC"}
{"Action":"pass","Package":"apicourse/shared/web","Test":"TestD"}
`
	res := parseTestJSON([]string{"lessons/01-x", "lessons/10-y"}, []byte(out))
	if r := res["lessons/01-x"]; r.Passed != 1 || r.Total != 1 {
		t.Errorf("lessons/01-x = %d/%d, want 1/1", r.Passed, r.Total)
	}
	if r := res["lessons/10-y"]; r.Passed != 1 || r.Total != 2 || !slices.Equal(r.Failed, []string{"TestC"}) {
		t.Errorf("lessons/10-y = %d/%d failed %v, want 1/2 with TestC failed", r.Passed, r.Total, r.Failed)
	}
}

// buildFailureJSON is go test -json when a lesson does not compile, as Go
// 1.26 writes it (the build output is keyed by import path), and when an
// import is missing (keyed by the missing package).
const buildFailureJSON = `{"ImportPath":"apicourse/lessons/01-x [apicourse/lessons/01-x.test]","Action":"build-output","Output":"# apicourse/lessons/01-x [apicourse/lessons/01-x.test]\n"}
{"ImportPath":"apicourse/lessons/01-x [apicourse/lessons/01-x.test]","Action":"build-output","Output":"lessons/01-x/handlers.go:53:41: store.Lisst undefined (type *Store has no field or method Lisst)\n"}
{"ImportPath":"apicourse/lessons/01-x [apicourse/lessons/01-x.test]","Action":"build-fail"}
{"Action":"start","Package":"apicourse/lessons/01-x"}
{"Action":"output","Package":"apicourse/lessons/01-x","Output":"FAIL\tapicourse/lessons/01-x [build failed]\n"}
{"Action":"fail","Package":"apicourse/lessons/01-x","Elapsed":0,"FailedBuild":"apicourse/lessons/01-x [apicourse/lessons/01-x.test]"}
{"ImportPath":"nosuch/pkg","Action":"build-output","Output":"# apicourse/lessons/02-y\n"}
{"ImportPath":"nosuch/pkg","Action":"build-output","Output":"lessons/02-y/main.go:6:2: package nosuch/pkg is not in std\n"}
{"ImportPath":"nosuch/pkg","Action":"build-fail"}
{"Action":"fail","Package":"apicourse/lessons/02-y","Elapsed":0,"FailedBuild":"nosuch/pkg"}
{"Action":"pass","Package":"apicourse/lessons/03-z","Test":"TestFine"}
`

func TestParseTestJSONGivesEachLessonItsCompilerOutput(t *testing.T) {
	res := parseTestJSON([]string{"lessons/01-x", "lessons/02-y", "lessons/03-z"}, []byte(buildFailureJSON))
	if got := compilerLines(res["lessons/01-x"].BuildErr); !slices.Equal(got, []string{"lessons/01-x/handlers.go:53:41: store.Lisst undefined (type *Store has no field or method Lisst)"}) {
		t.Errorf("lessons/01-x compiler lines = %q, want the undefined Lisst", got)
	}
	if got := compilerLines(res["lessons/02-y"].BuildErr); len(got) != 1 || !strings.Contains(got[0], "nosuch/pkg") {
		t.Errorf("lessons/02-y compiler lines = %q, want the missing package", got)
	}
	if r := res["lessons/01-x"]; r.Total != 0 || len(r.Failed) != 0 {
		t.Errorf("lessons/01-x = %d tests, failed %q; a build failure is no crashed test", r.Total, r.Failed)
	}
	if r := res["lessons/03-z"]; r.BuildErr != "" || r.Passed != 1 {
		t.Errorf("lessons/03-z = %+v, want its one test passed and no build error", r)
	}
}

func TestParseTestJSONGivesUnclaimedBuildOutputToTheLessonItNames(t *testing.T) {
	// An older go command: no FailedBuild; an external test package.
	out := `{"ImportPath":"apicourse/lessons/10-y_test [apicourse/lessons/10-y.test]","Action":"build-output","Output":"lessons/10-y/x_test.go:3:1: syntax error\n"}
{"Action":"fail","Package":"apicourse/lessons/10-y"}
`
	res := parseTestJSON([]string{"lessons/01-x", "lessons/10-y"}, []byte(out))
	if got := res["lessons/10-y"].BuildErr; !strings.Contains(got, "syntax error") {
		t.Errorf("lessons/10-y BuildErr = %q, want the syntax error", got)
	}
	if got := res["lessons/01-x"].BuildErr; got != "" {
		t.Errorf("lessons/01-x BuildErr = %q, want none", got)
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
	res := parseTestJSON([]string{"lessons/06-x"}, []byte(out))["lessons/06-x"]
	if res.Passed != 1 || res.Total != 2 || len(res.Failed) != 1 {
		t.Errorf("parseTestJSON of a crashed package = %d/%d passed, failed %q; want 1/2 with the crash named", res.Passed, res.Total, res.Failed)
	}
}

func TestScoreboardShowsProgressWithoutColourWhenNotATerminal(t *testing.T) {
	var out bytes.Buffer
	printScoreboard(&out, []*lessonResult{parseTestJSON([]string{"lessons/01-x"}, []byte(sampleJSON))["lessons/01-x"]}, false)
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

func TestScoreboardShowsTheCompilersMessagesAndHowToUndoASolution(t *testing.T) {
	var build strings.Builder
	build.WriteString("# apicourse/lessons/01-x [apicourse/lessons/01-x.test]\n")
	for i := range 7 {
		build.WriteString("lessons/01-x/handlers.go:" + string(rune('1'+i)) + "0:2: undefined: x\n")
	}
	broken := &lessonResult{
		Lesson:    "lessons/01-x",
		BuildErr:  build.String(),
		Exercises: []exercise{{Number: 1, Title: "filter"}, {Number: 3, Title: "etags"}},
		Applied:   []string{"lessons/01-x/solutions/exercise1.patch", "lessons/01-x/solutions/exercise3.patch"},
	}
	var out bytes.Buffer
	printScoreboard(&out, []*lessonResult{broken}, false)
	got := out.String()
	for _, want := range []string{
		"lessons/01-x                       does not build:\n",
		"    lessons/01-x/handlers.go:10:2: undefined: x\n",
		"    lessons/01-x/handlers.go:50:2: undefined: x\n    ... 2 more: go test -tags exercises ./lessons/01-x/... shows them all\n",
		"    solutions/exercise3.patch is applied; undo it with: git apply -R lessons/01-x/solutions/exercise3.patch\n" +
			"    solutions/exercise1.patch is applied; undo it with: git apply -R lessons/01-x/solutions/exercise1.patch\n",
		"exercise 3  etags",
		"Progress: 0/2 exercises",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("scoreboard lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "handlers.go:60:2") || strings.Contains(got, "# apicourse") {
		t.Errorf("scoreboard shows more than %d compiler lines, or the package header:\n%s", maxCompilerLines, got)
	}

	out.Reset()
	broken.Applied = nil
	printScoreboard(&out, []*lessonResult{broken}, false)
	for _, claim := range []string{"applied", "git apply", "not yet"} {
		if strings.Contains(out.String(), claim) {
			t.Errorf("scoreboard with no solution applied says %q:\n%s", claim, out.String())
		}
	}
	for _, want := range []string{"exercise 1  filter                                   untested: the lesson does not build\n", "Progress: 0/2 exercises (2 untested until their lesson builds)\n"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("scoreboard of a lesson that does not build lacks %q:\n%s", want, out.String())
		}
	}
}

func TestCompilerLinesKeepTheLinesThatGoWithAMessage(t *testing.T) {
	got := compilerLines("# p\nx/mine.go:3:6: f redeclared in this block\n\tx/a.go:77:6: other declaration of f\nFAIL\tp [build failed]\n")
	if want := []string{"x/mine.go:3:6: f redeclared in this block", "    x/a.go:77:6: other declaration of f"}; !slices.Equal(got, want) {
		t.Errorf("compilerLines = %q, want %q", got, want)
	}
}

func TestCompilerLinesFallBackToTheGoCommandsOwnWords(t *testing.T) {
	got := compilerLines("go: errors parsing go.mod:\n/x/go.mod:3: unknown directive: requir\n")
	if !slices.Equal(got, []string{"go: errors parsing go.mod:", "/x/go.mod:3: unknown directive: requir"}) {
		t.Errorf("compilerLines = %q, want the go command's two lines", got)
	}
}

func TestExercisesInSourceListsTheExercisesOfALessonThatDoesNotBuild(t *testing.T) {
	dir := t.TempDir()
	src := "//go:build exercises\n\npackage main\n\nfunc TestExercise2ClearCompleted(t *testing.T) {}\n\nfunc TestExercise1FilterByCompleted(t *testing.T) {}\n\nfunc helper() {}\n"
	os.WriteFile(filepath.Join(dir, "exercises_test.go"), []byte(src), 0o644)
	got := exercisesInSource(dir, "lessons/01-x")
	if len(got) != 2 || got[0].Test != "TestExercise1FilterByCompleted" || got[0].Title != "filter by completed" || got[1].Number != 2 || got[1].Passed || got[0].Dir != "./lessons/01-x/" {
		t.Errorf("exercisesInSource = %+v, want exercises 1 and 2 of ./lessons/01-x/, not passed", got)
	}
	if got := exercisesInSource(filepath.Join(dir, "none"), "lessons/01-x"); got != nil {
		t.Errorf("exercisesInSource of a folder without exercises = %+v, want none", got)
	}
}

func TestSubsetsAreEveryStackInAscendingOrder(t *testing.T) {
	var got []string
	for _, s := range subsets([]int{1, 2, 3}) {
		got = append(got, stackName(s, "+"))
	}
	if want := []string{"1", "2", "3", "1+2", "1+3", "2+3", "1+2+3"}; !slices.Equal(got, want) {
		t.Errorf("subsets(1 2 3) = %v, want %v", got, want)
	}
	if got := stackName([]int{1, 3}, " + "); got != "exercise1.patch + exercise3.patch" {
		t.Errorf("stackName = %q", got)
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
