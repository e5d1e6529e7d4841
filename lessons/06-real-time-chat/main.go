// Command 06-real-time-chat is lesson 06 of the course: a chat room over
// WebSockets, with a page to open in two browser tabs.
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
// lesson reads no environment (getenv).
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("06-real-time-chat", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	cfg := DefaultHubConfig()
	fs.IntVar(&cfg.MaxClients, "max-clients", cfg.MaxClients, "at most `n` chat clients at once; one more gets 503")
	fs.IntVar(&cfg.MaxPerIP, "max-clients-per-ip", cfg.MaxPerIP, "at most `n` chat clients at once from one IP address; one more gets 503")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if cfg.MaxClients < 1 {
		return program.Usagef("-max-clients must be at least 1, not %d", cfg.MaxClients)
	}
	if cfg.MaxPerIP < 1 {
		return program.Usagef("-max-clients-per-ip must be at least 1, not %d", cfg.MaxPerIP)
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	hub := NewHub(cfg)
	srv := program.NewHTTPServer(NewServer(logger, hub), logger)
	// Shutdown does not touch hijacked connections: the hub closes its sockets.
	srv.RegisterOnShutdown(hub.Close)
	err := program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
	hub.Close()
	hub.Wait() // every socket is closed and every client goroutine has ended
	return err
}
