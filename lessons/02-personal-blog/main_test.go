package main

import (
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
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

func TestRunBoundsTheDatabaseWithMaxDBMiB(t *testing.T) {
	srv := webtest.Start(t, run, nil, "-db", filepath.Join(t.TempDir(), "blog.db"), "-max-db-mib", "1")
	content := strings.Repeat("a", maxContentLength)
	for i := 1; ; i++ {
		if i > 20 {
			t.Fatal("20 posts of 100 KB with -max-db-mib 1: all created, want a 507")
		}
		code, body := request(t, "POST", srv.URL+"/posts", `{"title":"Post `+strconv.Itoa(i)+`","content":"`+content+`"}`)
		if code == http.StatusCreated {
			continue
		}
		if code != http.StatusInsufficientStorage || body != `{"detail":"Storage limit reached"}`+"\n" {
			t.Errorf("POST /posts beyond -max-db-mib = %d %s, want 507 Storage limit reached", code, body)
		}
		break
	}
	if code, _ := request(t, "GET", srv.URL+"/posts/post-1", ""); code != http.StatusOK {
		t.Errorf("after a 507, GET /posts/post-1 = %d, want 200", code)
	}
}

func TestRunRefusesBadArguments(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "no", "such")
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"an unknown flag is a usage error", []string{"-port", "8000"}, 2, "-db"},
		{"a stray argument is a usage error", []string{"9000"}, 2, `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`},
		{"a database in a folder that does not exist says which and what to do", []string{"-db", filepath.Join(missing, "blog.db")}, 1,
			"-db " + filepath.Join(missing, "blog.db") + ": the folder " + missing + " does not exist: create it (mkdir -p " + missing + ")"},
		{"a database that is a folder says so", []string{"-db", dir}, 1, "is a folder: name a file"},
		{"a database limit of 0 is a usage error", []string{"-max-db-mib", "0"}, 2, "-max-db-mib must be 1..1048576"},
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

func TestRunSaysWhenTheDatabaseFolderIsReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, who can write in a read-only folder")
	}
	dir := t.TempDir()
	os.Chmod(dir, 0o555)
	defer os.Chmod(dir, 0o755)
	code, out := webtest.Exit(run, nil, "-db", filepath.Join(dir, "blog.db"))
	if want := "may not create files in the folder " + dir + ": make it writable (chmod u+w " + dir + ")"; code != 1 || !strings.Contains(out, want) {
		t.Errorf("a read-only folder: exit code %d, output %q; want exit code 1 and %q", code, out, want)
	}
}
