package program

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// The checks a lesson makes at start-up on the files and folders its flags
// name. The errors say which folder or file is wrong and what to do, where
// a library says only "unable to open database file" or "permission denied".

// writableFolder returns nil when this user can create files in dir, and
// otherwise an error that says what is wrong and what to do. It finds out
// the only sure way: it creates an empty file and removes it.
func writableFolder(dir string) error {
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, ".write-check-*")
	if err != nil {
		return folderError(dir, err)
	}
	f.Close()
	return os.Remove(f.Name())
}

// WritableFile returns nil when this user can create the file at path, or
// write it when it exists, and otherwise says what is wrong and what to do.
func WritableFile(path string) error {
	if err := writableFolder(filepath.Dir(path)); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	switch {
	case err == nil:
		return f.Close()
	case errors.Is(err, fs.ErrNotExist):
		return nil // it is created when opened
	case errors.Is(err, syscall.EISDIR):
		return fmt.Errorf("%s is a folder: name a file (in it or elsewhere)", path)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("the file %s is read-only for this user: make it writable (chmod u+w %s) or choose another file", path, path)
	}
	return fmt.Errorf("cannot write the file %s: %w", path, err)
}

// MakeFolder creates dir, and the folders above it, when missing, then
// checks it as writableFolder does; a failure says what to do.
func MakeFolder(dir string) error {
	err := os.MkdirAll(dir, 0o755)
	var pe *fs.PathError
	switch {
	case err == nil:
		return writableFolder(dir)
	case !errors.As(err, &pe):
		return err
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s is a file, not a folder: move it away or choose another folder", pe.Path)
	}
	// pe.Path could not be made: its parent is missing or read-only.
	return folderError(filepath.Dir(pe.Path), pe.Err)
}

// folderError says why files cannot be created in dir, and what to do.
func folderError(dir string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist: create it (mkdir -p %s) or choose another folder", dir, dir)
	case errors.Is(err, syscall.ENOTDIR):
		return fmt.Errorf("%s is not a folder (a file stands in its path): choose another folder", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("this user may not create files in the folder %s: make it writable (chmod u+w %s) or choose another folder", dir, dir)
	}
	return fmt.Errorf("cannot create files in the folder %s: %w", dir, err)
}
