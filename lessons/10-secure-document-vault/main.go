// Command 10-secure-document-vault is lesson 10 of the course: documents
// behind OAuth2 password login, hand-written HS256 JWTs, bcrypt and scopes.
package main

import (
	"context"
	"crypto/rand"
	"flag"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime"
	"syscall"
	"time"

	"apicourse/shared/program"
)

const (
	// minSecretBytes is the shortest VAULT_SECRET accepted: HS256 keys
	// should be at least as long as the hash (RFC 7518 §3.2).
	minSecretBytes = 32
	// defaultMaxItems is the default of -max-items: documents stored at
	// most, the five it starts with included.
	defaultMaxItems = 10000
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
	fs := flag.NewFlagSet("10-secure-document-vault", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	maxLogins := fs.Int("max-logins", runtime.NumCPU(), "run at most `n` bcrypt comparisons (logins) at once")
	maxItems := fs.Int("max-items", defaultMaxItems, "store at most `n` documents, the 5 the vault starts with included")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *maxLogins < 1 {
		return program.Usagef("-max-logins must be at least 1, not %d", *maxLogins)
	}
	if *maxItems < len(seedTitles) {
		return program.Usagef("-max-items must be at least %d (the documents the vault starts with), not %d", len(seedTitles), *maxItems)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	secret, err := signingSecret(getenv("VAULT_SECRET"), logger)
	if err != nil {
		return err
	}

	vault := NewVault(demoUsers, *maxItems)
	passwords := NewPasswords(demoHashes, demoDummyHash, *maxLogins, loginWait)
	auth := NewAuth(secret, vault, time.Now)
	srv := program.NewHTTPServer(NewServer(logger, auth, vault, passwords), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}

// signingSecret is VAULT_SECRET, refused when shorter than 32 bytes; when
// unset, a random secret for this process only.
func signingSecret(env string, logger *slog.Logger) ([]byte, error) {
	switch {
	case env == "":
		logger.Warn("VAULT_SECRET is not set: using a random secret; tokens will not survive a restart")
		return []byte(rand.Text() + rand.Text()), nil
	case len(env) < minSecretBytes:
		return nil, program.Usagef("VAULT_SECRET must be at least %d bytes (it has %d); try: export VAULT_SECRET=$(openssl rand -hex 32)", minSecretBytes, len(env))
	}
	return []byte(env), nil
}
