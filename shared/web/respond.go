package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// JSON writes v as a JSON response with the given status.
func JSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// The status line is gone already; a failed write means the client left.
	_ = json.NewEncoder(w).Encode(v)
}

// arrayPieceBytes is about how much of an array JSONArray encodes before
// it writes: a page of the largest items is never held whole, encoded, in
// a buffer that doubles as it grows.
const arrayPieceBytes = 32 << 10

// JSONArray writes items as one JSON array with the given status, byte for
// byte as JSON would, but encoded and sent a piece of about 32 KiB at a
// time: a list of 60 MB costs the server one piece of it, not two or three
// copies. The items must always encode (no channels, funcs or NaNs): the
// status line is gone before the last piece is encoded.
func JSONArray[T any](w http.ResponseWriter, status int, items []T) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if len(items) == 0 {
		_, _ = io.WriteString(w, "[]\n")
		return
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf) // escapes as JSON does
	perPiece := 8                // items per piece until their size is known
	for start := 0; start < len(items); {
		end := min(start+perPiece, len(items))
		buf.Reset()
		_ = enc.Encode(items[start:end]) // "[a,b,c]\n"
		piece := buf.Bytes()
		if start > 0 {
			piece[0] = ',' // go on with the array the first piece opened
		}
		if end < len(items) {
			piece = piece[:len(piece)-2] // "]\n": more pieces follow
		}
		if _, err := w.Write(piece); err != nil {
			return // the client left
		}
		perPiece = max(1, arrayPieceBytes*(end-start)/buf.Len())
		start = end
	}
}

// Created writes v with 201 Created and a Location header pointing at it.
func Created(w http.ResponseWriter, location string, v any) {
	w.Header().Set("Location", location)
	JSON(w, http.StatusCreated, v)
}

// NoContent writes 204 No Content, the answer to a successful DELETE.
func NoContent(w http.ResponseWriter) {
	w.WriteHeader(http.StatusNoContent)
}

// Detail writes FastAPI's error shape: {"detail": msg}.
func Detail(w http.ResponseWriter, status int, msg string) {
	JSON(w, status, struct {
		Detail string `json:"detail"`
	}{msg})
}

// StatusError is an error that knows the HTTP status and the detail a client
// should see, like FastAPI's HTTPException.
type StatusError struct {
	Status     int
	Msg        string
	RetryAfter time.Duration // when set, sent as Retry-After (whole seconds, at least 1)
	Err        error         // the cause, for the log; never sent
}

func (e *StatusError) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

// Unwrap returns the cause, so errors.Is and errors.As see through e.
func (e *StatusError) Unwrap() error { return e.Err }

// Errorf returns a *StatusError with the given status and the detail
// formatted as fmt.Sprintf does (go vet checks the arguments).
func Errorf(status int, format string, args ...any) error {
	return &StatusError{Status: status, Msg: fmt.Sprintf(format, args...)}
}

// Wrap returns a *StatusError for the client that carries cause for the
// log: what failed stays on the server.
func Wrap(status int, msg string, cause error) error {
	return &StatusError{Status: status, Msg: msg, Err: cause}
}

// Busy is a 503 that tells the client when to try again: the answer of a
// server that refuses work to stay responsive, not of one that is broken.
func Busy(msg string, retryAfter time.Duration) error {
	return &StatusError{Status: http.StatusServiceUnavailable, Msg: msg, RetryAfter: retryAfter}
}

// ErrBodyTooLarge is the answer to a body over its cap: 413
// {"detail":"Request body too large"}, whatever kind of body it was.
var ErrBodyTooLarge = Errorf(http.StatusRequestEntityTooLarge, "Request body too large")

// ErrStorageFull is the answer to a create that would grow a bounded store
// past its limit: 507 {"detail":"Storage limit reached"}.
var ErrStorageFull = Errorf(http.StatusInsufficientStorage, "Storage limit reached")

// retryAfterSeconds rounds d up to whole seconds, at least 1, as
// Retry-After wants.
func retryAfterSeconds(d time.Duration) string {
	return strconv.FormatInt(max(1, int64((d+time.Second-1)/time.Second)), 10)
}

// Error is the one place where an error becomes a response:
// Problems → 422 with the list, *StatusError → its status and detail,
// anything else → 500 with a generic detail. The cause of a 500, or of a
// StatusError that wraps a cause, goes on the request's log line (see
// LogRequests), never to the client.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	var problems Problems
	var se *StatusError
	switch {
	case errors.As(err, &problems):
		JSON(w, http.StatusUnprocessableEntity, struct {
			Detail Problems `json:"detail"`
		}{problems})
	case errors.As(err, &se):
		if se.Err != nil {
			LogCause(r, se.Err) // what failed (an upstream, say): logged, never sent
		}
		if se.RetryAfter > 0 {
			w.Header().Set("Retry-After", retryAfterSeconds(se.RetryAfter))
		}
		Detail(w, se.Status, se.Msg)
	default:
		LogCause(r, err)
		Detail(w, http.StatusInternalServerError, "Internal Server Error")
	}
}
