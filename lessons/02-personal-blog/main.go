// Command 02-personal-blog is lesson 02 of the course: a blog API whose posts
// live in a SQLite file and survive restarts.
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
	fs := flag.NewFlagSet("02-personal-blog", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	dbPath := fs.String("db", "blog.db", "SQLite database `file`, created when missing")
	maxDBMiB := fs.Int64("max-db-mib", 1024, "let the database file grow to `n` MiB; a post beyond it is 507")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}

	if *maxDBMiB < 1 || *maxDBMiB > 1<<20 {
		return program.Usagef("-max-db-mib must be 1..1048576 (1 MiB to 1 TiB), not %d", *maxDBMiB)
	}

	// SQLite says only "unable to open database file" when the folder is
	// missing or read-only: find out which before it tries, and say so.
	if err := program.WritableFile(*dbPath); err != nil {
		return fmt.Errorf("-db %s: %w", *dbPath, err)
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	store, err := OpenStore(ctx, *dbPath, *maxDBMiB<<20, time.Now)
	if err != nil {
		return err
	}
	defer store.Close()
	srv := program.NewHTTPServer(NewServer(logger, store), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
