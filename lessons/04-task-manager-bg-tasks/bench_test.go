package main

import (
	"context"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
)

// BenchmarkCreateTask measures POST /tasks through the whole handler stack,
// into a store without a practical limit: it measures creating, not the 507.
func BenchmarkCreateTask(b *testing.B) {
	a := newAppOver(b, NewStore(math.MaxInt), func(context.Context, string) error { return nil }, 100, 1)
	const body = `{"title":"Write report","user_email":"user@example.com"}`
	b.ReportAllocs()
	for b.Loop() {
		r := httptest.NewRequest("POST", "/tasks", strings.NewReader(body))
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, r)
		if w.Code != http.StatusCreated {
			b.Fatalf("POST /tasks status = %d", w.Code)
		}
	}
}

// BenchmarkCompleteTask measures POST /tasks/{id}/complete through the
// whole stack, queueing a notification for a sender that returns at once.
// Each iteration completes a fresh task, created directly in the store.
func BenchmarkCompleteTask(b *testing.B) {
	a := newAppOver(b, NewStore(math.MaxInt), func(context.Context, string) error { return nil }, 1<<16, 2)
	b.ReportAllocs()
	for b.Loop() {
		task, _ := a.store.Create("t", "user@example.com")
		r := httptest.NewRequest("POST", "/tasks/"+strconv.FormatInt(task.ID, 10)+"/complete", nil)
		w := httptest.NewRecorder()
		a.h.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			b.Fatalf("complete status = %d", w.Code)
		}
	}
}
