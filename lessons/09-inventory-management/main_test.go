package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunServesBothVersionsAndStopsCleanly(t *testing.T) {
	p := webtest.Start(t, run, nil)
	for _, path := range []string{"/v1/items?limit=1", "/v2/items?limit=1"} {
		resp, err := http.Get(p.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"id":1`) {
			t.Errorf("GET %s = %d %s, want 200 with item 1", path, resp.StatusCode, body)
		}
	}
	p.WaitForLine(t, "path=/v2/items status=200", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
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
