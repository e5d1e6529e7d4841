// Command grade is the course's scoreboard and the check behind its
// exercises. It runs the lessons' tests with the build tag "exercises" and
// prints, per lesson, the lesson's own tests and each exercise, passed or
// not yet, and for one not yet, the line of its first failure and the
// command that runs it alone; for a lesson that does not build, the
// compiler's first messages and which reference solutions are applied. It
// prints a line per lesson as its tests finish, so that the first, cold
// run (minutes of compiling) never looks hung:
//
//	go run ./shared/tools/grade            # every lesson
//	go run ./shared/tools/grade -lesson 03 # one lesson
//
// With -check it proves the exercises are real, as `make test` does, on the
// lessons as last committed (git archive HEAD), so that a learner's work in
// progress never turns it red: every exercise test fails, and every stack
// of the reference solutions (lessons/NN-topic/solutions/exerciseN.patch),
// each applied alone or after others in ascending order with plain
// `git apply`, makes a copy that builds and passes the lesson's own tests
// and exactly the exercises it solves.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"apicourse/shared/program"
	"apicourse/shared/tools/course"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stdout)
	stop()
	if err != nil && !errors.Is(err, flag.ErrHelp) {
		err = fmt.Errorf("grade: %w", err)
	}
	os.Exit(program.ExitCode(err, os.Stderr)) // -h is 0, a wrong flag 2, a failure 1
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("grade", flag.ContinueOnError)
	only := fs.String("lesson", "", "grade only the lesson with this `number` (01..10)")
	check := fs.Bool("check", false, "prove every exercise fails as committed and every stack of its solution patches passes")
	worktree := fs.Bool("worktree", false, "with -check: check the working tree, uncommitted changes included (for whoever edits the exercises)")
	jobs := fs.Int("jobs", min(runtime.NumCPU(), 4), "with -check: how many patched copies to test at once")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *check {
		return checkSolutions(ctx, out, checkOptions{Dir: ".", Only: *only, Worktree: *worktree, Jobs: *jobs})
	}
	lessons, err := course.Lessons(".", *only)
	if err != nil {
		return err
	}
	packages := 0
	for _, l := range lessons {
		packages += countPackages(l)
	}
	p := newProgress(out, isTerminal(out), len(lessons), time.Now)
	p.say(fmt.Sprintf("Compiling and testing %s (%s) with their exercises; a line per lesson as its tests finish (the first time, minutes):", plural(len(lessons), "lesson"), plural(packages, "package")))
	stop := p.watch()
	byLesson, err := testLessons(ctx, ".", lessons, p)
	stop()
	if err != nil {
		return err
	}
	fmt.Fprintln(out)
	results := make([]*lessonResult, len(lessons))
	for i, l := range lessons {
		results[i] = byLesson[l]
		if results[i].BuildErr != "" {
			results[i].Applied = appliedPatches(ctx, ".", l)
		}
	}
	printScoreboard(out, results, isTerminal(out))
	return nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok || os.Getenv("NO_COLOR") != "" || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// plural writes "1 lesson" or "10 lessons".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
