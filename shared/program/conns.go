package program

import (
	"errors"
	"net"
	"net/http"
	"sync"
	"time"
)

// fairListener is what Serve accepts connections from: at most max at
// once, at most perClient from one client (one remote IP), so that one
// client cannot hold every connection. A connection between two requests
// of a keep-alive client is idle; when the server is full, or a client is
// at its share, the connection idle longest goes first, so a new client
// gets in. With nothing idle to close, a new connection waits (server
// full: it, then the kernel's queue behind it) or is closed at once
// (client over its share).
type fairListener struct {
	net.Listener
	maxConns, perClient int

	mu       sync.Mutex
	room     *sync.Cond // signalled when a connection closes
	open     int
	byClient map[string]int          // open connections per client; no entry when none
	idle     map[*fairConn]time.Time // connections between requests, since when
	closed   bool                    // Close was called: a waiting Accept gives up
}

func newFairListener(ln net.Listener, maxConns, perClient int) *fairListener {
	l := &fairListener{Listener: ln, maxConns: maxConns, perClient: perClient,
		byClient: make(map[string]int), idle: make(map[*fairConn]time.Time)}
	l.room = sync.NewCond(&l.mu)
	return l
}

// Accept returns the next connection whose client is within its share,
// once there is room for it.
func (l *fairListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		if fc := l.admit(c); fc != nil {
			return fc, nil
		}
		c.Close() // the client holds its share, all of it busy
	}
}

// admit counts c in, closing an idle connection when that makes room: the
// client's own when it is at its share (nil when it has none idle), the
// one idle longest when the server is full (or it waits for one to close).
func (l *fairListener) admit(c net.Conn) *fairConn {
	client := clientOf(c.RemoteAddr())
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.perClient < l.maxConns && l.byClient[client] >= l.perClient {
		idle := l.oldestIdle(client)
		if idle == nil {
			return nil
		}
		l.closeLocked(idle)
	}
	for l.open >= l.maxConns && !l.closed {
		if idle := l.oldestIdle(""); idle != nil {
			l.closeLocked(idle)
			continue
		}
		l.room.Wait()
	}
	if l.closed {
		return nil // shutting down: Accept's next call reports the closed listener
	}
	l.open++
	l.byClient[client]++
	return &fairConn{Conn: c, l: l, client: client}
}

// Close stops a waiting Accept as well as the listener, so that a server
// full of busy connections can still shut down.
func (l *fairListener) Close() error {
	l.mu.Lock()
	l.closed = true
	l.room.Broadcast()
	l.mu.Unlock()
	return l.Listener.Close()
}

// oldestIdle returns the connection idle longest, of client when it is
// not empty; the caller holds l.mu.
func (l *fairListener) oldestIdle(client string) *fairConn {
	var oldest *fairConn
	var since time.Time
	for c, t := range l.idle {
		if (client == "" || c.client == client) && (oldest == nil || t.Before(since)) {
			oldest, since = c, t
		}
	}
	return oldest
}

// closeLocked closes c while the caller holds l.mu: it is counted out here,
// and its own Close then finds nothing left to count.
func (l *fairListener) closeLocked(c *fairConn) {
	l.countOut(c)
	go c.Conn.Close() // a slow close must not hold the lock
}

// countOut forgets c, once; the caller holds l.mu.
func (l *fairListener) countOut(c *fairConn) {
	if c.counted {
		return
	}
	c.counted = true
	delete(l.idle, c)
	l.open--
	if l.byClient[c.client]--; l.byClient[c.client] == 0 {
		delete(l.byClient, c.client)
	}
	l.room.Signal()
}

// connState is the http.Server's ConnState hook: it tells which
// connections are idle between requests.
func (l *fairListener) connState(nc net.Conn, state http.ConnState) {
	c, ok := nc.(*fairConn)
	if !ok {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if state == http.StateIdle && !c.counted {
		l.idle[c] = time.Now()
	} else {
		delete(l.idle, c) // active, hijacked (a WebSocket) or closed
	}
}

// fairConn is a connection fairListener counts until it is closed.
type fairConn struct {
	net.Conn
	l       *fairListener
	client  string
	counted bool // counted out already; guarded by l.mu
}

func (c *fairConn) Close() error {
	err := c.Conn.Close()
	c.l.mu.Lock()
	c.l.countOut(c)
	c.l.mu.Unlock()
	if errors.Is(err, net.ErrClosed) {
		return nil // closed already to make room
	}
	return err
}

// clientOf is the client a connection counts against: its remote IP.
func clientOf(addr net.Addr) string {
	if tcp, ok := addr.(*net.TCPAddr); ok {
		return tcp.IP.String()
	}
	host, _, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	return host
}
