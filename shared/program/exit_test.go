package program

import (
	"bytes"
	"errors"
	"flag"
	"io"
	"testing"
)

func TestExitCodes(t *testing.T) {
	badFlag := ParseFlags(flag.NewFlagSet("x", flag.ContinueOnError), []string{"-nope"})
	tests := []struct {
		name      string
		err       error
		wantCode  int
		wantPrint bool
	}{
		{"a clean stop exits 0", nil, 0, false},
		{"a bad flag exits 2, printed by flag already", badFlag, 2, false},
		{"a bad environment exits 2 with its message", Usagef("WEBHOOK_SECRET is empty"), 2, true},
		{"any other failure exits 1 with its message", errors.New("listen tcp: address in use"), 1, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			if got := ExitCode(tt.err, &out); got != tt.wantCode {
				t.Errorf("ExitCode(%v) = %d, want %d", tt.err, got, tt.wantCode)
			}
			if printed := out.Len() > 0; printed != tt.wantPrint {
				t.Errorf("ExitCode(%v) printed %q, want printed=%v", tt.err, out.String(), tt.wantPrint)
			}
		})
	}
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if got := ExitCode(ParseFlags(fs, []string{"-h"}), io.Discard); got != 0 {
		t.Errorf("Exit after -h = %d, want 0", got)
	}
}
