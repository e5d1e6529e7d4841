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
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"queued":0,"sent":0,"failed":0}`)

	for range 4 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	for _, path := range []string{"/tasks/1/complete", "/tasks/2/complete", "/tasks/3/complete"} {
		webtest.Send(t, a.h, "POST", path, "").WantStatus(t, http.StatusOK)
	}
	webtest.Send(t, a.h, "GET", "/notifications/stats", "").WantJSON(t, `{"queued":3,"sent":0,"failed":0}`)

	outcomes <- nil                            // task 1 is sent
	outcomes <- errors.New("mail server down") // task 2 fails
	<-started
	<-started
	<-started // task 3 is being sent: still queued
	webtest.Send(t, a.h, "GET", "/notifications/stats", "").WantJSON(t, `{"queued":1,"sent":1,"failed":1}`)
}

// Exercise 2: POST /tasks/{task_id}/notify-again queues a failed
// notification once more: 200 with the task, "notification":"queued".
// A task whose notification has not failed (none yet, queued or sent) is
// 409 {"detail":"Only a failed notification can be sent again"}; an
// unknown task is 404.
func TestExercise2NotifyAgain(t *testing.T) {
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
	a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	a.create(t, `{"title":"u","user_email":"user@example.com"}`)
	notifyAgain := func(id string, wantStatus int, wantBody string) {
		t.Helper()
		w := webtest.Send(t, a.h, "POST", "/tasks/"+id+"/notify-again", "")
		w.WantStatus(t, wantStatus)
		w.WantJSON(t, wantBody)
	}
	const notFailed = `{"detail":"Only a failed notification can be sent again"}`
	notifyAgain("1", http.StatusConflict, notFailed) // not completed yet
	notifyAgain("9", http.StatusNotFound, `{"detail":"Task not found"}`)

	for _, path := range []string{"/tasks/1/complete", "/tasks/2/complete"} {
		webtest.Send(t, a.h, "POST", path, "").WantStatus(t, http.StatusOK)
	}
	<-started
	outcomes <- errors.New("mail server down")       // task 1 fails
	<-started                                        // the worker has moved on to task 2: task 1 is "failed"
	notifyAgain("2", http.StatusConflict, notFailed) // queued, not failed
	notifyAgain("1", http.StatusOK, `{"id":1,"title":"t","user_email":"user@example.com","completed":true,"notification":"queued"}`)
	notifyAgain("1", http.StatusConflict, notFailed) // queued again: once is enough

	outcomes <- nil // task 2 is sent
	<-started
	outcomes <- nil // task 1 is sent, the second time
	a.drain()
	for _, id := range []int64{1, 2} {
		if task, _ := a.store.Get(id); *task.Notification != "sent" {
			t.Errorf("task %d notification = %s, want sent", id, *task.Notification)
		}
	}
	notifyAgain("1", http.StatusConflict, notFailed) // sent
}

// Exercise 3: a failed notification is tried again, up to 3 attempts in
// all, waiting a little longer before each retry (backoff: for example
// 10 ms, then 20 ms). It is "sent" if any attempt succeeds, "failed" after
// the third failure, and a shutdown stops the retries.
func TestExercise3RetryWithBackoff(t *testing.T) {
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
			webtest.Send(t, a.h, "POST", "/tasks/1/complete", "").WantStatus(t, http.StatusOK)
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
