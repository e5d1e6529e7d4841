package program

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
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
	// MaxConnsPerClient is the default of -max-conns-per-client: what one
	// client (one IP address) may hold of them, so that it cannot hold all.
	MaxConnsPerClient = 256
)

// Listen says where a lesson listens, how many connections it serves at
// once and to one client, and which Host names it answers besides its
// own: the flags every lesson has.
type Listen struct {
	Addr              string
	MaxConns          int
	MaxConnsPerClient int
	AllowHosts        string // comma-separated; see hostCheck
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
// :0), and serves at most l.MaxConns connections at once, at most
// l.MaxConnsPerClient from one client, until ctx is done.
// Then it stops accepting and lets in-flight requests finish, for at most
// grace.
func Serve(ctx context.Context, srv *http.Server, l Listen, out io.Writer, grace time.Duration) error {
	if l.MaxConns < 1 || l.MaxConnsPerClient < 0 {
		return Usagef("-max-conns must be at least 1 and -max-conns-per-client not negative (0: no share), not %d and %d", l.MaxConns, l.MaxConnsPerClient)
	}
	perClient := l.MaxConnsPerClient
	if perClient == 0 || perClient > l.MaxConns {
		perClient = l.MaxConns // no share set: one client may use them all
	}
	ln, err := net.Listen("tcp", l.Addr)
	if err != nil {
		return listenError(l.Addr, err)
	}
	fmt.Fprintf(out, "listening on http://%s\n", ln.Addr())
	fair := newFairListener(ln, l.MaxConns, perClient)
	srv.ConnState = chainConnState(fair.connState, srv.ConnState)
	srv.Handler = hostCheck(srv.Handler, ln.Addr(), l.AllowHosts)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(fair) }()

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

// listenError adds what to do to the ways listening fails at start-up; the
// system's own words come first, for searching. A port in use is the
// common one: the lesson (or another) still running in another terminal.
func listenError(addr string, err error) error {
	host, port, splitErr := net.SplitHostPort(addr)
	if splitErr != nil {
		example := "127.0.0.1:8000"
		if _, err := strconv.ParseUint(addr, 10, 16); err == nil {
			example = "127.0.0.1:" + addr
		}
		return Usagef("-addr %q: %v; want host:port, e.g. -addr %s", addr, splitErr, example)
	}
	at := func(p string) string { return "-addr " + net.JoinHostPort(host, p) }
	switch {
	case errors.Is(err, syscall.EADDRINUSE):
		return fmt.Errorf("%w\nanother program is using port %s, maybe this lesson or another one still running in another terminal: stop it (Ctrl-C there), or choose another port with %s (%s picks any free port)",
			err, port, at(nextPort(port)), at("0"))
	case errors.Is(err, syscall.EACCES):
		return fmt.Errorf("%w\nports below 1024 need administrator rights; choose a higher one, e.g. %s", err, at("8000"))
	case errors.Is(err, syscall.EADDRNOTAVAIL):
		return fmt.Errorf("%w\n%s is not an address of this computer; -addr 127.0.0.1:%s listens on this computer only", err, host, port)
	}
	return err
}

// nextPort is the port after port, the suggestion for a busy one.
func nextPort(port string) string {
	n, err := strconv.Atoi(port)
	if err != nil || n < 1 || n >= 65535 {
		return "8001"
	}
	return strconv.Itoa(n + 1)
}
