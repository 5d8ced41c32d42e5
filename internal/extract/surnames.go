package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// headlineNames returns the full names the headline writes, of two words or
// more, by the folded last word and by the folded first word (a family name
// written first): a body that names its principals by surname only ("Thapa
// held talks with ...") names them in full in its headline.
func (d *doc) headlineNames() (byLast, byFirst map[string][]string) {
	byLast, byFirst = map[string][]string{}, map[string][]string{}
	if d.headline < 0 {
		return
	}
	l := d.lines[d.headline]
	T := tokenize(d.text, l.start, l.end)
	for i := 0; i < len(T); {
		j := i
		for j < len(T) && headlineNameWord(T, j) && (j == i || T[j].sp) {
			j++
		}
		if j-i >= 2 && j-i <= 4 {
			var ws []string
			for k := i; k < j; k++ {
				ws = append(ws, T[k].s)
			}
			name := strings.Join(ws, " ")
			last, first := T[j-1].low, T[i].low
			byLast[last] = appendNew(byLast[last], name)
			byFirst[first] = appendNew(byFirst[first], name)
		}
		i = max(j, i+1)
	}
	return
}

// headlineNameWord reports whether token k of a headline may be a word of
// a name: capitalised, not all capitals, and no word of a title, rank,
// month or country.
func headlineNameWord(T []tok, k int) bool {
	t := T[k]
	if t.kind != 'w' || !t.cap || t.upper || utf8.RuneCountInString(t.s) < 2 {
		return false
	}
	l := t.low
	if notNames[l] || positionWords[l] || positionHeads[l] || positionStarts[l] || rankWords[l] || honorifics[l] ||
		monthNames[l] != 0 || nameSuffixes[t.s] {
		return false
	}
	c, _ := countryAt(T, k)
	return c == ""
}

func appendNew(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// headlineName returns the one full name of the headline that a surname
// (or a family name written first) standing alone in the body stands for,
// or "".
func (d *doc) headlineName(word string) string {
	if d.hlLast == nil {
		d.hlLast, d.hlFirst = d.headlineNames()
	}
	if ns := d.hlLast[word]; len(ns) == 1 {
		return ns[0]
	}
	if ns := d.hlFirst[word]; len(ns) == 1 && len(d.hlLast[word]) == 0 {
		return ns[0]
	}
	return ""
}

// spelledLike returns the one person named in full whose family name or
// given name differs from word by one letter (changed, added or dropped),
// for words of five letters or more.
func (d *doc) spelledLike(word string) []string {
	if utf8.RuneCountInString(word) < 5 {
		return nil
	}
	var hit []string
	for _, k := range d.order {
		f := strings.Fields(k)
		if len(f) < 2 {
			continue
		}
		if oneEdit(word, f[0]) || oneEdit(word, f[len(f)-1]) {
			hit = append(hit, k)
		}
	}
	if len(hit) != 1 {
		return nil
	}
	return hit
}

// oneEdit reports whether a and b differ by exactly one letter changed,
// added or dropped.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) < len(y) {
		x, y = y, x
	}
	if len(x)-len(y) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(y) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		return string(x[i+1:]) == string(y[i+1:])
	}
	return string(x[i+1:]) == string(y[i:])
}

// mergeVariants folds a full name that differs from an earlier one in one
// word, by one letter of a word of five letters or more, into the earlier
// one: "Lasses Sand" after "Lasse Sand", "Mohamad Farid" after "Mohamed
// Farid" are one person's name spelt two ways.
func (d *doc) mergeVariants(surnames map[string][]string) {
	into := map[string]string{}
	for n, a := range d.order {
		aw := strings.Fields(a)
		if len(aw) < 2 {
			continue
		}
		for _, b := range d.order[:n] {
			if _, folded := into[b]; folded {
				continue
			}
			if bw := strings.Fields(b); variantOf(aw, bw) {
				into[a] = b
				break
			}
		}
	}
	// "Joaquin Perez" for "Joaquin Virgilio Perez": the middle names left
	// out, when one other name alone has those first and last words
	for _, a := range d.order {
		aw := strings.Fields(a)
		if len(aw) != 2 || into[a] != "" {
			continue
		}
		var hits []string
		for _, b := range d.order {
			bw := strings.Fields(b)
			if len(bw) > 2 && bw[0] == aw[0] && bw[len(bw)-1] == aw[1] && !slices.ContainsFunc(bw, func(w string) bool { return patronymic[w] }) {
				hits = append(hits, b)
			}
		}
		if len(hits) == 1 {
			into[a] = hits[0]
		}
	}
	d.foldNames(into, surnames)
}

// variantOf reports whether two names of as many words differ in exactly
// one word, by one letter, that word being five letters long or more.
func variantOf(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	diff := -1
	for i := range a {
		if a[i] != b[i] {
			if diff >= 0 {
				return false
			}
			diff = i
		}
	}
	return diff >= 0 && min(utf8.RuneCountInString(a[diff]), utf8.RuneCountInString(b[diff])) >= 5 && oneEdit(a[diff], b[diff])
}
