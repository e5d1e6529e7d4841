package web

import (
	"net/mail"
	"strings"
)

// MaxEmailLength is the longest address SMTP can carry (RFC 5321).
const MaxEmailLength = 254

// ValidEmail reports whether s is one plain address, local@domain.tld: no
// display name ("Bob <bob@x.org>"), no comments, a dot in the domain, at
// most MaxEmailLength characters.
func ValidEmail(s string) bool {
	if len(s) > MaxEmailLength || strings.TrimSpace(s) != s {
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
