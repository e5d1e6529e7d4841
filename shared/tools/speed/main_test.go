package main

import (
	"context"
	"io"
	"strings"
	"testing"

	"apicourse/shared/program"
)

func TestRunSaysWhenWrkIsNotInstalled(t *testing.T) {
	var out strings.Builder
	err := run(context.Background(), []string{"-wrk", "no-such-wrk-program"}, io.Discard, &out)
	if code := program.ExitCode(err, &out); code != 1 || !strings.Contains(out.String(), "wrk is not installed") {
		t.Errorf("without wrk: exit code %d, output %q; want 1 and \"wrk is not installed\"", code, out.String())
	}
}

func TestShortenedCutsTheToken(t *testing.T) {
	got := shortened([]string{"-t2", "-H", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "http://x/documents"})
	if want := "-t2 -H 'Authorization: Bearer eyJhbGciOiJI…' http://x/documents"; got != want {
		t.Errorf("shortened = %q, want %q", got, want)
	}
}
