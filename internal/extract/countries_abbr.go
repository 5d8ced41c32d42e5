package extract

import "slices"

// abbrCountries reads the abbreviations a report defines in brackets after
// a name that carries one country, "the Bahrain Defence Force (BDF)", "the
// Armed Forces of Malta (AFM)", "US Africa Command (AFRICOM)", and names
// that country wherever the report writes the abbreviation again ("the BDF
// Chief of Staff"). An abbreviation defined for two countries names
// neither. It runs after countries and cities are found and before people.
func (d *doc) abbrCountries() {
	defs := map[string]string{}
	at := map[[2]int]bool{} // the bracketed definitions themselves
	for s := range d.sents {
		T := d.st(s)
		for i := 1; i+2 < len(T); i++ {
			if !T[i].is("(") || !T[i+2].is(")") || !abbrWord(T[i+1]) {
				continue
			}
			c := d.nameCountry(s, i)
			if c == "" {
				continue
			}
			ab := T[i+1].s
			at[[2]int{s, i + 1}] = true
			if old, ok := defs[ab]; ok && old != c {
				defs[ab] = "-"
				continue
			}
			defs[ab] = c
		}
	}
	if len(defs) == 0 {
		return
	}
	for s := range d.sents {
		T := d.st(s)
		added := false
		for i, t := range T {
			c := defs[t.s]
			if c == "" || c == "-" || t.kind != 'w' || d.cmask[s][i] != "" || at[[2]int{s, i}] {
				continue
			}
			d.ctry[s] = append(d.ctry[s], cmention{i: i, j: i + 1, code: c})
			d.cmask[s][i] = c
			added = true
		}
		if added {
			slices.SortFunc(d.ctry[s], func(a, b cmention) int { return a.i - b.i })
		}
	}
}

// abbrWord reports whether a token can be an abbreviation defined in
// brackets: two to ten capitals, not itself a country's form.
func abbrWord(t tok) bool {
	if t.kind != 'w' || !t.upper || len(t.s) < 2 || len(t.s) > 10 {
		return false
	}
	_, known := countryAbbrs[t.s]
	return !known
}

// nameCountry returns the one country named in the capitalised name that
// ends right before the bracket at token k of sentence s ("Royal Malaysian
// Navy", "Armed Forces of the Philippines"), "" when it names none or more
// than one.
func (d *doc) nameCountry(s, k int) string {
	T := d.st(s)
	code := ""
	words := 0
	for i := k - 1; i >= 0 && words < 10; i-- {
		t := T[i]
		switch {
		case t.kind == 'w' && t.cap:
			words++
		case t.kind == 'w' && nameLinks[t.low]:
		case t.kind == 'p' && (t.s == "'s" || t.s == "’s" || t.isDash() && !t.sp):
		default:
			return code
		}
		c := d.cmask[s][i]
		if c == "" || c == "-" || c == "@" {
			continue
		}
		if code != "" && code != c {
			return ""
		}
		code = c
	}
	return code
}

// nameLinks are the small words inside an organisation's name.
var nameLinks = setOf("of", "the", "and", "for", "de", "du", "des", "la", "el", "al")
