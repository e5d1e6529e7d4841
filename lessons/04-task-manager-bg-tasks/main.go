// Command 04-task-manager-bg-tasks is lesson 04 of the course: a task list
// that sends a notification in the background when a task is completed.
package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"
	"time"

	"apicourse/shared/program"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// run is the whole program; main only connects it to the process, so tests
// can start it with their own arguments, environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("04-task-manager-bg-tasks", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	delay := fs.Duration("notify-delay", 5*time.Second, "how long sending one notification takes (a stand-in for a mail server)")
	queue := fs.Int("queue", 100, "how many notifications may wait to be sent")
	workers := fs.Int("workers", 4, "how many notifications are sent at once")
	grace := fs.Duration("shutdown-timeout", program.ShutdownTimeout, "on SIGINT/SIGTERM, how long to wait for requests and queued notifications")
	maxItems := fs.Int("max-items", DefaultMaxItems, "keep at most `n` tasks; creating one more is 507")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *queue < 1 || *workers < 1 || *maxItems < 1 || *delay < 0 || *grace < 0 {
		return program.Usagef("-queue, -workers and -max-items must be at least 1, durations not negative")
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	store := NewStore(*maxItems)
	notifier := NewNotifier(logger, delaySender(*delay), *queue, *workers, store.SetNotification)
	srv := program.NewHTTPServer(NewServer(logger, store, notifier), logger)

	// One grace period, counted from the signal, for the requests in flight
	// and then for the notifications still queued.
	drainCtx, cancelDrain := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelDrain()
	context.AfterFunc(ctx, func() { time.AfterFunc(*grace, cancelDrain) })

	err := program.Serve(ctx, srv, *listen, stderr, *grace)
	notifier.Shutdown(drainCtx)
	return err
}
