package main

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunServesUploadsFromTheStaticFolder(t *testing.T) {
	static := filepath.Join(t.TempDir(), "static")
	leftover := filepath.Join(static, "uploads", tempPrefix+"crashed")
	os.MkdirAll(filepath.Dir(leftover), 0o755)
	os.WriteFile(leftover, []byte("half"), 0o644)

	p := webtest.Start(t, run, nil, "-static", static)
	if _, err := os.Stat(leftover); !os.IsNotExist(err) {
		t.Errorf("a half-written upload from an earlier run is still there (stat: %v)", err)
	}
	body, ct := multipartBody(t, "file", "me.gif", "image/gif", encode(t, "gif"))
	resp, err := http.Post(p.URL+"/profiles/jane_doe/upload-image", ct, body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), `"/static/uploads/jane_doe.gif"`) {
		t.Fatalf("upload = %d %s, want 200 with the image URL", resp.StatusCode, b)
	}
	resp, err = http.Get(p.URL + "/static/uploads/jane_doe.gif")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.Header.Get("Content-Type") != "image/gif" || !bytes.Equal(got, encode(t, "gif")) {
		t.Errorf("GET the uploaded image = %s %q, want the GIF back", resp.Header.Get("Content-Type"), got)
	}
	p.WaitForLine(t, "path=/static/uploads/jane_doe.gif status=200", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunRefusesBadArguments(t *testing.T) {
	notAFolder := filepath.Join(t.TempDir(), "file")
	os.WriteFile(notAFolder, nil, 0o644)
	tests := []struct {
		name     string
		args     []string
		wantCode int
		wantOut  string
	}{
		{"an unknown flag is a usage error", []string{"-port", "8000"}, 2, "-static"},
		{"a stray argument is a usage error", []string{"9000"}, 2, `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`},
		{"a static folder that is a file says so", []string{"-static", notAFolder}, 1, "-static " + notAFolder + ": " + notAFolder + " is a file, not a folder"},
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

func TestRunSaysWhenTheStaticFolderIsReadOnly(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("running as root, who can write in a read-only folder")
	}
	static := t.TempDir()
	uploads := filepath.Join(static, "uploads")
	os.Mkdir(uploads, 0o555) // it exists: every upload would fail with a 500
	defer os.Chmod(uploads, 0o755)
	code, out := webtest.Exit(run, nil, "-static", static)
	if want := "may not create files in the folder " + uploads + ": make it writable (chmod u+w " + uploads + ")"; code != 1 || !strings.Contains(out, want) {
		t.Errorf("a read-only uploads folder: exit code %d, output %q; want exit code 1 and %q", code, out, want)
	}
}
