// Command 05-weather-dashboard is lesson 05 of the course: current weather
// from Open-Meteo, cached by rounded coordinates.
package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/signal"
	"syscall"
	"time"

	"apicourse/shared/program"
	"apicourse/shared/web"
)

// maxClients is how many clients' rates of misses are remembered; past it
// the one seen longest ago is forgotten (and starts again with a full
// burst).
const maxClients = 10_000

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

// run is the whole program; main only connects it to the process, so tests
// can start it with their own arguments, environment and output.
func run(ctx context.Context, args []string, getenv func(string) string, stderr io.Writer) error {
	fs := flag.NewFlagSet("05-weather-dashboard", flag.ContinueOnError)
	fs.SetOutput(stderr)
	listen := program.ListenFlags(fs) // -addr and -max-conns
	upstream := fs.String("upstream", "https://api.open-meteo.com", "the weather API's base `URL`")
	timeout := fs.Duration("upstream-timeout", 5*time.Second, "give up on the weather API after this long")
	ttl := fs.Duration("ttl", 15*time.Minute, "how long an answer is served from the cache")
	size := fs.Int("cache-size", 10_000, "how many coordinates the cache holds at most")
	calls := fs.Int("upstream-concurrency", 16, "make at most `n` calls to the weather API at once; a request that needs one more gets 503")
	share := fs.Int("upstream-share", 4, "one client may hold at most `n` of those calls at once; its next new place gets 503")
	burst := fs.Int("miss-burst", 20, "one client may ask for `n` places that are not cached at once, then one per -miss-interval; beyond that 429")
	interval := fs.Duration("miss-interval", 2*time.Second, "one client earns another place that is not cached every `interval`")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if u, err := url.Parse(*upstream); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return program.Usagef("-upstream must be an http or https URL, got %q", *upstream)
	}
	if *timeout <= 0 || *ttl <= 0 || *interval <= 0 || *size < 1 || *calls < 1 || *share < 1 || *burst < 1 {
		return program.Usagef("-upstream-timeout, -ttl and -miss-interval must be positive, -cache-size, -upstream-concurrency, -upstream-share and -miss-burst at least 1")
	}

	logger := slog.New(slog.NewTextHandler(stderr, nil))
	api := NewUpstream(*upstream, *timeout, *calls)
	calling := web.NewSlots(*calls, *share)
	misses := web.NewLimiter(*interval, *burst, maxClients, time.Now)
	cache := NewCache(api.CurrentWeather, time.Now, *ttl, *size, calling, misses)
	srv := program.NewHTTPServer(NewServer(logger, cache), logger)
	return program.Serve(ctx, srv, *listen, stderr, program.ShutdownTimeout)
}
