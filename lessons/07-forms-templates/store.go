package main

import (
	"crypto/rand"
	"encoding/base64"
	"errors"
	"strings"
	"sync"
)

// tokenBytes is how much randomness a subscription's token carries: 128
// bits, far too many to guess or count through.
const tokenBytes = 16

// Subscription is one subscriber.
type Subscription struct {
	Token string // the subscription's name in URLs: random, not a counter
	Name  string
	Email string
}

var (
	// ErrNotFound means no subscription has the token asked for.
	ErrNotFound = errors.New("subscription not found")
	// ErrSubscribed means the email address is subscribed already.
	ErrSubscribed = errors.New("email already subscribed")
	// ErrFull means the store holds as many subscriptions as it may.
	ErrFull = errors.New("subscription store is full")
)

// Store keeps the subscriptions in memory, at most maxItems of them, safe
// for concurrent use.
type Store struct {
	maxItems int
	mu       sync.RWMutex
	subs     map[string]Subscription // token → subscription
	byEmail  map[string]string       // lower-cased email → token
}

// NewStore returns an empty store that holds at most maxItems subscriptions.
func NewStore(maxItems int) *Store {
	return &Store{maxItems: maxItems, subs: map[string]Subscription{}, byEmail: map[string]string{}}
}

// newToken returns 128 random bits from crypto/rand, base64url-encoded
// without padding (22 characters, safe in a URL path). Two tokens are
// equal with a probability of about 2⁻¹²⁸: no need to check.
func newToken() string {
	b := make([]byte, tokenBytes)
	rand.Read(b) // never fails: it crashes the program if the system's source does
	return base64.RawURLEncoding.EncodeToString(b)
}

// Add stores a subscription under a new random token. Emails are unique
// regardless of case; the checks and the insert happen under one lock, so
// two concurrent sign-ups of one address cannot both succeed, nor can the
// store grow past maxItems.
func (s *Store) Add(name, email string) (Subscription, error) {
	key := strings.ToLower(email)
	sub := Subscription{Token: newToken(), Name: name, Email: email}
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, taken := s.byEmail[key]; taken {
		return Subscription{}, ErrSubscribed
	}
	if len(s.subs) >= s.maxItems {
		return Subscription{}, ErrFull
	}
	s.subs[sub.Token] = sub
	s.byEmail[key] = sub.Token
	return sub, nil
}

// Get returns the subscription with the given token.
func (s *Store) Get(token string) (Subscription, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sub, ok := s.subs[token]
	if !ok {
		return Subscription{}, ErrNotFound
	}
	return sub, nil
}

// Len returns how many subscriptions the store holds.
func (s *Store) Len() int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return len(s.subs)
}
