package web

import (
	"net/mail"
	"strings"
	"unicode"
)

// maxEmailLength is the longest address SMTP can carry (RFC 5321).
const maxEmailLength = 254

// ValidEmail reports whether s is one plain address, local@domain.tld: no
// display name ("Bob <bob@x.org>"), no comments, no spaces or invisible
// characters, a dot in the domain, at most maxEmailLength bytes.
func ValidEmail(s string) bool {
	if len(s) > maxEmailLength || strings.IndexFunc(s, invisible) >= 0 {
		return false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Name != "" || addr.Address != s {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	if local == "" || strings.HasPrefix(domain, "[") {
		return false
	}
	labels := strings.Split(domain, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || len(l) > 63 || strings.HasPrefix(l, "-") || strings.HasSuffix(l, "-") {
			return false
		}
	}
	return true
}

// invisible reports runes that have no place in an address: spaces,
// control characters, and formatting ones such as U+200B (zero width),
// which would make two addresses that look alike differ.
func invisible(r rune) bool {
	return r == ' ' || !unicode.IsPrint(r)
}
