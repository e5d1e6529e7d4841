package program

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// readOnlyFolder returns a folder this user may not write to; it skips the
// test when running as root, who can write anywhere.
func readOnlyFolder(t *testing.T) string {
	t.Helper()
	if os.Geteuid() == 0 {
		t.Skip("running as root, who can write in a read-only folder")
	}
	dir := t.TempDir()
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755) })
	return dir
}

// wantError fails t unless err says every one of wants.
func wantError(t *testing.T, err error, wants ...string) {
	t.Helper()
	if err == nil {
		t.Fatalf("err = nil, want an error saying %q", wants)
	}
	for _, want := range wants {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("err = %q, want it to say %q", err, want)
		}
	}
}

func TestWritableFolderPassesAndLeavesNothingBehind(t *testing.T) {
	dir := t.TempDir()
	if err := writableFolder(dir); err != nil {
		t.Fatalf("writableFolder(a fresh temp dir) = %v, want nil", err)
	}
	if left, _ := os.ReadDir(dir); len(left) != 0 {
		t.Errorf("the check left %v behind", left)
	}
}

func TestWritableFolderSaysWhatIsWrongAndWhatToDo(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "no", "such")
	wantError(t, writableFolder(missing), "the folder "+missing+" does not exist", "mkdir -p "+missing)

	file := filepath.Join(t.TempDir(), "file")
	os.WriteFile(file, nil, 0o644)
	wantError(t, writableFolder(file), file+" is not a folder")

	t.Run("read-only", func(t *testing.T) {
		ro := readOnlyFolder(t)
		wantError(t, writableFolder(ro), "may not create files in the folder "+ro, "chmod u+w "+ro)
	})
}

func TestWritableFile(t *testing.T) {
	dir := t.TempDir()
	existing := filepath.Join(dir, "blog.db")
	os.WriteFile(existing, []byte("x"), 0o644)
	for _, path := range []string{existing, filepath.Join(dir, "new.db")} {
		if err := WritableFile(path); err != nil {
			t.Errorf("WritableFile(%s) = %v, want nil", path, err)
		}
	}
	if b, _ := os.ReadFile(existing); string(b) != "x" {
		t.Errorf("the check changed the file: %q", b)
	}

	missing := filepath.Join(dir, "missing", "blog.db")
	wantError(t, WritableFile(missing), "the folder "+filepath.Dir(missing)+" does not exist")
	wantError(t, WritableFile(dir), dir+" is a folder: name a file")

	t.Run("read-only folder", func(t *testing.T) {
		ro := readOnlyFolder(t)
		wantError(t, WritableFile(filepath.Join(ro, "blog.db")), "may not create files in the folder "+ro)
	})
	t.Run("read-only file", func(t *testing.T) {
		if os.Geteuid() == 0 {
			t.Skip("running as root, who can write a read-only file")
		}
		ro := filepath.Join(t.TempDir(), "ro.db")
		os.WriteFile(ro, nil, 0o444)
		wantError(t, WritableFile(ro), "the file "+ro+" is read-only", "chmod u+w "+ro)
	})
}

func TestMakeFolder(t *testing.T) {
	nested := filepath.Join(t.TempDir(), "static", "uploads")
	if err := MakeFolder(nested); err != nil {
		t.Fatalf("MakeFolder(%s) = %v, want nil", nested, err)
	}
	if fi, err := os.Stat(nested); err != nil || !fi.IsDir() {
		t.Errorf("MakeFolder did not create %s: %v", nested, err)
	}

	file := filepath.Join(t.TempDir(), "static")
	os.WriteFile(file, nil, 0o644)
	wantError(t, MakeFolder(filepath.Join(file, "uploads")), file+" is a file, not a folder")

	t.Run("read-only parent", func(t *testing.T) {
		ro := readOnlyFolder(t)
		wantError(t, MakeFolder(filepath.Join(ro, "static", "uploads")), "may not create files in the folder "+ro)
	})
	t.Run("read-only folder that exists", func(t *testing.T) {
		ro := readOnlyFolder(t)
		wantError(t, MakeFolder(ro), "may not create files in the folder "+ro)
	})
}
