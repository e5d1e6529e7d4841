package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// PathID parses the path value name as a positive int64 id, the way FastAPI
// converts `todo_id: int`. Anything else (abc, 0, -1, too big for int64) is
// a Problems with int_parsing at ["path", name], and so are "+1" and "01":
// one todo has one URL.
func PathID(r *http.Request, name string) (int64, error) {
	var p Problems
	s := r.PathValue(name)
	id, err := strconv.ParseInt(s, 10, 64)
	switch {
	case err != nil, strconv.FormatInt(id, 10) != s: // ParseInt takes "+1" and "01" too
		p.intParsing("path", name)
	case id < 1:
		p.Add("int_parsing", "Input should be a positive integer", "path", name)
	}
	return id, p.Err()
}

// Query returns r's query parameters, every pair kept. r.URL.Query drops a
// pair it cannot decode ("limit=%zz", "offset=5;limit=3": Go does not split
// on ";"), which quietly turns a malformed offset or limit into its
// default; here such a value is kept as sent, so ParsePage answers it with
// a 422 int_parsing, as the FastAPI original does (Starlette keeps "%zz" as
// it is).
func Query(r *http.Request) url.Values {
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
