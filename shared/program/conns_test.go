package program

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"
)

// serveForTest starts Serve with l on a free loopback port and returns its
// address; the server stops when the test ends.
func serveForTest(t *testing.T, l Listen) string {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "ok\n") })
	srv := NewHTTPServer(mux, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	l.Addr = "127.0.0.1:0"
	go func() { done <- Serve(ctx, srv, l, pw, time.Second) }()
	t.Cleanup(func() { cancel(); <-done })
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("reading the listening line: %v", err)
	}
	go io.Copy(io.Discard, pr)
	return strings.TrimPrefix(strings.TrimSpace(line), "listening on http://")
}

// dialFrom opens a connection to addr from the loopback address from
// (127.0.0.2 and 127.0.0.3 are two clients on one machine).
func dialFrom(t *testing.T, from, addr string) net.Conn {
	t.Helper()
	d := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(from)}, Timeout: 2 * time.Second}
	c, err := d.Dial("tcp", addr)
	if err != nil {
		t.Fatalf("dial %s from %s: %v", addr, from, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// get sends one keep-alive GET on c and reports whether a 200 came back
// within a second.
func get(c net.Conn, host string) bool {
	c.SetDeadline(time.Now().Add(time.Second))
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: %s\r\n\r\n", host)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		return false
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode == http.StatusOK
}

// closedByServer reports whether the server closed c (it reads EOF) within
// a short wait.
func closedByServer(c net.Conn) bool {
	c.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	_, err := c.Read(make([]byte, 1))
	return err == io.EOF
}

func TestOneClientHoldsAtMostItsShareOfTheConnections(t *testing.T) {
	addr := serveForTest(t, Listen{MaxConns: 8, MaxConnsPerClient: 3})
	var attacker []net.Conn
	for range 8 { // each sends nothing: busy trickling its headers, say
		attacker = append(attacker, dialFrom(t, "127.0.0.2", addr))
	}
	closed := 0
	for _, c := range attacker {
		if closedByServer(c) {
			closed++
		}
	}
	if closed != 5 {
		t.Errorf("the server closed %d of the attacker's 8 connections, want 5 (its share is 3)", closed)
	}
	for i := range 3 {
		if !get(dialFrom(t, "127.0.0.3", addr), addr) {
			t.Errorf("request %d of another client failed while the attacker held its share", i+1)
		}
	}
}

func TestIdleConnectionsAreClosedFirstWhenTheServerIsFull(t *testing.T) {
	addr := serveForTest(t, Listen{MaxConns: 4, MaxConnsPerClient: 4})
	var idle []net.Conn
	for range 4 { // one request each, then idle: a keep-alive client
		c := dialFrom(t, "127.0.0.2", addr)
		if !get(c, addr) {
			t.Fatal("the first client's request failed")
		}
		idle = append(idle, c)
	}
	if !get(dialFrom(t, "127.0.0.3", addr), addr) {
		t.Fatal("a new client was not served while the server was full of idle connections")
	}
	closed := 0
	for _, c := range idle {
		if closedByServer(c) {
			closed++
		}
	}
	if closed != 1 {
		t.Errorf("%d idle connections were closed to make room, want 1", closed)
	}
}

func TestAClientAtItsShareLosesItsOwnIdleConnectionFirst(t *testing.T) {
	addr := serveForTest(t, Listen{MaxConns: 8, MaxConnsPerClient: 2})
	first := dialFrom(t, "127.0.0.2", addr)
	if !get(first, addr) {
		t.Fatal("first request failed")
	}
	busy := dialFrom(t, "127.0.0.2", addr) // says nothing: not idle, busy
	third := dialFrom(t, "127.0.0.2", addr)
	if !get(third, addr) {
		t.Error("a client at its share was refused though one of its connections was idle")
	}
	if !closedByServer(first) || closedByServer(busy) {
		t.Error("the idle connection should make room, not the busy one")
	}
}

func TestALoopbackServerAnswersOnlyLoopbackNames(t *testing.T) {
	addr := serveForTest(t, Listen{MaxConns: 8, AllowHosts: "todo.test,dev.example:8000"})
	_, port, _ := net.SplitHostPort(addr)
	tests := []struct {
		host string
		want int
	}{
		{addr, 200},
		{"localhost:" + port, 200},
		{"LOCALHOST", 200},
		{"127.0.0.9:" + port, 200},
		{"[::1]:" + port, 200},
		{"todo.test:" + port, 200},
		{"evil.example:" + port, 421}, // a name rebound to 127.0.0.1
		{"127.0.0.1.evil.example", 421},
		{"dev.example:" + port, 421}, // -allow-host names hosts, not host:port
	}
	for _, tt := range tests {
		t.Run(tt.host, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "http://"+addr+"/", nil)
			r.Host = tt.host
			resp, err := http.DefaultClient.Do(r)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != tt.want {
				t.Errorf("Host %s = %d, want %d", tt.host, resp.StatusCode, tt.want)
			}
		})
	}
}

func TestAServerFullOfBusyConnectionsStillShutsDown(t *testing.T) {
	mux := http.NewServeMux()
	srv := NewHTTPServer(mux, slog.New(slog.DiscardHandler))
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() { done <- Serve(ctx, srv, Listen{Addr: "127.0.0.1:0", MaxConns: 2}, pw, 100*time.Millisecond) }()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	addr := strings.TrimPrefix(strings.TrimSpace(line), "listening on http://")
	for range 3 { // two busy (they say nothing), the third waits for room
		dialFrom(t, "127.0.0.1", addr)
	}
	time.Sleep(100 * time.Millisecond) // let Accept take the third and wait with it
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second): // before ReadHeaderTimeout would free the room
		t.Fatal("Serve did not return after its context ended: Accept is still waiting for room")
	}
}
