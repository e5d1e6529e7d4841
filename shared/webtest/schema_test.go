package webtest

import (
	"encoding/json"
	"strings"
	"testing"
)

// mustSchema reads a schema as a document would hold it.
func mustSchema(t *testing.T, src string) *Schema {
	t.Helper()
	var s Schema
	if err := json.Unmarshal([]byte(src), &s); err != nil {
		t.Fatalf("schema %s: %v", src, err)
	}
	return &s
}

func mustValue(t *testing.T, src string) any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(src))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatalf("value %s: %v", src, err)
	}
	return v
}

func TestValidateAcceptsWhatTheSchemaAllows(t *testing.T) {
	refs := schemaRefs{"Todo": mustSchema(t, `{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}`)}
	tests := []struct{ name, schema, value string }{
		{"an integer written with a fraction of zero", `{"type":"integer"}`, `3.0`},
		{"a number for number", `{"type":"number"}`, `2.5`},
		{"null where null is one of the types", `{"type":["string","null"]}`, `null`},
		{"a string of exactly maxLength characters, counted as characters", `{"type":"string","maxLength":3}`, `"€€€"`},
		{"a number at its minimum and maximum", `{"type":"integer","minimum":1,"maximum":1}`, `1`},
		{"a string matching its pattern", `{"type":"string","pattern":"^[a-z]+(-[a-z]+)*$"}`, `"hello-world"`},
		{"a value from the enum", `{"enum":["a","b"]}`, `"b"`},
		{"a number equal to the const", `{"const":5}`, `5.0`},
		{"an extra member when additionalProperties is absent", `{"type":"object","properties":{}}`, `{"x":1}`},
		{"a $ref to a component", `{"$ref":"#/components/schemas/Todo"}`, `{"id":1}`},
		{"an array of refs", `{"type":"array","items":{"$ref":"#/components/schemas/Todo"},"maxItems":2}`, `[{"id":1},{"id":2}]`},
		{"exactly one of oneOf", `{"oneOf":[{"type":"string"},{"type":"integer"}]}`, `7`},
		{"any of anyOf", `{"anyOf":[{"type":"number"},{"type":"integer"}]}`, `7`},
		{"a very large integer", `{"type":"integer","maximum":9223372036854775807}`, `9223372036854775807`},
	}
	for _, tt := range tests {
		t.Run("accepts "+tt.name, func(t *testing.T) {
			if errs := refs.Validate(mustSchema(t, tt.schema), mustValue(t, tt.value)); len(errs) > 0 {
				t.Errorf("Validate(%s, %s) = %q, want no errors", tt.schema, tt.value, errs)
			}
		})
	}
}

func TestValidateRefusesWhatTheSchemaForbids(t *testing.T) {
	refs := schemaRefs{"Todo": mustSchema(t, `{"type":"object","required":["id"],"properties":{"id":{"type":"integer"}}}`)}
	tests := []struct{ name, schema, value, want string }{
		{"a boolean for a string", `{"type":"string"}`, `true`, "$: true is boolean, want string"},
		{"a fraction for an integer", `{"type":"integer"}`, `1.5`, "$: 1.5 is number, want integer"},
		{"null when null is not allowed", `{"type":"string"}`, `null`, "$: null is null, want string"},
		{"a string one character too long", `{"type":"string","maxLength":2}`, `"abc"`, "$: 3 characters, want at most 2"},
		{"a string one character too short", `{"type":"string","minLength":1}`, `""`, "$: 0 characters, want at least 1"},
		{"a number under the minimum", `{"type":"integer","minimum":1}`, `0`, "$: 0 is less than the minimum 1"},
		{"a number over the maximum", `{"type":"number","maximum":90}`, `90.5`, "$: 90.5 is more than the maximum 90"},
		{"a string off its pattern", `{"type":"string","pattern":"^[a-z]+$"}`, `"Hello"`, `$: "Hello" does not match ^[a-z]+$`},
		{"a value outside the enum", `{"enum":["a","b"]}`, `"c"`, `$: "c" is not one of [a b]`},
		{"a missing required member", `{"type":"object","required":["id"]}`, `{}`, `$: member "id" is missing`},
		{"an extra member", `{"type":"object","properties":{},"additionalProperties":false}`, `{"x":1}`, `$: member "x" is not in the schema`},
		{"an extra member of the wrong type", `{"type":"object","additionalProperties":{"type":"string"}}`, `{"x":1}`, `$.x: 1 is integer, want string`},
		{"a bad member behind a $ref, with its path", `{"type":"array","items":{"$ref":"#/components/schemas/Todo"}}`, `[{"id":1},{"id":"2"}]`, `$[1].id: "2" is string, want integer`},
		{"too many items", `{"type":"array","maxItems":1}`, `[1,2]`, "$: 2 items, want at most 1"},
		{"too few items", `{"type":"array","minItems":1}`, `[]`, "$: 0 items, want at least 1"},
		{"a value matching both of oneOf", `{"oneOf":[{"type":"number"},{"type":"integer"}]}`, `7`, "$: 7 matches 2 of oneOf's 2 schemas, want exactly 1"},
		{"a value matching none of anyOf", `{"anyOf":[{"type":"string"}]}`, `7`, "$: 7 matches none of anyOf's 1 schemas"},
		{"an unresolved $ref", `{"$ref":"#/components/schemas/Nope"}`, `1`, `$: unresolved $ref "#/components/schemas/Nope"`},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			errs := refs.Validate(mustSchema(t, tt.schema), mustValue(t, tt.value))
			if len(errs) != 1 || errs[0] != tt.want {
				t.Errorf("Validate(%s, %s) = %q, want [%q]", tt.schema, tt.value, errs, tt.want)
			}
		})
	}
}

func TestSchemaRefusesKeywordsItCannotCheck(t *testing.T) {
	tests := []struct{ name, schema string }{
		{"exclusiveMinimum", `{"type":"integer","exclusiveMinimum":0}`},
		{"allOf", `{"allOf":[{"type":"string"}]}`},
		{"a misspelt keyword", `{"type":"string","maxlength":3}`},
		{"a keyword deep inside", `{"type":"object","properties":{"a":{"type":"string","format":"email","uniqueItems":true}}}`},
		{"a pattern Go cannot compile", `{"type":"string","pattern":"(?<=a)b"}`},
	}
	for _, tt := range tests {
		t.Run("refuses "+tt.name, func(t *testing.T) {
			var s Schema
			if err := json.Unmarshal([]byte(tt.schema), &s); err == nil {
				t.Errorf("reading %s succeeded; want an error, so no rule is skipped silently", tt.schema)
			}
		})
	}
}
