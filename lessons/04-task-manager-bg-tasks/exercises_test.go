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

// mailServer is a sender whose answer depends on the address, so that the
// tests of exercises 1 and 2 hold whether or not failures are retried
// (exercise 3): "failed@" fails while down is set, every time it is tried;
// "wait@" tells started and waits for release, "hold@" tells started and
// waits for the shutdown; anything else is sent at once.
type mailServer struct {
	down    atomic.Bool
	started chan string
	release chan struct{}
}

func newMailServer() *mailServer {
	m := &mailServer{started: make(chan string, 10), release: make(chan struct{})}
	m.down.Store(true)
	return m
}

func (m *mailServer) send(ctx context.Context, email string) error {
	switch {
	case email == "failed@example.com" && m.down.Load():
		return errors.New("mail server down")
	case email == "wait@example.com":
		m.started <- email
		select {
		case <-m.release:
		case <-ctx.Done():
			return ctx.Err()
		}
	case email == "hold@example.com":
		m.started <- email
		<-ctx.Done()
		return ctx.Err()
	}
	return nil
}

// createFor creates a task for each address, in order (ids 1, 2, ...).
func (a *app) createFor(t *testing.T, emails ...string) {
	t.Helper()
	for _, email := range emails {
		a.create(t, `{"title":"t","user_email":"`+email+`"}`)
	}
}

// Exercise 1: GET /notifications/stats counts the tasks by the state of
// their notification: {"queued":N,"sent":N,"failed":N}. Tasks that are not
// completed have none and are not counted.
func TestExercise1NotificationStats(t *testing.T) {
	docs := webtest.DocsLast(t) // openapi.json is held to the answers in the last step, once they are right
	mail := newMailServer()
	a := newApp(t, mail.send, 10, 1) // one worker: the notifications go in order
	w := webtest.Send(t, a.h, "GET", "/notifications/stats", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"queued":0,"sent":0,"failed":0}`)

	a.createFor(t, "wait@example.com", "failed@example.com", "hold@example.com", "never@example.com")
	for _, path := range []string{"/tasks/1/complete", "/tasks/2/complete", "/tasks/3/complete"} {
		webtest.Send(t, a.h, "POST", path, "").WantStatus(t, http.StatusOK)
	}
	// The worker holds task 1 until release: all three are queued.
	webtest.Send(t, a.h, "GET", "/notifications/stats", "").WantJSON(t, `{"queued":3,"sent":0,"failed":0}`)

	<-mail.started
	close(mail.release) // task 1 is sent, task 2 fails, task 3 is being sent
	<-mail.started
	webtest.Send(t, a.h, "GET", "/notifications/stats", "").WantJSON(t, `{"queued":1,"sent":1,"failed":1}`)
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 2: POST /tasks/{task_id}/notify-again queues a failed
// notification once more: 200 with the task, "notification":"queued".
// A task whose notification has not failed (none yet, queued or sent) is
// 409 {"detail":"Only a failed notification can be sent again"}; an
// unknown task is 404.
func TestExercise2NotifyAgain(t *testing.T) {
	docs := webtest.DocsLast(t)
	mail := newMailServer()
	a := newApp(t, mail.send, 10, 1) // one worker: the notifications go in order
	a.createFor(t, "failed@example.com", "wait@example.com")
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
	<-mail.started                                   // the worker has moved on to task 2: task 1 has failed
	notifyAgain("2", http.StatusConflict, notFailed) // queued, not failed
	mail.down.Store(false)
	notifyAgain("1", http.StatusOK, `{"id":1,"title":"t","user_email":"failed@example.com","completed":true,"notification":"queued"}`)
	notifyAgain("1", http.StatusConflict, notFailed) // queued again: once is enough

	close(mail.release) // task 2 is sent, then task 1, the second time
	a.drain()
	for _, id := range []int64{1, 2} {
		if task, _ := a.store.Get(id); *task.Notification != "sent" {
			t.Errorf("task %d notification = %s, want sent", id, *task.Notification)
		}
	}
	notifyAgain("1", http.StatusConflict, notFailed) // sent
	t.Run("openapi.json documents every answer above", docs.Want)
}

// Exercise 3: a failed notification is tried again, up to 3 attempts in
// all, waiting a little longer before each retry (backoff: for example
// 10 ms, then 20 ms). It is "sent" if any attempt succeeds, "failed" after
// the third failure, and a shutdown stops the retries.
func TestExercise3RetryWithBackoff(t *testing.T) {
	docs := webtest.DocsLast(t)
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
	t.Run("openapi.json documents every answer above", docs.Want)
}
