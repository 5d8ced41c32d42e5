package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// pmention is a person named in a sentence.
type pmention struct {
	sent         int
	i, j         int // the name's tokens
	s0, e1       int // the whole mention: position, rank and name, and an appositive position
	written      string
	name         string // the full name once resolved
	rank         string
	hon          bool
	pos          string
	posI, posJ   int // the position's tokens, [posI, posJ]; -1 when none
	posAfter     bool
	abbr         string // "COAS" from "Chief of Army Staff (COAS)"
	country      string
	ccf          float64
	words, inits int
	strong       bool // named with a rank, honorific or position
	ok           bool
	title        bool     // not a person: a title before one ("Raksha Mantri Shri ...")
	plural       []string // the countries of a plural title, in order: "the Defence Ministers of A and B, X and Y"
	key          string   // the folded name
}

// entity is one person, gathering the mentions of their name.
type entity struct {
	name     string
	keys     []string
	surname  string
	country  string
	mentions []int
	anyC     string // the country of the first mention that has one
	anyCF    float64
	rank     string // the first rank and position any mention gives
	pos      string
	posS     int
}

func (d *doc) isNameWord(s, i int) bool {
	T := d.st(s)
	if i < 0 || i >= len(T) {
		return false
	}
	t := T[i]
	if t.kind != 'w' || !t.cap || t.upper || utf8.RuneCountInString(t.s) < 2 {
		return false
	}
	if d.cmask[s][i] != "" {
		return false
	}
	l := t.low
	if nameSuffixes[t.s] {
		return false
	}
	return !notNames[l] && !positionWords[l] && !positionHeads[l] && !positionStarts[l] && !rankWords[l] &&
		!honorifics[l] && monthNames[l] == 0 && !siteHeads[l]
}

func (d *doc) isInitial(s, i int) bool {
	T := d.st(s)
	if i+1 >= len(T) {
		return false
	}
	t := T[i]
	return t.kind == 'w' && t.cap && utf8.RuneCountInString(t.s) == 1 && T[i+1].is(".") && !T[i+1].sp
}

// placeFirstName reports whether the country or city named at token i is a
// first name: "Minister of Defense Israel Katz", "General Milan ...", a
// one-word place straight after a position, rank or honorific and followed
// by a surname.
func (d *doc) placeFirstName(s, i int) bool {
	T := d.st(s)
	if i == 0 || i+1 >= len(T) || d.cmask[s][i] == "" || d.cmask[s][i] == "-" || d.cmask[s][i+1] != "" || !d.isNameWord(s, i+1) {
		return false
	}
	if !T[i].cap || T[i].upper {
		return false
	}
	if c, ok := d.countryIn(s, i); ok {
		if c.adj || c.j != i+1 {
			return false
		}
	} else {
		one := false
		for _, c := range d.cityM[s] {
			if c.i == i && c.j == i+1 {
				one = true
			}
		}
		if !one {
			return false
		}
	}
	if r, _ := d.rankBefore(s, i); r != "" {
		return true
	}
	if d.honorificBefore(s, i) >= 0 {
		return true
	}
	_, _, ok := d.posChunkBack(s, i-1)
	return ok && !T[i-1].is(",")
}

// nameRun returns the end of the name starting at token i, and how many
// words and initials it has.
func (d *doc) nameRun(s, i int) (int, int, int) {
	T := d.st(s)
	j, words, inits := i, 0, 0
	for j < len(T) {
		if d.isInitial(s, j) && j+2 < len(T) && (d.isNameWord(s, j+2) || d.isInitial(s, j+2)) && words == 0 {
			j += 2
			inits++
			continue
		}
		if d.isNameWord(s, j) {
			words++
			j++
			for j+1 < len(T) && T[j].isDash() && !T[j].sp && !T[j+1].sp && T[j+1].kind == 'w' &&
				!notNames[T[j+1].low] && d.cmask[s][j+1] == "" {
				if T[j+1].cap {
					words++
				}
				j += 2
			}
			// a middle initial: "Lloyd J. Austin"
			if words > 0 && d.isInitial(s, j) && j+2 < len(T) && d.isNameWord(s, j+2) {
				j += 2
				inits++
			}
			continue
		}
		if words+inits > 0 && T[j].kind == 'w' && !T[j].cap && nameParticles[T[j].low] && d.isNameWord(s, j+1) {
			j++
			continue
		}
		// a nickname in quotes or brackets: Benjamin "Benny" Gantz, William (Chip) Laitinen
		if words > 0 && j+3 < len(T) && (T[j].isQuote() || T[j].s == "(") && d.isNameWord(s, j+1) &&
			(T[j+2].isQuote() || T[j+2].s == ")") && d.isNameWord(s, j+3) {
			j += 3
			continue
		}
		if words > 0 && T[j].kind == 'w' && nameSuffixes[T[j].s] && T[j].sp {
			j++
			if j < len(T) && T[j].is(".") && !T[j].sp && (T[j-1].s == "Jr" || T[j-1].s == "Sr") {
				j++
			}
		}
		break
	}
	return j, words, inits
}

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

// skipPostnominals steps over ", NI (M)" and the like after a name.
func (d *doc) skipPostnominals(s, e int) int {
	T := d.st(s)
	for e < len(T) && T[e].is(",") {
		k := e + 1
		n := 0
		for k < len(T) && !T[k].is(",") && n < 6 {
			t := T[k]
			if t.kind == 'w' && (postnominals[t.low] || (t.upper && len(t.s) <= 3)) || t.s == "(" || t.s == ")" {
				k++
				n++
				continue
			}
			break
		}
		if n == 0 || k >= len(T) || !T[k].is(",") && !T[k].isTerminal() {
			return e
		}
		e = k
	}
	return e
}

// personAt reports whether a person's mention starts at token k: a rank or
// honorific with a name, or a name of two words.
func (d *doc) personAt(s, k int) bool {
	if d.rankAt(s, k) || d.honorificAt(s, k) {
		return true
	}
	T := d.st(s)
	if k < len(T) && T[k].low == "the" {
		k++
	}
	if d.isNameWord(s, k) || d.isInitial(s, k) {
		_, w, in := d.nameRun(s, k)
		return w+in >= 2
	}
	return false
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
	"secretary of state for defence": "GB", "chief of the defence staff": "", "chairman joint chiefs of staff committee": "PK",
	"chief of army staff coas": "PK",
}

// context reads the rank, honorific and position around a name.
func (d *doc) context(m *pmention) {
	s := m.sent
	T := d.st(s)
	k := m.i
	for step := 0; step < 4; step++ {
		if m.rank == "" {
			if r, rs := d.rankBefore(s, k); r != "" {
				m.rank, k = r, rs
				continue
			}
		}
		if hs := d.honorificBefore(s, k); hs >= 0 {
			m.hon, k = true, hs
			continue
		}
		break
	}
	m.s0 = k
	m.posI, m.posJ = -1, -1
	if b, e, ok := d.positionBefore(s, k); ok {
		m.posI, m.posJ = b, e
		m.s0 = b
	}
	end := d.skipPostnominals(s, m.j)
	m.e1 = m.j
	if m.posI < 0 {
		if b, e, ok := d.positionAfter(s, end); ok {
			m.posI, m.posJ, m.posAfter = b, e, true
			m.e1 = e + 1
		}
	}
	if m.posI >= 0 {
		d.setPosition(m)
	}
	// "Pakistani General ...", "his Japanese counterpart, Minister ..."
	counterpart := false
	if m.s0 > 0 {
		k := m.s0 - 1
		if T[k].is(",") && k > 0 {
			k--
		}
		if T[k].kind == 'w' && (T[k].low == "counterpart" || T[k].low == "counterparts") && k > 0 {
			counterpart = true
			k--
		}
		if c, ok := d.countryIn(s, k); ok && m.country == "" && c.j == k+1 && (c.adj || c.i == 0 ||
			!(T[c.i-1].kind == 'w' && (connectors[T[c.i-1].low] || T[c.i-1].low == "from" || T[c.i-1].low == "at" || T[c.i-1].low == "with")) && !T[m.s0-1].is(",")) {
			m.country, m.ccf = c.code, 0.8
		}
	}
	// "his counterpart X" names a principal as a title would
	m.strong = m.rank != "" || m.hon || m.posI >= 0 || counterpart
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
			m.country, m.ccf = c.code, 0.85
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

// writtenName returns the name of tokens [i, j) with single spaces and
// "Z.Hasanov" written "Z. Hasanov".
func (d *doc) writtenName(s, i, j int) string {
	T := d.st(s)
	var b strings.Builder
	for k := i; k < j; k++ {
		t := T[k]
		if k > i && (t.sp || (T[k-1].is(".") && t.kind == 'w')) {
			b.WriteByte(' ')
		}
		b.WriteString(t.s)
	}
	return cleanValue(b.String())
}

func (d *doc) surnameOf(s, i, j int) string {
	T := d.st(s)
	for k := j - 1; k >= i; k-- {
		if T[k].kind == 'w' && !nameSuffixes[T[k].s] && d.isNameWord(s, k) {
			// the whole hyphenated surname
			b := k
			for b-2 >= i && T[b-1].isDash() && !T[b-1].sp {
				b -= 2
			}
			return foldWord(strings.ReplaceAll(d.text[T[b].start:T[k].end], "-", " "))
		}
	}
	return ""
}

// findPeople finds the people of every sentence and gathers their mentions
// into entities.
func (d *doc) findPeople() {
	d.bySent = make([][]int, len(d.sents))
	d.ents = map[string]*entity{}
	for s := range d.sents {
		T := d.st(s)
		for i := 0; i < len(T); i++ {
			if d.placeFirstName(s, i) {
				d.cmask[s][i] = ""
				d.ctry[s] = slices.DeleteFunc(d.ctry[s], func(c cmention) bool { return c.i == i })
				d.cityM[s] = slices.DeleteFunc(d.cityM[s], func(c cmention) bool { return c.i == i })
			}
			if !(d.isNameWord(s, i) || d.isInitial(s, i)) {
				continue
			}
			j, words, inits := d.nameRun(s, i)
			if j <= i {
				continue
			}
			if words == 0 {
				i = j - 1
				continue
			}
			m := pmention{sent: s, i: i, j: j, words: words, inits: inits}
			m.written = d.writtenName(s, i, j)
			d.context(&m)
			if n := len(d.people); n > 0 && (m.hon || m.rank != "") && m.posI < 0 {
				p := &d.people[n-1]
				if p.sent == s && p.j == m.s0 && !p.strong && p.inits == 0 {
					p.title = true
					m.posI, m.posJ, m.s0 = p.i, p.j-1, p.i
					m.pos = p.written
					m.strong = true
				}
			}
			d.people = append(d.people, m)
			i = j - 1
		}
	}
	d.respectively()
	// full names first
	surnames := map[string][]string{}
	for idx := range d.people {
		m := &d.people[idx]
		if m.title {
			continue
		}
		if m.words >= 2 && (m.strong || m.inits == 0 || m.inits == 1 && d.isInitial(m.sent, m.j-3)) {
			key := foldKey(m.written)
			e := d.ents[key]
			if e == nil {
				e = &entity{name: m.written, keys: nameKeys(m.written), surname: d.surnameOf(m.sent, m.i, m.j)}
				d.ents[key] = e
				d.order = append(d.order, key)
				if e.surname != "" {
					surnames[e.surname] = append(surnames[e.surname], key)
				}
			}
			m.name, m.ok = e.name, true
		}
	}
	d.mergeShortNames(surnames)
	// then initials and surnames
	for idx := range d.people {
		m := &d.people[idx]
		if m.ok || m.title {
			continue
		}
		key := foldKey(m.written)
		var hit []string
		for _, k := range d.order {
			e := d.ents[k]
			for _, nk := range e.keys {
				if nk == key {
					hit = append(hit, k)
					break
				}
			}
		}
		if len(hit) == 0 && m.words == 1 {
			hit = surnames[d.surnameOf(m.sent, m.i, m.j)]
		}
		if len(hit) == 0 && m.words == 1 && (m.hon || m.rank != "") {
			// "Mr Mohamad", "Dr Ng": a given name (or a family name written
			// first) of one person named in full
			for _, k := range d.order {
				if f := strings.Fields(k); len(f) >= 2 && f[0] == key {
					hit = append(hit, k)
				}
			}
		}
		if len(hit) == 1 && (m.inits > 0 || m.strong || d.subjectish(m)) {
			m.name, m.ok = d.ents[hit[0]].name, true
			continue
		}
		if len(hit) == 0 && m.words == 1 && m.inits == 0 && (m.hon || m.rank != "") {
			// "Prince Salman": a person known by one name
			m.name, m.ok = m.written, true
			if d.ents[key] == nil {
				d.ents[key] = &entity{name: m.written, keys: []string{key}}
				d.order = append(d.order, key)
			}
			continue
		}
		if m.inits > 0 && m.words >= 1 && m.strong {
			m.name, m.ok = m.written, true
			key := foldKey(m.written)
			if d.ents[key] == nil {
				d.ents[key] = &entity{name: m.written, keys: nameKeys(m.written)}
				d.order = append(d.order, key)
			}
		}
	}
	for idx := range d.people {
		m := &d.people[idx]
		if !m.ok {
			continue
		}
		m.key = foldKey(m.name)
		d.bySent[m.sent] = append(d.bySent[m.sent], idx)
		e := d.ents[m.key]
		if e == nil {
			continue
		}
		e.mentions = append(e.mentions, idx)
		if e.country == "" && m.country != "" && m.ccf >= 0.8 {
			e.country = m.country
		}
		if e.anyC == "" && m.country != "" {
			e.anyC, e.anyCF = m.country, m.ccf
		}
		if e.rank == "" {
			e.rank = m.rank
		}
		if e.pos == "" && m.pos != "" {
			e.pos, e.posS = m.pos, m.sent
		}
	}
}

// subjectish reports whether a bare surname stands where a subject would:
// first in its sentence, or after an adverbial opening.
func (d *doc) subjectish(m *pmention) bool {
	T := d.st(m.sent)
	for k := 0; k < m.s0; k++ {
		t := T[k]
		if t.kind == 'p' || (t.kind == 'w' && (notNames[t.low] || !t.cap)) {
			continue
		}
		return false
	}
	return m.j < len(T) && T[m.j].kind == 'w' && !T[m.j].cap
}

// entityOf returns the entity of a mention.
func (d *doc) entityOf(idx int) *entity {
	return d.ents[d.people[idx].key]
}

// countryOf returns a person's country: from this mention, else from another
// mention of the same person.
func (d *doc) countryOf(idx int) (string, float64) {
	m := d.people[idx]
	if m.country != "" {
		return m.country, m.ccf
	}
	if e := d.entityOf(idx); e != nil && e.anyC != "" {
		return e.anyC, e.anyCF * 0.95
	}
	return "", 0
}

// bestDetails returns the rank and position to record for a person: this
// mention's, else those of the fullest other mention.
func (d *doc) bestDetails(idx int) (string, string, int) {
	m := d.people[idx]
	rank, pos, from := m.rank, m.pos, m.sent
	if e := d.entityOf(idx); e != nil {
		if rank == "" {
			rank = e.rank
		}
		if pos == "" && e.pos != "" {
			pos, from = e.pos, e.posS
		}
	}
	return rank, pos, from
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
		T := d.st(m.sent)
		if o.sent != m.sent || o.s0 != m.j+1 || m.j >= len(T) || (T[m.j].low != "and" && T[m.j].s != "&") {
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

// mergeShortNames folds a name that ends the full name of exactly one other
// person into it: "Al Bawardi" is "Mohammed Al Bawardi", "Gurak" aside
// (surnames alone are resolved later).
func (d *doc) mergeShortNames(surnames map[string][]string) {
	into := map[string]string{}
	for _, a := range d.order {
		aw := strings.Fields(a)
		if len(aw) < 2 {
			continue
		}
		var hits []string
		for _, b := range d.order {
			bw := strings.Fields(b)
			if len(bw) > len(aw) && slices.Equal(bw[len(bw)-len(aw):], aw) {
				hits = append(hits, b)
			}
		}
		if len(hits) == 1 {
			into[a] = hits[0]
		}
	}
	if len(into) == 0 {
		return
	}
	for idx := range d.people {
		m := &d.people[idx]
		if b, ok := into[foldKey(m.name)]; ok && m.ok {
			m.name = d.ents[b].name
		}
	}
	for a := range into {
		if e := d.ents[a]; e != nil && e.surname != "" {
			surnames[e.surname] = slices.DeleteFunc(surnames[e.surname], func(k string) bool { return k == a })
		}
		delete(d.ents, a)
	}
	d.order = slices.DeleteFunc(d.order, func(k string) bool { _, ok := into[k]; return ok })
}
