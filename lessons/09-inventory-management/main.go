// Command 09-inventory-management is lesson 09 of the course: an inventory API
// in two versions, v1 deprecated, with offset pagination.
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
	fs := flag.NewFlagSet("09-inventory-management", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv := program.NewHTTPServer(NewServer(logger, NewCatalog()), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
