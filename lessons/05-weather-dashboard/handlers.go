package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"apicourse/shared/web"
)

// maxCityName is the longest city_name, in characters.
const maxCityName = 100

// busyRetryAfter is when a client refused for want of an upstream call slot
// may try again: a slot frees as soon as any call in progress ends.
const busyRetryAfter = time.Second

// errBusy is what a client sees when every upstream call slot is taken.
var errBusy = web.Busy("Weather service busy", busyRetryAfter)

func handleWeather(cache *Cache) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		var p web.Problems
		lat, lon := coordinates(&p, q)
		var city *string
		if q.Has("city_name") {
			name := q.Get("city_name")
			web.CheckLength(&p, name, 0, maxCityName, "query", "city_name")
			city = &name
		}
		if err := p.Err(); err != nil {
			web.Error(w, r, err)
			return
		}
		// A failed fetch is a 503, 504 or 502; its cause goes on the
		// request's log line, never to the client. A client that hung up
		// (its context ended) gets the 504 it will never read.
		current, cached, err := cache.Get(r.Context(), Key{Lat: lat.tenths, Lon: lon.tenths})
		switch {
		case errors.Is(err, errUpstreamBusy):
			web.Error(w, r, errBusy) // nothing went wrong: the call was not made
			return
		case errors.Is(err, errUpstreamTimeout), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
			web.Error(w, r, web.Wrap(http.StatusGatewayTimeout, "Weather service timed out", err))
			return
		case err != nil:
			web.Error(w, r, web.Wrap(http.StatusBadGateway, "Weather service unavailable", err))
			return
		}
		web.JSON(w, http.StatusOK, struct {
			CityName       *string        `json:"city_name"`
			Latitude       float64        `json:"latitude"`
			Longitude      float64        `json:"longitude"`
			CurrentWeather CurrentWeather `json:"current_weather"`
			Cached         bool           `json:"cached"`
		}{city, lat.value, lon.value, current, cached})
	})
}
