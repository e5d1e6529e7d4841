package main

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/net/websocket"

	"apicourse/shared/webtest"
)

func TestRunServesThePageAndStopsCleanlyClosingTheSockets(t *testing.T) {
	p := webtest.Start(t, run, nil)
	resp, err := http.Get(p.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "/ws/") {
		t.Fatalf("GET / = %d, want 200 with the chat page", resp.StatusCode)
	}
	p.WaitForLine(t, "status=200", waitFor)

	ws, err := websocket.Dial("ws"+strings.TrimPrefix(p.URL, "http")+"/ws/1", "", p.URL)
	if err != nil {
		t.Fatal(err)
	}
	defer ws.Close()
	send(t, ws, "hello")
	wantMessage(t, ws, "You wrote: hello")

	// Shutdown does not close hijacked connections; run must, and return 0.
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
	wantClosed(t, ws)
}

func TestRunRefusesABadFlagWithExitCode2(t *testing.T) {
	code, out := webtest.Exit(run, nil, "-port", "8000")
	if code != 2 {
		t.Errorf("exit code for -port = %d, want 2", code)
	}
	if !strings.Contains(out, "-addr") {
		t.Errorf("usage output %q does not mention -addr", out)
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, nil, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}
