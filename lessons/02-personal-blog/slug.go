package main

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// maxSlugLength is the longest slug a post may have.
const maxSlugLength = 100

// slugPattern is the shape of a slug, as a client's documentation (and
// the 422's message) shows it: runs of lower-case ASCII letters and digits
// joined by single hyphens.
const slugPattern = `^[a-z0-9]+(?:-[a-z0-9]+)*$`

// slugRE is slugPattern, compiled once when the program starts: the code
// checks exactly what its documentation says.
var slugRE = regexp.MustCompile(slugPattern)

// validSlug reports whether s matches slugPattern.
func validSlug(s string) bool { return slugRE.MatchString(s) }

func isSlugByte(c byte) bool {
	return 'a' <= c && c <= 'z' || '0' <= c && c <= '9'
}

// foldLatin spells common accented Latin letters in ASCII, so that
// "Crème Brûlée" becomes "creme-brulee" rather than "cr-me-br-l-e".
var foldLatin = map[rune]string{
	'à': "a", 'á': "a", 'â': "a", 'ã': "a", 'ä': "a", 'å': "a", 'æ': "ae",
	'ç': "c", 'è': "e", 'é': "e", 'ê': "e", 'ë': "e", 'ì': "i", 'í': "i",
	'î': "i", 'ï': "i", 'ñ': "n", 'ò': "o", 'ó': "o", 'ô': "o", 'õ': "o",
	'ö': "o", 'ø': "o", 'œ': "oe", 'ù': "u", 'ú': "u", 'û': "u", 'ü': "u",
	'ý': "y", 'ÿ': "y", 'ß': "ss",
}

// Slugify derives a slug from a title: lower-case ASCII letters and digits,
// accented Latin letters folded, apostrophes dropped ("Don't" → "dont"),
// every other run of characters one hyphen, cut to maxSlugLength at a
// hyphen where it can be. A title with no letter or digit gives "".
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false // a separator is pending
	for _, r := range strings.ToLower(title) {
		var part string
		switch {
		case r < utf8.RuneSelf && isSlugByte(byte(r)):
			part = string(r)
		case foldLatin[r] != "":
			part = foldLatin[r]
		case r == '\'' || r == '’':
			continue
		default:
			hyphen = b.Len() > 0
			continue
		}
		if hyphen {
			b.WriteByte('-')
			hyphen = false
		}
		b.WriteString(part)
	}
	return cut(b.String(), maxSlugLength)
}

// cut shortens slug to at most n bytes, at the last hyphen that fits when
// there is one, so that words stay whole.
func cut(slug string, n int) string {
	if len(slug) <= n {
		return slug
	}
	if i := strings.LastIndexByte(slug[:n+1], '-'); i > 0 {
		return slug[:i]
	}
	return slug[:n]
}
