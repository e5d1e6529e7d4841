package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os/exec"
	"regexp"
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
	BuildErr  string // set when the package did not compile
}

type exercise struct {
	Number int
	Test   string // TestExercise1FilterByCompleted
	Title  string // filter by completed
	Passed bool
}

var exerciseName = regexp.MustCompile(`^TestExercise(\d+)(\w*)$`)

// testLesson runs the lesson's tests, exercises included, in dir.
// -trimpath keeps build-cache hits when dir is a scratch copy.
func testLesson(ctx context.Context, dir, lesson string) (*lessonResult, error) {
	cmd := exec.CommandContext(ctx, "go", "test", "-trimpath", "-json", "-count=1", "-timeout=3m", "-tags", "exercises", "./"+lesson+"/...")
	cmd.Dir = dir
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	stdout, err := cmd.Output()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	res := parseTestJSON(lesson, stdout)
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		return nil, fmt.Errorf("go test %s: %v", lesson, err)
	}
	if res.Total == 0 && len(res.Exercises) == 0 {
		res.BuildErr = strings.TrimSpace(stderr.String() + res.BuildErr)
		if res.BuildErr == "" {
			res.BuildErr = "no tests ran"
		}
	}
	return res, nil
}

type testEvent struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// parseTestJSON tallies top-level tests from `go test -json` output.
func parseTestJSON(lesson string, out []byte) *lessonResult {
	res := &lessonResult{Lesson: lesson}
	outcome := map[string]bool{} // "pkg test" → passed
	pkgFailed := map[string]bool{}
	var buildOutput strings.Builder
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		switch {
		case ev.Action == "build-output":
			buildOutput.WriteString(ev.Output)
		case ev.Test == "" && ev.Action == "fail":
			pkgFailed[ev.Package] = true
		case ev.Test == "" || strings.Contains(ev.Test, "/"):
		case ev.Action == "pass" || ev.Action == "skip":
			outcome[ev.Package+" "+ev.Test] = true
		case ev.Action == "fail":
			outcome[ev.Package+" "+ev.Test] = false
		}
	}
	res.BuildErr = buildOutput.String()
	// A package that failed with no failed test crashed or timed out: the
	// tests it never finished must not count as passed.
	for pkg := range pkgFailed {
		explained := false
		for k, passed := range outcome {
			explained = explained || (!passed && strings.HasPrefix(k, pkg+" "))
		}
		if !explained {
			outcome[pkg+" (the test binary crashed or timed out)"] = false
		}
	}
	keys := make([]string, 0, len(outcome))
	for k := range outcome {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		_, test, _ := strings.Cut(k, " ")
		passed := outcome[k]
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
