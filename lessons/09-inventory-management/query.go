package main

import (
	"net/http"
	"net/url"
	"strings"
)

// query returns r's query parameters, every pair kept. r.URL.Query drops a
// pair it cannot decode ("limit=%zz", "offset=5;limit=3"), which quietly
// turned a malformed offset or limit into its default; here such a value
// is kept as sent, so web.ParsePage answers it with a 422 int_parsing, as
// the FastAPI original does.
func query(r *http.Request) url.Values {
	q := url.Values{}
	for pair := range strings.SplitSeq(r.URL.RawQuery, "&") {
		if pair == "" {
			continue
		}
		name, value, _ := strings.Cut(pair, "=")
		q.Add(unescape(name), unescape(value))
	}
	return q
}

// unescape decodes a query name or value, or returns it as sent when it
// cannot be decoded.
func unescape(s string) string {
	if u, err := url.QueryUnescape(s); err == nil {
		return u
	}
	return s
}
