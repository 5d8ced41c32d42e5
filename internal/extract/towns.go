package extract

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

//go:embed data/towns.tsv
var townsTSV string

// townTable maps a folded town name to the countries that have a town of
// that name, from data/towns.tsv (GeoNames, see data/README.md). Towns are
// read only where a sentence sets its meeting "in" or "at" one and only
// one of the meeting's countries has a town of that name: the table is too
// large to read every capitalised word against.
var townTable = sync.OnceValue(func() map[string][]string {
	out := map[string][]string{}
	for _, ln := range strings.Split(townsTSV, "\n") {
		code, list, ok := strings.Cut(ln, "\t")
		if !ok || strings.HasPrefix(ln, "#") {
			continue
		}
		for _, n := range strings.Split(list, "|") {
			key := strings.Join(foldWords(n), " ")
			if key == "" || len(out[key]) > 0 && out[key][len(out[key])-1] == code {
				continue
			}
			out[key] = append(out[key], code)
		}
	}
	return out
})

// maxTownWords is the most words a town's name is looked up with.
const maxTownWords = 4

// townIn returns the one country of codes in which sentence s sets
// something "in <Town>" or "at <Town>", for a city of the country table or
// a town of the towns table: "met his Swedish counterpart in Visby", "was
// held in Vanderbijlpark". A town of that name in none or in two of the
// countries gives nothing.
func (d *doc) townIn(s int, codes []string) string {
	if len(codes) == 0 {
		return ""
	}
	T := d.st(s)
	towns := townTable()
	for k := 0; k+1 < len(T); k++ {
		if T[k].kind != 'w' || T[k].low != "in" && T[k].low != "at" {
			continue
		}
		i := k + 1
		if d.cmask[s][i] == "@" {
			for _, c := range d.cityM[s] {
				if c.i == i && slices.Contains(codes, c.code) {
					return c.code // a city of the country table
				}
			}
			continue
		}
		if !T[i].cap || T[i].kind != 'w' || d.cmask[s][i] != "" {
			continue
		}
		var words []string
		var ends []int
		for j := i; j < len(T) && len(words) < maxTownWords; j++ {
			if T[j].kind == 'p' {
				if T[j].isDash() && !T[j].sp && len(words) > 0 && j+1 < len(T) && T[j+1].kind == 'w' {
					continue
				}
				break
			}
			if T[j].kind != 'w' || !T[j].cap {
				break
			}
			words = append(words, T[j].low)
			ends = append(ends, j+1)
		}
		for n := len(words); n >= 1; n-- {
			cands, ok := towns[strings.Join(words[:n], " ")]
			if !ok {
				continue
			}
			e := ends[n-1]
			if e < len(T) && (T[e].kind == 'w' && T[e].cap || T[e].s == "'s") {
				break // a longer name ("in Kalmar Castle") or an owner
			}
			hit := ""
			for _, c := range cands {
				for _, x := range codes {
					if c == x && hit != c {
						if hit != "" {
							return ""
						}
						hit = c
					}
				}
			}
			if hit != "" {
				return hit
			}
			break
		}
	}
	return ""
}

// codes returns the countries of a meeting's delegations.
func (m *meetingDraft) codes() []string {
	out := make([]string, 0, len(m.dlgs))
	for _, x := range m.dlgs {
		out = append(out, x.code)
	}
	return out
}
