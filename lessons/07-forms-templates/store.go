package main

import (
	"errors"
	"strings"
	"sync"
)

// Subscription is one subscriber.
type Subscription struct {
	ID    int64
	Name  string
	Email string
}

var (
	// ErrNotFound means no subscription has the id asked for.
	ErrNotFound = errors.New("subscription not found")
	// ErrSubscribed means the email address is subscribed already.
	ErrSubscribed = errors.New("email already subscribed")
)

// Store keeps the subscriptions in memory, safe for concurrent use.
type Store struct {
	mu      sync.RWMutex
	subs    map[int64]Subscription
	byEmail map[string]int64 // lower-cased email → id
	lastID  int64
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{subs: map[int64]Subscription{}, byEmail: map[string]int64{}}
}

// Add stores a subscription. Emails are unique regardless of case; the
// check and the insert happen under one lock, so two concurrent sign-ups
// of one address cannot both succeed.
func (s *Store) Add(name, email string) (Subscription, error) {
	key := strings.ToLower(email)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, taken := s.byEmail[key]; taken {
		return Subscription{}, ErrSubscribed
	}
	s.lastID++
	sub := Subscription{ID: s.lastID, Name: name, Email: email}
	s.subs[sub.ID] = sub
	s.byEmail[key] = sub.ID
	return sub, nil
}

// Get returns the subscription with the given id.
func (s *Store) Get(id int64) (Subscription, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sub, ok := s.subs[id]
	if !ok {
		return Subscription{}, ErrNotFound
	}
	return sub, nil
}
