package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"unicode/utf8"
)

// MaxBodyBytes is the default cap on a JSON request body.
const MaxBodyBytes = 1 << 20

// Member says where one member of a JSON object body goes, like one field
// of a Pydantic model. Make one with Field, Nullable, IfSent or
// IfSentOrNull: each is typed by its destination, so a check meant for
// another type does not compile.
type Member struct {
	name     string
	required bool
	// decode stores raw (a member that was sent) and runs the checks,
	// recording problems at loc.
	decode func(p *Problems, raw json.RawMessage, loc []string)
}

// Scalar is what a member may decode into.
type Scalar interface {
	~string | ~bool | ~int | ~int64 | ~float64
}

// Check validates a decoded value and records problems at loc.
type Check[T any] func(p *Problems, v T, loc ...string)

// Optional records whether a member was sent at all and whether it was null,
// which a plain pointer cannot tell apart (PATCH-like updates need both).
type Optional[T any] struct {
	Set   bool // the member was in the body
	Null  bool // its value was null
	Value T
}

// Ptr returns the value as a pointer: nil when it was not sent, or null.
func (o *Optional[T]) Ptr() *T {
	if !o.Set || o.Null {
		return nil
	}
	return &o.Value
}

// Field is a required member that may not be null: FastAPI's
// `title: str = Field(min_length=1)`.
func Field[T Scalar](name string, into *T, checks ...Check[T]) Member {
	return Member{name: name, required: true, decode: func(p *Problems, raw json.RawMessage, loc []string) {
		decodeValue(p, raw, into, false, checks, loc)
	}}
}

// Nullable is an optional member that may be null; *into stays nil when it
// is absent or null: FastAPI's `description: str | None = None`.
func Nullable[T Scalar](name string, into **T, checks ...Check[T]) Member {
	return Member{name: name, decode: func(p *Problems, raw json.RawMessage, loc []string) {
		var v T
		if decodeValue(p, raw, &v, true, checks, loc) {
			*into = &v
		}
	}}
}

// IfSent is an optional member that may not be null, for updates: into.Set
// tells whether it was sent.
func IfSent[T Scalar](name string, into *Optional[T], checks ...Check[T]) Member {
	return Member{name: name, decode: func(p *Problems, raw json.RawMessage, loc []string) {
		into.Set = true
		decodeValue(p, raw, &into.Value, false, checks, loc)
	}}
}

// IfSentOrNull is an optional member that may be null, for updates:
// into.Set tells whether it was sent, into.Null whether it was null (to
// clear a value).
func IfSentOrNull[T Scalar](name string, into *Optional[T], checks ...Check[T]) Member {
	return Member{name: name, decode: func(p *Problems, raw json.RawMessage, loc []string) {
		into.Set, into.Null = true, isNull(raw)
		decodeValue(p, raw, &into.Value, true, checks, loc)
	}}
}

// decodeValue stores raw in into and runs the checks on it. It reports
// whether a non-null value was stored; null is a type error unless nullable.
func decodeValue[T Scalar](p *Problems, raw json.RawMessage, into *T, nullable bool, checks []Check[T], loc []string) bool {
	if isNull(raw) {
		if !nullable {
			typeProblem[T](p, loc)
		}
		return false
	}
	if json.Unmarshal(raw, into) != nil {
		typeProblem[T](p, loc)
		return false
	}
	for _, check := range checks {
		check(p, *into, loc...)
	}
	return true
}

func isNull(raw json.RawMessage) bool { return string(raw) == "null" }

// typeProblem records FastAPI's type error for a T.
func typeProblem[T Scalar](p *Problems, loc []string) {
	switch reflect.TypeFor[T]().Kind() {
	case reflect.String:
		p.Add("string_type", "Input should be a valid string", loc...)
	case reflect.Bool:
		p.Add("bool_type", "Input should be a valid boolean", loc...)
	case reflect.Float64:
		p.Add("float_type", "Input should be a valid number", loc...)
	default:
		p.Add("int_type", "Input should be a valid integer", loc...)
	}
}

// DecodeJSON reads r's body as one JSON object and stores its members as
// members describes. The body must be application/json (or untyped) and at
// most MaxBodyBytes. Every problem is reported at once, in the order of
// members, then unknown members by name: the error is a Problems (422), or a
// *StatusError for 413 and 415.
func DecodeJSON(w http.ResponseWriter, r *http.Request, members ...Member) error {
	if err := checkJSONContentType(r); err != nil {
		return err
	}
	body, err := ReadBody(w, r, MaxBodyBytes)
	if err != nil {
		return err
	}
	return decodeObject(body, members)
}

// ReadBody reads the whole body, at most limit bytes; more is 413.
func ReadBody(w http.ResponseWriter, r *http.Request, limit int64) ([]byte, error) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, limit))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return nil, ErrBodyTooLarge
	case err != nil:
		return nil, Errorf(http.StatusBadRequest, "Could not read the request body")
	}
	return body, nil
}

func checkJSONContentType(r *http.Request) error {
	ct := r.Header.Get("Content-Type")
	if ct == "" {
		return nil
	}
	if mt, _, err := mime.ParseMediaType(ct); err == nil && mt == "application/json" {
		return nil
	}
	return Errorf(http.StatusUnsupportedMediaType, "Content-Type must be application/json")
}

func decodeObject(body []byte, members []Member) error {
	var p Problems
	if len(bytes.TrimSpace(body)) == 0 {
		p.Missing("body")
		return p
	}
	if !utf8.Valid(body) { // encoding/json would quietly turn bad bytes into U+FFFD
		p.Add("json_invalid", "JSON decode error: invalid UTF-8", "body")
		return p
	}
	var obj map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	err := dec.Decode(&obj)
	var typeErr *json.UnmarshalTypeError
	switch {
	case errors.As(err, &typeErr):
		p.Add("json_invalid", "Input should be a JSON object", "body")
		return p
	case err != nil:
		p.Add("json_invalid", "JSON decode error", "body")
		return p
	case dec.InputOffset() != int64(len(bytes.TrimRight(body, " \t\r\n"))):
		p.Add("json_invalid", "JSON decode error: unexpected data after the value", "body")
		return p
	}
	for _, m := range members {
		raw, ok := obj[m.name]
		if !ok {
			if m.required {
				p.Missing("body", m.name)
			}
			continue
		}
		m.decode(&p, raw, []string{"body", m.name})
	}
	p = append(p, extras(obj, members)...)
	return p.Err()
}

func extras(obj map[string]json.RawMessage, members []Member) Problems {
	var names []string
	for name := range obj {
		if !slices.ContainsFunc(members, func(m Member) bool { return m.name == name }) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	var p Problems
	for _, name := range names {
		p.Add("extra_forbidden", "Extra inputs are not permitted", "body", name)
	}
	return p
}
