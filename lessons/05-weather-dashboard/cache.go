package main

import (
	"context"
	"sync"
	"time"
)

// FetchFunc gets the value for key from the upstream.
type FetchFunc func(ctx context.Context, key Key) (CurrentWeather, error)

// Cache keeps upstream answers for a TTL, at most max of them, and makes
// one upstream call for any number of concurrent misses of one key.
type Cache struct {
	fetch FetchFunc
	now   func() time.Time
	ttl   time.Duration
	max   int

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
	done  chan struct{} // closed when value and err are set
	value CurrentWeather
	err   error
}

// NewCache returns an empty cache over fetch, with the clock now.
func NewCache(fetch FetchFunc, now func() time.Time, ttl time.Duration, max int) *Cache {
	return &Cache{fetch: fetch, now: now, ttl: ttl, max: max, entries: map[Key]entry{}, flights: map[Key]*flight{}}
}

// Get returns the value for key and whether it came from the cache. A
// miss joins the upstream call in flight for key, or starts one. The call
// runs on its own context, not the request's: a client that hangs up
// stops waiting (Get returns ctx.Err()) but the others still get the
// answer. Failures are never cached.
func (c *Cache) Get(ctx context.Context, key Key) (CurrentWeather, bool, error) {
	c.mu.Lock()
	if e, ok := c.entries[key]; ok && c.now().Before(e.expires) {
		c.mu.Unlock()
		return e.value, true, nil
	}
	f, ok := c.flights[key]
	if !ok {
		f = &flight{done: make(chan struct{})}
		c.flights[key] = f
		go c.fly(key, f)
	}
	c.mu.Unlock()

	select {
	case <-f.done:
		return f.value, false, f.err
	case <-ctx.Done():
		return CurrentWeather{}, false, ctx.Err()
	}
}

// fly makes the upstream call for key and stores a success.
func (c *Cache) fly(key Key, f *flight) {
	f.value, f.err = c.fetch(context.Background(), key)
	c.mu.Lock()
	defer c.mu.Unlock()
	if f.err == nil {
		c.makeRoom()
		c.entries[key] = entry{value: f.value, expires: c.now().Add(c.ttl)}
	}
	delete(c.flights, key)
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
