package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"time"
)

// maxUpstreamBody caps how much of Open-Meteo's answer we read.
const maxUpstreamBody = 1 << 20

var (
	// errUpstreamTimeout means Open-Meteo did not answer in time.
	errUpstreamTimeout = errors.New("weather service timed out")
	// errUpstreamBad means Open-Meteo answered something we cannot use.
	errUpstreamBad = errors.New("weather service answered badly")
)

// Upstream is the Open-Meteo API, reached with a client of its own.
type Upstream struct {
	base   string
	client *http.Client
}

// NewUpstream returns a client for the API at base whose every call,
// connecting and reading included, ends after timeout.
func NewUpstream(base string, timeout time.Duration) *Upstream {
	transport := &http.Transport{
		Proxy:                 http.ProxyFromEnvironment,
		DialContext:           (&net.Dialer{Timeout: timeout}).DialContext,
		TLSHandshakeTimeout:   timeout,
		ResponseHeaderTimeout: timeout,
		MaxIdleConnsPerHost:   16,
		IdleConnTimeout:       90 * time.Second,
	}
	return &Upstream{base: base, client: &http.Client{Timeout: timeout, Transport: transport}}
}

// CurrentWeather fetches the current weather at key and returns the
// upstream's current_weather object as received.
func (u *Upstream) CurrentWeather(ctx context.Context, key Key) (json.RawMessage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.base+"/v1/forecast?"+key.Query(), nil)
	if err != nil {
		return nil, err
	}
	resp, err := u.client.Do(req)
	if err != nil {
		return nil, upstreamError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return nil, fmt.Errorf("%w: status %s", errUpstreamBad, resp.Status)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxUpstreamBody+1))
	if err != nil {
		return nil, upstreamError(err)
	}
	if len(body) > maxUpstreamBody {
		return nil, fmt.Errorf("%w: body over %d bytes", errUpstreamBad, maxUpstreamBody)
	}
	var forecast struct {
		CurrentWeather json.RawMessage `json:"current_weather"`
	}
	if err := json.Unmarshal(body, &forecast); err != nil || !bytes.HasPrefix(forecast.CurrentWeather, []byte("{")) {
		return nil, fmt.Errorf("%w: no current_weather object", errUpstreamBad)
	}
	return forecast.CurrentWeather, nil
}

// upstreamError tells a timeout from any other failure to talk to the API.
func upstreamError(err error) error {
	var ne net.Error
	if errors.Is(err, context.DeadlineExceeded) || errors.As(err, &ne) && ne.Timeout() {
		return fmt.Errorf("%w: %v", errUpstreamTimeout, err)
	}
	return fmt.Errorf("%w: %v", errUpstreamBad, err)
}
