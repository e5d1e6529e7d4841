package main

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

// A mask replaces a value that differs on every run with a name, in the
// README's text and in the real output alike. The value is the regexp's
// group named v when it has one (the rest is context that must be there),
// the whole match otherwise.
type mask struct {
	re   *regexp.Regexp
	name string
}

var masks = []mask{
	{regexp.MustCompile(`\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:?\d\d)?`), "<time>"},
	// Only the headers that carry the time of a run; Sunset is a fixed date.
	{regexp.MustCompile(`(?i)^(?:last-modified|expires): (?P<v>(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d GMT)`), "<date>"},
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]*\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+`), "<jwt>"},
	// go test prints "(cached)" where a test's time would be.
	{regexp.MustCompile(`\b\d+\.\d+(ns|µs|us|ms|s)\b|\b\d+(ns|µs|us|ms)\b|\(cached\)`), "<duration>"},
	// Only a JWT's time claims; a Deprecation date is fixed.
	{regexp.MustCompile(`['"](?:iat|exp|nbf)['"]: ?(?P<v>\d{10}(\.\d+)?)\b`), "<unix-time>"},
	{regexp.MustCompile(`[A-Za-z0-9_-]+`), "<token>"}, // only runs that look random: see isToken
}

// values returns the byte ranges of line that m hides.
func (m mask) values(line string) [][2]int {
	v := m.re.SubexpIndex("v")
	var spans [][2]int
	for _, loc := range m.re.FindAllStringSubmatchIndex(line, -1) {
		start, end := loc[0], loc[1]
		if v > 0 {
			start, end = loc[2*v], loc[2*v+1]
		}
		if m.name != "<token>" || isToken(line[start:end]) {
			spans = append(spans, [2]int{start, end})
		}
	}
	return spans
}

// droppedHeader matches the headers the READMEs leave out.
var droppedHeader = regexp.MustCompile(`(?i)^(date|content-length): `)

// ellipsis, alone on a line of the README, stands for any lines.
const ellipsis = "..."

// A line is one line of output as printed and as compared.
type line struct{ raw, norm string }

// normalise returns text's lines with what varies masked, headers that vary
// dropped, trailing blanks trimmed and trailing empty lines removed.
func normalise(text string) []line {
	text = strings.ReplaceAll(text, "\r", "")
	var out []line
	for _, raw := range strings.Split(text, "\n") {
		if droppedHeader.MatchString(raw) {
			continue
		}
		raw = strings.TrimRightFunc(raw, unicode.IsSpace)
		out = append(out, line{raw, maskLine(raw)})
	}
	for len(out) > 0 && out[len(out)-1].raw == "" {
		out = out[:len(out)-1]
	}
	return out
}

// maskLine replaces every varying value of line with its mask's name.
func maskLine(line string) string {
	for _, m := range masks {
		spans := m.values(line)
		for i := len(spans) - 1; i >= 0; i-- {
			line = line[:spans[i][0]] + m.name + line[spans[i][1]:]
		}
	}
	return line
}

// isToken tells a random 128-bit base64url value (22 characters, upper and
// lower case mixed, as crypto/rand gives them) from a word, a slug or a
// header's name (X-Content-Type-Options is 22 characters too).
func isToken(s string) bool {
	return len(s) == 22 && strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") &&
		strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") && !headerName.MatchString(s)
}

var headerName = regexp.MustCompile(`^[A-Z][a-z]*(-[A-Z][a-z]*)*$`)

// maskedSpans returns the byte ranges of line that a mask hides.
func maskedSpans(line string) [][2]int {
	var spans [][2]int
	for _, m := range masks {
		spans = append(spans, m.values(line)...)
	}
	return spans
}

// A mismatch is where the real output first parts from the README's.
type mismatch struct {
	line      int // of want, 0-based
	want, got string
	context   []string // the lines of got just before got
}

func (m *mismatch) Error() string {
	return fmt.Sprintf("README says %q, the command printed %q", m.want, m.got)
}

// compare matches got against want, line by line after normalising both;
// a want line "..." matches any number of lines.
func compare(want, got string) *mismatch {
	w, g := normalise(want), normalise(got)
	if match(w, g) {
		return nil
	}
	return firstDifference(w, g)
}

// match reports whether g matches the pattern lines w.
func match(w, g []line) bool {
	for len(w) > 0 {
		if w[0].raw == ellipsis {
			for k := 0; k <= len(g); k++ {
				if match(w[1:], g[k:]) {
					return true
				}
			}
			return false
		}
		if len(g) == 0 || w[0].norm != g[0].norm {
			return false
		}
		w, g = w[1:], g[1:]
	}
	return len(g) == 0
}

// firstDifference names the first line where g leaves w, skipping what an
// ellipsis stands for as little as it can.
func firstDifference(w, g []line) *mismatch {
	i, j := 0, 0
	for i < len(w) {
		if w[i].raw == ellipsis {
			i++
			for j < len(g) && (i >= len(w) || g[j].norm != w[i].norm) {
				j++
			}
			continue
		}
		if j >= len(g) || w[i].norm != g[j].norm {
			break
		}
		i, j = i+1, j+1
	}
	m := &mismatch{line: i, want: "(nothing more)", got: "(nothing more)"}
	if i < len(w) {
		m.want = w[i].raw
	}
	if j < len(g) {
		m.got = g[j].raw
	}
	for _, l := range g[max(0, j-3):min(j, len(g))] {
		m.context = append(m.context, l.raw)
	}
	return m
}
