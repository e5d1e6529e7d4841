package program

import (
	"net"
	"net/http"
	"slices"
	"strings"
)

// hostCheck refuses, when the server listens on a loopback address, a
// request whose Host is not a loopback name (localhost, 127.x.x.x, ::1)
// or one of allow (comma-separated, from -allow-host). A page of another
// site can make its own name point at 127.0.0.1 (DNS rebinding) and then
// read and write this server as if it were same-origin; its requests
// still carry that name in Host. A server on another address is reached
// by names this code cannot know, so it checks nothing.
func hostCheck(next http.Handler, addr net.Addr, allow string) http.Handler {
	tcp, ok := addr.(*net.TCPAddr)
	if !ok || !tcp.IP.IsLoopback() {
		return next
	}
	allowed := strings.Split(allow, ",")
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if host := hostName(r.Host); !loopbackName(host) && !slices.Contains(allowed, host) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusMisdirectedRequest)
			_, _ = w.Write([]byte(`{"detail":"Unknown host: this server answers to localhost and 127.0.0.1 (-allow-host adds names)"}` + "\n"))
			return
		}
		next.ServeHTTP(w, r)
	})
}

// hostName is the Host header without its port, and without the brackets
// of an IPv6 address.
func hostName(hostport string) string {
	if host, _, err := net.SplitHostPort(hostport); err == nil {
		return host
	}
	return strings.TrimSuffix(strings.TrimPrefix(hostport, "["), "]")
}

// loopbackName reports whether host names this computer only.
func loopbackName(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// chainConnState returns a ConnState hook that calls first, then next
// when it is set (a test's own hook).
func chainConnState(first, next func(net.Conn, http.ConnState)) func(net.Conn, http.ConnState) {
	if next == nil {
		return first
	}
	return func(c net.Conn, s http.ConnState) {
		first(c, s)
		next(c, s)
	}
}
