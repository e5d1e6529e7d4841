package main

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLessonLineSaysHowFarALessonIs(t *testing.T) {
	tests := []struct {
		name string
		r    *lessonResult
		want string
	}{
		{"one exercise of three", &lessonResult{Lesson: "lessons/01-basic-todo-api", Passed: 22, Total: 22, Exercises: []exercise{{Passed: true}, {}, {}}},
			"01-basic-todo-api: 1 of 3 exercises pass (4.2s)"},
		{"its own tests failing", &lessonResult{Lesson: "lessons/02-blog", Passed: 20, Total: 22, Exercises: []exercise{{}}},
			"02-blog: 0 of 1 exercises pass, 2 of its 22 own tests fail (4.2s)"},
		{"not building", &lessonResult{Lesson: "lessons/03-uploads", BuildErr: "x.go:1:1: syntax error", Exercises: []exercise{{}}},
			"03-uploads: does not build (4.2s)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := lessonLine(tt.r, 4200*time.Millisecond); got != tt.want {
				t.Errorf("lessonLine = %q, want %q", got, tt.want)
			}
		})
	}
}

// clock is a time that a test moves by hand.
type clock struct{ t time.Time }

func (c *clock) now() time.Time          { return c.t }
func (c *clock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestProgressIsNeverQuietForLong(t *testing.T) {
	t.Run("a line after ten quiet seconds when not a terminal", func(t *testing.T) {
		var out bytes.Buffer
		c := &clock{t: time.Unix(0, 0)}
		p := newProgress(&out, false, 10, c.now)
		c.advance(9 * time.Second)
		p.tick()
		if out.Len() != 0 {
			t.Fatalf("after 9 quiet seconds progress wrote %q, want nothing yet", out.String())
		}
		c.advance(time.Second)
		p.tick()
		c.advance(time.Second)
		p.tick() // just said something: quiet again
		p.lessonDone(&lessonResult{Lesson: "lessons/01-x", Exercises: []exercise{{}}})
		c.advance(10 * time.Second)
		p.tick()
		want := "  ... still compiling and testing: 0 of 10 lessons done (10.0s)\n" +
			"01-x: 0 of 1 exercises pass (11.0s)\n" +
			"  ... still compiling and testing: 1 of 10 lessons done (21.0s)\n"
		if out.String() != want {
			t.Errorf("progress wrote\n%q\nwant\n%q", out.String(), want)
		}
	})
	t.Run("counts the steps that print nothing, and writes over the status line", func(t *testing.T) {
		var out bytes.Buffer
		c := &clock{t: time.Unix(0, 0)}
		p := newProgress(&out, true, 5, c.now)
		p.doing, p.noun = "testing the solutions", "stacks"
		p.stepDone()
		p.stepDone()
		c.advance(3 * time.Second)
		p.tick()
		fmt.Fprintln(p, "ok   lessons/01-x")
		want := "\r\x1b[K  ... still testing the solutions: 2 of 5 stacks done (3.0s)" +
			"\r\x1b[Kok   lessons/01-x\n"
		if out.String() != want {
			t.Errorf("progress wrote\n%q\nwant\n%q", out.String(), want)
		}
	})
	t.Run("one status line rewritten in place on a terminal", func(t *testing.T) {
		var out bytes.Buffer
		c := &clock{t: time.Unix(0, 0)}
		p := newProgress(&out, true, 2, c.now)
		c.advance(3 * time.Second)
		p.tick()
		c.advance(time.Second)
		p.tick()
		p.say("go: downloading golang.org/x/net v0.1.0")
		want := "\r\x1b[K  ... still compiling and testing: 0 of 2 lessons done (3.0s)" +
			"\r\x1b[K  ... still compiling and testing: 0 of 2 lessons done (4.0s)" +
			"\r\x1b[Kgo: downloading golang.org/x/net v0.1.0\n"
		if out.String() != want {
			t.Errorf("progress wrote\n%q\nwant\n%q", out.String(), want)
		}
	})
}

// brokenLesson is a second lesson for fakeCourse whose handlers.go does
// not compile.
var brokenLesson = map[string]string{
	"lessons/02-y/main.go":     "package main\n\nfunc main() {}\n",
	"lessons/02-y/handlers.go": "package main\n\nfunc handle() {\n",
	"lessons/02-y/exercises_test.go": `//go:build exercises

package main

import "testing"

func TestExercise1Anything(t *testing.T) {}
`,
	"lessons/02-y/solutions/exercise1.patch": `--- a/lessons/02-y/main.go
+++ b/lessons/02-y/main.go
@@ -1,3 +1,4 @@
 package main
 
+// main does nothing.
 func main() {}
`,
}

func TestGradeReportsEachLessonAndSaysWhyEachExerciseIsNotDone(t *testing.T) {
	files := map[string]string{}
	for _, course := range []map[string]string{fakeCourse, brokenLesson} {
		for name, content := range course {
			files[name] = content
		}
	}
	dir := gitRepo(t, files)
	git(t, dir, "apply", "lessons/01-x/solutions/exercise1.patch")
	t.Chdir(dir)

	var out bytes.Buffer
	if err := run(context.Background(), nil, &out); err != nil {
		t.Fatalf("grade: %v\n%s", err, out.String())
	}
	got := out.String()
	lines := strings.Split(got, "\n")
	if want := "Compiling and testing 2 lessons (2 packages) with their exercises; a line per lesson as its tests finish (the first time, minutes):"; lines[0] != want {
		t.Errorf("first line = %q, want %q", lines[0], want)
	}
	var perLesson []string
	for _, l := range lines[1:3] {
		name, _, _ := strings.Cut(l, " (")
		perLesson = append(perLesson, name)
	}
	slices.Sort(perLesson) // as each finishes: 02-y, which does not build, often first
	if want := []string{"01-x: 1 of 2 exercises pass", "02-y: does not build"}; !slices.Equal(perLesson, want) {
		t.Errorf("lines per lesson = %q, want %q", perLesson, want)
	}
	for _, want := range []string{
		"    exercise 1  double                                   done\n",
		"    exercise 2  triple                                   not yet\n" +
			"        why: exercises_test.go:15: Triple(2) = 2, want 6\n" +
			"        run: go test -tags exercises -run '^TestExercise2' ./lessons/01-x/\n",
		"lessons/02-y                       does not build:\n    lessons/02-y/handlers.go:",
		"    exercise 1  anything                                 untested: the lesson does not build\n",
		"Progress: 1/3 exercises (1 untested until their lesson builds)\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("grade lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "apply") {
		t.Errorf("grade speaks of applied solutions though lesson 02-y has none applied:\n%s", got)
	}

	git(t, dir, "apply", "lessons/02-y/solutions/exercise1.patch")
	out.Reset()
	if err := run(context.Background(), []string{"-lesson", "02"}, &out); err != nil {
		t.Fatalf("grade -lesson 02: %v", err)
	}
	if want := "    solutions/exercise1.patch is applied; undo it with: git apply -R lessons/02-y/solutions/exercise1.patch\n"; !strings.Contains(out.String(), want) {
		t.Errorf("grade -lesson 02 with its solution applied lacks %q:\n%s", want, out.String())
	}
}
