package main

import (
	"cmp"
	"errors"
	"slices"
	"sync"
)

// The states of a task's notification, after null (not completed yet).
const (
	notificationQueued = "queued"
	notificationSent   = "sent"
	notificationFailed = "failed"
)

// Task is one task, as the API shows it.
type Task struct {
	ID           int64   `json:"id"`
	Title        string  `json:"title"`
	UserEmail    string  `json:"user_email"`
	Completed    bool    `json:"completed"`
	Notification *string `json:"notification"`
}

// DefaultMaxItems is how many tasks a store holds unless -max-items says
// otherwise.
const DefaultMaxItems = 10_000

var (
	// ErrNotFound means no task has the id asked for.
	ErrNotFound = errors.New("task not found")
	// ErrCompleted means the task was completed before.
	ErrCompleted = errors.New("task already completed")
	// ErrQueueFull means the notification could not be queued.
	ErrQueueFull = errors.New("notification queue full")
	// ErrFull means the store holds as many tasks as it may.
	ErrFull = errors.New("task store full")
)

// Store keeps the tasks in memory, ordered by id, safe for concurrent use.
type Store struct {
	mu       sync.RWMutex
	tasks    []Task
	lastID   int64
	maxItems int // len(tasks) never grows past it
}

// NewStore returns an empty store that holds at most maxItems tasks, so
// that no client can grow the program's memory without bound.
func NewStore(maxItems int) *Store {
	return &Store{maxItems: maxItems}
}

// Create stores a new task, giving it the next id. A full store is
// ErrFull: it refuses the new task and keeps every stored one.
func (s *Store) Create(title, email string) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.tasks) >= s.maxItems {
		return Task{}, ErrFull
	}
	s.lastID++
	t := Task{ID: s.lastID, Title: title, UserEmail: email}
	s.tasks = append(s.tasks, t)
	return t, nil
}

// List returns one page of the tasks, newest (highest id) first: it skips
// offset tasks and copies at most limit, never nil. more reports whether
// tasks follow the page.
func (s *Store) List(offset, limit int) (page []Task, more bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	n := len(s.tasks)
	start := min(offset, n)
	end := start + min(limit, n-start)
	page = make([]Task, 0, end-start)
	for i := start; i < end; i++ {
		page = append(page, s.tasks[n-1-i]) // s.tasks is oldest first
	}
	return page, end < n
}

// Get returns the task with the given id.
func (s *Store) Get(id int64) (Task, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.find(id)
	if !ok {
		return Task{}, ErrNotFound
	}
	return s.tasks[i], nil
}

// Complete marks the task completed with its notification queued, if
// enqueue accepts it. Check, enqueue and change happen under one lock, so
// of two concurrent completions exactly one wins, and a task whose
// notification found the queue full stays as it was.
func (s *Store) Complete(id int64, enqueue func(Task) bool) (Task, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.find(id)
	switch {
	case !ok:
		return Task{}, ErrNotFound
	case s.tasks[i].Completed:
		return Task{}, ErrCompleted
	case !enqueue(s.tasks[i]):
		return Task{}, ErrQueueFull
	}
	queued := notificationQueued
	s.tasks[i].Completed, s.tasks[i].Notification = true, &queued
	return s.tasks[i], nil
}

// SetNotification records how the task's notification ended.
func (s *Store) SetNotification(id int64, status string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if i, ok := s.find(id); ok {
		s.tasks[i].Notification = &status
	}
}

// find returns the index of id in s.tasks; the caller holds s.mu.
func (s *Store) find(id int64) (int, bool) {
	return slices.BinarySearchFunc(s.tasks, id, func(t Task, id int64) int {
		return cmp.Compare(t.ID, id)
	})
}
