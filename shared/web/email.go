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
// characters, no "%" (an old way to relay through the named host), no
// letter that changes case into ASCII (the Kelvin sign "K" is "k" in
// lower case: the address would be someone else's once lower-cased), a
// domain name with a dot and a top-level label that is not a number (no
// 127.0.0.1), at most maxEmailLength bytes.
func ValidEmail(s string) bool {
	if len(s) > maxEmailLength || strings.IndexFunc(s, invisible) >= 0 ||
		strings.IndexFunc(s, asciiLookalike) >= 0 || strings.Contains(s, "%") {
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
	if len(labels) < 2 || strings.Trim(labels[len(labels)-1], "0123456789") == "" {
		return false // no dot, or an IP address: 127.0.0.1
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

// asciiLookalike reports a non-ASCII letter whose lower or upper case is
// ASCII, such as U+212A KELVIN SIGN (lower case "k") or U+017F LONG S
// (upper case "S").
func asciiLookalike(r rune) bool {
	return r > unicode.MaxASCII && (unicode.ToLower(r) <= unicode.MaxASCII || unicode.ToUpper(r) <= unicode.MaxASCII)
}
