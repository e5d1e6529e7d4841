package main

import (
	"crypto/tls"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestCheckOrigin(t *testing.T) {
	tests := []struct {
		name   string
		host   string
		tls    bool
		origin string
		ok     bool
	}{
		{"no Origin (not a browser page)", "chat.example:8000", false, "", true},
		{"the server's own origin", "chat.example:8000", false, "http://chat.example:8000", true},
		{"its own origin in capitals", "chat.example:8000", false, "HTTP://CHAT.EXAMPLE:8000", true},
		{"its own origin over TLS", "chat.example", true, "https://chat.example", true},
		{"another site", "chat.example:8000", false, "http://evil.example", false},
		{"another port", "chat.example:8000", false, "http://chat.example:9000", false},
		{"another scheme", "chat.example:8000", false, "https://chat.example:8000", false},
		{"http to a TLS server", "chat.example", true, "http://chat.example", false},
		{"a suffix trick", "chat.example", false, "http://chat.example.evil.example", false},
		{"a path", "chat.example", false, "http://chat.example/page", false},
		{"user info", "chat.example", false, "http://me@chat.example", false},
		{"the null origin", "chat.example", false, "null", false},
		{"garbage", "chat.example", false, "%zz", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/ws/1", nil)
			r.Host = tt.host
			if tt.tls {
				r.TLS = &tls.ConnectionState{}
			}
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			if err := checkOrigin(r); (err == nil) != tt.ok {
				t.Errorf("checkOrigin(Origin %q, Host %q) = %v, want ok %v", tt.origin, tt.host, err, tt.ok)
			}
		})
	}
}

// FuzzCheckOrigin: whatever the Origin, checkOrigin never panics, and what
// it accepts is the server's own scheme and host.
func FuzzCheckOrigin(f *testing.F) {
	for _, o := range []string{"http://chat.example", "null", "http://chat.example:80", "http://CHAT.example/", "//chat.example", "http://a@chat.example"} {
		f.Add(o)
	}
	f.Fuzz(func(t *testing.T, origin string) {
		r := httptest.NewRequest("GET", "/ws/1", nil)
		r.Host = "chat.example"
		r.Header["Origin"] = []string{origin}
		if checkOrigin(r) == nil && origin != "" && !strings.EqualFold(origin, "http://chat.example") {
			t.Errorf("checkOrigin accepted Origin %q for host chat.example", origin)
		}
	})
}

func TestIsWebSocketUpgrade(t *testing.T) {
	tests := []struct {
		upgrade, connection string
		want                bool
	}{
		{"websocket", "Upgrade", true},
		{"WebSocket", "keep-alive, Upgrade", true},
		{"", "Upgrade", false},
		{"websocket", "keep-alive", false},
		{"h2c", "Upgrade", false},
	}
	for _, tt := range tests {
		r := httptest.NewRequest("GET", "/ws/1", nil)
		r.Header.Set("Upgrade", tt.upgrade)
		r.Header.Set("Connection", tt.connection)
		if got := isWebSocketUpgrade(r); got != tt.want {
			t.Errorf("isWebSocketUpgrade(Upgrade %q, Connection %q) = %v, want %v", tt.upgrade, tt.connection, got, tt.want)
		}
	}
}
