package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"apicourse/shared/tools/course"
)

var patchName = regexp.MustCompile(`^exercise(\d+)\.patch$`)

func patchFile(n int) string { return "exercise" + strconv.Itoa(n) + ".patch" }

// checkOptions says what -check checks and how.
type checkOptions struct {
	Dir      string // the module's folder
	Only     string // the number of the one lesson to check, or "" for all
	Worktree bool   // check the working tree, uncommitted changes included
	Jobs     int    // how many patched copies are tested at once
}

// stack is one set of a lesson's solutions, applied in ascending order, as
// a learner who took some of them would have it.
type stack struct {
	lesson  string
	numbers []int
	patches map[int]string // exercise number → patch file
}

// checkSolutions proves, for every lesson as committed, that each exercise
// test fails, and that every stack of its solutions applies, builds and
// passes the lesson's tests and exactly the exercises it solves.
func checkSolutions(ctx context.Context, out io.Writer, opt checkOptions) error {
	start := time.Now()
	root, cleanup, note, err := committedCopy(ctx, opt.Dir, opt.Worktree)
	if err != nil {
		return err
	}
	defer cleanup()
	if note != "" {
		fmt.Fprintln(out, note)
	}
	lessons, err := course.Lessons(root, opt.Only)
	if err != nil {
		return err
	}
	as, hint := "as committed", " (committed your own solution? make grade is your scoreboard)"
	if root == opt.Dir {
		as, hint = "in the working tree", ""
	}
	live := isTerminal(out)
	p := newProgress(out, live, len(lessons), time.Now)
	p.say(fmt.Sprintf("Testing %s %s, exercises included; each exercise must fail (the first time, minutes):", plural(len(lessons), "lesson"), as))
	stop := p.watch()
	shipped, err := testLessons(ctx, root, lessons, p)
	stop()
	if err != nil {
		return err
	}

	failures := map[string][]string{} // lesson → what is wrong
	var stacks []stack
	exercises := 0
	for _, lesson := range lessons {
		f, st, n, err := planLesson(root, lesson, shipped[lesson], as, hint)
		if err != nil {
			return err
		}
		failures[lesson], stacks, exercises = f, append(stacks, st...), exercises+n
	}
	p = newProgress(out, live, len(stacks), time.Now)
	p.doing, p.noun = "applying, building and testing the solutions", "stacks"
	p.say(fmt.Sprintf("Then each of the %d stacks of solutions, in a copy of its lesson; a line per lesson as its stacks pass:", len(stacks)))
	stop = p.watch()
	verdicts, err := testStacks(ctx, root, opt.Jobs, lessons, stacks, p.stepDone, func(lesson string, verdicts []string) {
		printLesson(p, lesson, as, shipped[lesson], stacks, verdicts, failures[lesson])
	})
	stop()
	if err != nil {
		return err
	}
	failed := 0
	for _, l := range lessons {
		failed += len(failures[l])
	}
	for _, v := range verdicts {
		if v != "" {
			failed++
		}
	}
	fmt.Fprintf(out, "checked %d exercises and %d stacks of solutions in %s\n", exercises, len(stacks), time.Since(start).Round(time.Second))
	if failed > 0 {
		return fmt.Errorf("%d exercise check(s) failed", failed)
	}
	return nil
}

// testStacks tests each stack in its own copy, jobs at a time, calls
// tested after each, and calls done for each lesson, in order, as soon as
// it and the lessons before it have all their stacks tested. A verdict is
// "" when the stack passed.
func testStacks(ctx context.Context, root string, jobs int, lessons []string, stacks []stack, tested func(), done func(lesson string, verdicts []string)) ([]string, error) {
	var mu sync.Mutex
	verdicts := make([]string, len(stacks))
	left := map[string]int{}
	for _, s := range stacks {
		left[s.lesson]++
	}
	printed := 0
	report := func() {
		for ; printed < len(lessons) && left[lessons[printed]] == 0; printed++ {
			done(lessons[printed], verdicts)
		}
	}
	report() // the lessons with nothing to apply
	err := forEach(ctx, len(stacks), jobs, func(i int) error {
		verdict, err := checkStack(ctx, root, stacks[i])
		mu.Lock()
		defer mu.Unlock()
		verdicts[i] = verdict
		tested()
		left[stacks[i].lesson]--
		report()
		return err
	})
	return verdicts, err
}

// planLesson reads a lesson's test results r, and returns what is wrong
// with it, the stacks of its solutions to test, and how many exercises it
// has. as says where the lesson was seen ("as committed") and hint what to
// do when an exercise passes there.
func planLesson(root, lesson string, r *lessonResult, as, hint string) (failures []string, stacks []stack, exercises int, err error) {
	if r.BuildErr != "" {
		msg := firstLine(strings.Join(compilerLines(r.BuildErr), "\n"))
		return []string{fmt.Sprintf("%s: does not build with -tags exercises: %s", lesson, msg)}, nil, 0, nil
	}
	patches, err := solutionPatches(root, lesson)
	if err != nil {
		return nil, nil, 0, err
	}
	tested := map[int]bool{}
	for _, e := range r.Exercises {
		tested[e.Number] = true
		if e.Passed {
			failures = append(failures, fmt.Sprintf("%s: %s passes on the lesson %s; an exercise must fail until it is solved%s", lesson, e.Test, as, hint))
		}
		if _, ok := patches[e.Number]; !ok {
			failures = append(failures, fmt.Sprintf("%s: %s has no solutions/%s", lesson, e.Test, patchFile(e.Number)))
		}
	}
	failures = append(failures, docsStepMissing(root, lesson)...)
	numbers := sortedKeys(patches)
	for _, n := range numbers {
		if !tested[n] {
			failures = append(failures, fmt.Sprintf("%s: solutions/%s has no TestExercise%d in exercises_test.go", lesson, patchFile(n), n))
		}
	}
	for _, set := range subsets(numbers) {
		stacks = append(stacks, stack{lesson: lesson, numbers: set, patches: patches})
	}
	return failures, stacks, len(r.Exercises), nil
}

// printLesson writes one lesson's verdict: a line when all is well, else
// a line per failure.
func printLesson(out io.Writer, lesson, as string, shipped *lessonResult, stacks []stack, verdicts []string, failures []string) {
	var sets []string
	for i, s := range stacks {
		if s.lesson != lesson {
			continue
		}
		if verdicts[i] != "" {
			failures = append(failures, verdicts[i])
		}
		sets = append(sets, stackName(s.numbers, "+"))
	}
	for _, f := range failures {
		fmt.Fprintln(out, "FAIL", f)
	}
	switch {
	case len(failures) == 0 && len(sets) == 0:
		fmt.Fprintf(out, "ok   %s: no exercises\n", lesson)
	case len(failures) == 0:
		fmt.Fprintf(out, "ok   %s: %d exercises fail %s; the solution stacks %s pass\n", lesson, len(shipped.Exercises), as, strings.Join(sets, " "))
	}
}

// subsets returns every non-empty subset of numbers (ascending), each in
// ascending order: the stacks of solutions a learner can apply.
func subsets(numbers []int) [][]int {
	var all [][]int
	for mask := 1; mask < 1<<len(numbers); mask++ {
		var set []int
		for i, n := range numbers {
			if mask&(1<<i) != 0 {
				set = append(set, n)
			}
		}
		all = append(all, set)
	}
	sort.SliceStable(all, func(i, j int) bool { return len(all[i]) < len(all[j]) })
	return all
}

// stackName writes a stack as "1+3" (sep "+") or as the patch files it
// applies (sep " + ": "exercise1.patch + exercise3.patch").
func stackName(numbers []int, sep string) string {
	names := make([]string, len(numbers))
	for i, n := range numbers {
		names[i] = strconv.Itoa(n)
		if sep != "+" {
			names[i] = patchFile(n)
		}
	}
	return strings.Join(names, sep)
}

// checkStack applies a stack of solutions to a scratch copy of root and
// returns what is wrong with it, or "" when it applies cleanly, is
// formatted, builds, passes the lesson's own tests and the exercises it
// solves, and no other exercise.
func checkStack(ctx context.Context, root string, s stack) (string, error) {
	tmp, err := os.MkdirTemp("", "grade-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for _, p := range []string{"go.mod", "go.sum", "shared", s.lesson} {
		err := course.CopyTree(filepath.Join(root, p), filepath.Join(tmp, p))
		if err != nil && !(p == "go.sum" && errors.Is(err, fs.ErrNotExist)) {
			return "", err
		}
	}
	with := "with " + stackName(s.numbers, " + ")
	for i, n := range s.numbers {
		apply := exec.CommandContext(ctx, "git", "apply", s.patches[n])
		apply.Dir = tmp
		if out, err := apply.CombinedOutput(); err != nil {
			if ctx.Err() != nil {
				return "", ctx.Err()
			}
			after := ""
			if i > 0 {
				after = " after " + stackName(s.numbers[:i], " + ")
			}
			return fmt.Sprintf("%s: solutions/%s does not apply%s: %s", s.lesson, patchFile(n), after, firstLine(string(out))), nil
		}
	}
	if unformatted := gofmtList(ctx, filepath.Join(tmp, s.lesson)); unformatted != "" {
		return fmt.Sprintf("%s: %s, gofmt would change %s", s.lesson, with, unformatted), nil
	}
	res, err := testLesson(ctx, tmp, s.lesson)
	if err != nil {
		return "", err
	}
	switch {
	case res.BuildErr != "":
		return fmt.Sprintf("%s: %s it does not build: %s", s.lesson, with, firstLine(strings.Join(compilerLines(res.BuildErr), "\n"))), nil
	case res.Passed < res.Total:
		return fmt.Sprintf("%s: %s the lesson's own tests fail: %s", s.lesson, with, strings.Join(res.Failed, ", ")), nil
	}
	var wrong []string
	for _, e := range res.Exercises {
		solved := false
		for _, n := range s.numbers {
			solved = solved || n == e.Number
		}
		switch {
		case solved && !e.Passed:
			wrong = append(wrong, e.Test+" still fails")
		case !solved && e.Passed:
			wrong = append(wrong, e.Test+" passes too, but only its own solution may make it pass")
		}
	}
	if len(wrong) > 0 {
		return fmt.Sprintf("%s: %s, %s", s.lesson, with, strings.Join(wrong, "; ")), nil
	}
	return "", nil
}

// forEach calls f(0) ... f(n-1), jobs at a time, and returns the first
// error; after one, the calls not yet started are skipped.
func forEach(ctx context.Context, n, jobs int, f func(i int) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	errs := make(chan error, n)
	var wg sync.WaitGroup
	for range max(1, min(jobs, n)) {
		wg.Go(func() {
			for i := range next {
				if err := f(i); err != nil {
					errs <- err
					cancel()
				}
			}
		})
	}
feed:
	for i := range n {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	return <-errs // nil when none
}

// committedCopy is the course as last committed (see course.Committed),
// or with worktree the working tree itself.
func committedCopy(ctx context.Context, dir string, worktree bool) (root string, cleanup func(), note string, err error) {
	if worktree {
		return dir, func() {}, "checking the working tree as it is, uncommitted changes included (-worktree)", nil
	}
	return course.Committed(ctx, dir)
}

// solutionPatches maps exercise numbers to the lesson's patch files, as
// absolute paths.
func solutionPatches(root, lesson string) (map[int]string, error) {
	dir := filepath.Join(root, lesson, "solutions")
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return map[int]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	patches := map[int]string{}
	for _, e := range entries {
		if m := patchName.FindStringSubmatch(e.Name()); m != nil {
			n, _ := strconv.Atoi(m[1])
			if patches[n], err = filepath.Abs(filepath.Join(dir, e.Name())); err != nil {
				return nil, err
			}
		}
	}
	return patches, nil
}

// gofmtList returns the files under dir that gofmt would change, "" if none:
// a solution is code a learner reads, so it must be formatted like the rest.
func gofmtList(ctx context.Context, dir string) string {
	out, err := exec.CommandContext(ctx, "gofmt", "-l", dir).CombinedOutput()
	if err != nil {
		return strings.TrimSpace(string(out)) + " (gofmt failed)"
	}
	var files []string
	for _, f := range strings.Fields(string(out)) {
		files = append(files, strings.TrimPrefix(f, dir+string(filepath.Separator)))
	}
	return strings.Join(files, ", ")
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
