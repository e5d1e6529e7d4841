package main

import (
	"net/http"
	"net/url"
	"strings"
)

// checkOrigin refuses a WebSocket opened by a page from another site. A
// request without Origin is not from a browser page and is let in.
func checkOrigin(r *http.Request) error {
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	u, err := url.Parse(origin)
	if err != nil || u.Scheme != scheme || !strings.EqualFold(u.Host, r.Host) ||
		u.Path != "" || u.User != nil || u.RawQuery != "" {
		return errForeignOrigin
	}
	return nil
}

// isWebSocketUpgrade reports whether r asks to switch to WebSocket, as the
// package checks it, so that a plain GET gets a JSON answer.
func isWebSocketUpgrade(r *http.Request) bool {
	return strings.EqualFold(r.Header.Get("Upgrade"), "websocket") &&
		strings.Contains(strings.ToLower(r.Header.Get("Connection")), "upgrade")
}
