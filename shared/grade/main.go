// Command grade is the course's scoreboard and the check behind its
// exercises. It runs the lessons' tests with the build tag "exercises" and
// prints, per lesson, the lesson's own tests and each exercise, passed or
// not yet:
//
//	go run ./shared/grade            # every lesson
//	go run ./shared/grade -lesson 03 # one lesson
//
// With -check it proves the exercises are real, as `make test` does: on the
// lessons as shipped every exercise test fails, and with each reference
// solution (lessons/NN-topic/solutions/exerciseN.patch) applied to a copy
// of the repository, that exercise's test and all the lesson's own tests pass.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "grade:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	only := fs.String("lesson", "", "grade only the lesson with this `number` (01..10)")
	check := fs.Bool("check", false, "prove every exercise fails as shipped and passes with its solution patch")
	if err := fs.Parse(args); err != nil {
		return err
	}
	lessons, err := findLessons(".", *only)
	if err != nil {
		return err
	}
	if *check {
		return checkSolutions(ctx, out, lessons)
	}
	results := make([]*lessonResult, len(lessons))
	for i, l := range lessons {
		if results[i], err = testLesson(ctx, ".", l); err != nil {
			return err
		}
	}
	printScoreboard(out, results, isTerminal(out))
	return nil
}

// findLessons returns the lesson folders (lessons/NN-topic), in order, or
// the one whose number is only.
func findLessons(root, only string) ([]string, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "[0-9][0-9]-*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(dirs)
	var lessons []string
	for _, d := range dirs {
		if only == "" || strings.HasPrefix(filepath.Base(d), only+"-") {
			lessons = append(lessons, filepath.ToSlash(strings.TrimPrefix(d, root+string(filepath.Separator))))
		}
	}
	if len(lessons) == 0 {
		return nil, fmt.Errorf("no lesson matches %q", only)
	}
	return lessons, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
