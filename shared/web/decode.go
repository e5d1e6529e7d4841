package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"slices"
	"unicode/utf8"
)

// MaxBodyBytes is the default cap on a JSON request body.
const MaxBodyBytes = 1 << 20

// Member says where one member of a JSON object body goes, like one field
// of a Pydantic model. Into points at the destination: a *string, *bool,
// *int64 or *float64; a pointer to one of those pointers, which stays nil
// when the member is absent or null; or an *Optional[T] when the handler
// must tell "absent" from "null". Null is a type error unless Nullable.
// Check, when set, runs on a member that decoded to a non-null value.
type Member struct {
	Name     string
	Into     any
	Required bool
	Nullable bool
	Check    Check
}

// Check validates a decoded value (Member.Into) and records problems at loc.
type Check func(p *Problems, into any, loc ...string)

// Optional records whether a member was sent at all and whether it was null,
// which a plain pointer cannot tell apart (PATCH-like updates need both).
type Optional[T any] struct {
	Set   bool // the member was in the body
	Null  bool // its value was null
	Value T
}

func (o *Optional[T]) mark(null bool) any {
	o.Set, o.Null = true, null
	return &o.Value
}

type optional interface{ mark(null bool) any }

// DecodeJSON reads r's body as one JSON object and stores its members as
// members describes. The body must be application/json (or untyped) and at
// most MaxBodyBytes. Every problem is reported at once, in the order of
// members, then unknown members by name: the error is a Problems (422), or a
// *StatusError for 413 and 415.
func DecodeJSON(w http.ResponseWriter, r *http.Request, members ...Member) error {
	return DecodeJSONLimit(w, r, MaxBodyBytes, members...)
}

// DecodeJSONLimit is DecodeJSON with a cap of limit bytes.
func DecodeJSONLimit(w http.ResponseWriter, r *http.Request, limit int64, members ...Member) error {
	if err := checkJSONContentType(r); err != nil {
		return err
	}
	body, err := ReadBody(w, r, limit)
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
		return nil, Errorf(http.StatusRequestEntityTooLarge, "Request body too large")
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
		p.Add("missing", "Field required", "body")
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
		raw, ok := obj[m.Name]
		if !ok {
			if m.Required {
				p.Add("missing", "Field required", "body", m.Name)
			}
			continue
		}
		decodeMember(&p, m, raw)
	}
	p = append(p, extras(obj, members)...)
	return p.Err()
}

func decodeMember(p *Problems, m Member, raw json.RawMessage) {
	null := string(raw) == "null"
	into := m.Into
	if o, ok := into.(optional); ok {
		into = o.mark(null)
	}
	typ := kindOf(into)
	switch {
	case null && m.Nullable:
	case null || json.Unmarshal(raw, into) != nil:
		p.Add(typ, typeMessages[typ], "body", m.Name)
	case m.Check != nil:
		m.Check(p, m.Into, "body", m.Name)
	}
}

// kindOf names the FastAPI error type for a destination.
func kindOf(into any) string {
	switch into.(type) {
	case *string, **string:
		return "string_type"
	case *bool, **bool:
		return "bool_type"
	case *int64, **int64, *int, **int:
		return "int_type"
	case *float64, **float64:
		return "float_type"
	}
	panic(fmt.Sprintf("web: Member.Into of type %T is not supported", into))
}

var typeMessages = map[string]string{
	"string_type": "Input should be a valid string",
	"bool_type":   "Input should be a valid boolean",
	"int_type":    "Input should be a valid integer",
	"float_type":  "Input should be a valid number",
}

func extras(obj map[string]json.RawMessage, members []Member) Problems {
	var names []string
	for name := range obj {
		if !slices.ContainsFunc(members, func(m Member) bool { return m.Name == name }) {
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
