// Command fakeupstream stands in for Open-Meteo on this machine: it answers
// GET /v1/forecast with a fixed current_weather, so lesson 05 can be tried
// without the internet:
//
//	go run ./lessons/05-weather-dashboard/fakeupstream -addr 127.0.0.1:9090
//	go run ./lessons/05-weather-dashboard -upstream http://127.0.0.1:9090
//
// With -delay it answers as slowly as a real API across the internet; when
// it stops it prints how many forecasts it served and how many at most at
// once, which is what a flood of cache misses costs the real one.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"sync/atomic"
	"syscall"
	"time"

	"apicourse/shared/program"
	"apicourse/shared/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(program.ExitCode(err, os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakeupstream", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9090", "listen on `host:port`")
	delay := fs.Duration("delay", 0, "wait this long before answering, as a distant API does")
	if err := program.ParseFlagsOnly(fs, args); err != nil {
		return err
	}
	if *delay < 0 {
		return program.Usagef("-delay must not be negative")
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	api := &forecaster{delay: *delay}
	srv := program.NewHTTPServer(web.LogRequests(logger, web.Recover(api, web.WriteJSONError)), logger)
	err := program.Serve(ctx, srv, program.Listen{Addr: *addr, MaxConns: 1 << 16}, stderr, program.ShutdownTimeout)
	fmt.Fprintf(stderr, "forecasts served: %d; most at once: %d\n", api.served.Load(), api.peak.Load())
	return err
}

// currentWeather is what every forecast says: mild, cloudy, a breeze.
var currentWeather = map[string]any{
	"time": "2026-11-25T09:00", "interval": 900, "temperature": 6.4, "windspeed": 11.2,
	"winddirection": 250, "is_day": 1, "weathercode": 3,
}

// forecaster answers like Open-Meteo's /v1/forecast?...&current_weather=true,
// after delay, and counts what it served.
type forecaster struct {
	delay                  time.Duration
	served, inFlight, peak atomic.Int64
}

func (f *forecaster) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path != "/v1/forecast" {
		web.Error(w, r, web.Errorf(http.StatusNotFound, "Not Found"))
		return
	}
	q := r.URL.Query()
	lat, err1 := strconv.ParseFloat(q.Get("latitude"), 64)
	lon, err2 := strconv.ParseFloat(q.Get("longitude"), 64)
	if err1 != nil || err2 != nil {
		web.Error(w, r, web.Errorf(http.StatusBadRequest, "latitude and longitude must be numbers"))
		return
	}
	n := f.inFlight.Add(1)
	defer f.inFlight.Add(-1)
	for {
		p := f.peak.Load()
		if n <= p || f.peak.CompareAndSwap(p, n) {
			break
		}
	}
	if f.delay > 0 {
		t := time.NewTimer(f.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-r.Context().Done():
			return
		}
	}
	f.served.Add(1)
	web.JSON(w, r, http.StatusOK, map[string]any{"latitude": lat, "longitude": lon, "current_weather": currentWeather})
}
