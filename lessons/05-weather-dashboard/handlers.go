package main

import (
	"context"
	"errors"
	"net/http"
	"time"

	"apicourse/shared/web"
)

// answer turns a failed fetch into what a client sees: the one place that
// maps the upstream's errors. A client over its rate of new places is a
// 429, busy is a 503 (nothing went wrong: the call was not made; both say
// when to come back); a timeout is a 504, and so is a client that hung up (its
// context ended), which gets the 504 it will never read; anything else is
// a 502. The cause goes on the request's log line, never to the client.
func answer(err error) error {
	var tooMany *tooManyMisses
	switch {
	case errors.As(err, &tooMany):
		return web.TooMany("Too many new places; try again later", tooMany.retryAfter)
	case errors.Is(err, errUpstreamBusy):
		return errBusy
	case errors.Is(err, errUpstreamTimeout), errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded):
		return &web.StatusError{Status: http.StatusGatewayTimeout, Msg: "Weather service timed out", Err: err}
	}
	return &web.StatusError{Status: http.StatusBadGateway, Msg: "Weather service unavailable", Err: err}
}

// maxCityName is the longest city_name, in characters.
const maxCityName = 100

// busyRetryAfter is when a client refused for want of an upstream call slot
// may try again: a slot frees as soon as any call in progress ends.
const busyRetryAfter = time.Second

// errBusy is what a client sees when every upstream call slot is taken.
var errBusy = web.Busy("Weather service busy", busyRetryAfter)

func handleWeather(cache *Cache) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := web.Query(r) // r.URL.Query, but a malformed pair is kept: float_parsing, not missing
		var p web.Problems
		lat, lon := coordinates(&p, q)
		var city *string
		if q.Has("city_name") {
			name := q.Get("city_name")
			p.MaxLength(name, maxCityName, "query", "city_name")
			city = &name
		}
		if err := p.Err(); err != nil {
			web.Error(w, r, err)
			return
		}
		current, cached, err := cache.Get(r.Context(), web.ClientIP(r), Key{Lat: lat.tenths, Lon: lon.tenths})
		// Get fails when the upstream does, when the client may not start
		// a call, or when it hangs up.
		if err != nil {
			web.Error(w, r, answer(err))
			return
		}
		web.JSON(w, r, http.StatusOK, struct {
			CityName       *string        `json:"city_name"`
			Latitude       float64        `json:"latitude"`
			Longitude      float64        `json:"longitude"`
			CurrentWeather CurrentWeather `json:"current_weather"`
			Cached         bool           `json:"cached"`
		}{city, lat.value, lon.value, current, cached})
	})
}
