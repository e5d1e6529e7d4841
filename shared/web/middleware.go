package web

import (
	"bufio"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
)

// Log wraps h so that every request gets one log line (method, path,
// status, duration, and the cause of a 500), a panic becomes a logged 500
// instead of a dropped connection, and the plain-text 404 and 405 pages of
// http.ServeMux and http.FileServer become FastAPI's JSON ones.
func Log(logger *slog.Logger, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &recorder{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v) // the server's own way to abort a response
				}
				rec.err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
				if !rec.wroteHeader {
					Detail(rec, http.StatusInternalServerError, "Internal Server Error")
				}
			}
			level, errText := slog.LevelInfo, ""
			if rec.err != nil {
				level, errText = slog.LevelError, rec.err.Error()
			}
			attrs := [...]slog.Attr{
				slog.String("method", r.Method), slog.String("path", r.URL.Path),
				slog.Int("status", rec.status()), slog.Duration("duration", time.Since(start)),
				slog.String("err", errText),
			}
			n := len(attrs)
			if errText == "" {
				n-- // no cause to report
			}
			logger.LogAttrs(r.Context(), level, "request", attrs[:n]...)
		}()
		h.ServeHTTP(rec, r)
	})
}

// recorder remembers the status and the cause of a server error, and turns
// the standard library's plain-text 404/405 pages into JSON.
type recorder struct {
	http.ResponseWriter
	code        int
	wroteHeader bool
	swallow     bool // the plain-text body of a rewritten error is dropped
	err         error
}

func (rec *recorder) status() int {
	if rec.code == 0 {
		return http.StatusOK
	}
	return rec.code
}

func (rec *recorder) WriteHeader(code int) {
	if rec.wroteHeader {
		return
	}
	rec.wroteHeader, rec.code = true, code
	h := rec.Header()
	if (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) &&
		strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		rec.swallow = true
		h.Del("X-Content-Type-Options")
		h.Set("Content-Type", "application/json")
		h.Del("Content-Length")
		rec.ResponseWriter.WriteHeader(code)
		if code == http.StatusNotFound {
			_, _ = rec.ResponseWriter.Write([]byte(`{"detail":"Not Found"}` + "\n"))
		} else {
			_, _ = rec.ResponseWriter.Write([]byte(`{"detail":"Method Not Allowed"}` + "\n"))
		}
		return
	}
	rec.ResponseWriter.WriteHeader(code)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if !rec.wroteHeader {
		rec.WriteHeader(http.StatusOK)
	}
	if rec.swallow {
		return len(b), nil
	}
	return rec.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the connection (deadlines,
// flushing, hijacking for WebSockets).
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// Hijack hands the connection over (x/net/websocket asserts http.Hijacker
// directly instead of using http.ResponseController).
func (rec *recorder) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(rec.ResponseWriter).Hijack()
	if err == nil {
		rec.wroteHeader, rec.code = true, http.StatusSwitchingProtocols
	}
	return conn, rw, err
}

// Flush sends buffered data to the client (streaming responses).
func (rec *recorder) Flush() {
	_ = http.NewResponseController(rec.ResponseWriter).Flush()
}

// noteError hands err to the recorder of the request's log line, if any.
func noteError(w http.ResponseWriter, err error) bool {
	for {
		if rec, ok := w.(*recorder); ok {
			rec.err = errors.Join(rec.err, err)
			return true
		}
		u, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return false
		}
		w = u.Unwrap()
	}
}
