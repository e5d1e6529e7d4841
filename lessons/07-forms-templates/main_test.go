package main

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunServesTheFormAndFollowsTheRedirect(t *testing.T) {
	p := webtest.Start(t, run, nil)
	resp, err := http.PostForm(p.URL+"/subscribe", url.Values{"name": {"Grace Hopper"}, "email": {"grace@example.com"}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The client followed the 303 with a GET, as a browser does.
	if resp.StatusCode != http.StatusOK || resp.Request.URL.Path != "/subscriptions/1" || !strings.Contains(string(body), "Thank you, Grace Hopper!") {
		t.Errorf("POST /subscribe ended at %s with %d, want the success page", resp.Request.URL.Path, resp.StatusCode)
	}
	p.WaitForLine(t, "path=/subscribe status=303", 5*time.Second)
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
