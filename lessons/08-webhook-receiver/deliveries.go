package main

import "sync"

// maxDeliveries is how many delivery ids the receiver remembers.
const maxDeliveries = 10_000

// Deliveries remembers the most recent delivery ids, at most max of them,
// forgetting the oldest first. It is safe for concurrent use.
type Deliveries struct {
	mu   sync.Mutex
	ids  map[string]struct{}
	ring []string // the ids in arrival order; next is overwritten next
	next int
}

// NewDeliveries returns an empty set that remembers up to size ids.
func NewDeliveries(size int) *Deliveries {
	return &Deliveries{ids: make(map[string]struct{}, size), ring: make([]string, size)}
}

// Seen reports whether id was recorded before, and records it if not: one
// step under one lock, so of two concurrent deliveries of one id exactly
// one is new.
func (d *Deliveries) Seen(id string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if _, ok := d.ids[id]; ok {
		return true
	}
	if old := d.ring[d.next]; old != "" {
		delete(d.ids, old)
	}
	d.ring[d.next] = id
	d.next = (d.next + 1) % len(d.ring)
	d.ids[id] = struct{}{}
	return false
}

// Len returns how many ids are remembered.
func (d *Deliveries) Len() int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return len(d.ids)
}
