package course

import (
	"context"
	"os/exec"
	"strings"
	"testing"
)

func TestListeningURLReadsTheLessonsFirstLine(t *testing.T) {
	tests := []struct {
		line, url string
		ok        bool
	}{
		{"listening on http://127.0.0.1:4242", "http://127.0.0.1:4242", true},
		{"listening on http://127.0.0.1:4242\r", "http://127.0.0.1:4242", true},
		{`level=WARN msg="VAULT_SECRET is not set"`, "", false},
		{`level=INFO msg=request path="/listening on x"`, "", false},
	}
	for _, tt := range tests {
		if url, ok := ListeningURL(tt.line); url != tt.url || ok != tt.ok {
			t.Errorf("ListeningURL(%q) = %q, %v; want %q, %v", tt.line, url, ok, tt.url, tt.ok)
		}
	}
}

// startShell starts sh running script as if it were a lesson.
func startShell(t *testing.T, script string) (*Program, error) {
	t.Helper()
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("sh is not installed")
	}
	return Start(context.Background(), sh, t.TempDir(), []string{"GREETING=hi"}, []string{"-c", script})
}

func TestStartReturnsOnceTheProgramListensAndKeepsWhatItPrints(t *testing.T) {
	p, err := startShell(t, `echo "warning: $GREETING"; echo listening on http://127.0.0.1:4242; exec sleep 60`)
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	if p.URL != "http://127.0.0.1:4242" {
		t.Errorf("URL = %q, want http://127.0.0.1:4242", p.URL)
	}
	if log := p.Log(); !strings.Contains(log, "warning: hi\n") {
		t.Errorf("Log = %q, want the line before the listening one, with the environment given", log)
	}
}

func TestStartOfAProgramThatEndsEarlySaysWhatItPrinted(t *testing.T) {
	_, err := startShell(t, `echo "listen tcp 127.0.0.1:8000: bind: address already in use"; exit 1`)
	if err == nil || !strings.Contains(err.Error(), "ended before it listened") || !strings.Contains(err.Error(), "address already in use") {
		t.Errorf("Start = %v, want an error that says it ended and quotes it", err)
	}
}
