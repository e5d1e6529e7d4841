package main

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// buildLessons builds every lesson's program into bin, named after its folder.
func buildLessons(ctx context.Context, bin string, lessons []string) error {
	args := []string{"build", "-o", bin + string(filepath.Separator)}
	for _, l := range lessons {
		args = append(args, "./"+filepath.ToSlash(l))
	}
	cmd := exec.CommandContext(ctx, "go", args...)
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

// scratchCopy copies the course into a new temporary folder.
func scratchCopy(name string) (string, error) {
	dir, err := os.MkdirTemp("", "transcript-"+name+"-")
	if err != nil {
		return "", err
	}
	for _, f := range courseFiles {
		if err := copyTree(f, filepath.Join(dir, f)); err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	return dir, nil
}

// copyTree copies regular files and folders from src to dst, skipping
// hidden ones.
func copyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if strings.HasPrefix(d.Name(), ".") && path != src {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, strings.TrimPrefix(path, src))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	info, err := in.Stat()
	if err != nil {
		return err
	}
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
