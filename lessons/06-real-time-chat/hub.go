package main

import (
	"errors"
	"strconv"
	"sync"
	"time"
)

// HubConfig holds the limits that keep one client from hurting the others.
// Tests shrink them; run uses DefaultHubConfig and the flags.
type HubConfig struct {
	QueueSize    int           // messages waiting for one client; a sender waits when it is full
	WriteTimeout time.Duration // a client whose socket accepts no bytes for this long is dropped
	MaxClients   int           // clients at once, connecting or connected; one more is refused
	MaxPerIP     int           // clients at once from one remote IP address; one more is refused
	PingEvery    time.Duration // the server pings every socket this often
	IdleTimeout  time.Duration // a socket that sends nothing (no message, no pong) for this long is closed
}

// DefaultHubConfig is what the program runs with. MaxPerIP lets a school
// behind one address, or the burst program's 101 sockets, in; a pong every
// PingEvery keeps an open tab well inside IdleTimeout.
func DefaultHubConfig() HubConfig {
	return HubConfig{
		QueueSize: 32, WriteTimeout: 5 * time.Second, MaxClients: 1000, MaxPerIP: 128,
		PingEvery: 30 * time.Second, IdleTimeout: 75 * time.Second,
	}
}

// Errors of Hub.Reserve.
var (
	ErrIDTaken   = errors.New("client id already connected")
	ErrHubFull   = errors.New("too many clients connected")
	ErrIPFull    = errors.New("too many clients connected from one address")
	ErrHubClosed = errors.New("hub closed")
)

// Hub is the chat room: it owns the set of clients and puts every message
// in the queue of everyone who should see it. One mutex guards the set;
// messages are queued outside it, because queueing may wait.
//
// Back-pressure: when a recipient's queue is full, the sender waits for
// room, so a burst slows the sender's own reading and nobody else's. A
// recipient is dropped only by its writer, when its socket has accepted
// no bytes for WriteTimeout; that also frees every sender waiting for it.
type Hub struct {
	cfg     HubConfig
	mu      sync.Mutex
	clients map[int64]*Client
	perIP   map[string]int // clients per remote IP; no entry when none
	closed  chan struct{}  // closed by Close: stop waiting for anyone
	active  sync.WaitGroup // one per reserved client, done when it leaves
}

// NewHub returns an empty room with the given limits.
func NewHub(cfg HubConfig) *Hub {
	return &Hub{cfg: cfg, clients: make(map[int64]*Client), perIP: make(map[string]int), closed: make(chan struct{})}
}

// Client is one member of the room: an id, its outgoing queue, and a
// signal that it must go. Its socket is written only by its writer.
type Client struct {
	ID     int64
	ip     string        // the remote address whose share it takes
	send   chan string   // messages to write; never closed, so a late send cannot panic
	quit   chan struct{} // closed once, when the client must go
	once   sync.Once
	joined bool // guarded by Hub.mu: receives messages, and its leaving is announced
}

// Reserve claims id for a client from the remote address ip before the
// WebSocket handshake, so a second client with the same id is refused with
// 409 while the first is still connecting, and one client too many, in the
// room or from ip, is refused with 503. The share per address is what keeps
// one machine holding idle sockets from filling the room for everyone.
func (h *Hub) Reserve(id int64, ip string) (*Client, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.isClosed():
		return nil, ErrHubClosed
	case h.clients[id] != nil:
		return nil, ErrIDTaken
	case len(h.clients) >= h.cfg.MaxClients:
		return nil, ErrHubFull
	case h.perIP[ip] >= h.cfg.MaxPerIP:
		return nil, ErrIPFull
	}
	c := &Client{ID: id, ip: ip, send: make(chan string, h.cfg.QueueSize), quit: make(chan struct{})}
	h.clients[id] = c
	h.perIP[ip]++
	h.active.Add(1)
	return c, nil
}

// Join lets a reserved client receive messages and tells the others.
func (h *Hub) Join(c *Client) {
	h.mu.Lock()
	c.joined = true
	others := h.othersOf(c)
	h.mu.Unlock()
	h.broadcast(others, "Client "+strconv.FormatInt(c.ID, 10)+" joined the chat", h.closed)
}

// Say sends text from c: c gets its echo, everyone else gets the message.
// It returns when every message is queued (or its recipient has gone), so
// c's reader, which calls it, reads no faster than the room can take.
func (h *Hub) Say(c *Client, text string) {
	h.mu.Lock()
	others := h.othersOf(c)
	h.mu.Unlock()
	h.deliver(c, "You wrote: "+text, c.quit)
	h.broadcast(others, "Client "+strconv.FormatInt(c.ID, 10)+": "+text, c.quit)
}

// Leave removes c, tells the others if it had joined, and closes it. It
// may be called more than once; only the first call does anything.
func (h *Hub) Leave(c *Client) {
	h.mu.Lock()
	if h.clients[c.ID] != c {
		h.mu.Unlock()
		return
	}
	delete(h.clients, c.ID)
	if h.perIP[c.ip]--; h.perIP[c.ip] == 0 {
		delete(h.perIP, c.ip) // the map holds only the addresses with clients
	}
	c.Close()
	var others []*Client
	if c.joined {
		others = h.othersOf(c)
	}
	h.mu.Unlock()
	h.broadcast(others, "Client "+strconv.FormatInt(c.ID, 10)+" left the chat", h.closed)
	h.active.Done()
}

// Len reports how many clients hold an id (joined or still connecting).
func (h *Hub) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.clients)
}

// Close refuses new clients, stops every wait for room in a queue, and
// closes every socket. http.Server.Shutdown does not close hijacked
// connections, so run calls this.
func (h *Hub) Close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.isClosed() {
		close(h.closed)
	}
	for _, c := range h.clients {
		c.Close()
	}
}

// Wait returns when every client has left.
func (h *Hub) Wait() { h.active.Wait() }

// isClosed reports whether Close was called; h.mu is held.
func (h *Hub) isClosed() bool {
	select {
	case <-h.closed:
		return true
	default:
		return false
	}
}

// othersOf returns the joined clients but c; h.mu is held. The copy lets
// the caller queue messages after unlocking.
func (h *Hub) othersOf(c *Client) []*Client {
	others := make([]*Client, 0, len(h.clients))
	for _, o := range h.clients {
		if o != c && o.joined {
			others = append(others, o)
		}
	}
	return others
}

// broadcast queues msg for each of to, one after the other.
func (h *Hub) broadcast(to []*Client, msg string, cancel <-chan struct{}) {
	for _, c := range to {
		h.deliver(c, msg, cancel)
	}
}

// deliver queues msg for c, waiting while c's queue is full. It gives up
// when c goes (its writer drops it if its socket stalls) or when cancel is
// closed (the sender left, or the hub closed).
func (h *Hub) deliver(c *Client, msg string, cancel <-chan struct{}) {
	select {
	case c.send <- msg: // the common case: room in the queue
		return
	default:
	}
	select {
	case c.send <- msg:
	case <-c.quit:
	case <-cancel:
	}
}

// Close tells the client's writer to say goodbye and stop. Safe to call
// any number of times, from any goroutine.
func (c *Client) Close() {
	c.once.Do(func() { close(c.quit) })
}
