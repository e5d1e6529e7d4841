package main

import (
	"archive/tar"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
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
		if err := copyTree(filepath.Join(src, f), filepath.Join(dir, f)); err != nil {
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

// courseSource returns the folder to check: the working tree, or with
// committed a copy of the course as of git's HEAD. Outside a git checkout
// (a downloaded archive) it says so and uses the working tree.
func courseSource(ctx context.Context, out io.Writer, committed bool) (string, func(), error) {
	if !committed {
		return ".", func() {}, nil
	}
	dir, err := os.MkdirTemp("", "transcript-head-")
	if err != nil {
		return "", nil, err
	}
	cleanup := func() { os.RemoveAll(dir) }
	archive := exec.CommandContext(ctx, "git", append([]string{"archive", "--format=tar", "HEAD"}, courseFiles...)...)
	tarball, err := archive.Output()
	if err == nil {
		err = untar(bytes.NewReader(tarball), dir)
	}
	if err != nil {
		cleanup()
		fmt.Fprintf(out, "transcripts: no committed course to check (%v); checking the working tree\n", firstLine(err))
		return ".", func() {}, nil
	}
	return dir, cleanup, nil
}

// untar writes the regular files and folders of a tar stream under dir.
func untar(r io.Reader, dir string) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		target := filepath.Join(dir, filepath.FromSlash(h.Name))
		if !strings.HasPrefix(target, filepath.Clean(dir)+string(filepath.Separator)) {
			return fmt.Errorf("git archive named a path outside the folder: %q", h.Name)
		}
		switch h.Typeflag {
		case tar.TypeDir:
			err = os.MkdirAll(target, 0o755)
		case tar.TypeReg:
			err = writeFile(target, tr, os.FileMode(h.Mode).Perm())
		}
		if err != nil {
			return err
		}
	}
}

func writeFile(path string, r io.Reader, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func firstLine(err error) string {
	msg := err.Error()
	var exit *exec.ExitError
	if errors.As(err, &exit) && len(exit.Stderr) > 0 {
		msg = string(exit.Stderr)
	}
	first, _, _ := strings.Cut(strings.TrimSpace(msg), "\n")
	return first
}
