package main

import (
	"bufio"
	"context"
	"io"
	"strings"
	"testing"

	"apicourse/shared/web"
)

func TestRunSaysWhenWrkIsNotInstalled(t *testing.T) {
	var out strings.Builder
	err := run(context.Background(), []string{"-wrk", "no-such-wrk-program"}, io.Discard, &out)
	if code := web.ExitCode(err, &out); code != 1 || !strings.Contains(out.String(), "wrk is not installed") {
		t.Errorf("without wrk: exit code %d, output %q; want 1 and \"wrk is not installed\"", code, out.String())
	}
}

func TestListeningURLSkipsEarlyLinesAndReportsAnEarlyEnd(t *testing.T) {
	out := bufio.NewReader(strings.NewReader("level=WARN msg=\"VAULT_SECRET is not set\"\nlistening on http://127.0.0.1:4242\nlevel=INFO\n"))
	if url, err := listeningURL(out); err != nil || url != "http://127.0.0.1:4242" {
		t.Errorf("listeningURL = %q, %v; want http://127.0.0.1:4242", url, err)
	}
	ended := bufio.NewReader(strings.NewReader("listen tcp: address already in use\n"))
	if _, err := listeningURL(ended); err == nil || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("listeningURL of a program that failed = %v, want its words", err)
	}
}

func TestShortenedCutsTheToken(t *testing.T) {
	got := shortened([]string{"-t2", "-H", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "http://x/documents"})
	if want := "-t2 -H 'Authorization: Bearer eyJhbGciOiJI…' http://x/documents"; got != want {
		t.Errorf("shortened = %q, want %q", got, want)
	}
}
