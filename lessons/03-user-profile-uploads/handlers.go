package main

import (
	"errors"
	"io"
	"net/http"

	"apicourse/shared/web"
)

// answer turns the profiles' and the uploads' errors into what a client
// sees: the one place that maps them. Anything else stays an error, which
// web.Error answers with a 500 and logs.
func answer(err error) error {
	var tooBig *http.MaxBytesError
	var unread readError
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "Profile not found")
	case errors.Is(err, errNotAnImage):
		return web.Errorf(http.StatusUnsupportedMediaType, "File must be a JPEG, PNG, GIF or WebP image")
	case errors.Is(err, errTooLarge), errors.As(err, &tooBig):
		return web.ErrBodyTooLarge
	case errors.As(err, &unread):
		return web.Errorf(http.StatusBadRequest, "Could not parse the multipart body")
	}
	return err
}

const (
	// maxBioLength is the longest bio, in characters.
	maxBioLength = 500
	// maxFormBytes caps the body of PATCH /profiles/{username}.
	maxFormBytes = 64 << 10
)

func handleGetProfile(profiles *Profiles) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		profile, err := profiles.Get(r.PathValue("username"))
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, profile)
	})
}

func handleUpdateBio(profiles *Profiles) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := web.ParseForm(w, r, maxFormBytes); err != nil {
			web.Error(w, r, err)
			return
		}
		bio, sent := r.PostForm["bio"]
		var p web.Problems
		if sent {
			p.MaxLength(bio[0], maxBioLength, "form", "bio")
		}
		if err := p.Err(); err != nil {
			web.Error(w, r, err)
			return
		}
		profile, err := profiles.Update(r.PathValue("username"), func(p *Profile) {
			if sent {
				p.Bio = bio[0]
			}
		})
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, profile)
	})
}

func handleUploadImage(profiles *Profiles, uploads *Uploads) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		username := r.PathValue("username")
		// Refuse unknown users before reading a byte of the file.
		if _, err := profiles.Get(username); err != nil {
			web.Error(w, r, answer(err))
			return
		}
		if r.ContentLength > maxUploadBody { // refused before "100 Continue" invites the file
			web.Error(w, r, web.ErrBodyTooLarge)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
		file, err := filePart(r)
		if err != nil {
			web.Error(w, r, answer(err)) // 413, 400, or as it is: 415 not multipart, 422 no file part
			return
		}
		var profile Profile
		// publish returns its error for SaveAvatar to return: a closure
		// that set the outer err would see it overwritten by SaveAvatar's.
		err = uploads.SaveAvatar(username, file, func(url string) error {
			updated, err := profiles.Update(username, func(p *Profile) { p.ProfileImageURL = &url })
			profile = updated
			return err
		})
		if err != nil {
			web.Error(w, r, answer(err)) // a 404 when the profile went while its file came in
			return
		}
		web.JSON(w, r, http.StatusOK, profile)
	})
}

// noFile is the 422 for a multipart body without a file part.
func noFile() error {
	var p web.Problems
	p.Missing("body", "file")
	return p
}

// filePart streams the multipart body up to its part named "file",
// skipping any other part; nothing is buffered to memory or disk. A
// failure to read the body, there or later from the part, is a readError.
func filePart(r *http.Request) (io.Reader, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, web.Errorf(http.StatusUnsupportedMediaType, "Content-Type must be multipart/form-data")
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, noFile()
		}
		if err != nil {
			return nil, readError{err}
		}
		if part.FormName() == "file" {
			return bodyReader{part}, nil
		}
		if _, err := io.Copy(io.Discard, part); err != nil {
			return nil, readError{err}
		}
	}
}

// bodyReader marks errors that come from reading the request, so that
// they are told apart from errors writing the disk.
type bodyReader struct{ r io.Reader }

// readError is a failure to read the request body: the client's (400), or
// 413 when the body went over its cap.
type readError struct{ err error }

func (e readError) Error() string { return e.err.Error() }
func (e readError) Unwrap() error { return e.err }

func (b bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = readError{err}
	}
	return n, err
}

func handleStatic(uploads *Uploads) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Browsers must take the Content-Type as sent, never guess a
		// script out of an image; and a served file may run nothing.
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		f, info, err := uploads.Open(r.URL.Path[len("/static/"):])
		if err != nil { // whatever the reason, the client sees no file
			web.Error(w, r, web.Errorf(http.StatusNotFound, "Not Found"))
			return
		}
		defer f.Close()
		http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	})
}
