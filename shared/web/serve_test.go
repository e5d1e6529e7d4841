package web

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
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
		JSON(w, 200, "done")
	})
	srv := NewHTTPServer(mux, slog.New(slog.DiscardHandler))
	if srv.ReadHeaderTimeout == 0 || srv.ReadTimeout == 0 || srv.WriteTimeout == 0 || srv.IdleTimeout == 0 || srv.MaxHeaderBytes == 0 {
		t.Fatalf("NewHTTPServer left a timeout or the header cap unset: %+v", srv)
	}

	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- Serve(ctx, srv, "127.0.0.1:0", pw, time.Minute) }()

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
