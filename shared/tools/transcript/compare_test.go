package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestCompareMasksOnlyWhatVariesFromRunToRun(t *testing.T) {
	tests := []struct {
		name, want, got string
	}{
		{"Date and Content-Length are dropped", "HTTP/1.1 200 OK\nContent-Type: text/plain\n",
			"HTTP/1.1 200 OK\r\nContent-Length: 3\r\nContent-Type: text/plain\r\nDate: Mon, 30 Nov 2026 02:44:02 GMT\r\n"},
		{"an RFC 3339 time", `{"created_at":"2026-11-25T00:24:20.354Z"}`, `{"created_at":"2026-11-30T02:44:02Z"}`},
		{"an HTTP date", "Last-Modified: Wed, 25 Nov 2026 10:00:00 GMT", "Last-Modified: Mon, 30 Nov 2026 02:44:02 GMT"},
		{"a duration", "(answered in 0.004123s), took 183.143µs, 12ms", "(answered in 0.51s), took 1.2µs, 7ms"},
		{"go test's (cached) for a time", "ok  \tapicourse/lessons/01-basic-todo-api\t0.031s", "ok  \tapicourse/lessons/01-basic-todo-api\t(cached)"},
		{"a JWT", `{"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"}`, `{"access_token":"eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJib2IifQ.b3RoZXI"}`},
		{"a JWT's times", "{'iat': 1764470000, 'exp': 1764470600}", "{'iat': 1764471234.5, 'exp': 1764471834.5}"},
		{"a random token", "Location: /subscriptions/zeDqq_oetXSuBHgnZb7Yow", "Location: /subscriptions/Q9x-Lm2aPz0bYtR7kWc1Vg"},
		{"trailing blanks and empty lines", "a\nb\n\n", "a  \nb\n\n\n"},
		{"an ellipsis stands for any lines", "<html>\n...\n</html>", "<html>\n<head></head>\n<body></body>\n</html>"},
		{"an ellipsis stands for no line too", "<html>\n...\n</html>", "<html>\n</html>"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if m := compare(tt.want, tt.got); m != nil {
				t.Errorf("compare(%q, %q): %v", tt.want, tt.got, m)
			}
		})
	}
}

func TestCompareNamesTheFirstLineThatDiffers(t *testing.T) {
	tests := []struct {
		name, want, got string
		line            int
		wantLine, got1  string
	}{
		{"a status", "HTTP/1.1 201 Created\nLocation: /todos/1", "HTTP/1.1 200 OK\nLocation: /todos/1", 0, "HTTP/1.1 201 Created", "HTTP/1.1 200 OK"},
		{"a body after headers", "HTTP/1.1 200 OK\n\n[1]", "HTTP/1.1 200 OK\n\n[2]", 2, "[1]", "[2]"},
		{"a missing line", "a\nb", "a", 1, "b", "(nothing more)"},
		{"an extra line", "a", "a\nb", 1, "(nothing more)", "b"},
		{"after an ellipsis", "<p>\n...\n</p>\nend", "<p>\nx\n</p>\nEND", 3, "end", "END"},
		{"a lower-case slug is not a token", "/posts/hello-world-and-more-x", "/posts/hello-world-and-more-y", 0, "/posts/hello-world-and-more-x", "/posts/hello-world-and-more-y"},
		{"a header name is not a token", "X-Content-Type-Options: nosniff", "X-Content-Type-Options: sniff", 0, "X-Content-Type-Options: nosniff", "X-Content-Type-Options: sniff"},
		{"a fixed Unix time is not masked", "Deprecation: @1764547200", "Deprecation: @1764547201", 0, "Deprecation: @1764547200", "Deprecation: @1764547201"},
		{"a fixed HTTP date is not masked", "Sunset: Tue, 01 Jun 2027 00:00:00 GMT", "Sunset: Wed, 02 Jun 2027 00:00:00 GMT", 0, "Sunset: Tue, 01 Jun 2027 00:00:00 GMT", "Sunset: Wed, 02 Jun 2027 00:00:00 GMT"},
		{"a port is not masked", "listening on http://127.0.0.1:8000", "listening on http://127.0.0.1:8001", 0, "listening on http://127.0.0.1:8000", "listening on http://127.0.0.1:8001"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := compare(tt.want, tt.got)
			if m == nil {
				t.Fatalf("compare(%q, %q) found no difference", tt.want, tt.got)
			}
			if m.line != tt.line || m.want != tt.wantLine || m.got != tt.got1 {
				t.Errorf("difference at line %d, %q vs %q; want line %d, %q vs %q", m.line, m.want, m.got, tt.line, tt.wantLine, tt.got1)
			}
		})
	}
}

// Every lesson README, edited by one character anywhere in an expected
// output, no longer matches the output it shows, unless the character is
// inside a value that varies from run to run (a time, a token, ...).
func TestEveryOneCharacterEditOfAREADMEOutputIsCaught(t *testing.T) {
	readmes, err := filepath.Glob("../../../lessons/*/README.md")
	if err != nil || len(readmes) == 0 {
		t.Fatalf("no lesson READMEs found: %v", err)
	}
	for _, path := range readmes {
		text, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		blocks, err := parseREADME(string(text))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		edits, masked := 0, 0
		for _, b := range blocks {
			for _, s := range b.steps {
				e, m := checkEveryEdit(t, path, s)
				edits, masked = edits+e, masked+m
			}
		}
		t.Logf("%s: %d one-character edits caught, %d inside masked values", filepath.Base(filepath.Dir(path)), edits, masked)
	}
}

// checkEveryEdit changes each character of s.want in turn and fails the test
// if a change outside a masked value goes unnoticed. Lines are compared
// after normalising, so an edit is caught when its line normalises to
// something else; the first edit of each line also goes through compare.
func checkEveryEdit(t *testing.T, path string, s step) (caught, masked int) {
	t.Helper()
	lines := strings.Split(s.want, "\n")
	for i, line := range lines {
		if line == ellipsis || droppedHeader.MatchString(line) {
			continue
		}
		spans, normal := maskedSpans(line), maskLine(line)
		for j, r := range line {
			edited := line[:j] + string(other(r)) + line[j+utf8.RuneLen(r):]
			if j == 0 {
				all := append([]string(nil), lines...)
				all[i] = edited
				if compare(strings.Join(all, "\n"), s.want) == nil {
					t.Errorf("%s:%d: compare misses an edit of the line's first character: %q", path, s.wantLine+i, edited)
				}
			}
			if maskLine(edited) != normal && !droppedHeader.MatchString(edited) {
				caught++
				continue
			}
			if inside(spans, j) {
				masked++
				continue
			}
			t.Errorf("%s:%d: changing %q to %q in %q goes unnoticed", path, s.wantLine+i, r, other(r), line)
		}
	}
	return caught, masked
}

// other is a printable ASCII character different from c.
func other(c rune) rune {
	if c == 'x' {
		return 'y'
	}
	return 'x'
}

func inside(spans [][2]int, i int) bool {
	for _, s := range spans {
		if i >= s[0] && i < s[1] {
			return true
		}
	}
	return false
}
