package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunAsksTheUpstreamItIsGiven(t *testing.T) {
	api := newFakeAPI(t, nil)
	p := webtest.Start(t, run, nil, "-upstream", api.URL, "-ttl", "1m")
	for i, want := range []string{`"cached":false`, `"cached":true`} {
		resp, err := http.Get(p.URL + "/weather?latitude=48.85&longitude=2.35&city_name=Paris")
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("request %d = %d %s, want 200 with %s", i+1, resp.StatusCode, body, want)
		}
	}
	p.WaitForLine(t, "path=/weather status=200", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunPassesUpstreamConcurrencyToTheClient(t *testing.T) {
	handler, started, release := blocking(t)
	api := newFakeAPI(t, handler)
	p := webtest.Start(t, run, nil, "-upstream", api.URL, "-upstream-concurrency", "1")
	first := make(chan int, 1)
	go func() {
		resp, err := http.Get(p.URL + "/weather?latitude=1&longitude=1")
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	<-started // the one slot is taken
	resp, err := http.Get(p.URL + "/weather?latitude=2&longitude=2")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" || !strings.Contains(string(body), "Weather service busy") {
		t.Errorf("a second point while the one slot is taken = %d %s (Retry-After %q), want 503 with Retry-After", resp.StatusCode, body, resp.Header.Get("Retry-After"))
	}
	release()
	if code := <-first; code != http.StatusOK {
		t.Errorf("the request holding the slot = %d, want 200", code)
	}
}

func TestRunRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-port", "1"}, {"-upstream", "ftp://example.com"}, {"-upstream", "not a url"},
		{"-ttl", "0s"}, {"-cache-size", "0"}, {"-upstream-timeout", "-1s"}, {"-upstream-concurrency", "0"},
		{"-upstream-share", "0"}, {"-miss-burst", "0"}, {"-miss-interval", "0s"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			code, out := webtest.Exit(run, nil, args...)
			if code != 2 {
				t.Errorf("exit code = %d, want 2; output %q", code, out)
			}
		})
	}
}

func TestRunRefusesAnArgumentThatIsNotAFlag(t *testing.T) {
	code, out := webtest.Exit(run, nil, "9000")
	if want := `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`; code != 2 || !strings.Contains(out, want) {
		t.Errorf("run 9000 = exit code %d, output %q; want exit code 2 and %q", code, out, want)
	}
}
