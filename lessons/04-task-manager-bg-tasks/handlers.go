package main

import (
	"errors"
	"net/http"
	"strconv"

	"apicourse/shared/web"
)

// titleLength is the limit of a task's title.
var titleLength = web.Length(1, 200)

// What a client sees for each of the store's errors.
var storeErrors = map[error]error{
	ErrNotFound:  web.Errorf(http.StatusNotFound, "Task not found"),
	ErrCompleted: web.Errorf(http.StatusConflict, "Task already completed"),
	ErrQueueFull: web.Errorf(http.StatusServiceUnavailable, "Notification queue is full, try again later"),
	ErrFull:      web.ErrStorageFull, // 507 {"detail":"Storage limit reached"}
}

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
		if err != nil {
			web.Error(w, r, storeError(err))
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
		if err != nil {
			web.Error(w, r, storeError(err))
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
		if err != nil {
			web.Error(w, r, storeError(err))
			return
		}
		web.JSON(w, http.StatusOK, task)
	})
}

// storeError turns the store's errors into what the client should see.
func storeError(err error) error {
	for target, public := range storeErrors {
		if errors.Is(err, target) {
			return public
		}
	}
	return err
}
