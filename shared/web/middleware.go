package web

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// The middleware below is composed in each lesson's NewServer, innermost
// first, so the reader sees every layer a request goes through:
//
//	h := web.MuxErrors(mux, web.WriteJSONError) // the mux's 404 and 405, as JSON
//	h = web.Recover(h, web.WriteJSONError)      // a panic is a 500, not a dropped connection
//	h = web.LogRequests(logger, h)              // one line per request, with the cause of a 500

// ErrorWriter writes the answer for a status the server itself decides
// (404, 405, 500): JSON for an API, a page in the site's layout for 07.
type ErrorWriter func(w http.ResponseWriter, r *http.Request, status int)

// WriteJSONError is FastAPI's answer: {"detail":"Not Found"} and so on.
func WriteJSONError(w http.ResponseWriter, r *http.Request, status int) {
	detail(w, r, status, http.StatusText(status))
}

// LogRequests writes one log line per request: method, path, status,
// duration, and the cause of a failure that Error or Recover noted in the
// request's context (never sent to the client).
func LogRequests(logger *slog.Logger, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		note := new(causes)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			level, attrs := slog.LevelInfo, []slog.Attr{
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", sw.status()), slog.Duration("duration", time.Since(start)),
			}
			if err := errors.Join(*note...); err != nil {
				level, attrs = slog.LevelError, append(attrs, slog.String("err", err.Error()))
			}
			logger.LogAttrs(r.Context(), level, "request", attrs...)
		}()
		next.ServeHTTP(sw, r.WithContext(context.WithValue(r.Context(), causesKey{}, note)))
	})
}

// Recover turns a panic in next into a 500 answered by write, with the
// panic and its stack on the request's log line, instead of a dropped
// connection.
func Recover(next http.Handler, write ErrorWriter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			v := recover()
			if v == nil {
				return
			}
			if v == http.ErrAbortHandler {
				panic(v) // the server's own way to abort a response
			}
			LogCause(r, fmt.Errorf("panic: %v\n%s", v, debug.Stack()))
			if sw.code == 0 {
				write(sw, r, http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// MuxErrors replaces the plain-text 404 and 405 that http.ServeMux (and
// http.FileServer) write with write's answer, keeping the mux's Allow header.
func MuxErrors(next http.Handler, write ErrorWriter) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&muxErrorWriter{ResponseWriter: w, r: r, write: write}, r)
	})
}

// causes collects what went wrong while serving one request.
type causes []error

type causesKey struct{}

// LogCause puts err on the request's log line, when LogRequests wraps the
// handler; without it, err is not logged. Error calls it for a 500; a
// handler that answers a failure its own way (an HTML page) calls it too.
func LogCause(r *http.Request, err error) {
	if note, ok := r.Context().Value(causesKey{}).(*causes); ok {
		*note = append(*note, err)
	}
}

// statusWriter remembers the status of a response.
type statusWriter struct {
	http.ResponseWriter
	code int
}

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK
	}
	return w.code
}

func (w *statusWriter) WriteHeader(code int) {
	if w.code == 0 {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushing).
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack hands the connection over (x/net/websocket asserts http.Hijacker
// directly instead of using http.ResponseController); it is logged as 101.
func (w *statusWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err == nil && w.code == 0 {
		w.code = http.StatusSwitchingProtocols
	}
	return conn, rw, err
}

// Flush sends buffered data to the client (streaming responses).
func (w *statusWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// muxErrorWriter answers a plain-text 404 or 405 with write instead,
// and drops the plain-text body that follows.
type muxErrorWriter struct {
	http.ResponseWriter
	r       *http.Request
	write   ErrorWriter
	written bool
	swallow bool
}

func (w *muxErrorWriter) WriteHeader(code int) {
	if w.written {
		return
	}
	w.written = true
	h := w.Header()
	if (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) &&
		strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		w.swallow = true
		h.Del("Content-Type")
		h.Del("Content-Length")
		h.Del("X-Content-Type-Options")
		w.write(w.ResponseWriter, w.r, code)
		return
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *muxErrorWriter) Write(b []byte) (int, error) {
	if !w.written {
		w.WriteHeader(http.StatusOK)
	}
	if w.swallow {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection.
func (w *muxErrorWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// Hijack hands the connection over (see statusWriter.Hijack).
func (w *muxErrorWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.written = true
	return http.NewResponseController(w.ResponseWriter).Hijack()
}

// Flush sends buffered data to the client.
func (w *muxErrorWriter) Flush() { _ = http.NewResponseController(w.ResponseWriter).Flush() }

// RefuseCrossSite refuses a write (POST, PUT, PATCH, DELETE) that a
// browser sends for a page of another site: 403, and nothing stored.
// Browsers say where a request comes from (Sec-Fetch-Site, Origin), and
// http.CrossOriginProtection reads both; curl, other programs and the
// lesson's own pages, /docs among them, pass as before.
func RefuseCrossSite(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		Error(w, r, Errorf(http.StatusForbidden, "Cross-site request refused"))
	}))
	return cop.Handler(next)
}
