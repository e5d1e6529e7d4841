package course

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// write makes the files of tree (slash paths → contents) under dir.
func write(t *testing.T, dir string, tree map[string]string) {
	t.Helper()
	for name, text := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func read(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func git(t *testing.T, dir string, args ...string) {
	t.Helper()
	cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
}

func TestLessonsAreFoundInOrderOrByNumber(t *testing.T) {
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"lessons/02-blog/main.go": "", "lessons/01-todo/main.go": "", "lessons/notes/x": "",
	})
	all, err := Lessons(dir, "")
	if want := []string{"lessons/01-todo", "lessons/02-blog"}; err != nil || !slices.Equal(all, want) {
		t.Errorf("Lessons = %q, %v; want %q", all, err, want)
	}
	one, err := Lessons(dir, "02")
	if want := []string{"lessons/02-blog"}; err != nil || !slices.Equal(one, want) {
		t.Errorf("Lessons(02) = %q, %v; want %q", one, err, want)
	}
	if _, err := Lessons(dir, "03"); err == nil || !strings.Contains(err.Error(), `no lesson matches "03"`) {
		t.Errorf("Lessons(03) error = %v, want one naming the number", err)
	}
}

func TestCommittedSeesNeitherUncommittedChangesNorFilesOutsideTheModule(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	write(t, dir, map[string]string{
		"go.mod": "module x\n", "lessons/01-todo/main.go": "committed\n", "notes.txt": "not the module's\n",
	})
	git(t, dir, "init", "-q")
	git(t, dir, "add", ".")
	git(t, dir, "commit", "-q", "-m", "course")
	write(t, dir, map[string]string{"lessons/01-todo/main.go": "a learner's work\n", "lessons/01-todo/new.go": "untracked\n"})

	root, cleanup, note, err := Committed(context.Background(), dir)
	if err != nil || note != "" {
		t.Fatalf("Committed: %v, note %q", err, note)
	}
	defer cleanup()
	if got := read(t, filepath.Join(root, "lessons/01-todo/main.go")); got != "committed\n" {
		t.Errorf("main.go in the copy = %q, want the committed text", got)
	}
	for _, absent := range []string{"lessons/01-todo/new.go", "notes.txt"} {
		if _, err := os.Stat(filepath.Join(root, absent)); err == nil {
			t.Errorf("%s is in the committed copy; want it left out", absent)
		}
	}
}

func TestCommittedOutsideGitChecksTheWorkingTreeAndSaysSo(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git is not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CEILING_DIRECTORIES", filepath.Dir(dir)) // no repository above it either
	root, cleanup, note, err := Committed(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	defer cleanup()
	if root != dir || !strings.HasPrefix(note, "not a git checkout: checking the working tree") {
		t.Errorf("Committed outside git = %q, note %q; want the folder itself and a note", root, note)
	}
}

func TestCopyTreeLeavesHiddenFilesOutAndKeepsPermissions(t *testing.T) {
	src, dst := t.TempDir(), t.TempDir()
	write(t, src, map[string]string{"a/run.sh": "#!/bin/sh\n", "a/.bin/lesson": "binary", ".git/HEAD": "x", "b.txt": "b"})
	if err := os.Chmod(filepath.Join(src, "a/run.sh"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := CopyTree(src, dst); err != nil {
		t.Fatal(err)
	}
	if got := read(t, filepath.Join(dst, "b.txt")); got != "b" {
		t.Errorf("b.txt = %q", got)
	}
	if info, err := os.Stat(filepath.Join(dst, "a/run.sh")); err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("run.sh copied as %v, %v; want mode 0755", info, err)
	}
	for _, hidden := range []string{"a/.bin", ".git"} {
		if _, err := os.Stat(filepath.Join(dst, hidden)); err == nil {
			t.Errorf("%s was copied; want hidden names left out", hidden)
		}
	}
}
