package main

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"apicourse/shared/webtest"
)

func TestDelaySender(t *testing.T) {
	t.Run("returns nil once the delay has passed", func(t *testing.T) {
		if err := delaySender(0)(context.Background(), "user@example.com"); err != nil {
			t.Errorf("delaySender(0) = %v, want nil", err)
		}
	})
	t.Run("stops waiting when its context is cancelled", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // a shutdown whose grace period is over
		if err := delaySender(time.Hour)(ctx, "user@example.com"); !errors.Is(err, context.Canceled) {
			t.Errorf("delaySender(1h) with a cancelled context = %v, want context.Canceled", err)
		}
	})
}

func TestAFailingOrPanickingSenderMarksOnlyThatTaskFailed(t *testing.T) {
	tests := []struct {
		name string
		fail func() error // what a send to bad@example.com does; others succeed
		want string
	}{
		{"an error", func() error { return errors.New("mail server said no") }, "Notification FAILED"},
		{"a panic", func() error { panic("boom") }, "Notification sender panicked"},
	}
	for _, tt := range tests {
		t.Run("marks failed after "+tt.name+" and sends the next one", func(t *testing.T) {
			send := func(_ context.Context, email string) error {
				if email == "bad@example.com" {
					return tt.fail()
				}
				return nil
			}
			a := newApp(t, send, 10, 1)
			a.create(t, `{"title":"t","user_email":"bad@example.com"}`)
			a.create(t, `{"title":"u","user_email":"good@example.com"}`)
			webtest.Send(t, a.h, "POST", "/tasks/1/complete", "").WantStatus(t, http.StatusOK)
			webtest.Send(t, a.h, "POST", "/tasks/2/complete", "").WantStatus(t, http.StatusOK)
			a.drain()
			for id, want := range map[int64]string{1: "failed", 2: "sent"} {
				if task, _ := a.store.Get(id); task.Notification == nil || *task.Notification != want {
					t.Errorf("task %d notification = %v, want %s", id, task.Notification, want)
				}
			}
			if !strings.Contains(a.logs.String(), tt.want) {
				t.Errorf("log does not contain %q:\n%s", tt.want, a.logs)
			}
		})
	}
}

func TestShutdownWaitsForQueuedNotifications(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 10, 1)
	for id := range 3 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
		webtest.Send(t, a.h, "POST", fmt.Sprintf("/tasks/%d/complete", id+1), "").WantStatus(t, http.StatusOK)
	}
	<-sender.started
	done := make(chan struct{})
	go func() { a.notifier.Shutdown(context.Background()); close(done) }()
	for range 3 {
		select {
		case <-done:
			t.Fatal("Shutdown returned while notifications were still queued")
		case sender.release <- struct{}{}:
		}
	}
	<-done
	for id := int64(1); id <= 3; id++ {
		if task, _ := a.store.Get(id); *task.Notification != "sent" {
			t.Errorf("task %d notification = %s, want sent", id, *task.Notification)
		}
	}
	if a.notifier.Enqueue(Task{ID: 9}) {
		t.Error("Enqueue after Shutdown = true, want false")
	}
}

func TestShutdownLogsWhatTheGracePeriodCouldNotSend(t *testing.T) {
	sender := newFakeSender() // never released: every send outlives the grace period
	a := newApp(t, sender.send, 10, 1)
	for id := range 3 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
		webtest.Send(t, a.h, "POST", fmt.Sprintf("/tasks/%d/complete", id+1), "").WantStatus(t, http.StatusOK)
	}
	<-sender.started
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the grace period is already over
	done := make(chan struct{})
	go func() { a.notifier.Shutdown(ctx); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		close(sender.release) // let the cleanup finish
		t.Fatal("Shutdown with its grace period over did not return: the sends in progress were not cancelled")
	}
	logs := a.logs.String()
	for id := int64(1); id <= 3; id++ {
		if task, _ := a.store.Get(id); *task.Notification != "failed" {
			t.Errorf("task %d notification = %s, want failed", id, *task.Notification)
		}
		if !strings.Contains(logs, fmt.Sprintf(`Notification not sent: shutdown grace period is over" task_id=%d`, id)) {
			t.Errorf("log does not name task %d as not sent:\n%s", id, logs)
		}
	}
}
