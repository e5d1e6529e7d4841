// Package course is what the course's own tools share: it finds the
// lessons, copies the course as last committed or as it is, builds a
// lesson and starts it until it listens. Its users are shared/tools/grade (the
// exercises), shared/tools/transcript (the READMEs) and shared/tools/speed.
package course

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
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// Lessons returns the lesson folders under root as slash paths
// ("lessons/NN-topic"), in order, or the one whose number is only.
func Lessons(root, only string) ([]string, error) {
	dirs, err := filepath.Glob(filepath.Join(root, "lessons", "[0-9][0-9]-*"))
	if err != nil {
		return nil, err
	}
	sort.Strings(dirs)
	var lessons []string
	for _, d := range dirs {
		if only == "" || strings.HasPrefix(filepath.Base(d), only+"-") {
			lessons = append(lessons, "lessons/"+filepath.Base(d))
		}
	}
	if len(lessons) == 0 {
		return nil, fmt.Errorf("no lesson matches %q (run from the course's root)", only)
	}
	return lessons, nil
}

// Committed writes the module in dir as last committed (git archive HEAD)
// into a scratch folder and returns it: uncommitted work in the checkout,
// a learner's solutions in progress above all, is invisible there. Outside
// a git checkout (a zip download), or without git, it returns dir itself
// and a note saying so.
func Committed(ctx context.Context, dir string) (root string, cleanup func(), note string, err error) {
	nothing := func() {}
	prefix, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--show-prefix").Output()
	if errors.Is(err, exec.ErrNotFound) {
		return dir, nothing, "git is not installed: checking the working tree as it is, uncommitted changes included", nil
	}
	if err != nil {
		return dir, nothing, "not a git checkout: checking the working tree as it is, uncommitted changes included", nil
	}
	tmp, err := os.MkdirTemp("", "course-committed-*")
	if err != nil {
		return "", nil, "", err
	}
	cleanup = func() { os.RemoveAll(tmp) }
	archive := exec.CommandContext(ctx, "git", "-C", dir, "archive", "--format=tar", "HEAD:"+strings.TrimSpace(string(prefix)))
	var stderr bytes.Buffer
	archive.Stderr = &stderr
	tarball, err := archive.Output()
	if err != nil {
		cleanup()
		if ctx.Err() != nil {
			return "", nil, "", ctx.Err()
		}
		first, _, _ := strings.Cut(strings.TrimSpace(stderr.String()), "\n")
		return dir, nothing, fmt.Sprintf("nothing committed to check (git archive HEAD: %s): checking the working tree as it is", first), nil
	}
	if err := untar(tmp, bytes.NewReader(tarball), moduleFile); err != nil {
		cleanup()
		return "", nil, "", err
	}
	return tmp, cleanup, "", nil
}

// moduleFile keeps what building, testing and running the lessons needs.
func moduleFile(name string) bool {
	top, _, _ := strings.Cut(name, "/")
	return name == "go.mod" || name == "go.sum" || top == "shared" || top == "lessons"
}

// untar writes the regular files of a tar stream that keep accepts under
// dir, with their permissions; a name that would leave dir is skipped.
func untar(dir string, r io.Reader, keep func(name string) bool) error {
	tr := tar.NewReader(r)
	for {
		h, err := tr.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		name := path.Clean(h.Name)
		if h.Typeflag != tar.TypeReg || !keep(name) || !fs.ValidPath(name) {
			continue
		}
		if err := writeFile(filepath.Join(dir, filepath.FromSlash(name)), tr, fs.FileMode(h.Mode).Perm()); err != nil {
			return err
		}
	}
}

// CopyTree copies the folders and regular files under src to dst, with
// their permissions, leaving out hidden ones (.git, .bin).
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != src && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, strings.TrimPrefix(p, src))
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return writeFile(target, f, info.Mode().Perm())
	})
}

// writeFile writes r to a new file at name, making its folder first.
func writeFile(name string, r io.Reader, perm fs.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := os.OpenFile(name, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, perm)
	if err != nil {
		return err
	}
	_, err = io.Copy(f, r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
