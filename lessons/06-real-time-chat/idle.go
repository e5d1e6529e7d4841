package main

import (
	"bufio"
	"bytes"
	"io"
	"net"
	"net/http"
	"time"
)

// idleWriter hands the WebSocket package a connection whose read deadline
// moves idle further on every read that brings bytes. x/net/websocket
// answers pings and swallows pongs inside Receive without telling the
// caller, so a deadline set around Receive would close a tab that only
// listens; one set per read of the connection is kept alive by its pongs.
type idleWriter struct {
	http.ResponseWriter
	idle time.Duration
}

// Hijack is what websocket.Server calls to take the connection over.
func (w idleWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	conn, rw, err := http.NewResponseController(w.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	ic := &idleConn{Conn: conn, idle: w.idle}
	var r io.Reader = ic
	if n := rw.Reader.Buffered(); n > 0 {
		// Bytes the server read ahead of the handshake come first.
		ahead, _ := rw.Reader.Peek(n)
		r = io.MultiReader(bytes.NewReader(bytes.Clone(ahead)), ic)
	}
	return ic, bufio.NewReadWriter(bufio.NewReader(r), rw.Writer), nil
}

// idleConn is a connection whose every read that brings bytes sets the
// read deadline idle from now.
type idleConn struct {
	net.Conn
	idle time.Duration
}

func (c *idleConn) Read(p []byte) (int, error) {
	n, err := c.Conn.Read(p)
	if n > 0 {
		_ = c.Conn.SetReadDeadline(time.Now().Add(c.idle))
	}
	return n, err
}
