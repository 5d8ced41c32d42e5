package domain

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, strips its accents and turns every run of punctuation
// and spaces into one space: "Z.Hasanov", "z. Hasanov" and "Z Hasanov" all
// fold to "z hasanov", and "Türkiye" to "turkiye".
func Fold(s string) string {
	stripped := s
	// ASCII has no accents to strip, and its normal forms are itself.
	if !isASCII(s) {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		var err error
		if stripped, _, err = transform.String(t, s); err != nil {
			stripped = s
		}
	}
	var b strings.Builder
	space := false
	for _, r := range stripped {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(unicode.ToLower(r))
		case r == '\'' || r == '’':
			// "O'Neill" and "ONeill" are one name.
		default:
			space = true
		}
	}
	return b.String()
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// NameKeys returns the folded forms under which a person's name is found: the
// whole name, and the first initial with the surname ("Zakir Hasanov" is also
// "z hasanov"). Given "Z. Hasanov" it returns just "z hasanov".
func NameKeys(names ...string) []string {
	var keys []string
	seen := map[string]bool{}
	add := func(k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			keys = append(keys, k)
		}
	}
	for _, n := range names {
		f := Fold(n)
		add(f)
		parts := strings.Fields(f)
		if len(parts) >= 2 {
			first := []rune(parts[0])
			add(string(first[0]) + " " + parts[len(parts)-1])
		}
	}
	return keys
}

// cleanText reports whether s is valid UTF-8 without control characters;
// multiline allows newlines and tabs.
func cleanText(s string, multiline bool) bool {
	if !utf8.ValidString(s) {
		return false
	}
	for _, r := range s {
		if multiline && (r == '\n' || r == '\t' || r == '\r') {
			continue
		}
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return false
		}
	}
	return true
}

// checkText records a problem when s is blank, too long or holds control
// characters.
func checkText(p *Problems, pointer, s string, max int, multiline bool) {
	switch {
	case strings.TrimSpace(s) == "":
		p.Add(pointer, "must not be blank")
	case utf8.RuneCountInString(s) > max:
		p.Add(pointer, "must be at most %d characters", max)
	case !cleanText(s, multiline):
		p.Add(pointer, "must be valid UTF-8 without control characters")
	case s != strings.TrimSpace(s):
		p.Add(pointer, "must not start or end with white space")
	}
}

// checkOptText is checkText for an optional value.
func checkOptText(p *Problems, pointer string, s *string, max int, multiline bool) {
	if s != nil {
		checkText(p, pointer, *s, max, multiline)
	}
}
