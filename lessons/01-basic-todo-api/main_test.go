package main

import (
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunServesTheAPIAndStopsCleanly(t *testing.T) {
	p := webtest.Start(t, run, nil)
	resp, err := http.Post(p.URL+"/todos", "application/json", strings.NewReader(`{"title":"Buy groceries"}`))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(body), `"title":"Buy groceries"`) {
		t.Fatalf("POST /todos = %d %s, want 201 with the todo", resp.StatusCode, body)
	}
	p.WaitForLine(t, "status=201", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunRefusesABadFlagWithExitCode2(t *testing.T) {
	code, out := webtest.Exit(run, nil, "-port", "8000")
	if code != 2 {
		t.Errorf("exit code for -port = %d, want 2", code)
	}
	if !strings.Contains(out, "-addr") || !strings.Contains(out, "-max-items") {
		t.Errorf("usage output %q does not mention -addr and -max-items", out)
	}
	for _, args := range [][]string{{"-max-items", "0"}, {"-max-items", "-1"}, {"-max-items", "many"}} {
		t.Run("refuses "+strings.Join(args, " "), func(t *testing.T) {
			if code, out := webtest.Exit(run, nil, args...); code != 2 {
				t.Errorf("exit code = %d, want 2; output %q", code, out)
			}
		})
	}
}

func TestRunHoldsAtMostMaxItemsTodos(t *testing.T) {
	p := webtest.Start(t, run, nil, "-max-items", "2")
	for i, want := range []int{http.StatusCreated, http.StatusCreated, http.StatusInsufficientStorage} {
		resp, err := http.Post(p.URL+"/todos", "application/json", strings.NewReader(`{"title":"t"}`))
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("POST /todos #%d with -max-items 2 = %d %s, want %d", i+1, resp.StatusCode, body, want)
		}
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, nil, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}

func TestRunSaysWhatToDoWhenThePortIsTaken(t *testing.T) {
	busy, err := net.Listen("tcp", "127.0.0.1:0") // another program on the port
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	code, out := webtest.Exit(run, nil, "-addr", busy.Addr().String())
	for _, want := range []string{
		"another program is using port " + strconv.Itoa(port),
		"-addr 127.0.0.1:" + strconv.Itoa(port+1),
		"-addr 127.0.0.1:0 picks any free port",
	} {
		if code != 1 || !strings.Contains(out, want) {
			t.Errorf("a busy port: exit code %d, output %q; want exit code 1 and %q", code, out, want)
		}
	}
}
