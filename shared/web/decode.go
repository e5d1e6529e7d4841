package web

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxBodyBytes is the cap on a JSON request body: 1 MiB is far more than
// any lesson's largest member allows.
const maxBodyBytes = 1 << 20

// maxProblems is the most problems a 422 lists: a body of a hundred
// thousand unknown members gets the first hundred, not a 10 MB answer.
const maxProblems = 100

// Optional is a member that may be left out of the body: Set tells whether
// it was sent. An Optional[*T] may also be null (Set, and Value nil), which
// an update uses to clear a value.
type Optional[T any] struct {
	Set   bool
	Value T
}

// sent marks o as sent and returns where its value goes.
func (o *Optional[T]) sent() any {
	o.Set = true
	return &o.Value
}

// optional is what Decode recognises an Optional[T] by.
type optional interface{ sent() any }

// Validator is a body that checks what its types cannot: lengths, ranges,
// patterns. Decode calls Valid after every member decoded, naming members
// by their JSON name ("title"); Decode puts them under "body", as FastAPI
// does, and drops a problem of a member that already failed to decode.
type Validator interface {
	Valid(p *Problems)
}

// Decode reads r's body as one JSON object into a T, a struct whose json
// tags name its members, as encoding/json does but as strictly as FastAPI:
//
//   - a plain field is required and may not be null;
//   - a pointer field may be left out or null (nil either way);
//   - an Optional[T] field may be left out (Set is false);
//   - a member the struct does not name is extra_forbidden, and names
//     match exactly (encoding/json would take "TITLE" for "title").
//
// The body must be application/json (or untyped: 415 otherwise), at most
// 1 MiB (413, before a byte is read when Content-Length says so), valid
// UTF-8 and one value. Every problem is reported at once (the first 100),
// in the order of the struct's fields, then unknown members by name: the
// error is a Problems (422) or a *StatusError (413, 415). When the types
// decode and T is a Validator, Valid adds its problems.
func Decode[T any](w http.ResponseWriter, r *http.Request) (T, error) {
	var v T
	if err := checkJSONContentType(r); err != nil {
		return v, err
	}
	if r.ContentLength > maxBodyBytes { // refused before "100 Continue" invites the body
		return v, ErrBodyTooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBodyBytes))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		return v, ErrBodyTooLarge
	case err != nil:
		return v, Errorf(http.StatusBadRequest, "Could not read the request body")
	}
	fields := jsonFields(reflect.TypeFor[T]())
	named := func(name string) bool {
		return slices.ContainsFunc(fields, func(f jsonField) bool { return f.name == name })
	}
	obj, others, p := parseObject(body, named)
	if p != nil {
		return v, p
	}
	return v, decodeMembers(obj, others, reflect.ValueOf(&v).Elem(), fields)
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

// parseObject splits body, one JSON object, into the members keep wants
// and the names of the others, or says why it is not one. It walks the
// object a member at a time, so a body of a hundred thousand unknown
// members costs their names, not a map of them all.
func parseObject(body []byte, keep func(name string) bool) (obj map[string]json.RawMessage, others []string, p Problems) {
	if len(bytes.TrimSpace(body)) == 0 {
		p.Missing("body")
		return nil, nil, p
	}
	if !utf8.Valid(body) { // encoding/json would quietly turn bad bytes into U+FFFD
		p.Add("json_invalid", "JSON decode error: invalid UTF-8", "body")
		return nil, nil, p
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	var whole json.RawMessage
	err := dec.Decode(&whole)
	switch {
	case err != nil:
		p.Add("json_invalid", "JSON decode error", "body")
		return nil, nil, p
	case dec.InputOffset() != int64(len(bytes.TrimRight(body, " \t\r\n"))):
		p.Add("json_invalid", "JSON decode error: unexpected data after the value", "body")
		return nil, nil, p
	case string(whole) == "null":
		return nil, nil, nil // no members at all
	case whole[0] != '{': // an array, a string, a number
		p.Add("json_invalid", "Input should be a JSON object", "body")
		return nil, nil, p
	}
	obj = make(map[string]json.RawMessage)
	dec = json.NewDecoder(bytes.NewReader(whole))
	_, _ = dec.Token() // "{": whole is valid JSON, so no error below
	var skipped json.RawMessage
	for dec.More() {
		name, _ := dec.Token()
		if keep(name.(string)) {
			var raw json.RawMessage
			_ = dec.Decode(&raw)
			obj[name.(string)] = raw // a name sent twice: the last value, as encoding/json does
			continue
		}
		_ = dec.Decode(&skipped) // reused: an unknown value is never kept
		others = append(others, name.(string))
	}
	return obj, others, nil
}

// decodeMembers stores each member of obj in the field of v that names it,
// then runs v's Valid, and returns every problem in field order.
func decodeMembers(obj map[string]json.RawMessage, others []string, v reflect.Value, fields []jsonField) error {
	var p Problems
	for _, f := range fields {
		raw, sent := obj[f.name]
		switch {
		case !sent && f.required:
			p.Missing("body", f.name)
		case sent && !decodeValue(raw, v.Field(f.index), f.nullable):
			p.typeProblem(f.scalar, "body", f.name)
		}
	}
	if val, ok := v.Addr().Interface().(Validator); ok {
		var vp Problems
		val.Valid(&vp)
		for _, pr := range vp {
			loc := append([]string{"body"}, pr.Loc...)
			if !slices.ContainsFunc(p, func(q Problem) bool { return slices.Equal(q.Loc, loc) }) {
				p.Add(pr.Type, pr.Msg, loc...) // one problem per member: the first
			}
		}
	}
	fieldOrder := func(pr Problem) int { // a problem of no field goes last
		if i := slices.IndexFunc(fields, func(f jsonField) bool { return len(pr.Loc) > 1 && pr.Loc[1] == f.name }); i >= 0 {
			return i
		}
		return len(fields)
	}
	slices.SortStableFunc(p, func(a, b Problem) int { return cmp.Compare(fieldOrder(a), fieldOrder(b)) })
	return append(p, extras(others, maxProblems-len(p))...).Err()
}

// decodeValue stores raw in field (an Optional's value when field is one)
// and reports whether it had the right type; null is the wrong type unless
// the field is nullable.
func decodeValue(raw json.RawMessage, field reflect.Value, nullable bool) bool {
	into := field.Addr().Interface()
	if o, ok := into.(optional); ok {
		into = o.sent()
	}
	if string(raw) == "null" && !nullable {
		return false
	}
	return json.Unmarshal(raw, into) == nil
}

// jsonField is what Decode knows of one field of a body struct.
type jsonField struct {
	index    int          // in the struct
	name     string       // the JSON member's name: the json tag's, else the field's
	required bool         // a plain field: neither a pointer nor an Optional
	nullable bool         // a pointer, or an Optional of one
	scalar   reflect.Kind // what the member holds, for a type problem
}

// jsonFields lists the fields of a body struct t. A field of a kind Decode
// cannot report on is the programmer's mistake, and panics on first use.
func jsonFields(t reflect.Type) []jsonField {
	if t.Kind() != reflect.Struct {
		panic(fmt.Sprintf("web.Decode: %v is not a struct", t))
	}
	var fields []jsonField
	for i := range t.NumField() {
		sf := t.Field(i)
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if !sf.IsExported() || name == "-" {
			continue
		}
		if name == "" {
			name = sf.Name
		}
		f := jsonField{index: i, name: name, required: true}
		ft := sf.Type
		if reflect.PointerTo(ft).Implements(reflect.TypeFor[optional]()) {
			f.required = false
			ft = ft.Field(1).Type // Optional's Value
		}
		if ft.Kind() == reflect.Pointer {
			f.required, f.nullable = false, true
			ft = ft.Elem()
		}
		switch f.scalar = ft.Kind(); f.scalar {
		case reflect.String, reflect.Bool, reflect.Int, reflect.Int64, reflect.Float64:
		default:
			panic(fmt.Sprintf("web.Decode: field %s of %v is a %v; Decode takes strings, bools, ints and float64s", sf.Name, t, ft))
		}
		fields = append(fields, f)
	}
	return fields
}

// typeProblem records FastAPI's type error for a member of the given kind.
func (p *Problems) typeProblem(kind reflect.Kind, loc ...string) {
	switch kind {
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

// extras reports the first n of the unknown members' names, sorted, each
// once.
func extras(names []string, n int) Problems {
	slices.Sort(names)
	names = slices.Compact(names)
	var p Problems
	for _, name := range names[:min(n, len(names))] {
		p.Add("extra_forbidden", "Extra inputs are not permitted", "body", name)
	}
	return p
}
