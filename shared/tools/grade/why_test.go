package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// events writes `go test -json` lines for package apicourse/lessons/01-x:
// each step is "action test" or "output test: text" (test may be empty).
func events(t *testing.T, steps ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	for _, s := range steps {
		ev := testEvent{Package: "apicourse/lessons/01-x"}
		head, text, isOutput := strings.Cut(s, ": ")
		ev.Action, ev.Test, _ = strings.Cut(head, " ")
		if isOutput {
			ev.Output = text + "\n"
		}
		line, err := json.Marshal(ev)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(append(line, '\n'))
	}
	return b.Bytes()
}

func TestAnExerciseNotYetSolvedSaysWhyInOneLine(t *testing.T) {
	const ex = "TestExercise1FilterByCompleted"
	long := strings.Repeat("x", 300)
	tests := []struct {
		name  string
		steps []string
		want  string
	}{
		{
			name: "the line of the lesson's test file comes before a line of shared code",
			steps: []string{
				"output " + ex + ":     openapi.go:139: GET /todos → 200 does not match openapi.json",
				"output " + ex + "/GET_/todos?completed=true: === RUN   " + ex + "/GET_/todos?completed=true",
				"output " + ex + "/GET_/todos?completed=true:     exercises_test.go:54: GET /todos?completed=true ids = [1 2 3], want [2]",
				"fail " + ex + "/GET_/todos?completed=true",
				"fail " + ex,
			},
			want: "exercises_test.go:54: GET /todos?completed=true ids = [1 2 3], want [2]",
		},
		{
			name: "a line of shared code when the test file says nothing",
			steps: []string{
				"output " + ex + ":     openapi.go:139: GET /todos → 200 does not match openapi.json",
				"fail " + ex,
			},
			want: "openapi.go:139: GET /todos → 200 does not match openapi.json",
		},
		{
			name: "what a check that passed logged is no reason",
			steps: []string{
				"output " + ex + "/lists_all:     exercises_test.go:40: listed 3 todos",
				"pass " + ex + "/lists_all",
				"output " + ex + "/filters:     exercises_test.go:54: ids = [1 2 3], want [2]",
				"fail " + ex + "/filters",
				"fail " + ex,
			},
			want: "exercises_test.go:54: ids = [1 2 3], want [2]",
		},
		{
			name: "only the first line of a message of many",
			steps: []string{
				"output " + ex + ":     exercises_test.go:81: body = {\"a\":1}",
				"output " + ex + ":         want {\"a\":2}",
				"fail " + ex,
			},
			want: "exercises_test.go:81: body = {\"a\":1}",
		},
		{
			name: "a panic's first line when no test line says why",
			steps: []string{
				"output " + ex + ": --- FAIL: " + ex + " (0.00s)",
				"output " + ex + ": panic: runtime error: invalid memory address or nil pointer dereference [recovered]",
				"output " + ex + ": \tpanic: runtime error: invalid memory address",
				"fail " + ex,
			},
			want: "panic: runtime error: invalid memory address or nil pointer dereference [recovered]",
		},
		{
			name:  "a long message cut to one screen line",
			steps: []string{"output " + ex + ":     exercises_test.go:9: " + long, "fail " + ex},
			want:  "exercises_test.go:9: " + long[:maxWhy-len("exercises_test.go:9: ")-1] + "…",
		},
		{
			name: "another exercise's failure is not its reason",
			steps: []string{
				"output TestExercise10Other:     exercises_test.go:200: wrong",
				"fail TestExercise10Other",
				"fail " + ex,
			},
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := parseTestJSON([]string{"lessons/01-x"}, events(t, tt.steps...))["lessons/01-x"]
			for _, e := range res.Exercises {
				if e.Test == ex && e.Why != tt.want {
					t.Errorf("why = %q, want %q", e.Why, tt.want)
				}
			}
		})
	}
}

func TestAnExerciseCountsItsChecksThoughTheirNamesHoldSlashesAndNotTheStepsSkipped(t *testing.T) {
	const ex = "TestExercise1FilterByCompleted"
	out := events(t,
		"pass "+ex+"/GET_/todos_lists_the_right_todos",
		"pass "+ex+"/GET_/todos_lists_the_right_todos/nested",
		"fail "+ex+"/GET_/todos?completed=true_lists_the_right_todos",
		"pass "+ex+"/GET_/todos?completed=maybe_is_a_422",
		"skip "+ex+"/openapi.json_documents_every_answer_above",
		"fail "+ex,
		"fail ",
	)
	e := parseTestJSON([]string{"lessons/01-x"}, out)["lessons/01-x"].Exercises[0]
	if e.Passes != 2 || e.Checks != 3 {
		t.Errorf("checks = %d of %d pass, want 2 of 3 (the nested one is its parent's, a skipped step is no check)", e.Passes, e.Checks)
	}
	if want := "go test -tags exercises -run '^TestExercise1' ./lessons/01-x/"; e.command() != want {
		t.Errorf("command = %q, want %q", e.command(), want)
	}
}

func TestPackageDirIsTheFolderGoTestTakes(t *testing.T) {
	for _, tt := range []struct{ pkg, want string }{
		{"apicourse/lessons/01-x", "./lessons/01-x/"},
		{"apicourse/lessons/08-y/webhook", "./lessons/08-y/webhook/"},
		{"apicourse/lessons/08-y/webhook_test [apicourse/lessons/08-y/webhook.test]", "./lessons/08-y/webhook/"},
		{"fake/lessons/01-x", "./lessons/01-x/"},
	} {
		lesson := "lessons/01-x"
		if strings.Contains(tt.pkg, "08-y") {
			lesson = "lessons/08-y"
		}
		if got := packageDir(lesson, tt.pkg); got != tt.want {
			t.Errorf("packageDir(%q, %q) = %q, want %q", lesson, tt.pkg, got, tt.want)
		}
	}
}

func TestScoreboardShowsWhyAndTheCommandUnderAFailingTestAndAnExerciseNotYetSolved(t *testing.T) {
	r := &lessonResult{Lesson: "lessons/01-x", Passed: 1, Total: 2, Failed: []string{"TestRoutes"},
		Why: "routes_test.go:12: routes.go registers \"DELETE /todos\"", Run: "go test -run '^TestRoutes$' ./lessons/01-x/",
		Exercises: []exercise{
			{Number: 1, Title: "filter", Passed: true, Dir: "./lessons/01-x/", Checks: 2, Passes: 2},
			{Number: 2, Title: "clear", Dir: "./lessons/01-x/", Why: "exercises_test.go:81: DELETE /todos status = 405, want 204", Checks: 3, Passes: 1},
			{Number: 3, Title: "etags", Dir: "./lessons/01-x/"},
			{Number: 4, Title: "history", Dir: "./lessons/01-x/", Why: "exercises_test.go:150: nothing received", Checks: 1, Passes: 1},
		}}
	var out bytes.Buffer
	printScoreboard(&out, []*lessonResult{r}, false)
	want := `lessons/01-x                       lesson tests   1/2   FAILING: TestRoutes
        why: routes_test.go:12: routes.go registers "DELETE /todos"
        run: go test -run '^TestRoutes$' ./lessons/01-x/
    exercise 1  filter                                   done
    exercise 2  clear                                    not yet: 1 of 3 checks pass
        why: exercises_test.go:81: DELETE /todos status = 405, want 204
        run: go test -tags exercises -run '^TestExercise2' ./lessons/01-x/
    exercise 3  etags                                    not yet
        run: go test -tags exercises -run '^TestExercise3' ./lessons/01-x/
    exercise 4  history                                  not yet
        why: exercises_test.go:150: nothing received
        run: go test -tags exercises -run '^TestExercise4' ./lessons/01-x/

Progress: 1/4 exercises
`
	if out.String() != want {
		t.Errorf("scoreboard =\n%s\nwant\n%s", out.String(), want)
	}
}
