package main

import (
	"errors"
	"sync"
)

// Profile is one user's public profile, as the API shows it.
type Profile struct {
	Username        string  `json:"username"`
	FullName        string  `json:"full_name"`
	Bio             string  `json:"bio"`
	ProfileImageURL *string `json:"profile_image_url"`
}

// ErrNotFound means no profile has the username asked for.
var ErrNotFound = errors.New("profile not found")

// Profiles keeps the profiles in memory, safe for concurrent use.
type Profiles struct {
	mu       sync.RWMutex
	profiles map[string]*Profile
}

// NewProfiles returns the two seeded profiles, john_doe and jane_doe.
func NewProfiles() *Profiles {
	return &Profiles{profiles: map[string]*Profile{
		"john_doe": {Username: "john_doe", FullName: "John Doe"},
		"jane_doe": {Username: "jane_doe", FullName: "Jane Doe"},
	}}
}

// Get returns a copy of the profile of username.
func (s *Profiles) Get(username string) (Profile, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.profiles[username]
	if !ok {
		return Profile{}, ErrNotFound
	}
	return *p, nil
}

// Update applies change to the profile of username and returns the result.
func (s *Profiles) Update(username string, change func(*Profile)) (Profile, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.profiles[username]
	if !ok {
		return Profile{}, ErrNotFound
	}
	change(p)
	return *p, nil
}
