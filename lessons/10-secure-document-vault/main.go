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
	// minSecretDistinct is the fewest different bytes VAULT_SECRET may
	// have: 32 × "a" is long enough and no secret at all. Any random key
	// (openssl rand -hex 32 has about 16 of the 16 hex digits) passes.
	minSecretDistinct = 8
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
	perClient := fs.Int("logins-per-client", 1, "of those, run at most `n` for one client (remote IP) at once")
	demo := fs.Bool("demo-users", true, "create the demo accounts alice, admin and bob, whose passwords the README publishes; -demo-users=false starts with no accounts")
	maxItems := fs.Int("max-items", defaultMaxItems, "store at most `n` documents, the 5 the vault starts with included")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *maxLogins < 1 {
		return program.Usagef("-max-logins must be at least 1, not %d", *maxLogins)
	}
	if *perClient < 1 {
		return program.Usagef("-logins-per-client must be at least 1, not %d", *perClient)
	}
	if *maxItems < len(seedTitles) {
		return program.Usagef("-max-items must be at least %d (the documents the vault starts with), not %d", len(seedTitles), *maxItems)
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	secret, err := signingSecret(getenv("VAULT_SECRET"), logger)
	if err != nil {
		return err
	}

	users, hashes := []User(nil), map[string]string{}
	if *demo {
		logger.Warn("demo users alice, admin and bob are on, with the passwords the README publishes; start with -demo-users=false anywhere but your own machine")
		users, hashes = demoUsers, demoHashes
	}
	vault := NewVault(users, *maxItems)
	passwords := NewPasswords(hashes, demoDummyHash, *maxLogins, *perClient, loginWait)
	auth := NewAuth(secret, vault, time.Now)
	srv := program.NewHTTPServer(NewServer(logger, auth, vault, passwords), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}

// signingSecret is VAULT_SECRET, refused when shorter than 32 bytes or
// made of fewer than 8 different bytes; when unset, a random secret for
// this process only.
func signingSecret(env string, logger *slog.Logger) ([]byte, error) {
	switch {
	case env == "":
		logger.Warn("VAULT_SECRET is not set: using a random secret; tokens will not survive a restart")
		return []byte(rand.Text() + rand.Text()), nil
	case len(env) < minSecretBytes:
		return nil, program.Usagef("VAULT_SECRET must be at least %d bytes (it has %d); try: export VAULT_SECRET=$(openssl rand -hex 32)", minSecretBytes, len(env))
	case distinctBytes(env) < minSecretDistinct:
		return nil, program.Usagef("VAULT_SECRET has only %d different bytes (at least %d): it is too easy to guess; try: export VAULT_SECRET=$(openssl rand -hex 32)", distinctBytes(env), minSecretDistinct)
	}
	return []byte(env), nil
}

// distinctBytes counts the different bytes of s: a rough test of variety
// that catches "aaaa…" and "abab…", not a measure of randomness.
func distinctBytes(s string) int {
	var seen [256]bool
	n := 0
	for i := 0; i < len(s); i++ {
		if !seen[s[i]] {
			seen[s[i]] = true
			n++
		}
	}
	return n
}
