package web

import (
	"net/http"
	"strconv"
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
