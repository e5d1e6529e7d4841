package main

import (
	"errors"
	"net/http"
	"strconv"

	"apicourse/shared/web"
)

// titleLength is the limit of a task's title.
var titleLength = web.Length(1, 200)

// What a client sees for the store's ErrNotFound, ErrCompleted and
// ErrQueueFull (ErrFull is web.ErrStorageFull).
var (
	errTaskNotFound  = web.Errorf(http.StatusNotFound, "Task not found")
	errTaskCompleted = web.Errorf(http.StatusConflict, "Task already completed")
	errQueueFull     = web.Errorf(http.StatusServiceUnavailable, "Notification queue is full, try again later")
)

// The bounds of a page of GET /tasks: limit is 1..100, 20 when absent.
const (
	defaultPageLimit = 20
	maxPageLimit     = 100
)

func handleCreateTask(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var in struct{ Title, UserEmail string }
		err := web.DecodeJSON(w, r,
			web.Field("title", &in.Title, titleLength),
			web.Field("user_email", &in.UserEmail, checkEmail),
		)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		task, err := store.Create(in.Title, in.UserEmail)
		switch {
		case errors.Is(err, ErrFull):
			web.Error(w, r, web.ErrStorageFull) // 507 {"detail":"Storage limit reached"}
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.Created(w, "/tasks/"+strconv.FormatInt(task.ID, 10), task)
	})
}

// checkEmail is the Check for an email member: one plain address.
func checkEmail(p *web.Problems, email string, loc ...string) {
	if !web.ValidEmail(email) {
		p.Add("value_error", "value is not a valid email address: it must be one plain address, like name@example.com", loc...)
	}
}

func handleListTasks(store *Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		pg, err := web.ParsePage(q, defaultPageLimit, maxPageLimit)
		if err != nil {
			web.Error(w, r, err)
			return
		}
		tasks, more := store.List(pg.Offset, pg.Limit)
		if more {
			w.Header().Add("Link", pg.NextLink("/tasks", q))
		}
		web.JSON(w, http.StatusOK, tasks)
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
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errTaskNotFound)
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, task)
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
		switch {
		case errors.Is(err, ErrNotFound):
			web.Error(w, r, errTaskNotFound)
			return
		case errors.Is(err, ErrCompleted):
			web.Error(w, r, errTaskCompleted)
			return
		case errors.Is(err, ErrQueueFull):
			web.Error(w, r, errQueueFull)
			return
		case err != nil:
			web.Error(w, r, err)
			return
		}
		web.JSON(w, http.StatusOK, task)
	})
}
