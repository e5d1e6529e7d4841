// Command 01-basic-todo-api is lesson 01 of the course: a to-do list API
// kept in memory, with create, read, update and delete over HTTP.
package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"apicourse/shared/program"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// run is the whole program; main only connects it to the process, so tests
// can start it with their own arguments, environment and output. This
// lesson reads no environment (getenv); later ones read their secrets there.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("01-basic-todo-api", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	maxItems := fs.Int("max-items", DefaultMaxItems, "keep at most `n` todos; creating one more is 507")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *maxItems < 1 {
		return program.Usagef("-max-items must be at least 1, not %d", *maxItems)
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv := program.NewHTTPServer(NewServer(logger, NewStore(*maxItems)), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
