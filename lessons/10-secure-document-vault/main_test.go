package main

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestRunAcceptsTokensSignedWithVAULT_SECRET(t *testing.T) {
	p := webtest.Start(t, run, map[string]string{"VAULT_SECRET": string(testSecret)})
	token, _ := SignToken(testSecret, Claims{Sub: "bob", Scopes: []string{"vault:read"}, IAT: time.Now().Unix(), EXP: time.Now().Add(time.Minute).Unix()})
	req, _ := http.NewRequest("GET", p.URL+"/users/me", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"username":"bob"`) {
		t.Errorf("GET /users/me = %d %s, want bob", resp.StatusCode, body)
	}
	p.WaitForLine(t, "path=/users/me status=200", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil (exit code 0)", err)
	}
}

func TestRunWarnsWithoutVAULT_SECRET(t *testing.T) {
	p := webtest.Start(t, run, nil)
	p.WaitForLine(t, "tokens will not survive a restart", 5*time.Second)
	if err := p.Stop(t); err != nil {
		t.Errorf("run returned %v after cancel, want nil", err)
	}
}

func TestRunRefusesBadConfiguration(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		secret  string
		wantOut string
	}{
		{"a VAULT_SECRET under 32 bytes", nil, "too-short", "at least 32 bytes"},
		{"a VAULT_SECRET of 32 × a", nil, strings.Repeat("a", 32), "VAULT_SECRET has only 1 different bytes (at least 8)"},
		{"a VAULT_SECRET of 64 × ab", nil, strings.Repeat("ab", 32), "VAULT_SECRET has only 2 different bytes"},
		{"-logins-per-client 0", []string{"-logins-per-client", "0"}, "", "-logins-per-client must be at least 1"},
		{"an unknown flag", []string{"-port", "1"}, "", "-addr"},
		{"a stray argument", []string{"9000"}, "", `unexpected argument "9000": did you mean -addr 127.0.0.1:9000?`},
		{"-max-logins 0", []string{"-max-logins", "0"}, "", "-max-logins must be at least 1"},
		{"a -max-items below the seeded documents", []string{"-max-items", "4"}, "", "-max-items must be at least 5"},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name+" with exit code 2", func(t *testing.T) {
			code, out := webtest.Exit(run, map[string]string{"VAULT_SECRET": tt.secret}, tt.args...)
			if code != 2 {
				t.Errorf("exit code = %d, want 2", code)
			}
			if !strings.Contains(out, tt.wantOut) {
				t.Errorf("output %q does not mention %q", out, tt.wantOut)
			}
		})
	}
}

func TestRunBoundsTheVaultByMaxItems(t *testing.T) {
	p := webtest.Start(t, run, map[string]string{"VAULT_SECRET": string(testSecret)}, "-max-items", "6")
	token, _ := SignToken(testSecret, Claims{Sub: "alice", Scopes: []string{"vault:write"}, IAT: time.Now().Unix(), EXP: time.Now().Add(time.Minute).Unix()})
	for _, want := range []int{http.StatusCreated, http.StatusInsufficientStorage} {
		req, _ := http.NewRequest("POST", p.URL+"/documents", strings.NewReader(`{"title":"t","content":"c","secret_level":1}`))
		req.Header.Set("Authorization", "Bearer "+token)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != want {
			t.Errorf("POST /documents with -max-items 6 and 5 seeded = %d, want %d", resp.StatusCode, want)
		}
	}
}

func TestRunHasTheDemoUsersUnlessToldNot(t *testing.T) {
	tests := []struct {
		args     []string
		wantCode int
	}{
		{nil, http.StatusOK},
		{[]string{"-demo-users=false"}, http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("with %q alice's login is %d", tt.args, tt.wantCode), func(t *testing.T) {
			p := webtest.Start(t, run, map[string]string{"VAULT_SECRET": string(testSecret)}, tt.args...)
			resp, err := http.PostForm(p.URL+"/token", url.Values{"username": {"alice"}, "password": {demoPasswords["alice"]}})
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.wantCode {
				t.Errorf("POST /token as alice = %d, want %d", resp.StatusCode, tt.wantCode)
			}
			if err := p.Stop(t); err != nil {
				t.Errorf("run returned %v after cancel, want nil", err)
			}
		})
	}
}
