package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// lessonResult is what one `go test -json` run said about one lesson.
type lessonResult struct {
	Lesson    string
	Passed    int // the lesson's own top-level tests that passed
	Total     int
	Failed    []string // the lesson's own tests that failed
	Why       string   // when one failed: the one line of the first one's first failure
	Run       string   // and the command that runs that test alone
	Exercises []exercise
	BuildErr  string   // the compiler's (or go command's) output when a package did not build
	Applied   []string // when it does not build: the reference solutions applied (lessons/NN-topic/solutions/exerciseN.patch)
}

type exercise struct {
	Number int
	Test   string // TestExercise1FilterByCompleted
	Title  string // filter by completed
	Passed bool
	Dir    string // the folder of its package, as go test takes it: ./lessons/01-basic-todo-api/
	Why    string // when it failed: the one line of its first failure
	Checks int    // its subtests that ran (its own t.Run checks)
	Passes int    // and of them, those that passed
}

// command is how to run the exercise alone.
func (e exercise) command() string {
	return fmt.Sprintf("go test -tags exercises -run '^TestExercise%d' %s", e.Number, e.Dir)
}

var exerciseName = regexp.MustCompile(`^TestExercise(\d+)(\w*)$`)

// testLesson runs one lesson's tests, exercises included, in dir.
func testLesson(ctx context.Context, dir, lesson string) (*lessonResult, error) {
	res, err := testLessons(ctx, dir, []string{lesson}, nil)
	if err != nil {
		return nil, err
	}
	return res[lesson], nil
}

// testLessons runs the lessons' tests, exercises included, in dir with
// one go command, which builds and runs the packages side by side.
// -trimpath keeps build-cache hits when dir is a scratch copy; test
// binaries without debug information (-s -w) link a fifth faster, and
// their failures still name file and line. p, when not nil, hears of each
// lesson as soon as all its packages have finished, and of the modules
// the go command downloads.
func testLessons(ctx context.Context, dir string, lessons []string, p *progress) (map[string]*lessonResult, error) {
	args := []string{"test", "-trimpath", "-ldflags=-s -w", "-json", "-count=1", "-timeout=3m", "-tags", "exercises"}
	for _, l := range lessons {
		args = append(args, "./"+l+"/...")
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = dir
	stderr := &stderrLines{p: p}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("go test: %v", err)
	}
	t := newTally(lessons)
	packages := map[string]int{}
	for _, l := range lessons {
		packages[l] = countPackages(filepath.Join(dir, l))
	}
	reported := map[string]bool{}
	sc := bufio.NewScanner(stdout)
	sc.Buffer(nil, 4<<20)
	for sc.Scan() {
		var ev testEvent
		if json.Unmarshal(sc.Bytes(), &ev) != nil {
			continue
		}
		if l := t.add(ev); l != "" && p != nil && !reported[l] && t.packagesDone[l] == packages[l] {
			reported[l] = true
			p.lessonDone(complete(t.result(l), dir, ""))
		}
	}
	io.Copy(io.Discard, stdout) // what the scanner left, so that go test can finish
	err = cmd.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if _, isExit := err.(*exec.ExitError); err != nil && !isExit {
		return nil, fmt.Errorf("go test: %v", err)
	}
	t.claimBuildOutput()
	results := map[string]*lessonResult{}
	for _, l := range lessons {
		results[l] = complete(t.result(l), dir, stderr.String())
		if p != nil && !reported[l] {
			p.lessonDone(results[l])
		}
	}
	return results, nil
}

// complete fills in what `go test -json` leaves out of a lesson's result:
// when nothing ran, why (the go command's stderr: a broken go.mod, a
// package it cannot find), and when it did not build, its exercises.
func complete(res *lessonResult, dir, stderr string) *lessonResult {
	if res.Total == 0 && len(res.Exercises) == 0 {
		res.BuildErr = strings.TrimSpace(strings.TrimSpace(stderr) + "\n" + res.BuildErr)
		if res.BuildErr == "" {
			res.BuildErr = "no tests ran"
		}
	}
	if res.BuildErr != "" && len(res.Exercises) == 0 {
		res.Exercises = exercisesInSource(filepath.Join(dir, res.Lesson), res.Lesson)
	}
	return res
}

// stderrLines keeps what the go command writes to stderr, and passes on
// at once the lines that say why it is slow (go: downloading ...).
type stderrLines struct {
	p       *progress
	mu      sync.Mutex
	all     strings.Builder
	partial string
}

func (s *stderrLines) Write(b []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.all.Write(b)
	s.partial += string(b)
	for {
		line, rest, ok := strings.Cut(s.partial, "\n")
		if !ok {
			break
		}
		s.partial = rest
		if s.p != nil && strings.HasPrefix(line, "go: downloading ") {
			s.p.say(line)
		}
	}
	return len(b), nil
}

func (s *stderrLines) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.all.String()
}

// countPackages counts the folders under dir that hold Go files, as
// `go test dir/...` sees them (testdata and folders named _x or .x left out).
func countPackages(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return nil
		case d.IsDir() && path != dir && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".") || strings.HasPrefix(d.Name(), "_")):
			return filepath.SkipDir
		case d.IsDir():
			matches, _ := filepath.Glob(filepath.Join(path, "*.go"))
			if len(matches) > 0 {
				n++
			}
		}
		return nil
	})
	return n
}

type testEvent struct {
	ImportPath  string // of build-output events
	Action      string
	Package     string
	Test        string
	Output      string
	FailedBuild string // on a package's fail: the import path whose build failed
}

// packageDir is the folder of package pkg of lesson, as go test takes
// it: apicourse/lessons/08-webhook-receiver/webhook is
// ./lessons/08-webhook-receiver/webhook/.
func packageDir(lesson, pkg string) string {
	pkg, _, _ = strings.Cut(pkg, " ")
	pkg = strings.TrimSuffix(pkg, "_test")
	if i := strings.Index(pkg+"/", "/"+lesson+"/"); i >= 0 {
		return "./" + pkg[i+1:] + "/"
	}
	return "./" + lesson + "/"
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
	for _, line := range bytes.Split(out, []byte("\n")) {
		var ev testEvent
		if json.Unmarshal(line, &ev) == nil {
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
	outcome      map[string]map[string]bool // lesson → "pkg test" → passed, top-level tests
	ended        map[string]bool            // "pkg test" → passed (or skipped), subtests too
	skipped      map[string]bool            // "pkg test" → skipped: a step that did not run is no check
	messages     map[string][]message       // pkg → what its tests wrote, in order
	pkgFailed    map[string]bool
	packagesDone map[string]int              // lesson → its packages that finished
	buildOutput  map[string]*strings.Builder // import path → compiler output
	buildOrder   []string
	failedBuilds map[string][]string // lesson → import paths that failed
}

// message is one line a test wrote: t.Errorf's "exercises_test.go:54: ..."
// (at is "exercises_test.go:54"), or another (a panic), at "".
type message struct {
	test, at, text string
}

var testMessage = regexp.MustCompile(`^\s+(\S+\.go:\d+): (.*)$`)

func newTally(lessons []string) *tally {
	t := &tally{
		lessons:      lessons,
		outcome:      map[string]map[string]bool{},
		ended:        map[string]bool{},
		skipped:      map[string]bool{},
		messages:     map[string][]message{},
		pkgFailed:    map[string]bool{},
		packagesDone: map[string]int{},
		buildOutput:  map[string]*strings.Builder{},
		failedBuilds: map[string][]string{},
	}
	for _, l := range lessons {
		t.outcome[l] = map[string]bool{}
	}
	return t
}

// add counts one event: compiler output, a package's end, a test's end
// (only top-level tests count; subtests are their checks) or a line a
// test wrote. It returns the lesson of a package that ended, else "".
func (t *tally) add(ev testEvent) string {
	if ev.Action == "build-output" {
		b := t.buildOutput[ev.ImportPath]
		if b == nil {
			b = &strings.Builder{}
			t.buildOutput[ev.ImportPath] = b
			t.buildOrder = append(t.buildOrder, ev.ImportPath)
		}
		b.WriteString(ev.Output)
		return ""
	}
	lesson := lessonOf(t.lessons, ev.Package)
	if lesson == "" {
		return ""
	}
	switch {
	case ev.Test != "" && ev.Action == "output":
		t.write(ev.Package, ev.Test, ev.Output)
	case ev.Test != "" && (ev.Action == "pass" || ev.Action == "skip" || ev.Action == "fail"):
		t.ended[ev.Package+" "+ev.Test] = ev.Action != "fail"
		t.skipped[ev.Package+" "+ev.Test] = ev.Action == "skip"
	}
	switch {
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
	if ev.Test == "" && (ev.Action == "pass" || ev.Action == "fail" || ev.Action == "skip") {
		t.packagesDone[lesson]++
		return lesson
	}
	return ""
}

// write keeps the lines a test wrote that can say why it failed: not
// go test's own "=== RUN" and "--- FAIL" lines.
func (t *tally) write(pkg, test, output string) {
	for _, line := range strings.Split(strings.TrimRight(output, "\n"), "\n") {
		line = strings.TrimRight(line, " \t\r")
		trimmed := strings.TrimSpace(line)
		switch {
		case trimmed == "" || strings.HasPrefix(trimmed, "=== ") || strings.HasPrefix(trimmed, "--- "):
		case testMessage.MatchString(line):
			m := testMessage.FindStringSubmatch(line)
			t.messages[pkg] = append(t.messages[pkg], message{test: test, at: m[1], text: m[2]})
		default:
			t.messages[pkg] = append(t.messages[pkg], message{test: test, text: trimmed})
		}
	}
}

// why is the one line that says why test (an exercise) of pkg failed: the
// first message one of its failed tests or subtests wrote at a line of a
// test file (where the exercise states what it wanted), else the first
// message at any line (shared code the test calls), else the first line
// it wrote (a panic).
func (t *tally) why(pkg, test string) string {
	var atTest, atCode, other string
	for _, m := range t.messages[pkg] {
		if m.test != test && !strings.HasPrefix(m.test, test+"/") {
			continue
		}
		if passed, ok := t.ended[pkg+" "+m.test]; ok && passed {
			continue // a t.Log of a check that passed
		}
		switch {
		case m.at == "" && other == "":
			other = m.text
		case m.at != "" && strings.HasSuffix(strings.Split(m.at, ":")[0], "_test.go") && atTest == "":
			atTest = m.at + ": " + m.text
		case m.at != "" && atCode == "":
			atCode = m.at + ": " + m.text
		}
	}
	for _, s := range []string{atTest, atCode, other} {
		if s != "" {
			return oneLine(s)
		}
	}
	return ""
}

// maxWhy is how many characters of a failure the scoreboard shows.
const maxWhy = 160

// oneLine cuts s to maxWhy characters.
func oneLine(s string) string {
	if r := []rune(s); len(r) > maxWhy {
		return string(r[:maxWhy-1]) + "…"
	}
	return s
}

// checks counts the direct subtests of test that ended, and those of them
// that passed. A subtest's name may hold a slash of its own ("GET /todos
// lists them"), so a direct subtest is one no other subtest is a parent of.
func (t *tally) checks(pkg, test string) (passes, checks int) {
	prefix := pkg + " " + test + "/"
	var subs []string
	for k := range t.ended {
		if strings.HasPrefix(k, prefix) {
			subs = append(subs, k)
		}
	}
	for _, k := range subs {
		if t.skipped[k] {
			continue // the openapi.json step, say, when the answers were wrong
		}
		direct := true
		for _, parent := range subs {
			direct = direct && !strings.HasPrefix(k, parent+"/")
		}
		if direct {
			checks++
			if t.ended[k] {
				passes++
			}
		}
	}
	return passes, checks
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
		pkg, test, _ := strings.Cut(k, " ")
		passed := t.outcome[l][k]
		if m := exerciseName.FindStringSubmatch(test); m != nil {
			n, _ := strconv.Atoi(m[1])
			e := exercise{Number: n, Test: test, Title: words(m[2]), Passed: passed, Dir: packageDir(l, pkg)}
			e.Passes, e.Checks = t.checks(pkg, test)
			if !passed {
				e.Why = t.why(pkg, test)
			}
			res.Exercises = append(res.Exercises, e)
			continue
		}
		res.Total++
		if passed {
			res.Passed++
		} else {
			res.Failed = append(res.Failed, test)
			if res.Run == "" {
				res.Why = t.why(pkg, test)
				res.Run = fmt.Sprintf("go test -run '^%s$' %s", test, packageDir(l, pkg))
			}
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
func exercisesInSource(dir, lesson string) []exercise {
	src, err := os.ReadFile(filepath.Join(dir, "exercises_test.go"))
	if err != nil {
		return nil
	}
	var list []exercise
	for _, m := range exerciseFunc.FindAllStringSubmatch(string(src), -1) {
		n, _ := strconv.Atoi(m[2])
		list = append(list, exercise{Number: n, Test: m[1], Title: words(m[3]), Dir: "./" + lesson + "/"})
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
