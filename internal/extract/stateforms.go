package extract

import (
	"slices"
	"strings"
)

// stateFormWords are the forms of state a report names a country by once it
// has named it: "the Kingdom", "the Sultanate's side".
var stateFormWords = setOf("kingdom", "sultanate", "emirate", "principality", "duchy")

// stateFormCountries maps a form of state to the countries whose official
// names in the country table hold it ("Kingdom of Saudi Arabia").
var stateFormCountries = func() map[string][]string {
	out := map[string][]string{}
	for _, r := range countryRows {
		for _, n := range strings.Split(r.names, "|") {
			for _, w := range foldWords(n) {
				if stateFormWords[w] && !slices.Contains(out[w], r.code) {
					out[w] = append(out[w], r.code)
				}
			}
		}
	}
	return out
}()

// stateForms reads "the Kingdom", "the Sultanate" written for a country:
// the one country of that form the text names otherwise, else the only
// country of that form there is. It runs after countries and cities are
// found and before people, so that "the Kingdom's delegation" and "the
// Sultanate's side" have their country.
func (d *doc) stateForms() {
	named := map[string]bool{}
	for s := range d.sents {
		for _, c := range d.ctry[s] {
			named[c.code] = true
		}
		for _, c := range d.cityM[s] {
			named[c.code] = true
		}
	}
	for s := range d.sents {
		T := d.st(s)
		for i := 1; i < len(T); i++ {
			t := T[i]
			if t.kind != 'w' || !t.cap || !stateFormWords[t.low] || T[i-1].low != "the" || d.cmask[s][i] != "" {
				continue
			}
			if n, _ := nextWord(T, i); n == "of" {
				continue // an official name the table does not hold
			}
			c := stateFormCountry(t.low, named)
			if c == "" {
				continue
			}
			d.ctry[s] = append(d.ctry[s], cmention{i: i, j: i + 1, code: c})
			slices.SortFunc(d.ctry[s], func(a, b cmention) int { return a.i - b.i })
			d.cmask[s][i] = c
		}
	}
}

func stateFormCountry(form string, named map[string]bool) string {
	cands := stateFormCountries[form]
	var hit []string
	for _, c := range cands {
		if named[c] {
			hit = append(hit, c)
		}
	}
	switch {
	case len(hit) == 1:
		return hit[0]
	case len(hit) == 0 && len(cands) == 1:
		return cands[0]
	}
	return ""
}
