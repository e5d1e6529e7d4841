package webtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// Schema is the subset of JSON Schema (draft 2020-12, as OpenAPI 3.1 uses
// it) that the lessons' documents use. A keyword outside the subset is an
// error when the document is read, so a schema never passes because the
// validator skipped a rule it did not know.
type Schema struct {
	Ref                  string             `json:"$ref"`
	Type                 typeList           `json:"type"`
	Enum                 []any              `json:"enum"`
	Const                *any               `json:"const"`
	Properties           map[string]*Schema `json:"properties"`
	Required             []string           `json:"required"`
	AdditionalProperties *boolOrSchema      `json:"additionalProperties"`
	Items                *Schema            `json:"items"`
	MinItems             *int               `json:"minItems"`
	MaxItems             *int               `json:"maxItems"`
	MinLength            *int               `json:"minLength"`
	MaxLength            *int               `json:"maxLength"`
	Pattern              string             `json:"pattern"`
	Minimum              *json.Number       `json:"minimum"`
	Maximum              *json.Number       `json:"maximum"`
	OneOf                []*Schema          `json:"oneOf"`
	AnyOf                []*Schema          `json:"anyOf"`

	// Annotations: they say what a value means, and constrain nothing here.
	Title            string          `json:"title"`
	Description      string          `json:"description"`
	Format           string          `json:"format"`
	Example          json.RawMessage `json:"example"`
	Examples         json.RawMessage `json:"examples"`
	Default          json.RawMessage `json:"default"`
	Deprecated       bool            `json:"deprecated"`
	ReadOnly         bool            `json:"readOnly"`
	WriteOnly        bool            `json:"writeOnly"`
	ContentMediaType string          `json:"contentMediaType"`

	pattern *regexp.Regexp
}

// UnmarshalJSON reads a schema strictly: unknown keywords are an error.
func (s *Schema) UnmarshalJSON(data []byte) error {
	type plain Schema // without this method, so Decode does not recurse here
	// encoding/json matches member names case-insensitively, so a
	// misspelt "maxlength" would fill MaxLength: check names exactly first.
	var members map[string]json.RawMessage
	if err := json.Unmarshal(data, &members); err != nil {
		return fmt.Errorf("schema %s: %w", abbreviate(data), err)
	}
	known := reflect.TypeFor[plain]()
	for name := range members {
		if !slices.ContainsFunc(reflect.VisibleFields(known), func(f reflect.StructField) bool {
			return f.Tag.Get("json") == name
		}) {
			return fmt.Errorf("schema %s: keyword %q is not one this validator checks", abbreviate(data), name)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	dec.UseNumber()
	if err := dec.Decode((*plain)(s)); err != nil {
		return fmt.Errorf("schema %s: %w", abbreviate(data), err)
	}
	if s.Pattern != "" {
		re, err := regexp.Compile(s.Pattern)
		if err != nil {
			return fmt.Errorf("schema pattern %q: %w", s.Pattern, err)
		}
		s.pattern = re
	}
	return nil
}

// typeList is "type": "string" or "type": ["string", "null"].
type typeList []string

func (t *typeList) UnmarshalJSON(data []byte) error {
	var one string
	if err := json.Unmarshal(data, &one); err == nil {
		*t = typeList{one}
		return nil
	}
	return json.Unmarshal(data, (*[]string)(t))
}

// boolOrSchema is "additionalProperties": false, true, or a schema.
type boolOrSchema struct {
	Allowed bool
	Schema  *Schema
}

func (b *boolOrSchema) UnmarshalJSON(data []byte) error {
	if err := json.Unmarshal(data, &b.Allowed); err == nil {
		return nil
	}
	b.Allowed = true
	return json.Unmarshal(data, &b.Schema)
}

// schemaRefs resolves "#/components/schemas/NAME".
type schemaRefs map[string]*Schema

// Validate returns one line per way v (decoded with UseNumber) breaks s,
// each starting with the JSON path of the offending value; none when v
// conforms.
func (refs schemaRefs) Validate(s *Schema, v any) []string {
	var errs []string
	refs.validate(s, v, "$", &errs, 0)
	return errs
}

func (refs schemaRefs) validate(s *Schema, v any, at string, errs *[]string, depth int) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, at+": "+fmt.Sprintf(format, args...))
	}
	if depth > 64 {
		fail("schema nests deeper than 64 (a $ref loop?)")
		return
	}
	if s.Ref != "" {
		target, ok := refs[strings.TrimPrefix(s.Ref, "#/components/schemas/")]
		if !ok || !strings.HasPrefix(s.Ref, "#/components/schemas/") {
			fail("unresolved $ref %q", s.Ref)
			return
		}
		refs.validate(target, v, at, errs, depth+1)
	}
	if len(s.Type) > 0 && !slices.ContainsFunc(s.Type, func(t string) bool { return hasType(v, t) }) {
		fail("%s is %s, want %s", abbreviateValue(v), typeName(v), strings.Join(s.Type, " or "))
		return
	}
	if s.Enum != nil && !slices.ContainsFunc(s.Enum, func(e any) bool { return sameJSON(e, v) }) {
		fail("%s is not one of %v", abbreviateValue(v), s.Enum)
	}
	if s.Const != nil && !sameJSON(*s.Const, v) {
		fail("%s is not %v", abbreviateValue(v), *s.Const)
	}
	switch v := v.(type) {
	case string:
		refs.validateString(s, v, fail)
	case json.Number:
		validateNumber(s, v, fail)
	case []any:
		refs.validateArray(s, v, at, errs, depth, fail)
	case map[string]any:
		refs.validateObject(s, v, at, errs, depth, fail)
	}
	if len(s.OneOf) > 0 {
		if n := refs.matching(s.OneOf, v, depth); n != 1 {
			fail("%s matches %d of oneOf's %d schemas, want exactly 1", abbreviateValue(v), n, len(s.OneOf))
		}
	}
	if len(s.AnyOf) > 0 && refs.matching(s.AnyOf, v, depth) == 0 {
		fail("%s matches none of anyOf's %d schemas", abbreviateValue(v), len(s.AnyOf))
	}
}

func (refs schemaRefs) matching(schemas []*Schema, v any, depth int) int {
	n := 0
	for _, sub := range schemas {
		var errs []string
		refs.validate(sub, v, "", &errs, depth+1)
		if len(errs) == 0 {
			n++
		}
	}
	return n
}

func (refs schemaRefs) validateString(s *Schema, v string, fail func(string, ...any)) {
	n := utf8.RuneCountInString(v)
	if s.MinLength != nil && n < *s.MinLength {
		fail("%d characters, want at least %d", n, *s.MinLength)
	}
	if s.MaxLength != nil && n > *s.MaxLength {
		fail("%d characters, want at most %d", n, *s.MaxLength)
	}
	if s.pattern != nil && !s.pattern.MatchString(v) {
		fail("%q does not match %s", abbreviate([]byte(v)), s.Pattern)
	}
}

func validateNumber(s *Schema, v json.Number, fail func(string, ...any)) {
	n, _ := new(big.Rat).SetString(string(v))
	if s.Minimum != nil {
		if min, _ := new(big.Rat).SetString(string(*s.Minimum)); n.Cmp(min) < 0 {
			fail("%s is less than the minimum %s", v, *s.Minimum)
		}
	}
	if s.Maximum != nil {
		if max, _ := new(big.Rat).SetString(string(*s.Maximum)); n.Cmp(max) > 0 {
			fail("%s is more than the maximum %s", v, *s.Maximum)
		}
	}
}

func (refs schemaRefs) validateArray(s *Schema, v []any, at string, errs *[]string, depth int, fail func(string, ...any)) {
	if s.MinItems != nil && len(v) < *s.MinItems {
		fail("%d items, want at least %d", len(v), *s.MinItems)
	}
	if s.MaxItems != nil && len(v) > *s.MaxItems {
		fail("%d items, want at most %d", len(v), *s.MaxItems)
	}
	if s.Items != nil {
		for i, item := range v {
			refs.validate(s.Items, item, fmt.Sprintf("%s[%d]", at, i), errs, depth+1)
		}
	}
}

func (refs schemaRefs) validateObject(s *Schema, v map[string]any, at string, errs *[]string, depth int, fail func(string, ...any)) {
	for _, name := range s.Required {
		if _, ok := v[name]; !ok {
			fail("member %q is missing", name)
		}
	}
	for _, name := range sortedKeys(v) {
		if sub, ok := s.Properties[name]; ok {
			refs.validate(sub, v[name], at+"."+name, errs, depth+1)
			continue
		}
		switch ap := s.AdditionalProperties; {
		case ap == nil:
		case !ap.Allowed:
			fail("member %q is not in the schema", name)
		case ap.Schema != nil:
			refs.validate(ap.Schema, v[name], at+"."+name, errs, depth+1)
		}
	}
}

// hasType reports whether v, decoded with UseNumber, is of JSON Schema type t.
func hasType(v any, t string) bool {
	switch v := v.(type) {
	case nil:
		return t == "null"
	case bool:
		return t == "boolean"
	case string:
		return t == "string"
	case []any:
		return t == "array"
	case map[string]any:
		return t == "object"
	case json.Number:
		if t == "number" {
			return true
		}
		n, ok := new(big.Rat).SetString(string(v))
		return t == "integer" && ok && n.IsInt()
	}
	return false
}

func typeName(v any) string {
	for _, t := range []string{"null", "boolean", "string", "array", "object", "integer", "number"} {
		if hasType(v, t) {
			return t
		}
	}
	return fmt.Sprintf("%T", v)
}

// sameJSON compares two decoded JSON values, numbers by value.
func sameJSON(a, b any) bool {
	na, aNum := number(a)
	nb, bNum := number(b)
	if aNum || bNum {
		return aNum && bNum && na.Cmp(nb) == 0
	}
	return reflect.DeepEqual(a, b)
}

func number(v any) (*big.Rat, bool) {
	switch v := v.(type) {
	case json.Number:
		return new(big.Rat).SetString(string(v))
	case float64:
		return new(big.Rat).SetFloat64(v), true
	}
	return nil, false
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func abbreviateValue(v any) string {
	b, _ := json.Marshal(v)
	return abbreviate(b)
}

// abbreviate keeps failure messages to a line.
func abbreviate(b []byte) string {
	const max = 60
	if len(b) <= max {
		return string(b)
	}
	return string(b[:max]) + "..."
}
