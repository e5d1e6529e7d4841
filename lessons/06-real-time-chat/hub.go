package main

import (
	"errors"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// HubConfig holds the limits that keep one slow client from hurting the
// others. Tests shrink them; run uses DefaultHubConfig.
type HubConfig struct {
	QueueSize    int           // messages waiting for one client; one more and it is disconnected
	WriteTimeout time.Duration // the longest one message may take to write to one client
}

// DefaultHubConfig is what the program runs with.
func DefaultHubConfig() HubConfig {
	return HubConfig{QueueSize: 32, WriteTimeout: 5 * time.Second}
}

// Errors of Hub.Reserve.
var (
	ErrIDTaken   = errors.New("client id already connected")
	ErrHubClosed = errors.New("hub closed")
)

// Hub is the chat room: it owns the set of clients and puts every message
// in the queue of everyone who should see it. One mutex guards the set, and
// nothing done under it can block: a send to a full queue disconnects that
// client instead of waiting for it.
type Hub struct {
	cfg     HubConfig
	mu      sync.Mutex
	clients map[int64]*Client
	closed  bool
	active  sync.WaitGroup // one per reserved client, done when it leaves
}

// NewHub returns an empty room with the given limits.
func NewHub(cfg HubConfig) *Hub {
	return &Hub{cfg: cfg, clients: make(map[int64]*Client)}
}

// Client is one member of the room: an id, its outgoing queue, and a
// signal that it must go. Its socket is written only by its writer.
type Client struct {
	ID     int64
	send   chan string   // messages to write; never closed, so a late send cannot panic
	quit   chan struct{} // closed once, when the client must go
	once   sync.Once
	joined bool        // guarded by Hub.mu: receives messages, and its leaving is announced
	kicked atomic.Bool // it fell behind: do not wait for it even to say goodbye
	conn   deadliner   // nil until the socket is open
}

// deadliner is the part of a socket that kick needs.
type deadliner interface{ SetDeadline(time.Time) error }

// Reserve claims id before the WebSocket handshake, so a second client with
// the same id is refused with 409 while the first is still connecting.
func (h *Hub) Reserve(id int64) (*Client, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.closed {
		return nil, ErrHubClosed
	}
	if _, ok := h.clients[id]; ok {
		return nil, ErrIDTaken
	}
	c := &Client{ID: id, send: make(chan string, h.cfg.QueueSize), quit: make(chan struct{})}
	h.clients[id] = c
	h.active.Add(1)
	return c, nil
}

// Join lets a reserved client receive messages and tells the others.
func (h *Hub) Join(c *Client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c.joined = true
	h.broadcast(c, "Client "+strconv.FormatInt(c.ID, 10)+" joined the chat")
}

// Say sends text from c: c gets its echo, everyone else gets the message.
func (h *Hub) Say(c *Client, text string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.deliver(c, "You wrote: "+text)
	h.broadcast(c, "Client "+strconv.FormatInt(c.ID, 10)+": "+text)
}

// Leave removes c, tells the others if it had joined, and closes it. It
// may be called more than once; only the first call does anything.
func (h *Hub) Leave(c *Client) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.clients[c.ID] != c {
		return
	}
	delete(h.clients, c.ID)
	c.Close()
	if c.joined {
		h.broadcast(c, "Client "+strconv.FormatInt(c.ID, 10)+" left the chat")
	}
	h.active.Done()
}

// Len reports how many clients hold an id (joined or still connecting).
func (h *Hub) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close refuses new clients and closes every socket. http.Server.Shutdown
// does not close hijacked connections, so run calls this.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.closed = true
	for _, c := range h.clients {
		c.Close()
	}
}

// Wait returns when every client has left.
func (h *Hub) Wait() { h.active.Wait() }

// broadcast queues msg for every joined client but from; h.mu is held.
func (h *Hub) broadcast(from *Client, msg string) {
	for _, c := range h.clients {
		if c != from && c.joined {
			h.deliver(c, msg)
		}
	}
}

// deliver queues msg for c without ever waiting: a client whose queue is
// full has fallen behind and is disconnected. h.mu is held.
func (h *Hub) deliver(c *Client, msg string) {
	select {
	case <-c.quit:
		return // leaving already; its reader will call Leave
	default:
	}
	select {
	case c.send <- msg:
	default:
		c.kick()
	}
}

// attach records the open socket, so that kick can interrupt it.
func (h *Hub) attach(c *Client, conn deadliner) {
	h.mu.Lock()
	defer h.mu.Unlock()
	c.conn = conn
}

// Close tells the client's writer to say goodbye and stop. Safe to call
// any number of times, from any goroutine.
func (c *Client) Close() {
	c.once.Do(func() { close(c.quit) })
}

// kick closes c without waiting for it: the deadline in the past wakes its
// reader and aborts a write that a client who stopped reading has blocked.
// Called with Hub.mu held, which also guards c.conn.
func (c *Client) kick() {
	c.kicked.Store(true)
	c.Close()
	if c.conn != nil {
		_ = c.conn.SetDeadline(time.Now())
	}
}
