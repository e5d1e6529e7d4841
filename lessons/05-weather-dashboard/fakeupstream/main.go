// Command fakeupstream stands in for Open-Meteo on this machine: it answers
// GET /v1/forecast with a fixed current_weather, so lesson 05 can be tried
// without the internet:
//
//	go run ./lessons/05-weather-dashboard/fakeupstream -addr 127.0.0.1:9090
//	go run ./lessons/05-weather-dashboard -upstream http://127.0.0.1:9090
package main

import (
	"context"
	"flag"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"

	"apicourse/shared/web"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(web.Exit(err, os.Stderr))
}

func run(ctx context.Context, args []string, stderr io.Writer) error {
	fs := flag.NewFlagSet("fakeupstream", flag.ContinueOnError)
	fs.SetOutput(stderr)
	addr := fs.String("addr", "127.0.0.1:9090", "listen on `host:port`")
	if err := web.ParseFlags(fs, args); err != nil {
		return err
	}
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	srv := web.NewHTTPServer(web.Log(logger, http.HandlerFunc(forecast)), logger)
	return web.Serve(ctx, srv, web.Listen{Addr: *addr, MaxConns: web.MaxConns}, stderr, web.ShutdownTimeout)
}

// currentWeather is what every forecast says: mild, cloudy, a breeze.
var currentWeather = map[string]any{
	"time": "2026-11-25T09:00", "interval": 900, "temperature": 6.4, "windspeed": 11.2,
	"winddirection": 250, "is_day": 1, "weathercode": 3,
}

// forecast answers like Open-Meteo's /v1/forecast?...&current_weather=true.
func forecast(w http.ResponseWriter, r *http.Request) {
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
	web.JSON(w, http.StatusOK, map[string]any{"latitude": lat, "longitude": lon, "current_weather": currentWeather})
}
