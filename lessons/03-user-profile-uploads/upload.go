package main

import (
	"bufio"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"

	"apicourse/shared/program"
)

const (
	// maxImageBytes is the largest image accepted.
	maxImageBytes = 5 << 20
	// maxUploadBody leaves room for the multipart envelope around the image.
	maxUploadBody = maxImageBytes + 64<<10
	// uploadsDir is the folder inside the static folder that holds avatars.
	uploadsDir = "uploads"
	// tempPrefix starts the names of files still being written; they are
	// never served and are removed at start if a crash left them.
	tempPrefix = ".upload-"
)

// imageExts maps the content types we accept, as sniffed from the bytes,
// to the extension the file is stored under.
var imageExts = map[string]string{
	"image/jpeg": "jpg",
	"image/png":  "png",
	"image/gif":  "gif",
	"image/webp": "webp",
}

var (
	errNotAnImage = errors.New("not a JPEG, PNG, GIF or WebP image")
	errTooLarge   = errors.New("image too large")
)

// Uploads is the static folder. Every file is opened through an os.Root,
// so no name, however crafted, reaches outside the folder.
type Uploads struct {
	root *os.Root
	mu   sync.Mutex // one avatar replacement at a time, so file and URL agree
}

// OpenUploads creates dir and dir/uploads when missing, opens dir as a
// root and removes half-written files an earlier crash left behind. A
// folder this user cannot write to is an error now, not at every upload.
func OpenUploads(dir string) (*Uploads, error) {
	if err := program.MakeFolder(filepath.Join(dir, uploadsDir)); err != nil {
		return nil, err
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("static folder: %w", err)
	}
	leftovers, _ := fs.Glob(root.FS(), uploadsDir+"/"+tempPrefix+"*")
	for _, name := range leftovers {
		root.Remove(name)
	}
	return &Uploads{root: root}, nil
}

// Close releases the folder.
func (u *Uploads) Close() error {
	return u.root.Close()
}

// SaveAvatar stores the image read from src as username's avatar and calls
// publish with its URL. The type comes from the first 512 bytes, never
// from a file name or a client's Content-Type. The image is written to a
// temporary file and renamed over the old one, so readers see the old
// image or the new one, never half of one; on any failure the temporary
// file is removed. An error of publish (the profile is gone) is
// SaveAvatar's, and the new file is removed too: it is nobody's avatar.
func (u *Uploads) SaveAvatar(username string, src io.Reader, publish func(url string) error) error {
	br := bufio.NewReaderSize(src, 512)
	head, err := br.Peek(512)
	if err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	ext, ok := imageExts[http.DetectContentType(head)]
	if !ok {
		return errNotAnImage
	}
	tmp, err := u.writeTemp(br)
	if err != nil {
		return err
	}
	name := path.Join(uploadsDir, username+"."+ext)

	u.mu.Lock()
	defer u.mu.Unlock()
	if err := u.root.Rename(tmp, name); err != nil {
		u.root.Remove(tmp)
		return err
	}
	for _, other := range imageExts {
		if other != ext {
			u.root.Remove(path.Join(uploadsDir, username+"."+other))
		}
	}
	if err := publish("/static/" + name); err != nil {
		u.root.Remove(name)
		return err
	}
	return nil
}

// writeTemp copies at most maxImageBytes from src into a new temporary
// file and returns its name; nothing is left on disk when it fails.
func (u *Uploads) writeTemp(src io.Reader) (string, error) {
	tmp := path.Join(uploadsDir, tempPrefix+rand.Text())
	f, err := u.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return "", err
	}
	err = copyImage(f, src)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		u.root.Remove(tmp)
		return "", err
	}
	return tmp, nil
}

// copyImage copies src to f and syncs it: errTooLarge past maxImageBytes.
func copyImage(f *os.File, src io.Reader) error {
	n, err := io.Copy(f, io.LimitReader(src, maxImageBytes+1))
	switch {
	case err != nil:
		return err
	case n > maxImageBytes:
		return errTooLarge
	}
	return f.Sync()
}

// Open opens a file of the static folder for serving. Folders, hidden
// files and names that are not plain relative paths are ErrNotExist.
func (u *Uploads) Open(name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) || name == "." || strings.HasPrefix(path.Base(name), ".") {
		return nil, nil, fs.ErrNotExist
	}
	f, err := u.root.Open(name)
	if err != nil {
		return nil, nil, err
	}
	info, err := f.Stat()
	if err != nil || info.IsDir() {
		f.Close()
		return nil, nil, fs.ErrNotExist
	}
	return f, info, nil
}
