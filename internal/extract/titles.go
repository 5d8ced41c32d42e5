package extract

import (
	"slices"
	"strings"
)

// rankBefore finds a rank ending just before token k; it returns the
// canonical rank and the rank's first token.
func (d *doc) rankBefore(s, k int) (string, int) {
	T := d.st(s)
	var idx []int
	for i := k - 1; i >= 0 && len(idx) < maxRankWords; i-- {
		t := T[i]
		if t.kind == 'p' {
			if (t.is(".") || t.isDash()) && !t.sp {
				continue
			}
			break
		}
		if t.kind == 'n' && !(t.low == "1st" || t.low == "2nd") {
			break
		}
		idx = append(idx, i)
	}
	for n := len(idx); n >= 1; n-- {
		ws := make([]string, n)
		for m := 0; m < n; m++ {
			ws[n-1-m] = T[idx[m]].low
		}
		if r, ok := ranks[strings.Join(ws, " ")]; ok && T[idx[n-1]].cap {
			st := idx[n-1]
			if n > 1 && st > 0 && (ws[0] == "army" || ws[0] == "air") && T[st-1].kind == 'w' && T[st-1].cap &&
				(d.isCountryTok(s, st-1) || positionWords[T[st-1].low]) {
				continue // "Bangladesh Army General ...": the army is the position's
			}
			return r, st
		}
	}
	return "", k
}

// rankAt reports whether a rank starts at token k and a name follows it.
func (d *doc) rankAt(s, k int) bool {
	T := d.st(s)
	for e := k + 1; e <= len(T) && e <= k+maxRankWords*2; e++ {
		if r, rs := d.rankBefore(s, e); r != "" && rs == k && (d.isNameWord(s, e) || d.isInitial(s, e)) {
			return true
		}
	}
	return false
}

// honorificBefore finds an honorific ("Mr.", "H.E.", "His Excellency")
// ending just before token k and returns its start, or -1.
func (d *doc) honorificBefore(s, k int) int {
	T := d.st(s)
	i := k - 1
	if i >= 0 && T[i].is(".") && !T[i].sp {
		i--
	}
	if i < 0 || T[i].kind != 'w' || !T[i].cap {
		return -1
	}
	if honorifics[T[i].low] {
		for _, p := range honorificPhrases {
			ws := strings.Fields(p)
			st := i - len(ws) + 1
			if st >= 0 && lowWords(T, st, ws...) && T[st].cap {
				return st
			}
		}
		return i
	}
	// H.E.
	if T[i].s == "E" && i >= 2 && T[i-1].is(".") && T[i-2].s == "H" {
		return i - 2
	}
	return -1
}

func (d *doc) honorificAt(s, k int) bool {
	T := d.st(s)
	for e := k + 1; e <= len(T) && e <= k+4; e++ {
		if d.honorificBefore(s, e) == k {
			return true
		}
	}
	return false
}

// posTok reports whether token i may stand inside a position.
func (d *doc) posTok(s, i int) bool {
	T := d.st(s)
	t := T[i]
	if d.isCountryTok(s, i) {
		return true // "U.S." with its dots
	}
	switch t.kind {
	case 'p':
		if t.s == "'s" {
			return i > 0 && i+1 < len(T) && T[i-1].kind == 'w' && T[i-1].cap && d.posTok(s, i-1) && d.posTok(s, i+1)
		}
		return (t.isDash() && t.sp) || t.s == "&" || ((t.s == "(" || t.s == ")") && d.parenAbbr(s, i)) || (t.isDash() && !t.sp && i+1 < len(T) && !T[i+1].sp)
	case 'n':
		return false
	}
	if d.isCountryTok(s, i) {
		return true
	}
	if !t.cap {
		return connectors[t.low] || lowerPositionHeads[t.low] || lowerPositionMods[t.low]
	}
	if t.upper && len(t.s) <= 6 {
		return true
	}
	return positionWords[t.low] || positionHeads[t.low] || positionStarts[t.low]
}

// parenAbbr reports whether the bracket at i belongs to "(ABBR)".
func (d *doc) parenAbbr(s, i int) bool {
	T := d.st(s)
	if T[i].s == "(" {
		return i+2 < len(T) && T[i+1].upper && T[i+2].s == ")"
	}
	return i >= 2 && T[i-1].upper && T[i-2].s == "("
}

func (d *doc) validPosStart(s, i int) bool {
	T := d.st(s)
	t := T[i]
	if t.kind != 'w' {
		return false
	}
	if d.isCountryTok(s, i) {
		return true
	}
	if !t.cap {
		return lowerPositionHeads[t.low] || lowerPositionMods[t.low]
	}
	if t.upper && len(t.s) <= 6 {
		return i+1 < len(T) && T[i+1].kind == 'w' && (positionHeads[T[i+1].low] || positionStarts[T[i+1].low])
	}
	return positionStarts[t.low] || positionHeads[t.low]
}

func (d *doc) hasHead(s, b, e int) bool {
	T := d.st(s)
	for i := b; i <= e && i < len(T); i++ {
		if T[i].kind == 'w' && positionHeads[T[i].low] && (T[i].cap || lowerPositionHeads[T[i].low]) {
			return true
		}
	}
	return false
}

func isConnTok(t tok) bool { return (t.kind == 'w' && !t.cap && connectors[t.low]) || t.s == "&" }

// posChunkBack finds a position ending at token j.
func (d *doc) posChunkBack(s, j int) (int, int, bool) {
	T := d.st(s)
	if j < 0 || j >= len(T) || !d.posTok(s, j) || isConnTok(T[j]) || T[j].isDash() {
		return 0, 0, false
	}
	b := j
	for b-1 >= 0 && d.posTok(s, b-1) {
		b--
	}
	for b <= j && !d.validPosStart(s, b) {
		b++
	}
	if b > j || !d.hasHead(s, b, j) {
		return 0, 0, false
	}
	return b, j, true
}

// positionBefore finds the position written before a person's rank or name
// at token k, with or without a comma between, and the chunks of a double
// position ("First Deputy Minister ..., Chief of the General Staff ...").
func (d *doc) positionBefore(s, k int) (int, int, bool) {
	T := d.st(s)
	j := k - 1
	comma := false
	if j >= 0 && T[j].is(",") {
		j--
		comma = true
	}
	b, e, ok := d.posChunkBack(s, j)
	if !ok && comma {
		// "Deputy Assistant Secretary for Russia, Ukraine, Eurasia, X": a
		// list of places ends the title
		i := j
		for n := 0; n < 4 && i >= 0; n++ {
			w := 0
			for i >= 0 && T[i].kind == 'w' && T[i].cap && w < 3 {
				i--
				w++
			}
			if w == 0 || i < 1 || !T[i].is(",") {
				break
			}
			if b2, _, ok2 := d.posChunkBack(s, i-1); ok2 {
				b, e, ok = b2, j, true
				break
			}
			i--
		}
	}
	if !ok {
		return 0, 0, false
	}
	if comma && d.openingClause(s, b) {
		// "Before the talks with the Defence Minister, X inspected": the
		// title belongs to the opening clause's object
		return 0, 0, false
	}
	for n := 0; n < 2; n++ {
		if b-2 >= 0 && T[b-1].is(",") {
			if b2, _, ok2 := d.posChunkBack(s, b-2); ok2 {
				b = b2
				continue
			}
		}
		break
	}
	return b, e, true
}

// positionAfter finds an appositive position after a name: ", Minister of
// Defence of ...".
func (d *doc) positionAfter(s, e int) (int, int, bool) {
	T := d.st(s)
	if e >= len(T) || !T[e].is(",") {
		return 0, 0, false
	}
	b := e + 1
	if b < len(T) && T[b].low == "the" && !T[b].cap {
		b++
	}
	if b >= len(T) || !d.validPosStart(s, b) {
		return 0, 0, false
	}
	f := b
	for f+1 < len(T) && d.posTok(s, f+1) {
		f++
	}
	for f > b && (isConnTok(T[f]) || T[f].isDash() || T[f].s == "(") {
		f--
	}
	if !d.hasHead(s, b, f) {
		return 0, 0, false
	}
	if f+2 < len(T) && T[f+1].is(",") && d.personAt(s, f+2) {
		return 0, 0, false // it is the next person's position
	}
	return b, f, true
}

var officialFormWords = setOf("the", "of", "republic", "islamic", "kingdom", "federal", "peoples", "democratic",
	"socialist", "arab", "hashemite", "state", "sultanate", "united", "federation", "grand", "duchy",
	"principality", "commonwealth")

// countryOfSpan returns the first country of tokens [b, e] that is not a
// destination ("Ambassador of A to B", "attache of A in B").
func (d *doc) countryOfSpan(s, b, e int) string {
	T := d.st(s)
	for _, c := range d.ctry[s] {
		if c.i < b || c.i > e {
			continue
		}
		k := c.i - 1
		for k >= b && T[k].kind == 'w' && officialFormWords[T[k].low] {
			k--
		}
		if k >= 0 && T[k].kind == 'w' && !T[k].cap {
			switch T[k].low {
			case "to", "in", "at", "with", "from", "between", "on":
				continue
			}
		}
		return c.code
	}
	return ""
}

// positionCountries are positions that name one country's office without
// saying so.
var positionCountries = map[string]string{
	"secretary of defense": "US", "deputy secretary of defense": "US", "secretary of war": "US",

	"secretary of the army": "US", "secretary of the navy": "US", "secretary of the air force": "US",
	"under secretary of defense for policy": "US", "pentagon press secretary": "US",
	"secretary of state for defence": "GB", "chairman joint chiefs of staff committee": "PK",
}

// setPosition fills the position text, country and abbreviation from the
// position tokens.
func (d *doc) setPosition(m *pmention) {
	s := m.sent
	T := d.st(s)
	b, e := m.posI, m.posJ
	// a leading adjective of country: "Pakistani Defence Minister"
	for b <= e && d.isCountryTok(s, b) {
		c, _ := d.countryIn(s, b)
		if m.country == "" {
			m.country, m.ccf, m.lead = c.code, 0.85, true
		}
		b = c.j
	}
	for b <= e && (T[b].s == "'s" || T[b].kind == 'w' && (T[b].low == "the" || T[b].low == "a")) {
		b++
	}
	// a trailing "(COAS)"
	if e-2 >= b && T[e].s == ")" && T[e-1].upper && T[e-2].s == "(" {
		m.abbr = T[e-1].s
		e -= 3
	}
	for e > b && (isConnTok(T[e]) || T[e].isDash()) {
		e--
	}
	if b > e {
		return
	}
	m.pos = cleanValue(d.text[T[b].start:T[e].end])
	if cs := d.pluralTitle(s, m.posI, m.posJ); len(cs) >= 2 {
		m.plural, m.country, m.ccf = cs, cs[0], 0.85
		m.pos = d.singularTitle(s, m.posI, m.posJ)
		return
	} else if len(cs) == 1 && pluralHeads[T[e].low] != "" {
		m.plural1 = true // "the Omani commanders X and Y"
		m.pos = d.singularTitle(s, b, e)
	}
	if c := d.countryOfSpan(s, b, e); c != "" && m.country == "" {
		m.country, m.ccf = c, 0.9
	}
	if m.country == "" {
		key := strings.Join(foldWords(m.pos), " ")
		if m.abbr != "" {
			if c := positionCountries[key+" "+strings.ToLower(m.abbr)]; c != "" {
				m.country, m.ccf = c, 0.6
			}
		}
		if c := positionCountries[key]; c != "" && m.country == "" {
			m.country, m.ccf = c, 0.6
		}
	}
}

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
	end := max(m.j, m.e1)
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
var subordinators = setOf("before", "after", "while", "following", "upon", "during", "having", "when", "prior", "ahead")

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
