package extract

import (
	"slices"
	"strings"
)

// pluralHeads are the plural nouns of titles shared by several people.
var pluralHeads = map[string]string{"ministers": "Minister", "chiefs": "Chief", "secretaries": "Secretary",
	"commanders": "Commander", "heads": "Head", "chairmen": "Chairman", "directors": "Director"}

// pluralTitle returns the countries of a title in the plural that names
// several ("Azerbaijani and Georgian Defence Ministers", "Defence Ministers
// of Kyrgyzstan and Russia"), in order.
func (d *doc) pluralTitle(s, b, e int) []string {
	T := d.st(s)
	plural := false
	for k := b; k <= e && k < len(T); k++ {
		if T[k].kind == 'w' && pluralHeads[T[k].low] != "" {
			plural = true
		}
	}
	if !plural {
		return nil
	}
	var cs []string
	for _, c := range d.ctry[s] {
		if c.i >= b && c.i <= e && !slices.Contains(cs, c.code) {
			cs = append(cs, c.code)
		}
	}
	return cs
}

// singularTitle writes a plural title for one of its holders: the title
// without its countries, its noun in the singular ("Defence Minister").
func (d *doc) singularTitle(s, b, e int) string {
	T := d.st(s)
	var ws []string
	for k := b; k <= e && k < len(T); k++ {
		t := T[k]
		if d.isCountryTok(s, k) || t.kind == 'p' {
			continue
		}
		if t.low == "and" || t.low == "of" || t.low == "the" {
			// only between words of the title, not before its countries
			if k+1 <= e && !d.isCountryTok(s, k+1) && T[k+1].low != "the" && len(ws) > 0 {
				ws = append(ws, t.s)
			}
			continue
		}
		if sg := pluralHeads[t.low]; sg != "" {
			ws = append(ws, sg)
			continue
		}
		ws = append(ws, t.s)
	}
	return strings.Join(ws, " ")
}

// respectively gives each of two people named after a plural title the
// country of the title in the same order: "the Defence Ministers of A and
// B, X and Y" makes X of A and Y of B.
func (d *doc) respectively() {
	for n := 0; n+1 < len(d.people); n++ {
		m := &d.people[n]
		if len(m.plural) < 2 {
			continue
		}
		o := &d.people[n+1]
		if !d.joined(m, o) {
			continue
		}
		o.country, o.ccf = m.plural[1], 0.85
		if o.pos == "" {
			o.pos = m.pos
			o.posI, o.posJ = m.posI, m.posJ
		}
		o.strong = true
	}
}

// joined reports whether mention o follows m after "and": "X and Y".
func (d *doc) joined(m, o *pmention) bool {
	T := d.st(m.sent)
	end := photoMark(T, max(m.j, m.e1, m.ofE))
	return o.sent == m.sent && o.s0 == end+1 && end < len(T) && (T[end].low == "and" || T[end].s == "&")
}

// coordinated gives the second of two people joined by "and" the country
// of the first when the first's title names it and the second's does not:
// "Peru's Foreign Minister X and Defence Minister Y" (a second title of the
// same kind would be the other side's), "their Chilean counterparts X and
// Y", "the Omani commanders X and Y".
func (d *doc) coordinated() {
	for n := 0; n+1 < len(d.people); n++ {
		m, o := &d.people[n], &d.people[n+1]
		if m.prank && d.joined(m, o) && o.rank == "" && o.posI < 0 {
			// "Lieutenant Generals X and Y (of A)"
			o.strong, o.rank = true, m.rank
			if m.country == "" && o.ofC != "" {
				m.country, m.ccf = o.ofC, 0.8
			}
			if o.country == "" && m.country != "" {
				o.country, o.ccf = m.country, m.ccf
			}
			continue
		}
		if m.strong && o.country == "" && o.ofC != "" && m.ofC != "" && d.joined(m, o) {
			// "the ministers, X of A and Y of B"
			o.country, o.ccf, o.strong = o.ofC, 0.8, true
			continue
		}
		if m.country == "" || o.country != "" || len(m.plural) >= 2 || !d.joined(m, o) || o.rank != "" && o.posI < 0 && !m.plural1 {
			continue
		}
		switch {
		case m.plural1 && o.posI < 0:
			o.country, o.ccf, o.strong = m.country, m.ccf*0.95, true
			if o.pos == "" {
				o.pos, o.posI, o.posJ = m.pos, m.posI, m.posJ
			}
		case o.posI >= 0 && m.posI >= 0 && !m.posAfter && !o.posAfter && m.lead &&
			!strings.EqualFold(strings.Join(foldWords(o.pos), " "), strings.Join(foldWords(m.pos), " ")):
			o.country, o.ccf = m.country, m.ccf*0.95
		}
	}
}

// subordinators open a clause before a sentence's subject.
var subordinators = setOf("before", "after", "while", "following", "upon", "during", "having", "when", "prior", "ahead",
	// prepositional openings: "In addition to the Malaysian minister, X welcomed"
	"in", "besides", "apart", "aside", "along", "alongside", "together", "unlike", "like", "beyond")

// openingClause reports whether token b lies in an opening subordinate
// clause ("Before initiating the talks with ..., X inspected") after a
// preposition: a title there is the clause's, not the subject's.
func (d *doc) openingClause(s, b int) bool {
	T := d.st(s)
	if len(T) == 0 || !subordinators[T[0].low] {
		return false
	}
	k := b - 1
	for k >= 0 && T[k].kind == 'w' && (T[k].low == "the" || T[k].low == "his" || T[k].low == "her") {
		k--
	}
	return k >= 0 && T[k].kind == 'w' && (T[k].low == "with" || T[k].low == "to" || T[k].low == "by" || T[k].low == "from")
}

// counterparts makes the subject of "X hosted his Azerbaijani counterpart,
// Y" a principal as Y is, though X is named bare, and gives X the position
// Y holds when Y's is written without a country ("Defence Minister").
func (d *doc) counterparts() {
	for n := range d.people {
		m := &d.people[n]
		if !m.counterpart {
			continue
		}
		for k := n - 1; k >= 0 && d.people[k].sent == m.sent; k-- {
			p := &d.people[k]
			if p.title || p.strong && p.posI >= 0 {
				break
			}
			if k > 0 && d.people[k-1].sent == m.sent {
				continue // the subject is the sentence's first person
			}
			T := d.st(m.sent)
			if findWord(T, p.j, m.s0, "his", "her", "their") < 0 {
				break
			}
			p.strong = true
			if p.pos == "" && m.pos != "" && m.posI >= 0 && d.countryOfSpan(m.sent, m.posI, m.posJ) == "" && !d.isCountryTok(m.sent, m.posI) {
				p.pos = m.pos
			}
		}
	}
}

// listCueWords open a list of a delegation's or a government's members.
var listCueWords = setOf("included", "includes", "including", "comprised", "comprising", "consisted", "composed")

// groupNouns name a body of people a country sends or has.
var groupNouns = setOf("delegation", "delegations", "officials", "side", "government", "team", "officers",
	"members", "representatives", "guests", "party")

// listCountries gives the people listed after "The Armenian delegation
// included ..." or "officials of the Japanese government, including ...",
// or named after "the Omani side (was chaired) by", the country of the
// group, where their own titles name none.
func (d *doc) listCountries() {
	for n := 0; n < len(d.people); {
		s := d.people[n].sent
		end := n
		for end < len(d.people) && d.people[end].sent == s {
			end++
		}
		for k := n; k < end; k++ {
			m := &d.people[k]
			if m.country != "" {
				continue
			}
			if c := d.ledByCountry(m); c != "" {
				m.country, m.ccf = c, 0.8 // "an Ethiopian delegation led by General X"
			}
		}
		if c := d.leadingGroup(s); c != "" {
			// "Leading the delegation from the Brazilian Army, General X"
			for k := n; k < end; k++ {
				if m := &d.people[k]; m.country == "" && (m.rank != "" || m.posI >= 0 && m.words >= 2) {
					m.country, m.ccf = c, 0.75
					break
				}
			}
		}
		if cues := d.listCues(s); len(cues) > 0 {
			for k := n; k < end; k++ {
				m := &d.people[k]
				if m.country != "" || !(m.rank != "" || m.hon || m.posI >= 0) {
					continue
				}
				c := ""
				for _, cu := range cues {
					if cu.i < m.i {
						c = cu.c
					}
				}
				if c != "" {
					m.country, m.ccf = c, 0.75
				}
			}
		}
		n = end
	}
}

// listCue is a word that opens a list of a group's people, and the group's
// country.
type listCue struct {
	i int
	c string
}

// listCues returns the list cues of sentence s whose group names one
// country: "the Armenian delegation included", "the Omani side by".
func (d *doc) listCues(s int) []listCue {
	T := d.st(s)
	var out []listCue
	for i, t := range T {
		if t.kind != 'w' || t.cap || !(listCueWords[t.low] || t.low == "by") {
			continue
		}
		back := 12
		if t.low == "by" {
			back = 4
		}
		for k := i - 1; k >= 0 && k >= i-back && !T[k].is(";"); k-- {
			if T[k].kind == 'w' && groupNouns[T[k].low] {
				if c := d.groupCountry(s, k); c != "" {
					out = append(out, listCue{i, c})
				}
				break
			}
		}
	}
	return out
}

// groupCountry returns the one country of the group noun at token k: "the
// Armenian delegation", "officials of the Japanese government", "the
// delegation of Georgia".
func (d *doc) groupCountry(s, k int) string {
	T := d.st(s)
	var cs []string
	add := func(c string) {
		if !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	for b := k - 1; b >= 0 && b >= k-3; b-- {
		if c, ok := d.countryIn(s, b); ok {
			add(c.code)
			break
		}
		if T[b].kind != 'w' || !(delegationMods[T[b].low] || T[b].low == "senior") {
			break
		}
	}
	for f := k + 1; f < len(T) && f <= k+6; f++ {
		if c, ok := d.countryIn(s, f); ok {
			add(c.code)
			f = c.j - 1
			continue
		}
		if T[f].kind != 'w' || !(connectors[T[f].low] || positionWords[T[f].low] || T[f].low == "government" || T[f].low == "from") {
			break
		}
	}
	if len(cs) == 1 {
		return cs[0]
	}
	return ""
}

// ledByCountry returns the one country of the group a person leads: "the
// Ethiopian delegation led by General X", "a delegation of the Ministry of
// Defence of Georgia headed by X".
func (d *doc) ledByCountry(m *pmention) string {
	T := d.st(m.sent)
	k := m.s0 - 1
	for k >= 0 && T[k].kind == 'w' && (T[k].low == "the" || T[k].low == "his" || T[k].low == "her") {
		k--
	}
	if k < 1 || T[k].low != "by" || !(T[k-1].low == "led" || T[k-1].low == "headed") {
		return ""
	}
	k -= 2
	for _, dm := range d.delegationsIn(m.sent) {
		// "the Estonian delegation (was) led by"
		if dm.i <= k && dm.i >= k-3 && len(dm.codes) == 1 && (dm.ledBy || T[dm.i+1].kind == 'w' && !T[dm.i+1].cap) {
			return dm.codes[0]
		}
		// "a delegation of the Republic of Kazakhstan headed by"
		if len(dm.codes) == 1 && dm.i < k && d.ofCountryEnds(m.sent, dm.i+1, k) {
			return dm.codes[0]
		}
	}
	return ""
}

// listedPosition reports whether the position [b, e] written between
// commas before the mention at k belongs to the person named before it, in
// a list of ranked people each followed by their position ("Lt Gen A, Chief
// of Staff (SAF), Maj Gen B, Commander of the Army, Air Vice Marshal C"),
// and if so gives it to that person.
func (d *doc) listedPosition(m *pmention, b, e, k int) bool {
	T := d.st(m.sent)
	n := len(d.people)
	if n == 0 || m.rank == "" || b < 2 || !T[b-1].is(",") || !T[k-1].is(",") || k-1 != e+1 {
		return false
	}
	p := &d.people[n-1]
	if p.sent != m.sent || p.posI >= 0 || p.rank == "" && !p.hon || d.skipPostnominals(m.sent, p.j) != b-1 {
		return false
	}
	p.posI, p.posJ, p.posAfter = b, e, true
	p.e1 = e + 1
	d.setPosition(p)
	return true
}

// leadingGroup returns the one country of the group a sentence opens by
// leading: "Leading the visiting delegation from the Brazilian Armed
// Forces, ...", or "".
func (d *doc) leadingGroup(s int) string {
	T := d.st(s)
	if len(T) < 3 || T[0].kind != 'w' || (T[0].low != "leading" && T[0].low != "heading") {
		return ""
	}
	for k := 1; k < len(T) && k <= 4; k++ {
		if T[k].kind == 'w' && groupNouns[T[k].low] {
			return d.groupCountry(s, k)
		}
	}
	return ""
}

// photoWords are the words of a caption's mark of where a person stands in
// a photo: "(right)", "(2nd R)", "(L)", "(centre)".
var photoWords = setOf("left", "right", "l", "r", "c", "center", "centre", "middle", "front", "back", "second",
	"third", "fourth", "1st", "2nd", "3rd", "4th", "from", "row", "top", "bottom", "standing", "seated")

// photoMark steps over a caption's mark of a photo's place written after a
// name and returns the token after it, or e when there is none.
func photoMark(T []tok, e int) int {
	if e >= len(T) || !T[e].is("(") {
		return e
	}
	for k := e + 1; k < len(T) && k <= e+4; k++ {
		if T[k].is(")") {
			if k > e+1 {
				return k + 1
			}
			return e
		}
		if T[k].kind == 'p' || !photoWords[T[k].low] {
			return e
		}
	}
	return e
}

// ofCountryEnds reports whether tokens [i, k] are "of" or "from" and the
// name of a country, with the words of its official form or of a ministry
// ("of the Ministry of Defence of the Republic of X"), the country's name
// ending at k.
func (d *doc) ofCountryEnds(s, i, k int) bool {
	T := d.st(s)
	if k-i > 14 || T[i].low != "of" && T[i].low != "from" {
		return false
	}
	c, ok := d.countryIn(s, k)
	if !ok || c.j != k+1 || c.adj {
		return false
	}
	for n := i + 1; n < c.i; n++ {
		if t := T[n]; t.kind != 'w' || !officialFormWords[t.low] && !positionWords[t.low] {
			return false
		}
	}
	return true
}
