// Command 03-user-profile-uploads is lesson 03 of the course: user profiles
// with image uploads stored on disk and served back.
package main

import (
	"context"
	"flag"
	"fmt"
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
	fs := flag.NewFlagSet("03-user-profile-uploads", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	static := fs.String("static", "static", "`folder` for uploaded files, served at /static/; created when missing")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	uploads, err := OpenUploads(*static)
	if err != nil {
		return fmt.Errorf("-static %s: %w", *static, err)
	}
	defer uploads.Close()
	srv := program.NewHTTPServer(NewServer(logger, NewProfiles(), uploads), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
