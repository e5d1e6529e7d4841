// Command 07-forms-templates is lesson 07 of the course: a newsletter sign-up
// form rendered on the server with html/template.
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
	fs := flag.NewFlagSet("07-forms-templates", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	maxItems := fs.Int("max-items", 10_000, "store at most `n` subscriptions; a sign-up beyond that gets 507")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *maxItems < 1 {
		return program.Usagef("-max-items must be at least 1, not %d", *maxItems)
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	pages, err := ParsePages(templateFS, logger)
	if err != nil {
		return err
	}
	srv := program.NewHTTPServer(NewServer(logger, pages, NewStore(*maxItems)), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
