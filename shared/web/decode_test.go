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

// sample is a body of every kind Decode knows: required, nullable,
// optional, optional or null.
type sample struct {
	Title string          `json:"title"`
	Note  *string         `json:"note"`
	Done  Optional[*bool] `json:"done"`
	Count Optional[int64] `json:"count"`
}

// Valid is the sample's own checks, in plain Go.
func (s *sample) Valid(p *Problems) {
	if s.Note != nil {
		p.MaxLength(*s.Note, 3, "note")
	}
	p.Between(s.Count.Value, 0, 5, "count")
	if s.Title == "reserved" {
		p.Add("value_error", "Value error, reserved", "title")
		p.Add("value_error", "Value error, a second problem of one member is dropped", "title")
	}
}

func decodeSample(t *testing.T, contentType, body string) (sample, error) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
	if contentType != "" {
		r.Header.Set("Content-Type", contentType)
	}
	return Decode[sample](httptest.NewRecorder(), r)
}

func TestDecodeAcceptsAValidObject(t *testing.T) {
	s, err := decodeSample(t, "application/json; charset=utf-8", ` {"title":"a","note":"n","done":false,"count":3} `)
	if err != nil {
		t.Fatalf("Decode error = %v, want nil", err)
	}
	if s.Title != "a" || s.Note == nil || *s.Note != "n" || !s.Done.Set || s.Done.Value == nil || *s.Done.Value || !s.Count.Set || s.Count.Value != 3 {
		t.Errorf("decoded %+v, want title a, note n, done set to false, count 3", s)
	}
}

func TestDecodeTellsAbsentFromNull(t *testing.T) {
	s, err := decodeSample(t, "", `{"title":"a","note":null,"done":null}`)
	if err != nil {
		t.Fatalf("Decode error = %v, want nil", err)
	}
	if s.Note != nil {
		t.Errorf("note = %q, want nil for null", *s.Note)
	}
	if !s.Done.Set || s.Done.Value != nil {
		t.Errorf("done = %+v, want Set with a nil Value", s.Done)
	}
	s, _ = decodeSample(t, "", `{"title":"a"}`)
	if s.Done.Set || s.Count.Set || s.Note != nil {
		t.Errorf("decoded %+v, want done and count not Set, note nil when absent", s)
	}
}

func TestDecodeReportsProblems(t *testing.T) {
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
		{"Valid's problems go under body, in field order among the type problems", `{"count":9,"title":7,"note":"long"}`,
			Problems{
				{"string_type", []string{"body", "title"}, "Input should be a valid string"},
				{"string_too_long", []string{"body", "note"}, "String should have at most 3 characters"},
				{"less_than_equal", []string{"body", "count"}, "Input should be less than or equal to 5"},
			}},
		{"a member that failed to decode gets no second problem from Valid", `{"title":"a","count":"9"}`,
			Problems{{"int_type", []string{"body", "count"}, "Input should be a valid integer"}}},
		{"a member gets only the first of Valid's problems", `{"title":"reserved"}`,
			Problems{{"value_error", []string{"body", "title"}, "Value error, reserved"}}},
		{"an unknown member sent twice is reported once", `{"title":"a","x":1,"x":[2]}`,
			Problems{{"extra_forbidden", []string{"body", "x"}, "Extra inputs are not permitted"}}},
		{"a known member sent twice takes the last value", `{"title":1,"title":"a","count":7}`,
			Problems{{"less_than_equal", []string{"body", "count"}, "Input should be less than or equal to 5"}}},
		{"null in an Optional of a plain type is a type error", `{"title":"a","count":null}`,
			Problems{{"int_type", []string{"body", "count"}, "Input should be a valid integer"}}},
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
				t.Fatalf("Decode(%s) error = %v, want Problems", tt.body, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Decode(%s) problems =\n%+v\nwant\n%+v", tt.body, got, tt.want)
			}
		})
	}
}

func TestDecodeRefusesOtherContentTypesAndHugeBodies(t *testing.T) {
	tests := []struct {
		name        string
		contentType string
		body        string
		wantStatus  int
	}{
		{"text/plain is 415", "text/plain", `{"title":"a"}`, http.StatusUnsupportedMediaType},
		{"a form is 415", "application/x-www-form-urlencoded", `title=a`, http.StatusUnsupportedMediaType},
		{"a garbled Content-Type is 415", "application/json;;;=", `{"title":"a"}`, http.StatusUnsupportedMediaType},
		{"one byte over the cap is 413", "application/json", `{"title":"` + strings.Repeat("a", maxBodyBytes-11) + `"}`, http.StatusRequestEntityTooLarge},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := decodeSample(t, tt.contentType, tt.body)
			var se *StatusError
			if !errors.As(err, &se) || se.Status != tt.wantStatus {
				t.Fatalf("Decode error = %v, want status %d", err, tt.wantStatus)
			}
		})
	}
	t.Run("a body of exactly the cap is accepted", func(t *testing.T) {
		body := `{"title":"` + strings.Repeat("a", maxBodyBytes-12) + `"}`
		if _, err := decodeSample(t, "application/json", body); err != nil {
			t.Fatalf("Decode(%d bytes) error = %v, want nil", len(body), err)
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
	JSON(w, httptest.NewRequest("GET", "/", nil), 200, make([]int, 0))
	var got any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil || got == nil {
		t.Fatalf("body = %s, want []", w.Body)
	}
}

func FuzzDecode(f *testing.F) {
	for _, seed := range []string{`{"title":"a"}`, `{}{}`, `[`, `{"done":null,"note":7}`, "\x00", `{"a":{"b":[1,2,{}]}}`} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest(http.MethodPost, "/", strings.NewReader(body))
		_, err := Decode[sample](httptest.NewRecorder(), r)
		var p Problems
		if err != nil && !errors.As(err, &p) {
			t.Fatalf("Decode(%q) error = %v, want nil or Problems", body, err)
		}
		if err == nil && !json.Valid([]byte(body)) {
			t.Fatalf("Decode(%q) accepted invalid JSON", body)
		}
	})
}

func TestErrorAnswersJoinedProblemsAsOne422AndLetsOtherErrorsThrough(t *testing.T) {
	var path, body Problems
	path.Add("int_parsing", "bad id", "path", "id")
	body.Add("missing", "Field required", "body", "title")
	tests := []struct {
		name       string
		err        error
		wantStatus int
		wantBody   string
	}{
		{"problems are gathered in order", errors.Join(path, nil, body), 422,
			`{"detail":[{"type":"int_parsing","loc":["path","id"],"msg":"bad id"},{"type":"missing","loc":["body","title"],"msg":"Field required"}]}`},
		{"a status error wins over problems", errors.Join(path, ErrBodyTooLarge), 413, `{"detail":"Request body too large"}`},
		{"an unknown error wins over problems, as a 500", errors.Join(path, errors.New("disk on fire")), 500, `{"detail":"Internal Server Error"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := httptest.NewRecorder()
			Error(w, httptest.NewRequest("PUT", "/", nil), tt.err)
			if got := strings.TrimSpace(w.Body.String()); w.Code != tt.wantStatus || got != tt.wantBody {
				t.Errorf("Error(%v) = %d %s, want %d %s", tt.err, w.Code, got, tt.wantStatus, tt.wantBody)
			}
		})
	}
}

// The mistakes Decode refuses are the programmer's: it panics on the first
// request, which the lesson's tests make.
func TestDecodePanicsOnABodyTypeItCannotReportOn(t *testing.T) {
	tests := []struct {
		name   string
		decode func()
	}{
		{"not a struct", func() {
			_, _ = Decode[[]string](httptest.NewRecorder(), httptest.NewRequest("POST", "/", strings.NewReader(`{}`)))
		}},
		{"a field of a kind with no FastAPI type problem", func() {
			_, _ = Decode[struct {
				Tags []string `json:"tags"`
			}](httptest.NewRecorder(), httptest.NewRequest("POST", "/", strings.NewReader(`{}`)))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Errorf("Decode did not panic")
				}
			}()
			tt.decode()
		})
	}
}

func TestDecodeListsAtMost100Problems(t *testing.T) {
	var body strings.Builder
	body.WriteString(`{"title":7`)
	for i := range 80_000 { // 880 KB, under the 1 MiB cap
		fmt.Fprintf(&body, `,"m%06d":0`, i)
	}
	body.WriteString("}")
	_, err := decodeSample(t, "application/json", body.String())
	var p Problems
	if !errors.As(err, &p) {
		t.Fatalf("Decode error = %v, want Problems", err)
	}
	if len(p) != maxProblems {
		t.Fatalf("Decode listed %d problems, want %d", len(p), maxProblems)
	}
	if p[0].Type != "string_type" || p[1].Loc[1] != "m000000" || p[99].Loc[1] != "m000098" {
		t.Errorf("problems start %v, %v and end %v; want the field's first, then unknown members by name", p[0], p[1], p[99])
	}
}

func TestDecodeRefusesATooLongContentLengthBeforeReadingIt(t *testing.T) {
	r := httptest.NewRequest(http.MethodPost, "/", errReader{})
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Expect", "100-continue")
	r.ContentLength = maxBodyBytes + 1
	_, err := Decode[sample](httptest.NewRecorder(), r)
	if !errors.Is(err, ErrBodyTooLarge) {
		t.Errorf("Decode error = %v, want ErrBodyTooLarge without reading the body", err)
	}
}

// errReader fails the test's request if anyone reads it.
type errReader struct{}

func (errReader) Read([]byte) (int, error) { return 0, errors.New("the body was read") }
