package main

import (
	"math"
	"strconv"
	"testing"

	"apicourse/shared/web"
)

func TestParseCoordinate(t *testing.T) {
	tests := []struct {
		in         string
		wantTenths int
		wantType   string // "" when accepted
	}{
		{"52.52", 525, ""},
		{"52.55", 526, ""},
		{"0.05", 1, ""},
		{"0.15", 2, ""}, // 0.15 is 0.1499… as a float64; the digits say 0.2
		{"-0.05", -1, ""},
		{"-0.04", 0, ""},
		{"-0.0", 0, ""},
		{"13.41", 134, ""},
		{"+13.45", 135, ""},
		{"89.96", 900, ""},
		{"7", 70, ""},
		{"7.", 70, ""},
		{".5", 5, ""},
		{"0052.5", 525, ""},
		{"NaN", 0, "finite_number"},
		{"-inf", 0, "finite_number"},
		{"Infinity", 0, "finite_number"},
		{"0x1p4", 0, "float_parsing"},
		{"1_0", 0, "float_parsing"},
		{"1e1", 0, "float_parsing"},
		{"", 0, "float_parsing"},
		{" 52.5", 0, "float_parsing"},
		{"52,5", 0, "float_parsing"},
		{"--5", 0, "float_parsing"},
		{"1.2.3", 0, "float_parsing"},
		{"-", 0, "float_parsing"},
		{"12345678901234567890123456789012345", 0, "float_parsing"},
	}
	for _, tt := range tests {
		t.Run(strconv.Quote(tt.in), func(t *testing.T) {
			var p web.Problems
			c, ok := parseCoordinate(&p, tt.in, "query", "latitude")
			if tt.wantType == "" {
				if !ok || c.tenths != tt.wantTenths {
					t.Errorf("parseCoordinate(%q) = %+v, %v; want tenths %d", tt.in, c, p, tt.wantTenths)
				}
				return
			}
			if ok || len(p) != 1 || p[0].Type != tt.wantType {
				t.Errorf("parseCoordinate(%q) problems = %v, want one %s", tt.in, p, tt.wantType)
			}
		})
	}
}

func TestKeyQueryFormatsTenths(t *testing.T) {
	for key, want := range map[Key]string{
		{Lat: 525, Lon: 134}:    "latitude=52.5&longitude=13.4&current_weather=true",
		{Lat: -1, Lon: 0}:       "latitude=-0.1&longitude=0.0&current_weather=true",
		{Lat: -900, Lon: -1800}: "latitude=-90.0&longitude=-180.0&current_weather=true",
	} {
		if got := key.Query(); got != want {
			t.Errorf("%+v.Query() = %s, want %s", key, got, want)
		}
	}
}

// FuzzParseCoordinate checks that whatever is accepted is a finite number
// and that its key is that number rounded to a tenth.
func FuzzParseCoordinate(f *testing.F) {
	for _, seed := range []string{"52.52", "-0.05", "NaN", "0x10", "1_0", "1e5", "+.5", "999"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var p web.Problems
		c, ok := parseCoordinate(&p, s, "query", "latitude")
		if !ok {
			if len(p) != 1 {
				t.Fatalf("parseCoordinate(%q) refused with %d problems, want 1", s, len(p))
			}
			return
		}
		if math.IsNaN(c.value) || math.IsInf(c.value, 0) {
			t.Fatalf("parseCoordinate(%q) accepted %v", s, c.value)
		}
		if math.Abs(c.value) <= 1000 && math.Abs(float64(c.tenths)/10-c.value) > 0.05+1e-9 {
			t.Fatalf("parseCoordinate(%q): %v rounded to %d tenths", s, c.value, c.tenths)
		}
	})
}
