package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"testing"

	"apicourse/shared/webtest"
)

// lockedBuffer collects log output written by several goroutines.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// fakeSender stands in for the mail server: each send announces itself on
// started, then waits for a value on release (or for its context).
type fakeSender struct {
	started chan string
	release chan struct{}
	err     error
}

func newFakeSender() *fakeSender {
	return &fakeSender{started: make(chan string, 100), release: make(chan struct{})}
}

func (f *fakeSender) send(ctx context.Context, email string) error {
	f.started <- email
	select {
	case <-f.release:
		return f.err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// app is the lesson wired with a fake sender.
type app struct {
	h        http.Handler
	store    *Store
	notifier *Notifier
	logs     *lockedBuffer
}

// newApp wires the lesson with send, a queue of queueSize and workers
// workers; the notifier is shut down when the test ends.
func newApp(t testing.TB, send SendFunc, queueSize, workers int) *app {
	t.Helper()
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	store := NewStore()
	n := NewNotifier(logger, send, queueSize, workers, store.SetNotification)
	t.Cleanup(func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // whatever is left is abandoned, not waited for
		n.Shutdown(ctx)
	})
	return &app{h: NewServer(logger, store, n), store: store, notifier: n, logs: logs}
}

// create posts a task and fails the test unless it is created.
func (a *app) create(t testing.TB, body string) Task {
	t.Helper()
	w := webtest.Send(t, a.h, "POST", "/tasks", body)
	webtest.WantStatus(t, w, "POST /tasks "+body, http.StatusCreated)
	return webtest.Decode[Task](t, w)
}

// drain waits until every queued notification has ended.
func (a *app) drain() {
	a.notifier.Shutdown(context.Background())
}

func TestCreateTask(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	w := webtest.Send(t, a.h, "POST", "/tasks", `{"title":"Write report","user_email":"user@example.com"}`)
	webtest.WantStatus(t, w, "POST /tasks", http.StatusCreated)
	webtest.WantJSON(t, w, "POST /tasks", `{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}`)
	if got := w.Header().Get("Location"); got != "/tasks/1" {
		t.Errorf("POST /tasks Location = %q, want /tasks/1", got)
	}
	webtest.WantJSON(t, webtest.Send(t, a.h, "GET", "/tasks/1", ""), "GET /tasks/1",
		`{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}`)
	webtest.WantJSON(t, webtest.Send(t, a.h, "GET", "/tasks", ""), "GET /tasks",
		`[{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}]`)
}

func TestCreateTaskRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, body, wantType, wantLoc string
	}{
		{"a display name with the address", `{"title":"t","user_email":"Bob <bob@x.org>"}`, "value_error", "body.user_email"},
		{"a word without @", `{"title":"t","user_email":"not-an-email"}`, "value_error", "body.user_email"},
		{"a domain without a dot", `{"title":"t","user_email":"a@b"}`, "value_error", "body.user_email"},
		{"two addresses", `{"title":"t","user_email":"a@x.org, b@x.org"}`, "value_error", "body.user_email"},
		{"spaces around the address", `{"title":"t","user_email":" a@x.org"}`, "value_error", "body.user_email"},
		{"an empty local part", `{"title":"t","user_email":"@x.org"}`, "value_error", "body.user_email"},
		{"a 255-character address", `{"title":"t","user_email":"` + strings.Repeat("a", 243) + `@example.com"}`, "value_error", "body.user_email"},
		{"an email that is a number", `{"title":"t","user_email":5}`, "string_type", "body.user_email"},
		{"a missing email", `{"title":"t"}`, "missing", "body.user_email"},
		{"a missing title", `{"user_email":"a@x.org"}`, "missing", "body.title"},
		{"a title of 201 characters", `{"title":"` + strings.Repeat("t", 201) + `","user_email":"a@x.org"}`, "string_too_long", "body.title"},
		{"a client-chosen completed", `{"title":"t","user_email":"a@x.org","completed":true}`, "extra_forbidden", "body.completed"},
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.name, func(t *testing.T) {
			a := newApp(t, newFakeSender().send, 10, 1)
			webtest.WantProblem(t, webtest.Send(t, a.h, "POST", "/tasks", tt.body), "POST /tasks "+tt.body, tt.wantType, tt.wantLoc)
			webtest.WantJSON(t, webtest.Send(t, a.h, "GET", "/tasks", ""), "GET /tasks after a refusal", `[]`)
		})
	}
	t.Run("accepts a 254-character address", func(t *testing.T) {
		a := newApp(t, newFakeSender().send, 10, 1)
		a.create(t, `{"title":"t","user_email":"`+strings.Repeat("a", 242)+`@example.com"}`)
	})
}

func TestGetTaskNotFound(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	for _, path := range []string{"/tasks/1", "/tasks/1/complete"} {
		method := map[bool]string{true: "POST", false: "GET"}[strings.HasSuffix(path, "complete")]
		w := webtest.Send(t, a.h, method, path, "")
		webtest.WantStatus(t, w, method+" "+path, http.StatusNotFound)
		webtest.WantJSON(t, w, method+" "+path, `{"detail":"Task not found"}`)
	}
	webtest.WantProblem(t, webtest.Send(t, a.h, "GET", "/tasks/abc", ""), "GET /tasks/abc", "int_parsing", "path.task_id")
}

func TestCompleteAnswersBeforeTheNotificationIsSent(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 10, 1)
	a.create(t, `{"title":"Write report","user_email":"user@example.com"}`)

	// The sender blocks until released: the response must not wait for it.
	w := webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
	webtest.WantStatus(t, w, "POST /tasks/1/complete", http.StatusOK)
	webtest.WantJSON(t, w, "POST /tasks/1/complete",
		`{"id":1,"title":"Write report","user_email":"user@example.com","completed":true,"notification":"queued"}`)
	if email := <-sender.started; email != "user@example.com" {
		t.Errorf("sender got %q, want user@example.com", email)
	}

	w = webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
	webtest.WantStatus(t, w, "second POST /tasks/1/complete", http.StatusConflict)
	webtest.WantJSON(t, w, "second POST /tasks/1/complete", `{"detail":"Task already completed"}`)

	sender.release <- struct{}{}
	a.drain()
	if task, _ := a.store.Get(1); task.Notification == nil || *task.Notification != "sent" {
		t.Errorf("after the send, notification = %v, want sent", task.Notification)
	}
	for _, line := range []string{"Starting background task", "Notification SENT to user@example.com", "task_id=1"} {
		if !strings.Contains(a.logs.String(), line) {
			t.Errorf("log does not contain %q:\n%s", line, a.logs)
		}
	}
}

func TestAFullQueueRefusesWithoutLosingAnything(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 1, 1) // one worker, one place in the queue
	for range 3 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	webtest.WantStatus(t, webtest.Send(t, a.h, "POST", "/tasks/1/complete", ""), "complete 1", http.StatusOK)
	<-sender.started // the worker holds task 1; the queue is empty
	webtest.WantStatus(t, webtest.Send(t, a.h, "POST", "/tasks/2/complete", ""), "complete 2", http.StatusOK)

	w := webtest.Send(t, a.h, "POST", "/tasks/3/complete", "")
	webtest.WantStatus(t, w, "complete 3 with a full queue", http.StatusServiceUnavailable)
	webtest.WantJSON(t, w, "complete 3 with a full queue", `{"detail":"Notification queue is full, try again later"}`)
	if task, _ := a.store.Get(3); task.Completed || task.Notification != nil {
		t.Errorf("task 3 after a 503 = %+v, want it unchanged", task)
	}

	close(sender.release)
	a.drain()
	for _, id := range []int64{1, 2} {
		if task, _ := a.store.Get(id); task.Notification == nil || *task.Notification != "sent" {
			t.Errorf("task %d notification = %v, want sent", id, task.Notification)
		}
	}
}

func TestConcurrentCompletionsOfOneTaskQueueOneNotification(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 100, 1)
	a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			w := webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
			mu.Lock()
			codes[w.Code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusOK] != 1 || codes[http.StatusConflict] != 19 {
		t.Errorf("statuses = %v, want one 200 and nineteen 409s", codes)
	}
	close(sender.release)
	a.drain()
	if n := len(sender.started); n != 1 {
		t.Errorf("sender called %d times, want 1", n)
	}
}

func TestAFailingOrPanickingSenderMarksTheTaskFailed(t *testing.T) {
	tests := []struct {
		name string
		send SendFunc
		want string
	}{
		{"an error", func(context.Context, string) error { return errors.New("mail server said no") }, "Notification FAILED"},
		{"a panic", func(context.Context, string) error { panic("boom") }, "Notification sender panicked"},
	}
	for _, tt := range tests {
		t.Run("marks failed after "+tt.name, func(t *testing.T) {
			a := newApp(t, tt.send, 10, 1)
			a.create(t, `{"title":"t","user_email":"user@example.com"}`)
			a.create(t, `{"title":"u","user_email":"user@example.com"}`)
			webtest.WantStatus(t, webtest.Send(t, a.h, "POST", "/tasks/1/complete", ""), "complete 1", http.StatusOK)
			webtest.WantStatus(t, webtest.Send(t, a.h, "POST", "/tasks/2/complete", ""), "complete 2 after the failure", http.StatusOK)
			a.drain()
			for _, id := range []int64{1, 2} {
				if task, _ := a.store.Get(id); task.Notification == nil || *task.Notification != "failed" {
					t.Errorf("task %d notification = %v, want failed", id, task.Notification)
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
		webtest.WantStatus(t, webtest.Send(t, a.h, "POST", fmt.Sprintf("/tasks/%d/complete", id+1), ""), "complete", http.StatusOK)
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
		webtest.WantStatus(t, webtest.Send(t, a.h, "POST", fmt.Sprintf("/tasks/%d/complete", id+1), ""), "complete", http.StatusOK)
	}
	<-sender.started
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // the grace period is already over
	a.notifier.Shutdown(ctx)
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
