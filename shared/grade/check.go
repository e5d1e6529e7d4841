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
)

var patchName = regexp.MustCompile(`^exercise(\d+)\.patch$`)

// checkSolutions proves, for every lesson, that each exercise test fails
// as shipped and passes with its solution, without breaking the lesson.
func checkSolutions(ctx context.Context, out io.Writer, lessons []string) error {
	var failures []string
	for _, lesson := range lessons {
		shipped, err := testLesson(ctx, ".", lesson)
		if err != nil {
			return err
		}
		if shipped.BuildErr != "" {
			failures = append(failures, fmt.Sprintf("%s: does not build with -tags exercises: %s", lesson, firstLine(shipped.BuildErr)))
			continue
		}
		patches, err := solutionPatches(lesson)
		if err != nil {
			return err
		}
		for _, e := range shipped.Exercises {
			if e.Passed {
				failures = append(failures, fmt.Sprintf("%s: %s passes on the lesson as shipped; an exercise must start failing", lesson, e.Test))
			}
			if _, ok := patches[e.Number]; !ok {
				failures = append(failures, fmt.Sprintf("%s: %s has no solutions/exercise%d.patch", lesson, e.Test, e.Number))
			}
		}
		for _, n := range sortedKeys(patches) {
			msg, err := checkPatch(ctx, lesson, n, patches[n])
			if err != nil {
				return err
			}
			if msg != "" {
				failures = append(failures, msg)
				continue
			}
			fmt.Fprintf(out, "ok   %s exercise %d: fails as shipped, passes with its solution\n", lesson, n)
		}
	}
	for _, f := range failures {
		fmt.Fprintln(out, "FAIL", f)
	}
	if len(failures) > 0 {
		return fmt.Errorf("%d exercise check(s) failed", len(failures))
	}
	return nil
}

// solutionPatches maps exercise numbers to the lesson's patch files.
func solutionPatches(lesson string) (map[int]string, error) {
	entries, err := os.ReadDir(filepath.Join(lesson, "solutions"))
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
			patches[n], _ = filepath.Abs(filepath.Join(lesson, "solutions", e.Name()))
		}
	}
	return patches, nil
}

// checkPatch applies one solution to a scratch copy of the repository and
// returns a failure message, or "" when the exercise and lesson pass.
func checkPatch(ctx context.Context, lesson string, n int, patch string) (string, error) {
	tmp, err := os.MkdirTemp("", "grade-*")
	if err != nil {
		return "", err
	}
	defer os.RemoveAll(tmp)
	for _, p := range []string{"go.mod", "go.sum", "shared", lesson} {
		if err := copyTree(p, filepath.Join(tmp, p)); err != nil {
			return "", err
		}
	}
	apply := exec.CommandContext(ctx, "git", "apply", patch)
	apply.Dir = tmp
	if out, err := apply.CombinedOutput(); err != nil {
		return fmt.Sprintf("%s: solutions/exercise%d.patch does not apply: %s", lesson, n, firstLine(string(out))), nil
	}
	if unformatted := gofmtList(ctx, filepath.Join(tmp, lesson)); unformatted != "" {
		return fmt.Sprintf("%s: with exercise%d.patch, gofmt would change %s", lesson, n, unformatted), nil
	}
	res, err := testLesson(ctx, tmp, lesson)
	if err != nil {
		return "", err
	}
	switch {
	case res.BuildErr != "":
		return fmt.Sprintf("%s: with exercise%d.patch it does not build: %s", lesson, n, firstLine(res.BuildErr)), nil
	case res.Passed < res.Total:
		return fmt.Sprintf("%s: with exercise%d.patch the lesson's own tests fail: %s", lesson, n, strings.Join(res.Failed, ", ")), nil
	}
	for _, e := range res.Exercises {
		if e.Number == n && e.Passed {
			return "", nil
		}
	}
	return fmt.Sprintf("%s: with exercise%d.patch, TestExercise%d still fails", lesson, n, n), nil
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

func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		target := filepath.Join(dst, strings.TrimPrefix(path, src))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, 0o644)
	})
}

func sortedKeys(m map[int]string) []int {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	return keys
}
