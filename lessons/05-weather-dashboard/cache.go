package main

import (
	"context"
	"errors"
	"sync"
	"time"

	"apicourse/shared/web"
)

// FetchFunc gets the value for key from the upstream.
type FetchFunc func(ctx context.Context, key Key) (CurrentWeather, error)

// errUpstreamBusy means every upstream call slot, or the client's share of
// them, was taken: the call was not made.
var errUpstreamBusy = errors.New("every upstream call slot is taken")

// tooManyMisses means the client started too many upstream calls lately:
// the call was not made. retryAfter is when it may start another.
type tooManyMisses struct{ retryAfter time.Duration }

func (e *tooManyMisses) Error() string { return "too many upstream calls from this client" }

// Cache keeps upstream answers for a TTL, at most max of them, and makes
// one upstream call for any number of concurrent misses of one key.
type Cache struct {
	fetch  FetchFunc
	now    func() time.Time
	ttl    time.Duration
	max    int
	calls  *web.Slots   // upstream calls in progress, with a share per client
	misses *web.Limiter // upstream calls one client may start, over time

	mu      sync.Mutex
	entries map[Key]entry
	flights map[Key]*flight // upstream calls in progress
}

type entry struct {
	value   CurrentWeather
	expires time.Time
}

// flight is one upstream call that any number of requests wait for.
type flight struct {
	done    chan struct{} // closed when value and err are set
	value   CurrentWeather
	err     error
	waiters int                // requests waiting for it; guarded by Cache.mu
	cancel  context.CancelFunc // ends the call: when it is over, or no one waits
	release func()             // gives the call's slot back
}

// NewCache returns an empty cache over fetch, with the clock now. calls
// bounds the upstream calls in progress, with a share per client; misses
// bounds how often one client may start one (it runs on the clock now).
func NewCache(fetch FetchFunc, now func() time.Time, ttl time.Duration, max int, calls *web.Slots, misses *web.Limiter) *Cache {
	return &Cache{fetch: fetch, now: now, ttl: ttl, max: max, calls: calls, misses: misses, entries: map[Key]entry{}, flights: map[Key]*flight{}}
}

// Get returns the value for key and whether it came from the cache. A
// miss joins the upstream call in flight for key, or starts one for
// client, if its rate of misses and its share of the call slots allow.
// The call runs on its own context, not the request's: a client that
// hangs up stops waiting (Get returns ctx.Err()) but the others still get
// the answer; when the last one hangs up, the call is cancelled and its
// slot given back. Failures are never cached.
func (c *Cache) Get(ctx context.Context, client string, key Key) (CurrentWeather, bool, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		return e.value, true, nil
	}
	f, ok := c.flights[key]
	if !ok {
		release, err := c.admit(client)
		if err != nil {
			c.mu.Unlock()
			return CurrentWeather{}, false, err
		}
		callCtx, cancel := context.WithCancel(context.Background())
		f = &flight{done: make(chan struct{}), cancel: cancel, release: release}
		c.flights[key] = f
		go c.fly(callCtx, key, f)
	}
	f.waiters++
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.value, false, f.err
	case <-ctx.Done():
		c.leave(key, f)
		return CurrentWeather{}, false, ctx.Err()
	}
}

// admit decides whether client may start an upstream call: a token from
// its rate of misses, and a place within its share of the slots. The
// token is taken only when the place is free, so a busy refusal costs the
// client nothing. The caller holds c.mu, which makes the three steps one.
func (c *Cache) admit(client string) (release func(), err error) {
	if ok, retryAfter := c.misses.Peek(client); !ok {
		return nil, &tooManyMisses{retryAfter}
	}
	release, ok := c.calls.TryTake(client)
	if !ok {
		return nil, errUpstreamBusy
	}
	c.misses.Allow(client)
	return release, nil
}

// leave is a waiter giving up on f. The last one to leave cancels the
// call and gives its slot back at once; a later request for key starts a
// new call.
func (c *Cache) leave(key Key, f *flight) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if f.waiters--; f.waiters > 0 {
		return
	}
	f.cancel()
	f.release()
	if c.flights[key] == f {
		delete(c.flights, key)
	}
}

// fly makes the upstream call for key and stores a success.
func (c *Cache) fly(ctx context.Context, key Key, f *flight) {
	f.value, f.err = c.fetch(ctx, key)
	f.cancel()
	f.release() // a second release, after leave's, does nothing
	c.mu.Lock()
	defer c.mu.Unlock()
	if f.err == nil {
		c.makeRoom()
		c.entries[key] = entry{value: f.value, expires: c.now().Add(c.ttl)}
	}
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	close(f.done)
}

// makeRoom drops expired entries when the cache is full and, if it is
// still full, the one closest to expiring. The caller holds c.mu.
func (c *Cache) makeRoom() {
	if len(c.entries) < c.max {
		return
	}
	now := c.now()
	var oldest Key
	var oldestExpiry time.Time
	for k, e := range c.entries {
		if !now.Before(e.expires) {
			delete(c.entries, k)
		} else if oldestExpiry.IsZero() || e.expires.Before(oldestExpiry) {
			oldest, oldestExpiry = k, e.expires
		}
	}
	if len(c.entries) >= c.max {
		delete(c.entries, oldest)
	}
}

// Len returns how many entries the cache holds.
func (c *Cache) Len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.entries)
}
