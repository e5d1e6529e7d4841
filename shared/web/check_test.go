package web

import (
	"reflect"
	"strings"
	"testing"
)

func TestTheChecksRecordFastAPIsProblems(t *testing.T) {
	tests := []struct {
		name  string
		check func(p *Problems)
		want  Problems
	}{
		{"NotBlank refuses empty", func(p *Problems) { p.NotBlank("", "title") },
			Problems{{"string_too_short", []string{"title"}, "String should have at least 1 character"}}},
		{"NotBlank refuses only blanks", func(p *Problems) { p.NotBlank(" \t ", "title") },
			Problems{{"string_too_short", []string{"title"}, "String should have at least 1 character"}}},
		{"NotBlank takes one character", func(p *Problems) { p.NotBlank("a", "title") }, nil},
		{"MaxLength counts characters, not bytes", func(p *Problems) { p.MaxLength(strings.Repeat("é", 200), 200, "title") }, nil},
		{"MaxLength refuses one character more", func(p *Problems) { p.MaxLength(strings.Repeat("é", 201), 200, "form", "bio") },
			Problems{{"string_too_long", []string{"form", "bio"}, "String should have at most 200 characters"}}},
		{"MaxLength says character for a limit of 1", func(p *Problems) { p.MaxLength("ab", 1, "x") },
			Problems{{"string_too_long", []string{"x"}, "String should have at most 1 character"}}},
		{"Between takes both ends", func(p *Problems) { p.Between(1, 1, 5, "n"); p.Between(5, 1, 5, "n") }, nil},
		{"Between refuses under the least", func(p *Problems) { p.Between(0, 1, 5, "n") },
			Problems{{"greater_than_equal", []string{"n"}, "Input should be greater than or equal to 1"}}},
		{"Between refuses over the most", func(p *Problems) { p.Between(6, 1, 5, "n") },
			Problems{{"less_than_equal", []string{"n"}, "Input should be less than or equal to 5"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var p Problems
			tt.check(&p)
			if !reflect.DeepEqual(p, tt.want) {
				t.Errorf("problems = %+v, want %+v", p, tt.want)
			}
		})
	}
}
