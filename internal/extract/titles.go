package extract

import (
	"strings"
	"unicode/utf8"
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
		if t.kind == 'n' && !(t.low == "1st" || t.low == "2nd" || t.low == "3rd") {
			break
		}
		idx = append(idx, i)
	}
	for n := len(idx); n >= 1; n-- {
		ws := make([]string, n)
		for m := 0; m < n; m++ {
			ws[n-1-m] = T[idx[m]].low
		}
		if r, ok := ranks[strings.Join(ws, " ")]; ok && (T[idx[n-1]].cap || n > 1 && lowerRank(T, idx[n-1], k)) {
			st := idx[n-1]
			if n > 1 && st > 0 && ws[0] == "army" && T[st-1].kind == 'w' && T[st-1].cap &&
				(d.isCountryTok(s, st-1) || positionWords[T[st-1].low]) {
				continue // "Bangladesh Army General ...": the army is the position's
			}
			if n == 1 && r == "General" && generalTitle(T, st) {
				return "", k // "Director General X", "Secretary-General X": a title
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
	if i >= 1 && (T[i].is(".") || T[i].isQuote() && T[i].s != "\"") && !T[i].sp {
		i-- // "Mr.", "Dato'"
	}
	if i < 0 || T[i].kind != 'w' || !T[i].cap {
		return -1
	}
	if royalTitles[T[i].low] {
		// "His Majesty Sultan X": a ruler's title after an honorific
		return d.honorificBefore(s, i)
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

// royalTitles are rulers' titles, honorifics when an honorific precedes
// them ("His Majesty Sultan", "His Highness Emir") and names elsewhere.
var royalTitles = setOf("sultan", "emir", "amir", "king", "queen", "shah")

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
		return ordinal(t.low) // "the 1st Infantry Division"
	}
	if d.isCountryTok(s, i) {
		return true
	}
	if !t.cap {
		if connectors[t.low] || lowerPositionHeads[t.low] || lowerPositionMods[t.low] {
			return true
		}
		// "the head of the Dutch government", "chief of the general staff":
		// a body's noun in lower case after "of", a country or another
		// word of the title
		if positionWords[t.low] && i > 0 {
			p := T[i-1]
			return p.kind == 'w' && (connectors[p.low] && p.low != "and" || d.isCountryTok(s, i-1) ||
				!p.cap && (positionWords[p.low] || lowerPositionHeads[p.low] || lowerPositionMods[p.low]))
		}
		return false
	}
	if t.upper && (len(t.s) <= 6 || len(t.s) <= 10 && i > 0 && i+1 < len(T) && T[i-1].s == "(" && T[i+1].s == ")") {
		return true // "(CENTCOM)"
	}
	return positionWords[t.low] || positionHeads[t.low] || positionStarts[t.low]
}

// parenAbbr reports whether the bracket at i belongs to "(ABBR)".
func (d *doc) parenAbbr(s, i int) bool {
	T := d.st(s)
	if T[i].s == "(" {
		return i+2 < len(T) && abbrTok(T[i+1]) && T[i+2].s == ")"
	}
	return i >= 2 && abbrTok(T[i-1]) && T[i-2].s == "("
}

// abbrTok reports whether a token is an abbreviation: all capitals
// ("COAS"), or a short word with two capitals or more ("MoD", "MoFA").
func abbrTok(t tok) bool {
	if t.upper {
		return true
	}
	if t.kind != 'w' || !t.cap || len(t.s) > 6 {
		return false
	}
	n := 0
	for _, r := range t.s {
		if r >= 'A' && r <= 'Z' {
			n++
		}
	}
	return n >= 2
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
	if comma && d.openingClause(s, b) && !setOff(T, k) {
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

// titleDescriptors may stand between "the" and a position after a name.
var titleDescriptors = setOf("newly", "appointed", "new", "outgoing", "incoming", "visiting", "current", "then",
	"recently", "designate", "elected", "serving")

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
	for b+1 < len(T) && T[b].kind == 'w' && !T[b].cap && titleDescriptors[T[b].low] {
		b++ // "the newly appointed Defence Attaché"
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
	// "UK Ambassador to the Sultanate and the delegation accompanying":
	// what follows the last "and" without a head of its own is no part
	for a := f; a > b; a-- {
		if T[a].kind == 'w' && T[a].low == "and" && !T[a].cap {
			n := a + 1
			if n < f && T[n].low == "the" {
				n++
			}
			if !d.hasHead(s, a+1, f) && T[n].kind == 'w' && !T[n].cap {
				f = a - 1
				for f > b && (isConnTok(T[f]) || T[f].isDash()) {
					f--
				}
			}
			break
		}
	}
	if !d.hasHead(s, b, f) {
		return 0, 0, false
	}
	if f+2 < len(T) && T[f+1].is(",") && d.personAt(s, f+2) || f+1 < len(T) && T[f+1].sp && d.personAt(s, f+1) {
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
	// titles in a country's own language that English reports keep
	"raksha mantri": "IN", "rajya raksha mantri": "IN",
}

// usServiceSecretary reports whether a folded position is one of the
// civilian secretaries of the US military departments or their deputies:
// "Under Secretary of the Navy", "Deputy Assistant Secretary of the Air
// Force for ...", "Assistant Secretary of Defense for ...".
func usServiceSecretary(key string) bool {
	w := strings.Fields(key)
	n := 0
	for n < len(w) && (w[n] == "deputy" || w[n] == "under" || w[n] == "assistant" || w[n] == "principal" || w[n] == "acting") {
		n++
	}
	if n == 0 || n == len(w) || w[n] != "secretary" {
		return false
	}
	rest := strings.Join(w[n+1:], " ") + " "
	for _, p := range []string{"of the army ", "of the navy ", "of the air force ", "of defense "} {
		if strings.HasPrefix(rest, p) {
			return true
		}
	}
	return false
}

// setPosition fills the position text, country and abbreviation from the
// position tokens.
func (d *doc) setPosition(m *pmention) {
	if m.country == "" {
		defer func() { m.posC = m.country != "" }()
	}
	s := m.sent
	T := d.st(s)
	b, e := m.posI, m.posJ
	// a leading adjective of country: "Pakistani Defence Minister"
	lead := ""
	for b <= e && d.isCountryTok(s, b) {
		c, _ := d.countryIn(s, b)
		if lead == "" {
			lead = c.code
		}
		b = c.j
	}
	if b <= e && isConnTok(T[b]) && b+1 <= e && !d.isCountryTok(s, b+1) {
		// "X of Estonia and Defence Minister Y": the country ends the
		// previous person's phrase
		lead = ""
		for b <= e && isConnTok(T[b]) {
			b++
		}
		m.posI = b
	}
	if lead != "" && m.country == "" {
		m.country, m.ccf, m.lead = lead, 0.85, true
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
		if m.country == "" && usServiceSecretary(key) {
			m.country, m.ccf = "US", 0.6
		}
	}
}

// ordinal reports whether a folded token is an ordinal number: "1st", "22nd".
func ordinal(w string) bool {
	n := len(w)
	if n < 3 || w[0] < '0' || w[0] > '9' {
		return false
	}
	switch w[n-2:] {
	case "st", "nd", "rd", "th":
		return strings.Trim(w[:n-2], "0123456789") == ""
	}
	return false
}

// positionOverGap finds a position that ends a few words before token k,
// the words between being a rank or title the vocabulary lacks ("Chief of
// Defence Staff Général d'armée X"): capitalised words that are no name's,
// or words with an apostrophe. The position is kept; the gap is left out.
func (d *doc) positionOverGap(s, k int) (int, int, bool) {
	T := d.st(s)
	for gap := 1; gap <= 3 && k-gap-1 >= 0; gap++ {
		t := T[k-gap]
		if t.kind != 'w' || !(t.cap && !d.isNameWord(s, k-gap) || strings.ContainsAny(t.s, "'’")) || d.isCountryTok(s, k-gap) {
			return 0, 0, false
		}
		if positionHeads[t.low] || positionWords[t.low] || positionStarts[t.low] {
			return 0, 0, false // part of a position that did not parse
		}
		if b, e, ok := d.positionBefore(s, k-gap); ok && !T[k-gap-1].is(",") {
			return b, e, true
		}
	}
	return 0, 0, false
}

// titleAbbr reports whether token i is a title's abbreviation in capitals
// ("CDF", "COAS"): not a country, an outlet or an honour.
func (d *doc) titleAbbr(s, i int) bool {
	T := d.st(s)
	t := T[i]
	n := utf8.RuneCountInString(t.s)
	return t.kind == 'w' && t.upper && n >= 2 && n <= 5 && d.cmask[s][i] == "" && outletForms[t.low] == "" &&
		!postnominals[t.low] && !retiredMarks[t.low]
}

// generalHeads are the nouns that "General" follows in a civil title
// rather than stands as a rank: "Director General", "Secretary-General",
// "Inspector General", "Attorney General".
var generalHeads = setOf("secretary", "director", "inspector", "attorney", "consul", "governor", "surgeon",
	"solicitor", "auditor", "prosecutor", "procurator", "commissioner", "controller", "comptroller", "postmaster",
	"advocate", "paymaster", "registrar", "accountant", "receiver", "vicar", "superior")

// generalTitle reports whether the "General" at token st ends a civil
// title begun by the word before it, written apart or hyphenated.
func generalTitle(T []tok, st int) bool {
	k := st - 1
	if k >= 0 && T[k].isDash() && !T[k].sp && !T[st].sp {
		k--
	}
	return k >= 0 && T[k].kind == 'w' && T[k].cap && generalHeads[T[k].low]
}

// setOff reports whether the title, rank and name that start at token k are
// set off by a comma after them, as an apposition is ("with the Minister
// of Defense, X, and the Chief of Staff, Y, Z discussed"), rather than
// followed by a verb as a subject is.
func setOff(T []tok, k int) bool {
	for n := 0; k < len(T) && n < 10; k, n = k+1, n+1 {
		t := T[k]
		switch {
		case t.kind == 'w' && (t.cap || nameParticles[t.low]):
		case t.is(".") || t.isQuote() || t.isDash() && !t.sp:
		default:
			return n > 0 && t.is(",")
		}
	}
	return false
}

// lowerRank reports whether a rank of several words written in lower case
// from token st to k ("colonel-general", "major general") stands before a
// name, as translated reports write it: the name must follow at once.
func lowerRank(T []tok, st, k int) bool {
	return k < len(T) && T[k].kind == 'w' && T[k].cap && !T[st].cap && (st == 0 || !T[st-1].is("-"))
}
