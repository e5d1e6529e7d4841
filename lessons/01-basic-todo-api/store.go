package main

import (
	"cmp"
	"errors"
	"slices"
	"sync"
)

// Todo is one item of the list, as the API shows it.
type Todo struct {
	ID          int64   `json:"id"`
	Title       string  `json:"title"`
	Description *string `json:"description"`
	Completed   bool    `json:"completed"`
}

// DefaultMaxItems is how many todos a store holds unless -max-items says
// otherwise.
const DefaultMaxItems = 10_000

var (
	// ErrNotFound means no todo has the id asked for.
	ErrNotFound = errors.New("todo not found")
	// ErrFull means the store holds as many todos as it may.
	ErrFull = errors.New("todo store full")
)

// Store keeps the todos in memory, ordered by id. It is safe for concurrent
// use: every request runs on its own goroutine.
type Store struct {
	mu       sync.RWMutex
	todos    []Todo // sorted by ID, because ids only grow
	lastID   int64  // never reused, even after a delete
	maxItems int    // len(todos) never grows past it
}

// NewStore returns an empty store that holds at most maxItems todos, so
// that no client can grow the program's memory without bound.
func NewStore(maxItems int) *Store {
	return &Store{maxItems: maxItems}
}

// Create stores a new todo, giving it the next id. A full store is
// ErrFull: it refuses the new todo and keeps every stored one.
func (s *Store) Create(title string, description *string) (Todo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.todos) >= s.maxItems {
		return Todo{}, ErrFull
	}
	s.lastID++
	t := Todo{ID: s.lastID, Title: title, Description: description}
	s.todos = append(s.todos, t)
	return t, nil
}

// List returns a copy of every todo, ordered by id; never nil, so that an
// empty list is [] in JSON, not null.
func (s *Store) List() []Todo {
	s.mu.RLock()
	defer s.mu.RUnlock()
	todos := make([]Todo, len(s.todos))
	copy(todos, s.todos)
	return todos
}

// Get returns the todo with the given id.
func (s *Store) Get(id int64) (Todo, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.find(id)
	if !ok {
		return Todo{}, ErrNotFound
	}
	return s.todos[i], nil
}

// Update applies change to the todo with the given id and returns the result.
func (s *Store) Update(id int64, change func(*Todo)) (Todo, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.find(id)
	if !ok {
		return Todo{}, ErrNotFound
	}
	change(&s.todos[i])
	s.todos[i].ID = id // the id is the store's, whatever change did
	return s.todos[i], nil
}

// Delete removes the todo with the given id.
func (s *Store) Delete(id int64) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.find(id)
	if !ok {
		return ErrNotFound
	}
	s.todos = slices.Delete(s.todos, i, i+1)
	return nil
}

// find returns the index of id in s.todos; the caller holds s.mu.
func (s *Store) find(id int64) (int, bool) {
	return slices.BinarySearchFunc(s.todos, id, func(t Todo, id int64) int {
		return cmp.Compare(t.ID, id)
	})
}
