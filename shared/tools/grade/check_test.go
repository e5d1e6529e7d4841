package main

import (
	"bytes"
	"context"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A course of one lesson whose two exercises are two functions that do
// not do their job yet; exercise1.patch and exercise2.patch fix one each.
var fakeCourse = map[string]string{
	"go.mod":               "module fake\n\ngo 1.26\n",
	"shared/doc.go":        "// Package shared is the kit.\npackage shared\n",
	"lessons/01-x/calc.go": fakeCalc,
	"lessons/01-x/calc_test.go": `package main

import "testing"

func TestMain0(t *testing.T) { main() }
`,
	"lessons/01-x/exercises_test.go": `//go:build exercises

package main

import "testing"

func TestExercise1Double(t *testing.T) {
	if got := Double(2); got != 4 {
		t.Errorf("Double(2) = %d, want 4", got)
	}
}

func TestExercise2Triple(t *testing.T) {
	if got := Triple(2); got != 6 {
		t.Errorf("Triple(2) = %d, want 6", got)
	}
}
`,
	"lessons/01-x/solutions/exercise1.patch": `--- a/lessons/01-x/calc.go
+++ b/lessons/01-x/calc.go
@@ -6,3 +6,3 @@
 func Double(x int) int {
-	return x
+	return 2 * x
 }
`,
	"lessons/01-x/solutions/exercise2.patch": fakePatch2,
}

const fakeCalc = `package main

func main() {}

// Double is exercise 1.
func Double(x int) int {
	return x
}

// Triple is exercise 2.
func Triple(x int) int {
	return x
}
`

const fakePatch2 = `--- a/lessons/01-x/calc.go
+++ b/lessons/01-x/calc.go
@@ -11,3 +11,3 @@
 func Triple(x int) int {
-	return x
+	return 3 * x
 }
`

// fakePatch2WithTooMuchContext solves exercise 2 alone, but its context
// reaches into Double, so it no longer applies once exercise 1 is solved.
const fakePatch2WithTooMuchContext = `--- a/lessons/01-x/calc.go
+++ b/lessons/01-x/calc.go
@@ -6,8 +6,8 @@
 func Double(x int) int {
 	return x
 }
 
 // Triple is exercise 2.
 func Triple(x int) int {
-	return x
+	return 3 * x
 }
`

// gitRepo writes files into a new git repository, commits them, and
// returns its folder; it skips the test where git or go is missing.
func gitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	for _, tool := range []string{"git", "go"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed", tool)
		}
	}
	dir := t.TempDir()
	writeFiles(t, dir, files)
	git(t, dir, "init", "-q")
	commitAll(t, dir)
	return dir
}

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func commitAll(t *testing.T, dir string) {
	t.Helper()
	git(t, dir, "add", "-A")
	git(t, dir, "-c", "user.name=grade", "-c", "user.email=grade@example.com", "-c", "commit.gpgsign=false", "commit", "-q", "--no-verify", "-m", "course")
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func check(t *testing.T, opt checkOptions) (string, error) {
	t.Helper()
	var out bytes.Buffer
	err := checkSolutions(context.Background(), &out, opt)
	return out.String(), err
}

func TestCheckIgnoresUncommittedWorkAndProvesEveryStack(t *testing.T) {
	t.Parallel()
	dir := gitRepo(t, fakeCourse)
	// The learner solved exercise 1 in the working tree, not committed.
	writeFiles(t, dir, map[string]string{"lessons/01-x/calc.go": strings.Replace(fakeCalc, "return x\n}\n\n// Triple", "return x + x\n}\n\n// Triple", 1)})

	out, err := check(t, checkOptions{Dir: dir, Jobs: 2})
	if err != nil {
		t.Fatalf("check of the course as committed = %v, want nil; the learner's work must be invisible:\n%s", err, out)
	}
	if want := "ok   lessons/01-x: 2 exercises fail as committed; the solution stacks 1 2 1+2 pass\n"; !strings.Contains(out, want) {
		t.Errorf("check output lacks %q:\n%s", want, out)
	}
	if !strings.Contains(out, "checked 2 exercises and 3 stacks of solutions") {
		t.Errorf("check output does not count what it checked:\n%s", out)
	}

	t.Run("with -worktree it sees the learner's work", func(t *testing.T) {
		out, err := check(t, checkOptions{Dir: dir, Worktree: true, Jobs: 2, Only: "01"})
		if err == nil || !strings.Contains(out, "FAIL lessons/01-x: TestExercise1Double passes on the lesson in the working tree") {
			t.Errorf("check -worktree = %v, want exercise 1 named as passing:\n%s", err, out)
		}
	})
}

func TestCheckFailsWhenAStackOfSolutionsDoesNotApply(t *testing.T) {
	t.Parallel()
	files := maps.Clone(fakeCourse)
	files["lessons/01-x/solutions/exercise2.patch"] = fakePatch2WithTooMuchContext
	dir := gitRepo(t, files)

	out, err := check(t, checkOptions{Dir: dir, Jobs: 2})
	want := "FAIL lessons/01-x: solutions/exercise2.patch does not apply after exercise1.patch: "
	if err == nil || !strings.Contains(out, want) {
		t.Errorf("check = %v, want a failure with %q:\n%s", err, want, out)
	}
	if strings.Contains(out, "ok   lessons/01-x") {
		t.Errorf("check says the lesson is ok although a stack failed:\n%s", out)
	}
}

func TestCheckFailsWhenAnExercisePassesAsCommitted(t *testing.T) {
	t.Parallel()
	files := maps.Clone(fakeCourse)
	files["lessons/01-x/calc.go"] = strings.Replace(fakeCalc, "return x\n}\n\n// Triple", "return 2 * x\n}\n\n// Triple", 1)
	dir := gitRepo(t, files) // what CI checks out: exercise 1 solved in the course itself

	out, err := check(t, checkOptions{Dir: dir, Jobs: 2})
	want := "FAIL lessons/01-x: TestExercise1Double passes on the lesson as committed; an exercise must fail until it is solved"
	if err == nil || !strings.Contains(out, want) {
		t.Errorf("check = %v, want a failure with %q:\n%s", err, want, out)
	}
}

func TestAppliedPatchesNamesOnlyTheSolutionsThatAreApplied(t *testing.T) {
	// A patch that adds a line like its context applies both ways: git
	// cannot tell whether it was applied, so grade must not say it was.
	const twice = `--- a/lessons/01-x/notes.txt
+++ b/lessons/01-x/notes.txt
@@ -1,2 +1,3 @@
 same
+same
 same
`
	const halfOfPatch2 = "package main\n\nfunc main() {}\n\n// Double is exercise 1.\nfunc Double(x int) int {\n\treturn x\n}\n\n// Triple is exercise 2.\nfunc Triple(x int) int {\n\treturn 3 *\n}\n"
	tests := []struct {
		name  string
		apply []string          // patches applied with git apply
		write map[string]string // then files written over
		want  []string
	}{
		{name: "none applied", want: nil},
		{name: "one applied", apply: []string{"exercise2.patch"}, want: []string{"lessons/01-x/solutions/exercise2.patch"}},
		{name: "two applied, in order", apply: []string{"exercise2.patch", "exercise1.patch"}, want: []string{"lessons/01-x/solutions/exercise1.patch", "lessons/01-x/solutions/exercise2.patch"}},
		{name: "one half applied by hand", write: map[string]string{"lessons/01-x/calc.go": halfOfPatch2}, want: nil},
		{name: "one that applies both ways (exercise3.patch, in every case)", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(fakeCourse)
			files["lessons/01-x/notes.txt"] = "same\nsame\nsame\n"
			files["lessons/01-x/solutions/exercise3.patch"] = twice
			dir := gitRepo(t, files)
			for _, p := range tt.apply {
				git(t, dir, "apply", "lessons/01-x/solutions/"+p)
			}
			writeFiles(t, dir, tt.write)
			if got := appliedPatches(context.Background(), dir, "lessons/01-x"); !slices.Equal(got, tt.want) {
				t.Errorf("appliedPatches = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestDocsStepMissingNamesAnExerciseWithoutItsOpenAPIStep(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"lessons/01-x/openapi.json": `{}`,
		"lessons/01-x/exercises_test.go": `package main

func TestExercise1Double(t *testing.T) {
	docs := webtest.DocsLast(t)
	if Double(2) != 4 {
		t.Error("no")
	}
	t.Run("openapi.json documents every answer above", docs.Want)
}

func TestExercise2Triple(t *testing.T) {
	docs := webtest.DocsLast(t)
	if Triple(2) != 6 {
		t.Error("no")
	}
}

func helper(t *testing.T) {}
`,
		"lessons/02-y/exercises_test.go": "package main\n\nfunc TestExercise1Plain(t *testing.T) {}\n",
	})
	want := []string{"lessons/01-x: TestExercise2Triple must open with " + docsFirst + " and close with " + docsLast +
		", so that openapi.json is checked in a last step of its own"}
	if got := docsStepMissing(dir, "lessons/01-x"); !slices.Equal(got, want) {
		t.Errorf("docsStepMissing(01-x) = %q, want %q", got, want)
	}
	if got := docsStepMissing(dir, "lessons/02-y"); len(got) > 0 {
		t.Errorf("docsStepMissing(02-y), a lesson without openapi.json, = %q, want nothing", got)
	}
}
