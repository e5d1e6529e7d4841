package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// JSON writes v as a JSON response with the given status. It encodes v
// first, so a value encoding/json cannot encode (a channel, a NaN) is a
// logged 500, never a 2xx with half a body. A HEAD request gets the
// headers without the encoding.
func JSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	if r.Method == http.MethodHead { // the same headers, and no work for a body nobody gets
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		return
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	if err := json.NewEncoder(buf).Encode(v); err != nil { // as json.Marshal, plus "\n"
		LogCause(r, fmt.Errorf("encode the %d answer: %w", status, err))
		status = http.StatusInternalServerError
		buf.Reset()
		buf.WriteString(`{"detail":"Internal Server Error"}` + "\n")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes()) // a failed write means the client left
}

// arrayPieceBytes is about how much of an array JSONArray encodes before
// it writes: a page of the largest items is never held whole, encoded, in
// a buffer that doubles as it grows.
const arrayPieceBytes = 32 << 10

// JSONArray writes items as one JSON array with the given status, byte for
// byte as JSON would, but encoded and sent a piece of about 32 KiB at a
// time: a list of 60 MB costs the server one piece of it, not two or three
// copies. The first piece is encoded before the status is written, so
// items that cannot encode are a 500 as with JSON; items of one type fail
// alike, so a later piece fails only for a value such as a NaN, and then
// the answer is cut short and the cause logged.
func JSONArray[T any](w http.ResponseWriter, r *http.Request, status int, items []T) {
	if r.Method == http.MethodHead {
		JSON(w, r, status, nil) // headers only
		return
	}
	if len(items) == 0 {
		items = []T{} // [], not null
	}
	buf := buffers.Get().(*bytes.Buffer)
	defer putBuffer(buf)
	enc := json.NewEncoder(buf) // escapes as json.Marshal does
	perPiece := 8               // items per piece until their size is known
	for start := 0; ; {
		end := min(start+perPiece, len(items))
		buf.Reset()
		if err := enc.Encode(items[start:end]); err != nil { // "[a,b,c]\n"
			LogCause(r, fmt.Errorf("encode the %d answer: %w", status, err))
			if start == 0 {
				detail(w, r, http.StatusInternalServerError, "Internal Server Error")
			}
			return
		}
		piece := buf.Bytes()
		if start == 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
		} else {
			piece[0] = ',' // go on with the array the first piece opened
		}
		if end < len(items) {
			piece = piece[:len(piece)-2] // "]\n": more pieces follow
		}
		if _, err := w.Write(piece); err != nil || end == len(items) {
			return // done, or the client left
		}
		perPiece = max(1, arrayPieceBytes*(end-start)/buf.Len())
		start = end
	}
}

// buffers keeps the buffers JSON and JSONArray encode into from one
// request for the next: a new one would grow from 64 bytes to the size of
// the answer, by doubling, on every request.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBuffer returns buf to the pool, unless a huge answer made it too big
// to keep.
func putBuffer(buf *bytes.Buffer) {
	if buf.Cap() <= 4*arrayPieceBytes {
		buf.Reset()
		buffers.Put(buf)
	}
}

// detail writes FastAPI's error shape: {"detail": msg}.
func detail(w http.ResponseWriter, r *http.Request, status int, msg string) {
	JSON(w, r, status, struct {
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
// Problems → 422 with the list (several Problems joined with errors.Join,
// a bad path id and a bad body say, → one 422 with them all, in order),
// *StatusError → its status and detail, anything else → 500 with a generic
// detail. The cause of a 500, or of a StatusError that wraps a cause, goes
// on the request's log line (see LogRequests), never to the client.
func Error(w http.ResponseWriter, r *http.Request, err error) {
	var se *StatusError
	if problems, ok := allProblems(err); ok {
		JSON(w, r, http.StatusUnprocessableEntity, struct {
			Detail Problems `json:"detail"`
		}{problems})
		return
	}
	if !errors.As(err, &se) {
		LogCause(r, err)
		detail(w, r, http.StatusInternalServerError, "Internal Server Error")
		return
	}
	if se.Err != nil {
		LogCause(r, se.Err) // what failed (an upstream, say): logged, never sent
	}
	if se.RetryAfter > 0 {
		w.Header().Set("Retry-After", retryAfterSeconds(se.RetryAfter))
	}
	detail(w, r, se.Status, se.Msg)
}

// allProblems returns the problems err holds when it is nothing but
// Problems: one, or several joined by errors.Join.
func allProblems(err error) (Problems, bool) {
	switch e := err.(type) {
	case Problems:
		return e, len(e) > 0
	case interface{ Unwrap() []error }:
		var all Problems
		for _, err := range e.Unwrap() {
			p, ok := allProblems(err)
			if !ok {
				return nil, false
			}
			all = append(all, p...)
		}
		return all, len(all) > 0
	}
	return nil, false
}
