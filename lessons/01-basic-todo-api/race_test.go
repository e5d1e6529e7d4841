//go:build racedemo

package main

import (
	"sync"
	"testing"
)

// unlockedStore is Store's Create without the mutex: what the store would
// be if nothing guarded it. It exists only to show `go test -race` at work,
// behind the build tag racedemo, because this test fails on purpose.
type unlockedStore struct {
	todos  []Todo
	lastID int64
}

func (s *unlockedStore) Create(title string) Todo {
	s.lastID++
	t := Todo{ID: s.lastID, Title: title}
	s.todos = append(s.todos, t)
	return t
}

// TestRaceOnAStoreWithoutItsLock creates todos from eight goroutines at
// once, as eight requests would. Run with -race, it fails with
// "WARNING: DATA RACE"; without -race it may pass and still lose todos.
func TestRaceOnAStoreWithoutItsLock(t *testing.T) {
	s := &unlockedStore{}
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				s.Create("t")
			}
		})
	}
	wg.Wait()
	if len(s.todos) != 800 {
		t.Errorf("8 × 100 creates stored %d todos, want 800", len(s.todos))
	}
}

// TestRaceOnTheStore is the same with the lesson's Store: no race, and
// every todo kept.
func TestRaceOnTheStore(t *testing.T) {
	s := NewStore(DefaultMaxItems)
	var wg sync.WaitGroup
	for range 8 {
		wg.Go(func() {
			for range 100 {
				if _, err := s.Create("t", nil); err != nil {
					t.Error(err)
				}
			}
		})
	}
	wg.Wait()
	if n := len(s.List()); n != 800 {
		t.Errorf("8 × 100 creates stored %d todos, want 800", n)
	}
}
