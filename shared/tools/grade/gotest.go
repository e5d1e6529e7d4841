package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// lessonResult is what one `go test -json` run said about one lesson.
type lessonResult struct {
	Lesson    string
	Passed    int // the lesson's own top-level tests that passed
	Total     int
	Failed    []string // the lesson's own tests that failed
	Exercises []exercise
	BuildErr  string   // the compiler's (or go command's) output when a package did not build
	Applied   []string // when it does not build: the reference solutions applied (lessons/NN-topic/solutions/exerciseN.patch)
}

type exercise struct {
	Number int
	Test   string // TestExercise1FilterByCompleted
	Title  string // filter by completed
	Passed bool
}

var exerciseName = regexp.MustCompile(`^TestExercise(\d+)(\w*)$`)

// testLesson runs one lesson's tests, exercises included, in dir.
func testLesson(ctx context.Context, dir, lesson string) (*lessonResult, error) {
	res, err := testLessons(ctx, dir, []string{lesson})
	if err != nil {
		return nil, err
	}
	return res[lesson], nil
}

// testLessons runs the lessons' tests, exercises included, in dir with
// one go command, which builds and runs the packages side by side.
// -trimpath keeps build-cache hits when dir is a scratch copy; test
// binaries without debug information (-s -w) link a fifth faster, and
// their failures still name file and line.
func testLessons(ctx context.Context, dir string, lessons []string) (map[string]*lessonResult, error) {
	args := []string{"test", "-trimpath", "-ldflags=-s -w", "-json", "-count=1", "-timeout=3m", "-tags", "exercises"}
	for _, l := range lessons {
		args = append(args, "./"+l+"/...")
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		return nil, fmt.Errorf("go test: %v", err)
	}
	results := parseTestJSON(lessons, stdout)
	for _, l := range lessons {
		res := results[l]
		if res.Total == 0 && len(res.Exercises) == 0 {
			// Nothing ran: the go command said why on stderr (a broken
			// go.mod, a package it cannot find), or a build failed.
			res.BuildErr = strings.TrimSpace(strings.TrimSpace(stderr.String()) + "\n" + res.BuildErr)
			if res.BuildErr == "" {
				res.BuildErr = "no tests ran"
			}
		}
		if res.BuildErr != "" && len(res.Exercises) == 0 {
			res.Exercises = exercisesInSource(filepath.Join(dir, l))
		}
	}
	return results, nil
}

type testEvent struct {
	ImportPath  string // of build-output events
	Action      string
	Package     string
	Test        string
	Output      string
	FailedBuild string // on a package's fail: the import path whose build failed
}

// lessonOf returns the lesson among lessons that holds package pkg
// (apicourse/lessons/08-webhook-receiver/webhook), or "".
func lessonOf(lessons []string, pkg string) string {
	pkg, _, _ = strings.Cut(pkg, " ") // "p [p.test]"
	pkg = strings.TrimSuffix(pkg, "_test")
	for _, l := range lessons {
		if strings.Contains(pkg+"/", "/"+l+"/") {
			return l
		}
	}
	return ""
}

// parseTestJSON tallies top-level tests per lesson from `go test -json`
// output, and gives each lesson the build output of the packages of its
// that failed to build.
func parseTestJSON(lessons []string, out []byte) map[string]*lessonResult {
	t := newTally(lessons)
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) == nil {
			t.add(ev)
		}
	}
	t.claimBuildOutput()
	results := map[string]*lessonResult{}
	for _, l := range lessons {
		results[l] = t.result(l)
	}
	return results
}

// tally is what `go test -json` said so far, per lesson.
type tally struct {
	lessons      []string
	outcome      map[string]map[string]bool // lesson → "pkg test" → passed
	pkgFailed    map[string]bool
	buildOutput  map[string]*strings.Builder // import path → compiler output
	buildOrder   []string
	failedBuilds map[string][]string // lesson → import paths that failed
}

func newTally(lessons []string) *tally {
	t := &tally{
		lessons:      lessons,
		outcome:      map[string]map[string]bool{},
		pkgFailed:    map[string]bool{},
		buildOutput:  map[string]*strings.Builder{},
		failedBuilds: map[string][]string{},
	}
	for _, l := range lessons {
		t.outcome[l] = map[string]bool{}
	}
	return t
}

// add counts one event: compiler output, a package's failure, or a
// top-level test's end (subtests count through their parent).
func (t *tally) add(ev testEvent) {
	if ev.Action == "build-output" {
		b := t.buildOutput[ev.ImportPath]
		if b == nil {
			b = &strings.Builder{}
			t.buildOutput[ev.ImportPath] = b
			t.buildOrder = append(t.buildOrder, ev.ImportPath)
		}
		b.WriteString(ev.Output)
		return
	}
	lesson := lessonOf(t.lessons, ev.Package)
	switch {
	case lesson == "":
	case ev.Test == "" && ev.Action == "fail":
		t.pkgFailed[ev.Package] = true
		if ev.FailedBuild != "" && !slices.Contains(t.failedBuilds[lesson], ev.FailedBuild) {
			t.failedBuilds[lesson] = append(t.failedBuilds[lesson], ev.FailedBuild)
		}
	case ev.Test == "" || strings.Contains(ev.Test, "/"):
	case ev.Action == "pass" || ev.Action == "skip":
		t.outcome[lesson][ev.Package+" "+ev.Test] = true
	case ev.Action == "fail":
		t.outcome[lesson][ev.Package+" "+ev.Test] = false
	}
}

// claimBuildOutput gives build output that no failed package claimed (an
// older go command without FailedBuild) to the lesson its import path names.
func (t *tally) claimBuildOutput() {
	claimed := map[string]bool{}
	for _, paths := range t.failedBuilds {
		for _, p := range paths {
			claimed[p] = true
		}
	}
	for _, p := range t.buildOrder {
		if l := lessonOf(t.lessons, p); l != "" && !claimed[p] {
			t.failedBuilds[l] = append(t.failedBuilds[l], p)
		}
	}
}

// result is lesson l's tests and exercises, passed or not.
func (t *tally) result(l string) *lessonResult {
	res := &lessonResult{Lesson: l}
	var build strings.Builder
	for _, p := range t.failedBuilds[l] {
		if b := t.buildOutput[p]; b != nil {
			build.WriteString(b.String())
		}
	}
	res.BuildErr = strings.TrimSpace(build.String())
	t.countCrashes(l)
	keys := make([]string, 0, len(t.outcome[l]))
	for k := range t.outcome[l] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_, test, _ := strings.Cut(k, " ")
		passed := t.outcome[l][k]
		if m := exerciseName.FindStringSubmatch(test); m != nil {
			n, _ := strconv.Atoi(m[1])
			res.Exercises = append(res.Exercises, exercise{Number: n, Test: test, Title: words(m[2]), Passed: passed})
			continue
		}
		res.Total++
		if passed {
			res.Passed++
		} else {
			res.Failed = append(res.Failed, test)
		}
	}
	sort.Slice(res.Exercises, func(i, j int) bool { return res.Exercises[i].Number < res.Exercises[j].Number })
	return res
}

// countCrashes counts a package of lesson l that failed with no failed
// test as a failure of its own: it crashed or timed out, and the tests it
// never finished must not count as passed.
func (t *tally) countCrashes(l string) {
	for pkg := range t.pkgFailed {
		if lessonOf(t.lessons, pkg) != l {
			continue
		}
		explained := false
		for k, passed := range t.outcome[l] {
			explained = explained || (!passed && strings.HasPrefix(k, pkg+" "))
		}
		if !explained && len(t.failedBuilds[l]) == 0 {
			t.outcome[l][pkg+" (the test binary crashed or timed out)"] = false
		}
	}
}

var exerciseFunc = regexp.MustCompile(`(?m)^func (TestExercise(\d+)(\w*))\(`)

// exercisesInSource lists the exercises of the lesson in dir from its
// exercises_test.go, none passed: what a lesson that does not build still
// asks of the learner.
func exercisesInSource(dir string) []exercise {
	src, err := os.ReadFile(filepath.Join(dir, "exercises_test.go"))
	if err != nil {
		return nil
	}
	var list []exercise
	for _, m := range exerciseFunc.FindAllStringSubmatch(string(src), -1) {
		n, _ := strconv.Atoi(m[2])
		list = append(list, exercise{Number: n, Test: m[1], Title: words(m[3])})
	}
	sort.Slice(list, func(i, j int) bool { return list[i].Number < list[j].Number })
	return list
}

// words turns "FilterByCompleted" into "filter by completed".
func words(camel string) string {
	var b strings.Builder
	for i, r := range camel {
		if i > 0 && r >= 'A' && r <= 'Z' {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ToLower(string(r)))
	}
	return b.String()
}
