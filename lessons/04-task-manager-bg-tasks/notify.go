package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"
)

// SendFunc delivers one notification to email. It must return when ctx
// is cancelled, which happens when the shutdown grace period runs out.
type SendFunc func(ctx context.Context, email string) error

// delaySender stands in for a mail server that takes delay to accept a
// message.
func delaySender(delay time.Duration) SendFunc {
	return func(ctx context.Context, email string) error {
		t := time.NewTimer(delay)
		defer t.Stop()
		select {
		case <-t.C:
			return nil
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// job is one notification waiting to be sent.
type job struct {
	taskID int64
	email  string
}

// Notifier sends notifications in the background: a bounded queue and a
// fixed number of workers. When the queue is full, Enqueue says so at
// once instead of piling up goroutines.
type Notifier struct {
	logger *slog.Logger
	send   SendFunc
	report func(taskID int64, status string) // how each notification ended
	queue  chan job
	wg     sync.WaitGroup

	// ctx is the workers' own context: never a request's, which ends with
	// its response. Shutdown cancels it when the grace period is over.
	ctx    context.Context
	cancel context.CancelFunc

	mu     sync.RWMutex // guards closed, so nothing is sent on a closed queue
	closed bool
}

// NewNotifier starts workers that take jobs from a queue of queueSize,
// send them with send and report each outcome.
func NewNotifier(logger *slog.Logger, send SendFunc, queueSize, workers int, report func(int64, string)) *Notifier {
	ctx, cancel := context.WithCancel(context.Background())
	n := &Notifier{logger: logger, send: send, report: report, queue: make(chan job, queueSize), ctx: ctx, cancel: cancel}
	for range workers {
		n.wg.Go(n.work)
	}
	return n
}

// Enqueue queues the notification for task t, or returns false at once
// when the queue is full or shutting down.
func (n *Notifier) Enqueue(t Task) bool {
	n.mu.RLock()
	defer n.mu.RUnlock()
	if n.closed {
		return false
	}
	select {
	case n.queue <- job{taskID: t.ID, email: t.UserEmail}:
		return true
	default:
		return false
	}
}

// Shutdown stops taking jobs and waits for the queued ones to be sent.
// When ctx ends first, the sends in progress are cancelled and every job
// not sent is logged by task id.
func (n *Notifier) Shutdown(ctx context.Context) {
	n.mu.Lock()
	if !n.closed {
		n.closed = true
		close(n.queue)
	}
	n.mu.Unlock()

	done := make(chan struct{})
	go func() { n.wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-ctx.Done():
		n.cancel()
		<-done // the workers now drain the queue without sending
	}
	n.cancel()
}

// work sends queued jobs until the queue is closed and empty.
func (n *Notifier) work() {
	for j := range n.queue {
		n.report(j.taskID, n.deliver(j))
	}
}

// deliver sends one job and returns its outcome. A panicking sender is
// recovered here: one bad notification must not take the server down.
func (n *Notifier) deliver(j job) (status string) {
	log := n.logger.With("task_id", j.taskID)
	defer func() {
		if p := recover(); p != nil {
			log.Error("Notification sender panicked", "panic", fmt.Sprint(p))
			status = notificationFailed
		}
	}()
	if n.ctx.Err() != nil {
		log.Warn("Notification not sent: shutdown grace period is over")
		return notificationFailed
	}
	log.Info("Starting background task")
	if err := n.send(n.ctx, j.email); err != nil {
		if n.ctx.Err() != nil {
			log.Warn("Notification not sent: shutdown grace period is over")
		} else {
			log.Error("Notification FAILED", "err", err)
		}
		return notificationFailed
	}
	log.Info("Notification SENT to " + j.email)
	return notificationSent
}
