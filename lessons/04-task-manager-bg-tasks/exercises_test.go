//go:build exercises

package main

import (
	"context"
	"errors"
	"net/http"
	"sync/atomic"
	"testing"

	"apicourse/shared/webtest"
)

// Exercise 1: GET /notifications/stats counts the tasks by the state of
// their notification: {"queued":N,"sent":N,"failed":N}. Tasks that are not
// completed have none and are not counted.
func TestExercise1NotificationStats(t *testing.T) {
	// Each send waits for its outcome on outcomes.
	started, outcomes := make(chan string, 10), make(chan error)
	send := func(ctx context.Context, email string) error {
		started <- email
		select {
		case err := <-outcomes:
			return err
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	a := newApp(t, send, 10, 1)
	w := webtest.Send(t, a.h, "GET", "/notifications/stats", "")
	webtest.WantStatus(t, w, "GET /notifications/stats", http.StatusOK)
	webtest.WantJSON(t, w, "GET /notifications/stats", `{"queued":0,"sent":0,"failed":0}`)

	for range 4 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	for _, path := range []string{"/tasks/1/complete", "/tasks/2/complete", "/tasks/3/complete"} {
		webtest.WantStatus(t, webtest.Send(t, a.h, "POST", path, ""), "POST "+path, http.StatusOK)
	}
	webtest.WantJSON(t, webtest.Send(t, a.h, "GET", "/notifications/stats", ""), "stats with three queued",
		`{"queued":3,"sent":0,"failed":0}`)

	outcomes <- nil                            // task 1 is sent
	outcomes <- errors.New("mail server down") // task 2 fails
	<-started
	<-started
	<-started // task 3 is being sent: still queued
	webtest.WantJSON(t, webtest.Send(t, a.h, "GET", "/notifications/stats", ""), "stats after one sent, one failed",
		`{"queued":1,"sent":1,"failed":1}`)
}

// Exercise 2: a failed notification is tried again, up to 3 attempts in
// all, waiting a little longer before each retry (backoff: for example
// 10 ms, then 20 ms). It is "sent" if any attempt succeeds, "failed" after
// the third failure, and a shutdown stops the retries.
func TestExercise2RetryWithBackoff(t *testing.T) {
	tests := []struct {
		name         string
		failures     int32
		wantStatus   string
		wantAttempts int32
	}{
		{"sends on the first attempt without retrying", 0, "sent", 1},
		{"sends on the third attempt after two failures", 2, "sent", 3},
		{"gives up after three failed attempts", 5, "failed", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var attempts atomic.Int32
			send := func(ctx context.Context, email string) error {
				if attempts.Add(1) <= tt.failures {
					return errors.New("temporary failure")
				}
				return nil
			}
			a := newApp(t, send, 10, 1)
			a.create(t, `{"title":"t","user_email":"user@example.com"}`)
			webtest.WantStatus(t, webtest.Send(t, a.h, "POST", "/tasks/1/complete", ""), "complete", http.StatusOK)
			a.drain()
			task, _ := a.store.Get(1)
			if *task.Notification != tt.wantStatus || attempts.Load() != tt.wantAttempts {
				t.Errorf("notification = %s after %d attempts, want %s after %d", *task.Notification, attempts.Load(), tt.wantStatus, tt.wantAttempts)
			}
		})
	}
	t.Run("stops retrying when the grace period is over", func(t *testing.T) {
		var attempts atomic.Int32
		failed := make(chan struct{})
		send := func(ctx context.Context, email string) error {
			if attempts.Add(1) == 1 {
				close(failed)
			}
			return errors.New("down")
		}
		a := newApp(t, send, 10, 1)
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
		webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
		<-failed
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		a.notifier.Shutdown(ctx)
		if n := attempts.Load(); n > 2 {
			t.Errorf("%d attempts after the grace period ended, want the retries to stop", n)
		}
	})
}
