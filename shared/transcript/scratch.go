package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"apicourse/shared/course"
)

// buildLessons builds every lesson's program in src into bin, named after
// its folder. -trimpath lets a copy of the course use the build cache.
func buildLessons(ctx context.Context, src, bin string, lessons []string) error {
	args := []string{"build", "-trimpath", "-o", bin + string(filepath.Separator)}
	for _, l := range lessons {
		args = append(args, "./"+filepath.ToSlash(l))
	}
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = src
	out, err := cmd.CombinedOutput()
	if err != nil {
		return fmt.Errorf("go build: %v\n%s", err, out)
	}
	for _, l := range lessons {
		name := filepath.Base(l)
		// go build names a binary after the last element of its import path.
		if _, err := os.Stat(filepath.Join(bin, name)); err != nil {
			return fmt.Errorf("go build made no %s: %w", name, err)
		}
	}
	return nil
}

// courseFiles are what a fresh clone has and the commands may use; files a
// learner made at the top (blog.db, uploads) stay out of the copy.
var courseFiles = []string{"go.mod", "go.sum", "lessons", "shared"}

// scratchCopy copies the course in src into a new temporary folder.
func scratchCopy(src, name string) (string, error) {
	dir, err := os.MkdirTemp("", "transcript-"+name+"-")
	if err != nil {
		return "", err
	}
	for _, f := range courseFiles {
		if err := course.CopyTree(filepath.Join(src, f), filepath.Join(dir, f)); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

// courseSource returns the folder to check: the working tree, or with
// committed the course as of git's HEAD (see course.Committed), saying so
// when there is no commit to check.
func courseSource(ctx context.Context, out io.Writer, committed bool) (string, func(), error) {
	if !committed {
		return ".", func() {}, nil
	}
	root, cleanup, note, err := course.Committed(ctx, ".")
	if note != "" {
		fmt.Fprintln(out, "transcripts:", note)
	}
	return root, cleanup, err
}
