package main

import (
	"io"
	"net/http"
	"net/url"
	"strconv"
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
	if resp.StatusCode != http.StatusOK || !subscriptionPath.MatchString(resp.Request.URL.Path) || !strings.Contains(string(body), "Thank you, Grace Hopper!") {
		t.Errorf("POST /subscribe ended at %s with %d, want the success page", resp.Request.URL.Path, resp.StatusCode)
	}
	p.WaitForLine(t, "path=/subscribe status=303", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunPassesMaxItemsToTheStore(t *testing.T) {
	p := webtest.Start(t, run, nil, "-max-items", "1")
	for i, want := range []int{http.StatusOK, http.StatusInsufficientStorage} {
		resp, err := http.PostForm(p.URL+"/subscribe", url.Values{"name": {"Reader"}, "email": {"reader" + strconv.Itoa(i) + "@example.com"}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("sign-up %d with -max-items 1 = %d, want %d; body:\n%s", i+1, resp.StatusCode, want, body)
		}
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
	for _, n := range []string{"0", "-1", "many"} {
		if code, out := webtest.Exit(run, nil, "-max-items", n); code != 2 {
			t.Errorf("exit code for -max-items %s = %d, want 2; output %q", n, code, out)
		}
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, nil, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}
