package main

import (
	"errors"
	"net/http"
	"strconv"
	"time"
	"unicode/utf8"

	"golang.org/x/net/websocket"

	"apicourse/shared/web"
)

// answer turns the hub's errors into what a client sees before the
// upgrade: the one place that maps them. Anything else stays an error,
// which web.Error answers with a 500 and logs.
func answer(err error) error {
	switch {
	case errors.Is(err, ErrIDTaken):
		return web.Errorf(http.StatusConflict, "Client id already connected")
	case errors.Is(err, ErrHubFull):
		return web.Busy("Chat room is full, try again later", 30*time.Second)
	case errors.Is(err, ErrIPFull):
		return web.Busy("Too many chat clients from your address, try again later", 30*time.Second)
	case errors.Is(err, ErrHubClosed):
		return web.Errorf(http.StatusServiceUnavailable, "Server is shutting down")
	}
	return err
}

// The answers to a request that is itself wrong, refused before the upgrade.
var (
	errBadClientID   = web.Errorf(http.StatusBadRequest, "client_id must be a positive integer")
	errForeignOrigin = web.Errorf(http.StatusForbidden, "Origin not allowed")
	errNotWebSocket  = web.Errorf(http.StatusUpgradeRequired, "Expected a WebSocket upgrade")
)

// maxMessageBytes is the largest chat message; a bigger one closes the
// sender's connection.
const maxMessageBytes = 4 << 10

// textMessage receives only text frames of valid UTF-8: the package's own
// websocket.Message also takes binary frames and reserved opcodes, and
// checks no UTF-8, which a browser receiving it would drop its connection for.
var textMessage = websocket.Codec{
	Unmarshal: func(data []byte, payloadType byte, v any) error {
		if payloadType != websocket.TextFrame || !utf8.Valid(data) {
			return errNotText
		}
		*v.(*string) = string(data)
		return nil
	},
}

var errNotText = errors.New("not a UTF-8 text message")

func handleChat(hub *Hub) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := strconv.ParseInt(r.PathValue("client_id"), 10, 64)
		if err != nil || id < 1 {
			web.Error(w, r, errBadClientID)
			return
		}
		if err := checkOrigin(r); err != nil {
			web.Error(w, r, err)
			return
		}
		if !isWebSocketUpgrade(r) {
			w.Header().Set("Upgrade", "websocket")
			web.Error(w, r, errNotWebSocket)
			return
		}
		c, err := hub.Reserve(id, web.ClientIP(r))
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		defer hub.Leave(c) // frees the id, even when the handshake fails
		websocket.Server{
			Handshake: func(cfg *websocket.Config, r *http.Request) error {
				// Checked again here: the package's default accepts any origin.
				if err := checkOrigin(r); err != nil {
					return err
				}
				cfg.Protocol = nil // the chat speaks no subprotocol
				// Joined before the 101 goes out: once a client's socket is
				// open, it sees everyone who joins after it.
				hub.Join(c)
				return nil
			},
			Handler: func(ws *websocket.Conn) { chat(hub, c, ws) },
		}.ServeHTTP(idleWriter{w, hub.cfg.IdleTimeout}, r)
	})
}

// chat runs one client's session on the handler's goroutine: it reads
// messages until the socket closes, while a second goroutine writes.
func chat(hub *Hub, c *Client, ws *websocket.Conn) {
	// The http.Server's ReadTimeout and WriteTimeout were set on this
	// connection for the HTTP request; a chat lasts longer. The writer sets
	// its own deadline per write; the read deadline is the idle timeout,
	// which every byte from the client (a message, a pong) pushes back.
	_ = ws.SetDeadline(time.Time{})
	_ = ws.SetReadDeadline(time.Now().Add(hub.cfg.IdleTimeout))
	ws.MaxPayloadBytes = maxMessageBytes
	written := make(chan struct{})
	go func() {
		defer close(written)
		write(c, ws, hub.cfg)
	}()
	for {
		var msg string
		// Oversized (ErrFrameTooLarge), not text, closed, kicked, silent
		// past the idle timeout: the session ends.
		if err := textMessage.Receive(ws, &msg); err != nil {
			break
		}
		hub.Say(c, msg)
	}
	hub.Leave(c)
	<-written
}

// ping is a codec whose every message is a ping frame with no payload. The
// client's pong (browsers answer on their own) is a few bytes read from its
// socket, which is all the idle timeout asks for.
var ping = websocket.Codec{
	Marshal: func(any) ([]byte, byte, error) { return nil, websocket.PingFrame, nil },
}

// write sends c's queued messages, and a ping every cfg.PingEvery, until c
// is closed or a write fails; then it closes the socket, which also ends
// the reader. Each write must be taken by the socket within
// cfg.WriteTimeout: a client that accepts no bytes for that long is
// dropped here, and only here.
func write(c *Client, ws *websocket.Conn, cfg HubConfig) {
	goodbye := cfg.WriteTimeout // how long the close frame may take
	defer func() {
		_ = ws.SetWriteDeadline(time.Now().Add(goodbye))
		_ = ws.Close() // a close frame, then the TCP connection
	}()
	pings := time.NewTicker(cfg.PingEvery)
	defer pings.Stop()
	for {
		var err error
		select {
		case <-c.quit:
			return
		case msg := <-c.send:
			err = sendWithin(ws, cfg.WriteTimeout, websocket.Message, msg)
		case <-pings.C:
			err = sendWithin(ws, cfg.WriteTimeout, ping, nil)
		}
		if err != nil {
			c.Close() // stalled or gone: senders waiting for it go on
			goodbye = 0
			return
		}
	}
}

// sendWithin sends v with a write deadline of timeout, and clears the
// deadline after: the reader answers the client's pings on the same socket
// at any time, and a deadline left behind by an old message would fail
// that pong, and drop a client that pinged after a few quiet seconds.
func sendWithin(ws *websocket.Conn, timeout time.Duration, codec websocket.Codec, v any) error {
	_ = ws.SetWriteDeadline(time.Now().Add(timeout))
	err := codec.Send(ws, v)
	_ = ws.SetWriteDeadline(time.Time{})
	return err
}
