// Command 08-webhook-receiver is lesson 08 of the course: an endpoint that
// accepts GitHub-style webhooks only when their HMAC signature is right.
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
// can start it with their own arguments, environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("08-webhook-receiver", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	// The secret comes from the environment, never from a flag (flags show
	// up in ps) or the code.
	secret := getenv("WEBHOOK_SECRET")
	if secret == "" {
		return program.Usagef("WEBHOOK_SECRET is empty: set it to the secret shared with the sender, e.g. WEBHOOK_SECRET=$(openssl rand -hex 32)")
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	h := NewServer(logger, []byte(secret), NewDeliveries(maxDeliveries), logEvent(logger))
	srv := program.NewHTTPServer(h, logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
