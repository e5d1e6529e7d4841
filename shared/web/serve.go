package web

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"golang.org/x/net/netutil"
)

// Timeouts every lesson's server uses. A client that trickles its headers
// or body, or never reads the answer, cannot hold a connection for long.
const (
	ReadHeaderTimeout = 5 * time.Second
	ReadTimeout       = 30 * time.Second
	WriteTimeout      = 30 * time.Second
	IdleTimeout       = 60 * time.Second
	MaxHeaderBytes    = 64 << 10
	ShutdownTimeout   = 10 * time.Second
	// MaxConns is the default of -max-conns: connections served at once,
	// WebSockets included. The rest wait in the kernel's accept queue, so
	// a flood of idle connections cannot exhaust the file descriptors.
	MaxConns = 1024
)

// Listen says where a lesson listens and how many connections it serves
// at once: the -addr and -max-conns flags every lesson has.
type Listen struct {
	Addr     string
	MaxConns int
}

// ListenFlags defines -addr and -max-conns on fs.
func ListenFlags(fs *flag.FlagSet) *Listen {
	l := &Listen{}
	fs.StringVar(&l.Addr, "addr", "127.0.0.1:8000", "listen on `host:port` (port 0 picks a free one)")
	fs.IntVar(&l.MaxConns, "max-conns", MaxConns, "serve at most `n` connections at once; more wait to be accepted")
	return l
}

// NewHTTPServer returns an http.Server for h with the course's timeouts and
// header cap; the server's own errors go to logger.
func NewHTTPServer(h http.Handler, logger *slog.Logger) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: ReadHeaderTimeout,
		ReadTimeout:       ReadTimeout,
		WriteTimeout:      WriteTimeout,
		IdleTimeout:       IdleTimeout,
		MaxHeaderBytes:    MaxHeaderBytes,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
}

// Serve listens on l.Addr, prints "listening on http://HOST:PORT" to out
// once connections are accepted (the real port when the address ends in
// :0), and serves at most l.MaxConns connections at once until ctx is done.
// Then it stops accepting and lets in-flight requests finish, for at most
// grace.
func Serve(ctx context.Context, srv *http.Server, l Listen, out io.Writer, grace time.Duration) error {
	if l.MaxConns < 1 {
		return Usagef("-max-conns must be at least 1, not %d", l.MaxConns)
	}
	ln, err := net.Listen("tcp", l.Addr)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "listening on http://%s\n", ln.Addr())
	ln = netutil.LimitListener(ln, l.MaxConns)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}
	shutdownCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), grace)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-served; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
