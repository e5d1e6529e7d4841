package web

import (
	"errors"
	"mime"
	"net/http"
)

// ParseForm parses a urlencoded or multipart form body of at most limit
// bytes into r.PostForm (and r.MultipartForm): 413 when it is larger, 415
// for any other Content-Type, 400 when it cannot be parsed. Multipart
// files are kept in memory up to limit, so nothing spills to disk.
func ParseForm(w http.ResponseWriter, r *http.Request, limit int64) error {
	if r.ContentLength > limit { // refused before "100 Continue" invites the body
		return ErrBodyTooLarge
	}
	r.Body = http.MaxBytesReader(w, r.Body, limit)
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	var err error
	switch mt {
	case "application/x-www-form-urlencoded":
		err = r.ParseForm()
	case "multipart/form-data":
		err = r.ParseMultipartForm(limit)
	default:
		return Errorf(http.StatusUnsupportedMediaType, "Content-Type must be application/x-www-form-urlencoded or multipart/form-data")
	}
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return ErrBodyTooLarge
	case err != nil:
		return Errorf(http.StatusBadRequest, "Could not parse the form")
	}
	return nil
}
