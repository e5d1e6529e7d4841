package web

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
)

type sample struct {
	Title string
	Note  *string
	Done  Optional[bool]
	Count Optional[int64]
}

func (s *sample) members() []Member {
	return []Member{
		Field("title", &s.Title),
		Nullable("note", &s.Note, Length(0, 3)),
		IfSentOrNull("done", &s.Done),
		IfSent("count", &s.Count, Range(1, 5)),
	}
}

func decodeSample(t *testing.T, contentType, body string) (sample, error) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	var s sample
	err := DecodeJSON(httptest.NewRecorder(), r, s.members()...)
	return s, err
}

func TestDecodeJSONAcceptsAValidObject(t *testing.T) {
	s, err := decodeSample(t, "application/json; charset=utf-8", ` {"title":"a","note":"n","done":false,"count":3} `)
	if err != nil {
		t.Fatalf("DecodeJSON error = %v, want nil", err)
	}
	if s.Title != "a" || s.Note == nil || *s.Note != "n" || !s.Done.Set || s.Done.Null || s.Done.Value || !s.Count.Set || s.Count.Value != 3 {
		t.Errorf("decoded %+v, want title a, note n, done set to false, count 3", s)
	}
}

func TestDecodeJSONTellsAbsentFromNull(t *testing.T) {
	s, err := decodeSample(t, "", `{"title":"a","note":null,"done":null}`)
	if err != nil {
		t.Fatalf("DecodeJSON error = %v, want nil", err)
	}
	if s.Note != nil {
		t.Errorf("note = %q, want nil for null", *s.Note)
	}
	if !s.Done.Set || !s.Done.Null {
		t.Errorf("done = %+v, want Set and Null", s.Done)
	}
	s, _ = decodeSample(t, "", `{"title":"a"}`)
	if s.Done.Set {
		t.Errorf("done = %+v, want not Set when absent", s.Done)
	}
}

func TestDecodeJSONReportsProblems(t *testing.T) {
	tests := []struct {
		name string
		body string
		want Problems
	}{
		{"an empty body is a missing body", ``,
			Problems{{"missing", []string{"body"}, "Field required"}}},
		{"malformed JSON is json_invalid", `{"title":`,
			Problems{{"json_invalid", []string{"body"}, "JSON decode error"}}},
		{"a second value after the object is json_invalid", `{}{}`,
			Problems{{"json_invalid", []string{"body"}, "JSON decode error: unexpected data after the value"}}},
		{"an array instead of an object is json_invalid", `[1]`,
			Problems{{"json_invalid", []string{"body"}, "Input should be a JSON object"}}},
		{"invalid UTF-8 is json_invalid, not silently replaced", "{\"title\":\"\xff\"}",
			Problems{{"json_invalid", []string{"body"}, "JSON decode error: invalid UTF-8"}}},
		{"a missing required member is missing", `{}`,
			Problems{{"missing", []string{"body", "title"}, "Field required"}}},
		{"every wrong type is reported at once, in member order", `{"count":"3","title":5,"note":1,"done":"yes"}`,
			Problems{
				{"string_type", []string{"body", "title"}, "Input should be a valid string"},
				{"string_type", []string{"body", "note"}, "Input should be a valid string"},
				{"bool_type", []string{"body", "done"}, "Input should be a valid boolean"},
				{"int_type", []string{"body", "count"}, "Input should be a valid integer"},
			}},
		{"null where null is not allowed is a type error", `{"title":null}`,
			Problems{{"string_type", []string{"body", "title"}, "Input should be a valid string"}}},
		{"checks run on decoded members, after type errors", `{"title":7,"note":"long","count":9}`,
			Problems{
				{"string_type", []string{"body", "title"}, "Input should be a valid string"},
				{"string_too_long", []string{"body", "note"}, "String should have at most 3 characters"},
				{"less_than_equal", []string{"body", "count"}, "Input should be less than or equal to 5"},
			}},
		{"a fraction is not an integer", `{"title":"a","count":1.5}`,
			Problems{{"int_type", []string{"body", "count"}, "Input should be a valid integer"}}},
		{"unknown members are extra_forbidden, sorted, matched case-sensitively", `{"Title":"a","title":"b","zz":1,"id":2}`,
			Problems{
				{"extra_forbidden", []string{"body", "Title"}, "Extra inputs are not permitted"},
				{"extra_forbidden", []string{"body", "id"}, "Extra inputs are not permitted"},
				{"extra_forbidden", []string{"body", "zz"}, "Extra inputs are not permitted"},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeSample(t, "application/json", tt.body)
			var got Problems
			if !errors.As(err, &got) {
				t.Fatalf("DecodeJSON(%s) error = %v, want Problems", tt.body, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("DecodeJSON(%s) problems =\n%+v\nwant\n%+v", tt.body, got, tt.want)
			}
		})
	}
}

func TestDecodeJSONRefusesNullInAnOptionalThatIsNotNullable(t *testing.T) {
	var title Optional[string]
	r := httptest.NewRequest(http.MethodPut, "/", strings.NewReader(`{"title":null}`))
	err := DecodeJSON(httptest.NewRecorder(), r, IfSent("title", &title))
	var p Problems
	if !errors.As(err, &p) || len(p) != 1 || p[0].Type != "string_type" {
		t.Fatalf("DecodeJSON(title null) error = %v, want one string_type problem", err)
	}
}

func TestDecodeJSONRefusesOtherContentTypesAndHugeBodies(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
	}{
		{"text/plain is 415", "text/plain", `{"title":"a"}`, http.StatusUnsupportedMediaType},
		{"a form is 415", "application/x-www-form-urlencoded", `title=a`, http.StatusUnsupportedMediaType},
		{"a garbled Content-Type is 415", "application/json;;;=", `{"title":"a"}`, http.StatusUnsupportedMediaType},
		{"one byte over the cap is 413", "application/json", `{"title":"` + strings.Repeat("a", MaxBodyBytes-11) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeSample(t, tt.contentType, tt.body)
			var se *StatusError
			if !errors.As(err, &se) || se.Status != tt.wantStatus {
				t.Fatalf("DecodeJSON error = %v, want status %d", err, tt.wantStatus)
			}
		})
	}
	t.Run("a body of exactly the cap is accepted", func(t *testing.T) {
		body := `{"title":"` + strings.Repeat("a", MaxBodyBytes-12) + `"}`
		if _, err := decodeSample(t, "application/json", body); err != nil {
			t.Fatalf("DecodeJSON(%d bytes) error = %v, want nil", len(body), err)
		}
	})
}

func TestErrorWritesFastAPIShapes(t *testing.T) {
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   string
	}{
		{"problems are 422 with the list", Problems{{"missing", []string{"body", "title"}, "Field required"}}, 422,
			`{"detail":[{"type":"missing","loc":["body","title"],"msg":"Field required"}]}`},
		{"a status error keeps its status and detail", Errorf(404, "Todo not found"), 404, `{"detail":"Todo not found"}`},
		{"anything else is a 500 that hides the cause", errors.New("disk on fire"), 500, `{"detail":"Internal Server Error"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			Error(w, httptest.NewRequest("GET", "/", nil), tt.err)
			if w.Code != tt.wantStatus {
				t.Errorf("status = %d, want %d", w.Code, tt.wantStatus)
			}
			if got := strings.TrimSpace(w.Body.String()); got != tt.wantBody {
				t.Errorf("body = %s, want %s", got, tt.wantBody)
			}
			if ct := w.Header().Get("Content-Type"); ct != "application/json" {
				t.Errorf("Content-Type = %q, want application/json", ct)
			}
		})
	}
}

func TestJSONEncodesEmptyListsAsArrays(t *testing.T) {
	w := httptest.NewRecorder()
	JSON(w, 200, make([]int, 0))
	var got any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || got == nil {
		t.Fatalf("body = %s, want []", w.Body)
	}
}

func FuzzDecodeJSON(f *testing.F) {
	for _, seed := range []string{`{"title":"a"}`, `{}{}`, `[`, `{"done":null,"note":7}`, "\x00", `{"a":{"b":[1,2,{}]}}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		var s sample
		err := DecodeJSON(httptest.NewRecorder(), r, s.members()...)
		var p Problems
		if err != nil && !errors.As(err, &p) {
			t.Fatalf("DecodeJSON(%q) error = %v, want nil or Problems", body, err)
		}
		if err == nil && !json.Valid([]byte(body)) {
			t.Fatalf("DecodeJSON(%q) accepted invalid JSON", body)
		}
	})
}

func TestCollectGathersProblemsAndLetsOtherErrorsThrough(t *testing.T) {
	var path, body Problems
	path.Add("int_parsing", "bad id", "path", "id")
	body.Add("missing", "Field required", "body", "title")
	tooBig := Errorf(413, "Request body too large")
	tests := []struct {
		name string
		errs []error
		want string
	}{
		{"nothing wrong is nil", []error{nil, nil}, "<nil>"},
		{"problems are gathered in order", []error{path, nil, body}, "validation failed: path.id: bad id; body.title: Field required"},
		{"another error wins over problems", []error{path, tooBig}, "Request body too large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := fmt.Sprint(Collect(tt.errs...)); got != tt.want {
				t.Errorf("Collect = %s, want %s", got, tt.want)
			}
		})
	}
}
