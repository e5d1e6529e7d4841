package program

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

func TestServePrintsTheRealPortAndFinishesInFlightRequests(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /slow", func(w http.ResponseWriter, r *http.Request) {
		close(started)
		<-release
		io.WriteString(w, "\"done\"\n")
	})
	srv := NewHTTPServer(mux, slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.MaxHeaderBytes == 0 {
		t.Fatalf("NewHTTPServer left a timeout or the header cap unset: %+v", srv)
	}
	if srv.IdleTimeout > time.Minute {
		t.Errorf("IdleTimeout = %v, want idle keep-alive connections closed within 60 s", srv.IdleTimeout)
	}

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, Listen{Addr: "127.0.0.1:0", MaxConns: 8}, pw, time.Minute) }()

	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the listening line: %v", err)
	}
	base := strings.TrimSpace(strings.TrimPrefix(line, "listening on "))
	if !strings.HasPrefix(line, "listening on http://127.0.0.1:") || strings.HasSuffix(base, ":0") {
		t.Fatalf("first line = %q, want listening on http://127.0.0.1:<real port>", line)
	}

	answer := make(chan string, 1)
	go func() {
		resp, err := http.Get(base + "/slow")
		if err != nil {
			answer <- err.Error()
			return
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		answer <- strings.TrimSpace(string(b))
	}()
	<-started
	cancel() // as SIGINT would
	close(release)
	if got := <-answer; got != `"done"` {
		t.Errorf("in-flight request got %q, want \"done\"", got)
	}
	if err := <-served; err != nil {
		t.Errorf("Serve returned %v, want nil after a clean shutdown", err)
	}
}

func TestServeCapsConcurrentConnections(t *testing.T) {
	var mu sync.Mutex
	open, most := 0, 0
	srv := NewHTTPServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "\"hi\"\n")
	}), slog.New(slog.DiscardHandler))
	srv.ConnState = func(_ net.Conn, s http.ConnState) {
		mu.Lock()
		defer mu.Unlock()
		switch s {
		case http.StateNew:
			open++
			most = max(most, open)
		case http.StateClosed, http.StateHijacked:
			open--
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	go func() { _ = Serve(ctx, srv, Listen{Addr: "127.0.0.1:0", MaxConns: 2}, pw, time.Second) }()
	line, _ := bufio.NewReader(pr).ReadString('\n')
	go func() { _, _ = io.Copy(io.Discard, pr) }()
	addr := strings.TrimPrefix(strings.TrimSpace(line), "listening on http://")

	// Two idle connections take both slots.
	var idle []net.Conn
	for range 2 {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		idle = append(idle, c)
	}
	// A third client connects (the kernel queues it) and asks.
	third, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer third.Close()
	fmt.Fprintf(third, "GET / HTTP/1.1\r\nHost: x\r\n\r\n")
	time.Sleep(100 * time.Millisecond) // give a server without a cap the chance to accept it
	idle[0].Close()                    // a slot frees up: the third is served

	resp, err := http.ReadResponse(bufio.NewReader(third), nil)
	if err != nil {
		t.Fatalf("the third connection got no answer after a slot freed: %v", err)
	}
	resp.Body.Close()
	mu.Lock()
	defer mu.Unlock()
	if most > 2 {
		t.Errorf("the server had %d connections open at once, want at most -max-conns=2", most)
	}
}

func TestServeRefusesAMaxConnsBelowOne(t *testing.T) {
	err := Serve(context.Background(), NewHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler)),
		Listen{Addr: "127.0.0.1:0", MaxConns: 0}, io.Discard, time.Second)
	if !errors.Is(err, errUsage) {
		t.Errorf("Serve with -max-conns 0 = %v, want a usage error (exit code 2)", err)
	}
}

func TestServeSaysWhatToDoWhenThePortIsTaken(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	_, port, _ := net.SplitHostPort(busy.Addr().String())
	next := fmt.Sprint(busy.Addr().(*net.TCPAddr).Port + 1)

	err = Serve(context.Background(), NewHTTPServer(http.NotFoundHandler(), slog.New(slog.DiscardHandler)),
		Listen{Addr: busy.Addr().String(), MaxConns: 8}, io.Discard, time.Second)
	var out strings.Builder
	if code := ExitCode(err, &out); code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	for _, want := range []string{
		"address already in use", // the system's words, for searching
		"another program is using port " + port,
		"maybe this lesson or another one still running",
		"-addr 127.0.0.1:" + next,
		"-addr 127.0.0.1:0 picks any free port",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("printed %q, want it to contain %q", out.String(), want)
		}
	}
}

func TestListenErrorsSayWhatToDo(t *testing.T) {
	sysErr := func(errno syscall.Errno) error {
		return &net.OpError{Op: "listen", Net: "tcp", Err: os.NewSyscallError("bind", errno)}
	}
	tests := []struct {
		name     string
		addr     string
		err      error
		wantCode int
		want     string
	}{
		{"a port alone is not an address", "9000", errors.New("missing port"), 2, "want host:port, e.g. -addr 127.0.0.1:9000"},
		{"a low port needs rights", "127.0.0.1:80", sysErr(syscall.EACCES), 1, "ports below 1024 need administrator rights; choose a higher one, e.g. -addr 127.0.0.1:8000"},
		{"an address of another computer", "192.0.2.1:8000", sysErr(syscall.EADDRNOTAVAIL), 1, "192.0.2.1 is not an address of this computer"},
		{"the last port suggests 8001", "127.0.0.1:65535", sysErr(syscall.EADDRINUSE), 1, "-addr 127.0.0.1:8001"},
		{"anything else is left as it is", "127.0.0.1:8000", errors.New("no such thing"), 1, "no such thing"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if code := ExitCode(listenError(tt.addr, tt.err), &out); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(out.String(), tt.want) {
				t.Errorf("printed %q, want it to contain %q", out.String(), tt.want)
			}
		})
	}
}
