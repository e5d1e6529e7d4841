package web

import (
	"net"
	"net/http"
	"sync"
	"time"
)

// A client, for every per-client share in the course, is the remote IP
// address of its connection. No forwarding header (X-Forwarded-For,
// Forwarded) is trusted: any client could send one naming someone else.

// ClientIP returns the IP address r came from: the client whose share r
// counts against.
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Slots are a fixed number of places for costly work (bcrypt comparisons,
// upstream calls), each client holding at most its share: one client that
// floods the server waits or is refused while the others still get in.
type Slots struct {
	mu       sync.Mutex
	total    int            // places in all
	share    int            // places one client may hold
	used     int            // places taken
	byClient map[string]int // places taken per client; no entry when none
}

// NewSlots returns total places, at most share of them for one client.
func NewSlots(total, share int) *Slots {
	return &Slots{total: total, share: min(share, total), byClient: make(map[string]int)}
}

// TryTake takes a place for client and returns the function that gives it
// back, or false when every place, or the client's share, is taken.
func (s *Slots) TryTake(client string) (release func(), ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.used >= s.total || s.byClient[client] >= s.share {
		return nil, false
	}
	s.used++
	s.byClient[client]++
	var once sync.Once
	return func() { once.Do(func() { s.give(client) }) }, true
}

func (s *Slots) give(client string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.used--
	if s.byClient[client]--; s.byClient[client] == 0 {
		delete(s.byClient, client) // the map holds only the clients with work running
	}
}

// Limiter allows each key (a client, an account) a burst of events and
// then one per interval: a token bucket per key. It remembers at most
// maxKeys keys, forgetting the longest unused first, so that keys made up
// by an attacker cannot grow it without bound.
type Limiter struct {
	mu       sync.Mutex
	interval time.Duration // one token comes back per interval
	burst    int           // tokens a new or rested key has
	maxKeys  int
	now      func() time.Time
	buckets  map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time // when tokens was counted
}

// NewLimiter returns a Limiter of burst events per key, then one per
// interval, keeping at most maxKeys keys; now is the clock (time.Now, or
// a test's).
func NewLimiter(interval time.Duration, burst, maxKeys int, now func() time.Time) *Limiter {
	return &Limiter{interval: interval, burst: burst, maxKeys: maxKeys, now: now, buckets: make(map[string]*bucket)}
}

// Allow takes a token for key. Without one it returns false and how long
// until the next token: the Retry-After of a 429.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	b := l.refill(key, now)
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.interval))
}

// Peek reports whether key has a token left, without taking it.
func (l *Limiter) Peek(key string) (ok bool, retryAfter time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b := l.refill(key, l.now())
	if b.tokens >= 1 {
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) * float64(l.interval))
}

// refill returns key's bucket with the tokens earned since it was last
// counted; the caller holds l.mu.
func (l *Limiter) refill(key string, now time.Time) *bucket {
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= l.maxKeys {
			l.forgetOldest()
		}
		b = &bucket{tokens: float64(l.burst), last: now}
		l.buckets[key] = b
		return b
	}
	earned := float64(now.Sub(b.last)) / float64(l.interval)
	b.tokens, b.last = min(float64(l.burst), b.tokens+max(0, earned)), now
	return b
}

// forgetOldest drops the key used longest ago; the caller holds l.mu. It
// runs only when the map is full, so its scan is rare.
func (l *Limiter) forgetOldest() {
	var oldest string
	var at time.Time
	for key, b := range l.buckets {
		if oldest == "" || b.last.Before(at) {
			oldest, at = key, b.last
		}
	}
	delete(l.buckets, oldest)
}

// TooMany is the answer to a client over its limit: 429 with Retry-After.
func TooMany(msg string, retryAfter time.Duration) error {
	return &StatusError{Status: http.StatusTooManyRequests, Msg: msg, RetryAfter: retryAfter}
}
