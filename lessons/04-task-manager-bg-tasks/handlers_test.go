package main

import (
	"bytes"
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"apicourse/shared/web"
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
// workers, every response held to openapi.json; the notifier is shut down
// when the test ends.
func newApp(t testing.TB, send SendFunc, queueSize, workers int) *app {
	t.Helper()
	return newAppOver(t, NewStore(DefaultMaxItems), send, queueSize, workers)
}

// newAppOver is newApp over the given store.
func newAppOver(t testing.TB, store *Store, send SendFunc, queueSize, workers int) *app {
	t.Helper()
	logs := &lockedBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, nil))
	n := NewNotifier(logger, send, queueSize, workers, store.SetNotification)
	t.Cleanup(func() {
		ctx, cancel := context.WithCancel(context.Background())
		cancel() // whatever is left is abandoned, not waited for
		done := make(chan struct{})
		go func() { n.Shutdown(ctx); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Error("the notifier did not shut down within 5s of the end of the test")
		}
	})
	h := webtest.ParseAPI(t, openapiJSON).Check(t, NewServer(logger, store, n))
	return &app{h: h, store: store, notifier: n, logs: logs}
}

// create posts a task and fails the test unless it is created.
func (a *app) create(t testing.TB, body string) Task {
	t.Helper()
	w := webtest.Send(t, a.h, "POST", "/tasks", body)
	w.WantStatus(t, http.StatusCreated)
	return webtest.Decode[Task](t, w)
}

// drain waits until every queued notification has ended.
func (a *app) drain() {
	a.notifier.Shutdown(context.Background())
}

func TestCreateTask(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	w := webtest.Send(t, a.h, "POST", "/tasks", `{"title":"Write report","user_email":"user@example.com"}`)
	w.WantStatus(t, http.StatusCreated)
	w.WantJSON(t, `{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}`)
	if got := w.Header().Get("Location"); got != "/tasks/1" {
		t.Errorf("POST /tasks Location = %q, want /tasks/1", got)
	}
	webtest.Send(t, a.h, "GET", "/tasks/1", "").WantJSON(t, `{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}`)
	webtest.Send(t, a.h, "GET", "/tasks", "").WantJSON(t, `[{"id":1,"title":"Write report","user_email":"user@example.com","completed":false,"notification":null}]`)
}

func TestCreateTaskRejectsBadInput(t *testing.T) {
	tests := []struct {
		name, body, wantType, wantLoc string
	}{
		{"a display name with the address", `{"title":"t","user_email":"Bob <bob@x.org>"}`, "value_error", "body.user_email"},
		{"a word without @", `{"title":"t","user_email":"not-an-email"}`, "value_error", "body.user_email"},
		{"a domain without a dot", `{"title":"t","user_email":"a@b"}`, "value_error", "body.user_email"},
		{"two addresses", `{"title":"t","user_email":"a@x.org, b@x.org"}`, "value_error", "body.user_email"},
		{"a space before the address", `{"title":"t","user_email":" a@x.org"}`, "value_error", "body.user_email"},
		{"a newline after the address", `{"title":"t","user_email":"a@x.org\n"}`, "value_error", "body.user_email"},
		{"a space inside the address", `{"title":"t","user_email":"a b@x.org"}`, "value_error", "body.user_email"},
		{"a quoted local part with a space", `{"title":"t","user_email":"\"a b\"@x.org"}`, "value_error", "body.user_email"},
		{"a comment after the address", `{"title":"t","user_email":"a@x.org (work)"}`, "value_error", "body.user_email"},
		{"a host without a domain", `{"title":"t","user_email":"user@localhost"}`, "value_error", "body.user_email"},
		{"an IP literal domain", `{"title":"t","user_email":"user@[127.0.0.1]"}`, "value_error", "body.user_email"},
		{"a unicode address of 134 characters but 256 bytes", `{"title":"t","user_email":"` + strings.Repeat("é", 122) + `@example.com"}`, "value_error", "body.user_email"},
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
			webtest.Send(t, a.h, "POST", "/tasks", tt.body).WantProblem(t, tt.wantType, tt.wantLoc)
			webtest.Send(t, a.h, "GET", "/tasks", "").WantJSON(t, `[]`)
		})
	}
	for name, email := range map[string]string{
		"a 254-character address":       strings.Repeat("a", 242) + "@example.com",
		"a plus tag and subdomains":     "first.last+tag@mail.example.org",
		"a unicode local part":          "josé@example.com",
		"a unicode domain":              "用户@例子.广告",
		"upper case, stored as sent":    "User@Example.COM",
		"a one-letter top-level domain": "a@b.c",
	} {
		t.Run("accepts "+name, func(t *testing.T) {
			a := newApp(t, newFakeSender().send, 10, 1)
			if got := a.create(t, `{"title":"t","user_email":"`+email+`"}`); got.UserEmail != email {
				t.Errorf("user_email = %q, want %q as sent", got.UserEmail, email)
			}
		})
	}
	t.Run("says why an address is refused", func(t *testing.T) {
		a := newApp(t, newFakeSender().send, 10, 1)
		w := webtest.Send(t, a.h, "POST", "/tasks", `{"title":"t","user_email":"a@b"}`)
		p := webtest.Decode[struct{ Detail []webtest.Problem }](t, w).Detail
		if len(p) != 1 || !strings.HasPrefix(p[0].Msg, "value is not a valid email address: ") {
			t.Errorf("POST /tasks a@b problems = %+v, want one whose msg starts \"value is not a valid email address: \"", p)
		}
	})
}

// FuzzCreateTask sends any body to POST /tasks: nothing panics or is a
// 500, and whatever is stored has a valid title and a plain address.
func FuzzCreateTask(f *testing.F) {
	for _, seed := range []string{
		`{"title":"t","user_email":"user@example.com"}`,
		`{"title":"t","user_email":"Bob <bob@x.org>"}`,
		`{"title":"t","user_email":"josé@example.com"}`,
		`{"title":"","user_email":5}`,
		`{"title":"t","user_email":"a@b.c","completed":true}`,
		`[]`, `{`, `null`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		a := newApp(t, newFakeSender().send, 1, 1)
		w := webtest.Send(t, a.h, "POST", "/tasks", body)
		switch w.Code {
		case http.StatusCreated:
			task := webtest.Decode[Task](t, w)
			if !web.ValidEmail(task.UserEmail) || task.Title == "" || task.Completed || task.Notification != nil {
				t.Errorf("POST /tasks %q created %+v", body, task)
			}
		case http.StatusUnprocessableEntity:
		default:
			t.Errorf("POST /tasks %q status = %d, want 201 or 422", body, w.Code)
		}
	})
}

func TestAFullStoreRefusesNewTasksAndKeepsTheOld(t *testing.T) {
	sender := newFakeSender()
	a := newAppOver(t, NewStore(3), sender.send, 10, 1)
	for range 3 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	w := webtest.Send(t, a.h, "POST", "/tasks", `{"title":"one more","user_email":"user@example.com"}`)
	w.WantStatus(t, http.StatusInsufficientStorage)
	w.WantJSON(t, `{"detail":"Storage limit reached"}`)
	if got := w.Header().Get("Location"); got != "" {
		t.Errorf("POST /tasks into a full store Location = %q, want none", got)
	}
	if tasks := webtest.Decode[[]Task](t, webtest.Send(t, a.h, "GET", "/tasks", "")); len(tasks) != 3 {
		t.Errorf("GET /tasks after a 507 has %d tasks, want the 3 stored", len(tasks))
	}
	t.Run("still completes the tasks it holds", func(t *testing.T) {
		webtest.Send(t, a.h, "POST", "/tasks/3/complete", "").WantStatus(t, http.StatusOK)
		<-sender.started
		close(sender.release)
		a.drain()
		if task, _ := a.store.Get(3); task.Notification == nil || *task.Notification != "sent" {
			t.Errorf("task 3 notification = %v, want sent", task.Notification)
		}
	})
}

func TestConcurrentCreatesNeverOverfillTheStore(t *testing.T) {
	const limit, clients = 5, 40
	a := newAppOver(t, NewStore(limit), newFakeSender().send, 10, 1)
	var mu sync.Mutex
	codes := map[int]int{}
	var wg sync.WaitGroup
	for range clients {
		wg.Go(func() {
			w := webtest.Send(t, a.h, "POST", "/tasks", `{"title":"t","user_email":"user@example.com"}`)
			mu.Lock()
			codes[w.Code]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[http.StatusCreated] != limit || codes[http.StatusInsufficientStorage] != clients-limit {
		t.Errorf("statuses = %v, want %d × 201 and %d × 507", codes, limit, clients-limit)
	}
	if tasks, _ := a.store.List(0, 100); len(tasks) != limit {
		t.Errorf("the store holds %d tasks, want %d", len(tasks), limit)
	}
}

// taskIDs returns the ids of a page of tasks, in order.
func taskIDs(t *testing.T, w *webtest.Response) []int64 {
	t.Helper()
	ids := []int64{}
	for _, task := range webtest.Decode[[]Task](t, w) {
		ids = append(ids, task.ID)
	}
	return ids
}

// idsDown returns from, from-1, ... count ids.
func idsDown(from, count int64) []int64 {
	ids := []int64{}
	for i := range count {
		ids = append(ids, from-i)
	}
	return ids
}

func TestListTasksPagesNewestFirst(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	for range 25 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	tests := []struct {
		name, query string
		want        []int64
		wantLink    string
	}{
		{"gives the 20 newest by default, and a link to the rest", "", idsDown(25, 20),
			`</tasks?limit=20&offset=20>; rel="next"`},
		{"gives the last page without a link", "?offset=20", idsDown(5, 5), ""},
		{"gives at most limit tasks", "?limit=2", []int64{25, 24}, `</tasks?limit=2&offset=2>; rel="next"`},
		{"skips offset tasks", "?offset=3&limit=2", []int64{22, 21}, `</tasks?limit=2&offset=5>; rel="next"`},
		{"gives no link when the page ends with the oldest task", "?offset=15&limit=10", idsDown(10, 10), ""},
		{"gives everything with limit=100", "?limit=100", idsDown(25, 25), ""},
		{"gives [] past the end", "?offset=25", []int64{}, ""},
		{"gives [] far past the end", "?offset=9223372036854775807&limit=100", []int64{}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := webtest.Send(t, a.h, "GET", "/tasks"+tt.query, "")
			w.WantStatus(t, http.StatusOK)
			if got := taskIDs(t, w); !slices.Equal(got, tt.want) {
				t.Errorf("GET /tasks%s ids = %v, want %v", tt.query, got, tt.want)
			}
			if got := w.Header().Get("Link"); got != tt.wantLink {
				t.Errorf("GET /tasks%s Link = %q, want %q", tt.query, got, tt.wantLink)
			}
		})
	}
	t.Run("following the links walks every task once, newest first", func(t *testing.T) {
		var all []int64
		for path, pages := "/tasks?limit=7", 0; path != ""; pages++ {
			if pages == 4 {
				t.Fatalf("GET %s is a fifth page; 25 tasks make 4 pages of 7", path)
			}
			w := webtest.Send(t, a.h, "GET", path, "")
			w.WantStatus(t, http.StatusOK)
			all = append(all, taskIDs(t, w)...)
			path = ""
			if link := w.Header().Get("Link"); link != "" {
				path = strings.TrimPrefix(strings.TrimSuffix(link, `>; rel="next"`), "<")
			}
		}
		if want := idsDown(25, 25); !slices.Equal(all, want) {
			t.Errorf("pages = %v, want %v", all, want)
		}
	})
	t.Run("shows a task's current state on its page", func(t *testing.T) {
		webtest.Send(t, a.h, "POST", "/tasks/24/complete", "").WantStatus(t, http.StatusOK)
		webtest.Send(t, a.h, "GET", "/tasks?offset=1&limit=1", "").WantJSON(t, `[{"id":24,"title":"t","user_email":"user@example.com","completed":true,"notification":"queued"}]`)
	})
}

func TestListTasksRejectsABadPage(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	tests := []struct {
		query, wantType, wantLoc string
	}{
		// web.ParsePage has the full table; these show it is wired to this route.
		{"?offset=x", "int_parsing", "query.offset"},
		{"?limit=0", "greater_than_equal", "query.limit"},
		{"?offset=5;limit=3", "int_parsing", "query.offset"}, // r.URL.Query would drop it: the default page
	}
	for _, tt := range tests {
		t.Run("rejects "+tt.query, func(t *testing.T) {
			w := webtest.Send(t, a.h, "GET", "/tasks"+tt.query, "")
			w.WantProblem(t, tt.wantType, tt.wantLoc)
		})
	}
	t.Run("reports a bad offset and a bad limit at once", func(t *testing.T) {
		w := webtest.Send(t, a.h, "GET", "/tasks?offset=-1&limit=101", "")
		w.WantStatus(t, http.StatusUnprocessableEntity)
		w.WantJSON(t, `{"detail":[
			{"type":"greater_than_equal","loc":["query","offset"],"msg":"Input should be greater than or equal to 0"},
			{"type":"less_than_equal","loc":["query","limit"],"msg":"Input should be less than or equal to 100"}]}`)
	})
}

func TestGetTaskNotFound(t *testing.T) {
	a := newApp(t, newFakeSender().send, 10, 1)
	for _, path := range []string{"/tasks/1", "/tasks/1/complete"} {
		method := map[bool]string{true: "POST", false: "GET"}[strings.HasSuffix(path, "complete")]
		w := webtest.Send(t, a.h, method, path, "")
		w.WantStatus(t, http.StatusNotFound)
		w.WantJSON(t, `{"detail":"Task not found"}`)
	}
	webtest.Send(t, a.h, "GET", "/tasks/abc", "").WantProblem(t, "int_parsing", "path.task_id")
}

func TestCompleteAnswersBeforeTheNotificationIsSent(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 10, 1)
	a.create(t, `{"title":"Write report","user_email":"user@example.com"}`)

	// The sender blocks until released: the response must not wait for it.
	w := webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
	w.WantStatus(t, http.StatusOK)
	w.WantJSON(t, `{"id":1,"title":"Write report","user_email":"user@example.com","completed":true,"notification":"queued"}`)
	if email := <-sender.started; email != "user@example.com" {
		t.Errorf("sender got %q, want user@example.com", email)
	}
	webtest.Send(t, a.h, "GET", "/tasks/1", "").WantJSON(t, `{"id":1,"title":"Write report","user_email":"user@example.com","completed":true,"notification":"queued"}`)

	w = webtest.Send(t, a.h, "POST", "/tasks/1/complete", "")
	w.WantStatus(t, http.StatusConflict)
	w.WantJSON(t, `{"detail":"Task already completed"}`)

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

// heldWriter holds the response back: WriteHeader waits until the sender
// has started, or fails the test after 5s.
type heldWriter struct {
	http.ResponseWriter
	t       *testing.T
	started <-chan string
}

func (h heldWriter) WriteHeader(code int) {
	select {
	case <-h.started:
	case <-time.After(5 * time.Second):
		h.t.Error("the notification did not start while the response waited: it runs after the response, as in FastAPI")
	}
	h.ResponseWriter.WriteHeader(code)
}

func TestTheNotificationStartsAlongsideTheResponseNotAfterIt(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 10, 1)
	a.create(t, `{"title":"Write report","user_email":"user@example.com"}`)

	// Not one byte of the response is written until the sender has started.
	w := httptest.NewRecorder()
	a.h.ServeHTTP(heldWriter{ResponseWriter: w, t: t, started: sender.started}, httptest.NewRequest("POST", "/tasks/1/complete", nil))
	if w.Code != http.StatusOK {
		t.Errorf("POST /tasks/1/complete status = %d, want 200", w.Code)
	}
	close(sender.release)
}

func TestAFullQueueRefusesWithoutLosingAnything(t *testing.T) {
	sender := newFakeSender()
	a := newApp(t, sender.send, 1, 1) // one worker, one place in the queue
	for range 3 {
		a.create(t, `{"title":"t","user_email":"user@example.com"}`)
	}
	webtest.Send(t, a.h, "POST", "/tasks/1/complete", "").WantStatus(t, http.StatusOK)
	<-sender.started // the worker holds task 1; the queue is empty
	webtest.Send(t, a.h, "POST", "/tasks/2/complete", "").WantStatus(t, http.StatusOK)

	// Enqueue must not wait for room: a blocked handler here is a failure.
	answered := make(chan *webtest.Response, 1)
	go func() { answered <- webtest.Send(t, a.h, "POST", "/tasks/3/complete", "") }()
	var w *webtest.Response
	select {
	case w = <-answered:
	case <-time.After(5 * time.Second):
		close(sender.release) // let the cleanup finish
		t.Fatal("POST /tasks/3/complete with a full queue did not answer: Enqueue blocks")
	}
	w.WantStatus(t, http.StatusServiceUnavailable)
	w.WantJSON(t, `{"detail":"Notification queue is full, try again later"}`)
	if got := w.Header().Get("Retry-After"); got != "5" {
		t.Errorf("a full queue: Retry-After = %q, want \"5\"", got)
	}
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

func TestTheNotificationOutlivesTheRequestContext(t *testing.T) {
	sendCtx, release := make(chan context.Context, 1), make(chan struct{})
	send := func(ctx context.Context, email string) error {
		sendCtx <- ctx
		<-release
		return ctx.Err()
	}
	a := newApp(t, send, 10, 1)
	a.create(t, `{"title":"t","user_email":"user@example.com"}`)

	reqCtx, endRequest := context.WithCancel(context.Background())
	r := httptest.NewRequestWithContext(reqCtx, "POST", "/tasks/1/complete", nil)
	webtest.Do(a.h, r).WantStatus(t, http.StatusOK)
	endRequest() // net/http does this when the response is written

	if err := (<-sendCtx).Err(); err != nil {
		t.Errorf("the sender's context after the request ended: %v, want not cancelled", err)
	}
	close(release)
	a.drain()
	if task, _ := a.store.Get(1); *task.Notification != "sent" {
		t.Errorf("notification = %s, want sent", *task.Notification)
	}
}
