package main

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"apicourse/shared/webtest"
)

// rawSocket is a WebSocket client written by hand, frame by frame, so a
// test sees the pings and pongs that x/net/websocket answers and swallows
// inside Receive, and decides itself whether to answer them.
type rawSocket struct {
	t    testing.TB
	conn net.Conn
	r    *bufio.Reader
}

// dialRaw opens /ws/{id} on srv and checks the 101.
func dialRaw(t testing.TB, srv *httptest.Server, id int) *rawSocket {
	t.Helper()
	conn, err := net.Dial("tcp", srv.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(waitFor))
	fmt.Fprintf(conn, "GET /ws/%d HTTP/1.1\r\nHost: %s\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"+
		"Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n", id, srv.Listener.Addr())
	s := &rawSocket{t: t, conn: conn, r: bufio.NewReader(conn)}
	resp, err := http.ReadResponse(s.r, nil)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("GET /ws/%d status = %d, want 101", id, resp.StatusCode)
	}
	return s
}

// The opcodes of RFC 6455 section 5.2 the tests use.
const (
	opText  = 0x1
	opClose = 0x8
	opPing  = 0x9
	opPong  = 0xA
)

// write sends one final, masked frame (a client must mask) of at most 125 bytes.
func (s *rawSocket) write(op byte, payload string) {
	s.t.Helper()
	mask := [4]byte{1, 2, 3, 4}
	frame := []byte{0x80 | op, 0x80 | byte(len(payload))}
	frame = append(frame, mask[:]...)
	for i := range len(payload) {
		frame = append(frame, payload[i]^mask[i%4])
	}
	_ = s.conn.SetWriteDeadline(time.Now().Add(waitFor))
	if _, err := s.conn.Write(frame); err != nil {
		s.t.Fatalf("write frame %#x: %v", op, err)
	}
}

// read returns the next frame, or an error once the server has closed the
// connection; it fails the test if nothing comes within waitFor.
func (s *rawSocket) read() (op byte, payload string, err error) {
	s.t.Helper()
	_ = s.conn.SetReadDeadline(time.Now().Add(waitFor))
	var head [2]byte
	if _, err := io.ReadFull(s.r, head[:]); err != nil {
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			s.t.Fatalf("nothing from the server within %v", waitFor)
		}
		return 0, "", err
	}
	n := uint64(head[1] & 0x7f)
	switch n {
	case 126:
		var ext [2]byte
		_, err = io.ReadFull(s.r, ext[:])
		n = uint64(binary.BigEndian.Uint16(ext[:]))
	case 127:
		var ext [8]byte
		_, err = io.ReadFull(s.r, ext[:])
		n = binary.BigEndian.Uint64(ext[:])
	}
	if err != nil {
		return 0, "", err
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(s.r, body); err != nil {
		return 0, "", err
	}
	return head[0] & 0x0f, string(body), nil
}

// until reads frames until one of op arrives and returns its payload,
// answering the server's pings on the way when answer is true.
func (s *rawSocket) until(op byte, answer bool) string {
	s.t.Helper()
	for {
		got, payload, err := s.read()
		switch {
		case err != nil:
			s.t.Fatalf("waiting for a frame %#x: the connection closed: %v", op, err)
		case got == op:
			return payload
		case got == opClose:
			s.t.Fatalf("waiting for a frame %#x: the server closed the socket", op)
		case got == opPing && answer:
			s.write(opPong, payload)
		}
	}
}

func TestChatKeepsASocketThatAnswersPingsThoughItSaysNothing(t *testing.T) {
	cfg := DefaultHubConfig()
	// Short enough for a test, with room for a loaded machine: a goroutine
	// that waits a second for its turn must not look like a dead client.
	cfg.PingEvery, cfg.IdleTimeout = 50*time.Millisecond, time.Second
	srv, _ := newChat(t, cfg)
	s := dialRaw(t, srv, 1)
	// 30 pings, 50 ms apart, take longer than the idle timeout: only the
	// pongs prove the client is there.
	for range 30 {
		s.write(opPong, s.until(opPing, true))
	}
	s.write(opText, "still here")
	if got := s.until(opText, true); got != "You wrote: still here" {
		t.Errorf("received %q, want the echo", got)
	}
}

func TestChatClosesASocketThatAnswersNoPingWithinTheIdleTimeout(t *testing.T) {
	cfg := DefaultHubConfig()
	cfg.PingEvery, cfg.IdleTimeout = 50*time.Millisecond, time.Second
	srv, hub := newChat(t, cfg)
	// The listener reads all along, so x/net/websocket answers its pings.
	listener := dial(t, srv, 2)
	_ = listener.SetReadDeadline(time.Now().Add(waitFor))
	heard := make(chan string, 8)
	go func() {
		defer close(heard)
		for {
			var msg string
			if websocket.Message.Receive(listener, &msg) != nil {
				return
			}
			heard <- msg
		}
	}()
	wantHeard := func(want string) {
		t.Helper()
		if got := <-heard; got != want {
			t.Fatalf("the listener heard %q, want %q", got, want)
		}
	}

	s := dialRaw(t, srv, 1) // reads, never answers
	wantHeard("Client 1 joined the chat")
	pings, deadline := 0, time.Now().Add(waitFor)
	for {
		if time.Now().After(deadline) {
			t.Fatalf("the socket is still open %v after it stopped answering pings", waitFor)
		}
		op, _, err := s.read()
		if err != nil || op == opClose {
			break
		}
		if op == opPing {
			pings++
		}
	}
	if pings == 0 {
		t.Error("the server closed the socket without pinging it first")
	}
	wantHeard("Client 1 left the chat")
	waitForClients(t, hub, 1)
	send(t, listener, "still here") // the listener, which answered, is still in
	wantHeard("You wrote: still here")
}

// aheadClock is the clock of the connections of a skewListener: real time
// plus however far a test has moved it ahead.
type aheadClock struct{ ahead atomic.Int64 }

func (c *aheadClock) now() time.Time { return time.Now().Add(time.Duration(c.ahead.Load())) }

// skewListener accepts connections whose write deadlines are judged by
// clock, so a test can make seconds of quiet pass without waiting for them.
type skewListener struct {
	net.Listener
	clock *aheadClock
	mu    sync.Mutex
	conns []*skewConn
}

func (l *skewListener) Accept() (net.Conn, error) {
	conn, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	c := &skewConn{Conn: conn, clock: l.clock}
	l.mu.Lock()
	l.conns = append(l.conns, c)
	l.mu.Unlock()
	return c, nil
}

// skewConn refuses a write once its clock has passed the write deadline.
// A deadline is kept in the clock's time: set at real time T for T+5s, it
// expires when the clock, moved 7 s ahead, reads past T+5s.
type skewConn struct {
	net.Conn
	clock    *aheadClock
	mu       sync.Mutex
	deadline time.Time // zero: none
}

func (c *skewConn) SetDeadline(t time.Time) error {
	c.setWriteDeadline(t)
	return c.Conn.SetDeadline(t)
}

func (c *skewConn) SetWriteDeadline(t time.Time) error {
	c.setWriteDeadline(t)
	return c.Conn.SetWriteDeadline(t)
}

func (c *skewConn) setWriteDeadline(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.deadline = time.Time{}
	if !t.IsZero() {
		c.deadline = t.Add(time.Duration(c.clock.ahead.Load()))
	}
}

func (c *skewConn) writeDeadline() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deadline
}

func (c *skewConn) Write(p []byte) (int, error) {
	if d := c.writeDeadline(); !d.IsZero() && c.clock.now().After(d) {
		return 0, os.ErrDeadlineExceeded
	}
	return c.Conn.Write(p)
}

// The contract: a client may ping at any time and gets its pong; a ping
// after 7 s of quiet never disconnects it. Python's websockets and Node's
// ws ping by default, 20 s apart.
func TestChatAnswersAPingAtAnyTime(t *testing.T) {
	for _, quiet := range []time.Duration{0, 7 * time.Second, time.Hour} {
		t.Run(fmt.Sprintf("after %v of quiet", quiet), func(t *testing.T) {
			cfg := DefaultHubConfig()
			cfg.PingEvery, cfg.IdleTimeout = 2*time.Hour, 2*time.Hour // only the client pings
			hub := NewHub(cfg)
			h := NewServer(slog.New(slog.NewTextHandler(io.Discard, nil)), hub)
			srv := httptest.NewUnstartedServer(webtest.ParseAPI(t, openapiJSON).Check(t, h))
			l := &skewListener{Listener: srv.Listener, clock: &aheadClock{}}
			srv.Listener = l
			srv.Start()
			t.Cleanup(func() { closeChat(t, srv, hub) })

			s := dialRaw(t, srv, 1)
			s.write(opText, "hi")
			if got := s.until(opText, false); got != "You wrote: hi" {
				t.Fatalf("received %q, want the echo", got)
			}
			// The writer is done with the echo once the deadline it set is cleared.
			server := l.conns[0]
			deadline := time.Now().Add(waitFor)
			for !server.writeDeadline().IsZero() {
				if time.Now().After(deadline) {
					t.Fatalf("the write deadline of the echo is still set %v after it was written", waitFor)
				}
			}
			l.clock.ahead.Store(int64(quiet))
			s.write(opPing, "are you there")
			if got := s.until(opPong, false); got != "are you there" {
				t.Errorf("pong payload = %q, want the ping's", got)
			}
			s.write(opText, "still here")
			if got := s.until(opText, false); got != "You wrote: still here" {
				t.Errorf("received %q, want the echo", got)
			}
		})
	}
}

// dialFrom opens /ws/{id} from the local address ip, as another machine would.
func dialFrom(t testing.TB, srv *httptest.Server, ip string, id int) (*websocket.Conn, error) {
	t.Helper()
	cfg, err := websocket.NewConfig(wsURL(srv, id), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Dialer = &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	ws, err := websocket.DialConfig(cfg)
	if err == nil {
		t.Cleanup(func() { ws.Close() })
	}
	return ws, err
}

// clientFrom is an HTTP client whose requests come from the local address ip.
func clientFrom(ip string) *http.Client {
	d := &net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(ip)}}
	return &http.Client{Transport: &http.Transport{DialContext: d.DialContext}}
}

func TestChatOneAddressCannotFillTheRoom(t *testing.T) {
	cfg := limits(4, time.Second, 4)
	cfg.MaxPerIP = 2
	srv, _ := newChat(t, cfg)
	const attacker, other = "127.0.0.2", "127.0.0.3"
	for id := 1; id <= cfg.MaxPerIP; id++ {
		if _, err := dialFrom(t, srv, attacker, id); err != nil {
			t.Fatalf("client %d from %s: %v", id, attacker, err)
		}
	}

	t.Run("one more from the same address is refused with 503 and Retry-After", func(t *testing.T) {
		client := clientFrom(attacker)
		defer client.CloseIdleConnections()
		resp, err := client.Do(upgradeRequest(t, srv.URL+"/ws/3", ""))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusServiceUnavailable || resp.Header.Get("Retry-After") == "" {
			t.Fatalf("GET /ws/3 = %d, Retry-After %q; want 503 with Retry-After", resp.StatusCode, resp.Header.Get("Retry-After"))
		}
		body, _ := io.ReadAll(resp.Body)
		if got := strings.TrimSpace(string(body)); got != `{"detail":"Too many chat clients from your address, try again later"}` {
			t.Errorf("GET /ws/3 body = %s", got)
		}
	})
	t.Run("another address still joins and loads the page", func(t *testing.T) {
		ws, err := dialFrom(t, srv, other, 4)
		if err != nil {
			t.Fatalf("client 4 from %s: %v", other, err)
		}
		send(t, ws, "hello")
		wantMessage(t, ws, "You wrote: hello")
		client := clientFrom(other)
		defer client.CloseIdleConnections()
		resp, err := client.Get(srv.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Errorf("GET / from %s = %d, want 200", other, resp.StatusCode)
		}
	})
}
