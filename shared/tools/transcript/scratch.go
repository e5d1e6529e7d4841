package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"

	"apicourse/shared/tools/course"
)

// courseFiles are what a fresh clone has and the commands may use (the
// root README's run make); files a learner made at the top (blog.db,
// uploads) stay out of the copy.
var courseFiles = []string{"Makefile", "go.mod", "go.sum", "lessons", "shared"}

// scratchCopy copies the course in src into a new temporary folder.
func scratchCopy(src, name string) (string, error) {
	dir, err := os.MkdirTemp("", "transcript-"+name+"-")
	if err != nil {
		return "", err
	}
	for _, f := range courseFiles {
		if _, err := os.Stat(filepath.Join(src, f)); err != nil && f == "Makefile" {
			continue // a course without one, as in the tests
		}
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
	if err == nil && root != "." {
		err = addCommitted(ctx, root, rootFiles)
	}
	return root, cleanup, err
}

// rootFiles are the course's files beside the module that the root README's
// commands need; course.Committed copies only the module.
var rootFiles = []string{"README.md", "Makefile"}

// addCommitted writes files as last committed into root.
func addCommitted(ctx context.Context, root string, files []string) error {
	for _, f := range files {
		text, err := exec.CommandContext(ctx, "git", "show", "HEAD:./"+f).Output()
		if err != nil {
			return fmt.Errorf("git show HEAD:./%s: %v", f, err)
		}
		if err := os.WriteFile(filepath.Join(root, f), text, 0o644); err != nil {
			return err
		}
	}
	return nil
}
