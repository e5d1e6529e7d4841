package main

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

// request sends one request to a running program and returns status and body.
func request(t *testing.T, method, url, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestPostsSurviveARestart(t *testing.T) {
	db := filepath.Join(t.TempDir(), "blog.db")

	first := webtest.Start(t, run, nil, "-db", db)
	if code, body := request(t, "POST", first.URL+"/posts", `{"title":"Hello World","content":"kept"}`); code != http.StatusCreated {
		t.Fatalf("POST /posts = %d %s, want 201", code, body)
	}
	first.WaitForLine(t, "status=201", 5*time.Second)
	if err := first.Stop(t); err != nil {
		t.Fatalf("first run returned %v after cancel, want nil", err)
	}

	second := webtest.Start(t, run, nil, "-db", db)
	code, body := request(t, "GET", second.URL+"/posts/hello-world", "")
	if code != http.StatusOK || !strings.Contains(body, `"content":"kept"`) {
		t.Errorf("after a restart, GET /posts/hello-world = %d %s, want the post", code, body)
	}
	if code, _ := request(t, "POST", second.URL+"/posts", `{"title":"Hello World","content":"again"}`); code != http.StatusConflict {
		t.Errorf("after a restart, a duplicate POST = %d, want 409", code)
	}
	if err := second.Stop(t); err != nil {
		t.Errorf("second run returned %v after cancel, want nil", err)
	}
}

func TestRunRefusesBadArguments(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"an unknown flag is a usage error", []string{"-port", "8000"}, 2, "-db"},
		{"a database in a folder that does not exist fails", []string{"-db", filepath.Join(t.TempDir(), "no", "such", "blog.db")}, 1, "open database"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out := webtest.Exit(run, nil, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code = %d, want %d", code, tt.wantCode)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("output %q does not mention %q", out, tt.wantOut)
			}
		})
	}
}
