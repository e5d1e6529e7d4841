package main

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"apicourse/shared/web"
)

// answer turns the store's errors into what a client sees: the one place
// that maps them. Anything else stays an error, which web.Error answers
// with a 500 and logs.
func answer(err error) error {
	switch {
	case errors.Is(err, ErrNotFound):
		return web.Errorf(http.StatusNotFound, "Task not found")
	case errors.Is(err, ErrCompleted):
		return web.Errorf(http.StatusConflict, "Task already completed")
	case errors.Is(err, ErrQueueFull):
		return web.Busy("Notification queue is full, try again later", queueRetryAfter) // 503 + Retry-After
	case errors.Is(err, ErrFull):
		return web.ErrStorageFull // 507 {"detail":"Storage limit reached"}
	}
	return err
}

// queueRetryAfter is the Retry-After of a full queue: about the time one
// notification takes with the default -notify-delay, after which a place
// is free again.
const queueRetryAfter = 5 * time.Second

// The bounds of a page of GET /tasks: limit is 1..100, 20 when absent.
const (
	defaultPageLimit = 20
	maxPageLimit     = 100
)

// maxTitle is the longest title, in characters.
const maxTitle = 200

// taskCreate is the body of POST /tasks: id, completed and notification
// are the server's, so a client that sends them gets extra_forbidden.
type taskCreate struct {
	Title     string `json:"title"`
	UserEmail string `json:"user_email"`
}

// Valid checks what the types cannot, as FastAPI's Field(...) and
// EmailStr do.
func (in *taskCreate) Valid(p *web.Problems) {
	p.NotBlank(in.Title, "title")
	p.MaxLength(in.Title, maxTitle, "title")
	if !web.ValidEmail(in.UserEmail) {
		p.Add("value_error", "value is not a valid email address: it must be one plain address, like name@example.com", "user_email")
	}
}

func handleCreateTask(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		in, err := web.Decode[taskCreate](w, r)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		task, err := store.Create(in.Title, in.UserEmail)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		w.Header().Set("Location", "/tasks/"+strconv.FormatInt(task.ID, 10))
		web.JSON(w, r, http.StatusCreated, task)
	})
}

func handleListTasks(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := web.Query(r) // r.URL.Query, but a malformed pair is kept: a 422, not the default
		pg, err := web.ParsePage(q, defaultPageLimit, maxPageLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		tasks, more := store.List(pg.Offset, pg.Limit)
		if more {
			w.Header().Add("Link", pg.NextLink("/tasks", q, len(tasks)))
		}
		web.JSON(w, r, http.StatusOK, tasks)
	})
}

func handleGetTask(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "task_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		task, err := store.Get(id)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, task)
	})
}

// handleCompleteTask answers as soon as the notification is queued; a
// worker sends it later, on its own context, not the request's.
func handleCompleteTask(store *Store, notifier *Notifier) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id, err := web.PathID(r, "task_id")
		if err != nil {
			web.Error(w, r, err)
			return
		}
		task, err := store.Complete(id, notifier.Enqueue)
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, task)
	})
}
