package main

import (
	"errors"
	"io"
	"net/http"

	"apicourse/shared/web"
)

const (
	// maxBioLength is the longest bio, in characters.
	maxBioLength = 500
	// maxFormBytes caps the body of PATCH /profiles/{username}.
	maxFormBytes = 64 << 10
)

var (
	errProfileNotFound = web.Errorf(http.StatusNotFound, "Profile not found")
	errNotImage        = web.Errorf(http.StatusUnsupportedMediaType, "File must be a JPEG, PNG, GIF or WebP image")
	errBodyTooLarge    = web.Errorf(http.StatusRequestEntityTooLarge, "Request body too large")
	errNotMultipart    = web.Errorf(http.StatusUnsupportedMediaType, "Content-Type must be multipart/form-data")
	errBadMultipart    = web.Errorf(http.StatusBadRequest, "Could not parse the multipart body")
	errStaticNotFound  = web.Errorf(http.StatusNotFound, "Not Found")
)

func handleGetProfile(profiles *Profiles) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		profile, err := profiles.Get(r.PathValue("username"))
		if err != nil {
			web.Error(w, r, profileError(err))
			return
		}
		web.JSON(w, http.StatusOK, profile)
	})
}

func handleUpdateBio(profiles *Profiles) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := web.ParseForm(w, r, maxFormBytes); err != nil {
			web.Error(w, r, err)
			return
		}
		bio, sent := r.PostForm["bio"]
		if sent {
			var p web.Problems
			web.CheckLength(&p, bio[0], 0, maxBioLength, "form", "bio")
			if err := p.Err(); err != nil {
				web.Error(w, r, err)
				return
			}
		}
		profile, err := profiles.Update(r.PathValue("username"), func(p *Profile) {
			if sent {
				p.Bio = bio[0]
			}
		})
		if err != nil {
			web.Error(w, r, profileError(err))
			return
		}
		web.JSON(w, http.StatusOK, profile)
	})
}

func handleUploadImage(profiles *Profiles, uploads *Uploads) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		username := r.PathValue("username")
		// Refuse unknown users before reading a byte of the file.
		if _, err := profiles.Get(username); err != nil {
			web.Error(w, r, profileError(err))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, maxUploadBody)
		file, err := filePart(r)
		if err != nil {
			web.Error(w, r, clientError(err))
			return
		}
		var profile Profile
		err = uploads.SaveAvatar(username, bodyReader{file}, func(url string) {
			profile, err = profiles.Update(username, func(p *Profile) { p.ProfileImageURL = &url })
		})
		if err != nil {
			web.Error(w, r, uploadError(err))
			return
		}
		web.JSON(w, http.StatusOK, profile)
	})
}

// errNoFile is the 422 for a multipart body without a file part.
var errNoFile = web.Problems{{Type: "missing", Loc: []string{"body", "file"}, Msg: "Field required"}}

// filePart streams the multipart body up to its part named "file",
// skipping any other part; nothing is buffered to memory or disk.
func filePart(r *http.Request) (io.Reader, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, errNotMultipart
	}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, errNoFile
		}
		if err != nil {
			return nil, err
		}
		if part.FormName() == "file" {
			return part, nil
		}
		if _, err := io.Copy(io.Discard, part); err != nil {
			return nil, err
		}
	}
}

// bodyReader marks errors that come from reading the request, so that
// they are told apart from errors writing the disk.
type bodyReader struct{ r io.Reader }

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

// uploadError turns what went wrong while storing an upload into what the
// client should see; a failure of our disk stays a 500.
func uploadError(err error) error {
	var re readError
	switch {
	case errors.Is(err, errNotAnImage):
		return errNotImage
	case errors.Is(err, errTooLarge):
		return errBodyTooLarge
	case errors.As(err, &re):
		return clientError(re.err)
	}
	return err
}

// clientError is the answer to a body we could not read: 413 when it was
// over the cap, 400 when it was not a well-formed multipart body.
func clientError(err error) error {
	var tooBig *http.MaxBytesError
	var status *web.StatusError
	var problems web.Problems
	switch {
	case errors.As(err, &status), errors.As(err, &problems):
		return err
	case errors.As(err, &tooBig):
		return errBodyTooLarge
	}
	return errBadMultipart
}

func handleStatic(uploads *Uploads) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Browsers must take the Content-Type as sent, never guess a
		// script out of an image; and a served file may run nothing.
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("Content-Security-Policy", "default-src 'none'")
		f, info, err := uploads.Open(r.URL.Path[len("/static/"):])
		if err != nil {
			web.Error(w, r, errStaticNotFound)
			return
		}
		defer f.Close()
		http.ServeContent(w, r, info.Name(), info.ModTime(), f)
	})
}

// profileError turns the store's errors into what the client should see.
func profileError(err error) error {
	if errors.Is(err, ErrNotFound) {
		return errProfileNotFound
	}
	return err
}
