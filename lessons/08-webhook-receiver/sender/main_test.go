package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"apicourse/lessons/08-webhook-receiver/webhook"
	"apicourse/shared/program"
)

// fakeReceiver answers 200 to deliveries signed with secret, 401 to others,
// recording the event header it saw last.
func fakeReceiver(t *testing.T, secret string, event *atomic.Value) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		event.Store(r.Header.Get("X-GitHub-Event"))
		if !webhook.Verify([]byte(secret), body, r.Header.Get(webhook.SignatureHeader)) || r.Header.Get("X-GitHub-Delivery") == "" {
			http.Error(w, `{"detail":"Invalid signature"}`, http.StatusUnauthorized)
			return
		}
		io.WriteString(w, `{"status":"received"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestSender(t *testing.T) {
	file := filepath.Join(t.TempDir(), "payload.json")
	os.WriteFile(file, []byte(`{"ref":"refs/heads/main"}`), 0o644)
	var event atomic.Value
	srv := fakeReceiver(t, "s3cret", &event)
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()

	tests := []struct {
		name      string
		secret    string
		args      []string
		wantCode  int
		wantOut   string
		wantEvent string
	}{
		{"posts the signed file and prints the reply", "s3cret", []string{"-url", srv.URL, "-event", "issues", file}, 0, "200 OK\n{\"status\":\"received\"}", "issues"},
		{"sends push when no -event is given", "s3cret", []string{"-url", srv.URL, file}, 0, "200 OK", "push"},
		{"fails on a 401 from a wrong secret", "wrong", []string{"-url", srv.URL, file}, 1, "401 Unauthorized", "push"},
		{"fails when it cannot connect", "s3cret", []string{"-url", closed.URL, file}, 1, "connection refused", ""},
		{"refuses to send without a secret", "", []string{"-url", srv.URL, file}, 2, "WEBHOOK_SECRET", ""},
		{"refuses to run without a file", "s3cret", []string{"-url", srv.URL}, 2, "payload file", ""},
		{"fails on a file that does not exist", "s3cret", []string{"-url", srv.URL, file + ".missing"}, 1, "no such file", ""},
		{"-h names the lesson's address as -url's default", "s3cret", []string{"-h"}, 0, `the receiver's URL (default "http://127.0.0.1:8000/webhook")`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			event.Store("")
			var out bytes.Buffer
			getenv := func(k string) string { return map[string]string{"WEBHOOK_SECRET": tt.secret}[k] }
			err := run(context.Background(), tt.args, getenv, &out, &out)
			if code := program.ExitCode(err, &out); code != tt.wantCode {
				t.Errorf("exit code = %d, want %d; output %q", code, tt.wantCode, out.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("output %q does not contain %q", out.String(), tt.wantOut)
			}
			if got := event.Load(); got != tt.wantEvent {
				t.Errorf("the receiver saw X-GitHub-Event %q, want %q", got, tt.wantEvent)
			}
		})
	}
}

func TestSenderFollowsNoRedirect(t *testing.T) {
	file := filepath.Join(t.TempDir(), "payload.json")
	os.WriteFile(file, []byte(`{"ref":"refs/heads/main"}`), 0o644)
	var elsewhere atomic.Int32 // deliveries that reached the other host
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
	}))
	t.Cleanup(other.Close)
	for _, code := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		t.Run(http.StatusText(code)+" to another host is not followed", func(t *testing.T) {
			srv := httptest.NewServer(http.RedirectHandler(other.URL+"/webhook", code))
			t.Cleanup(srv.Close)
			var out bytes.Buffer
			getenv := func(string) string { return "s3cret" }
			err := run(context.Background(), []string{"-url", srv.URL, file}, getenv, &out, &out)
			if code := program.ExitCode(err, &out); code != 1 {
				t.Errorf("exit code = %d, want 1; output %q", code, out.String())
			}
			if !strings.Contains(out.String(), "redirects are not followed") {
				t.Errorf("output %q does not say the redirect was not followed", out.String())
			}
			if n := elsewhere.Load(); n != 0 {
				t.Errorf("the other host received %d deliveries, want 0", n)
			}
		})
	}
}

func TestSenderEscapesWhatTheReceiverSaysBeforePrintingIt(t *testing.T) {
	file := filepath.Join(t.TempDir(), "payload.json")
	os.WriteFile(file, []byte(`{"ref":"refs/heads/main"}`), 0o644)
	tests := []struct {
		name, reply, want string
	}{
		{"JSON is printed as is", `{"status":"received","note":"ünïcode ✓"}`, `{"status":"received","note":"ünïcode ✓"}`},
		{"newlines and tabs are kept", "line one\n\tline two", "line one\n\tline two"},
		{"a window title sequence is escaped", "\x1b]0;pwned\x07ok", `\x1b]0;pwned\aok`},
		{"clear screen and carriage return are escaped", "\x1b[2J\rok", `\x1b[2J\rok`},
		{"a C1 control is escaped", "\u009b2Jok", `\u009b2Jok`},
		{"a right-to-left override is escaped", "ok\u202egnp.exe", `ok\u202egnp.exe`},
		{"bytes that are not UTF-8 are escaped", "ok\xff\xfe", `ok\xff\xfe`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				io.WriteString(w, tt.reply)
			}))
			t.Cleanup(srv.Close)
			var out bytes.Buffer
			getenv := func(string) string { return "s3cret" }
			if err := run(context.Background(), []string{"-url", srv.URL, file}, getenv, &out, &out); err != nil {
				t.Fatal(err)
			}
			if want := "200 OK\n" + tt.want + "\n"; out.String() != want {
				t.Errorf("output = %q, want %q", out.String(), want)
			}
		})
	}
}
