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
	counterpart  bool     // named as "his (Azerbaijani) counterpart"
	plural1      bool     // a plural title of one country: "the Chilean counterparts X and Y"
	lead         bool     // the country leads the title: "Peru's Foreign Minister"
	key          string   // the folded name
	ofC          string   // the country of "of <Country>" after the name
	ofE          int      // the token after that phrase
	prank        bool     // the rank is written in the plural: "Lieutenant Generals X and Y"
	posC         bool     // the country was read in the position
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

// context reads the rank, honorific and position around a name.
func (d *doc) context(m *pmention) {
	s := m.sent
	T := d.st(s)
	k, last := m.i, m.j
	if k > 0 && T[k-1].isQuote() && last < len(T) && T[last].isQuote() {
		// `Lieutenant General "X Y", ...`: a name in quotes after its title
		k, last = k-1, last+1
	}
	for step := 0; step < 8; step++ {
		if rs := d.rankMarkBefore(s, k); rs < k {
			k = rs
			continue
		}
		if m.rank == "" {
			if r, rs := d.rankBefore(s, k); r != "" {
				m.rank, m.prank = r, pluralRanks[strings.Join(foldWords(d.span(s, rs, k)), " ")]
				k = rs
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
	if b, e, ok := d.positionBefore(s, k); ok && !d.listedPosition(m, b, e, k) {
		m.posI, m.posJ = b, e
		m.s0 = b
	} else if ok {
		// the position is the previous person's
	} else if b, e, ok := d.positionOverGap(s, k); ok {
		m.posI, m.posJ = b, e
		m.s0 = b
	} else if k >= 2 && d.titleAbbr(s, k-1) && d.isCountryTok(s, k-2) {
		// "Ugandan CDF Gen X": a title's abbreviation after a demonym
		m.posI, m.posJ = k-1, k-1
		m.s0 = k - 1
	}
	end := d.skipPostnominals(s, d.rankMarkAfter(s, last))
	m.e1 = last
	if m.posI < 0 {
		if b, e, ok := d.positionAfter(s, end); ok {
			m.posI, m.posJ, m.posAfter = b, e, true
			m.e1 = e + 1
		}
	}
	if m.posI >= 0 {
		d.setPosition(m)
	}
	if m.posAfter && m.country == "" {
		// "X, Minister of Defence and Military Veterans, South Africa, called on"
		if c, ok := d.countryIn(s, m.posJ+2); ok && T[m.posJ+1].is(",") && c.i == m.posJ+2 && !c.adj &&
			(c.j >= len(T) || T[c.j].kind == 'p' && !T[c.j].isQuote() && T[c.j].s != "'s" || T[c.j].kind == 'w' && !T[c.j].cap) {
			m.country, m.ccf = c.code, 0.8
		}
	}
	m.ofC, m.ofE = d.ofCountryAfter(s, end)
	if m.ofC == "" && m.posI < 0 {
		m.ofC, m.ofE = d.serviceAfter(s, end)
	}
	if m.ofC != "" && m.country == "" && (m.rank != "" || m.hon || m.posI >= 0 || end < len(T) && T[end].is("(")) {
		m.country, m.ccf = m.ofC, 0.85 // "Colonel X of the Czech Army"
	}
	// "Pakistani General ...", "his Japanese counterpart, Minister ..."
	counterpart := false
	if m.s0 > 0 {
		k := m.s0 - 1
		if T[k].is(",") && k > 0 {
			k--
		}
		if k >= 3 && (T[k-1].low == "from" || T[k-1].low == "of") && T[k-2].kind == 'w' && (T[k-2].low == "counterpart" || T[k-2].low == "counterparts") {
			// "his counterpart from Azerbaijan, X"
			if c, ok := d.countryIn(s, k); ok && c.i == k-1+1 && !c.adj && m.country == "" {
				m.country, m.ccf = c.code, 0.85
				counterpart = true
				k -= 2
			}
		}
		if T[k].kind == 'w' && (T[k].low == "counterpart" || T[k].low == "counterparts") && k > 0 {
			counterpart = true
			m.plural1 = m.plural1 || T[k].low == "counterparts"
			k--
		}
		if c, ok := d.countryIn(s, k); ok && m.country == "" && c.j == k+1 && (c.adj || c.i == 0 ||
			!(T[c.i-1].kind == 'w' && (connectors[T[c.i-1].low] || T[c.i-1].low == "from" || T[c.i-1].low == "at" || T[c.i-1].low == "with")) && !T[m.s0-1].is(",")) {
			m.country, m.ccf = c.code, 0.8
		}
	}
	if m.country == "" && m.rank != "" && m.s0 >= 3 && T[m.s0-1].s == "'s" {
		// "the Pakistan Navy's Vice Admiral X"
		k := m.s0 - 2
		for k > 0 && T[k].kind == 'w' && T[k].cap && positionWords[T[k].low] && !d.isCountryTok(s, k) {
			k--
		}
		if c, ok := d.countryIn(s, k); ok && c.j == k+1 && k < m.s0-2 {
			m.country, m.ccf = c.code, 0.8
		}
	}
	if m.country == "" && m.rank != "" && m.posI < 0 && m.s0 >= 2 {
		// "Chinese Defence General X", "Pakistan Navy Commodore X": a
		// service's words between the country and the rank
		k := m.s0 - 1
		for n := 0; n < 3 && k > 0 && T[k].kind == 'w' && T[k].cap && positionWords[T[k].low] && !positionHeads[T[k].low] && !d.isCountryTok(s, k); n++ {
			k--
		}
		if c, ok := d.countryIn(s, k); ok && k < m.s0-1 && c.j == k+1 {
			m.country, m.ccf = c.code, 0.8
		}
	}
	// "his counterpart X" names a principal as a title would
	m.strong = m.rank != "" || m.hon || m.posI >= 0 || counterpart
	m.counterpart = counterpart
}

// placePrepositions are prepositions that put a bare name as a place.
var placePrepositions = setOf("at", "near", "outside", "inside")

// findPeople finds the people of every sentence and gathers their mentions
// into entities.
func (d *doc) findPeople() {
	d.bySent = make([][]int, len(d.sents))
	d.ents = map[string]*entity{}
	for s := range d.sents {
		T := d.st(s)
		for i := 0; i < len(T); i++ {
			if d.placeFirstName(s, i) {
				d.unmaskPlace(s, i)
			}
			if !(d.isNameWord(s, i) || d.isInitial(s, i) || d.bareInitials(s, i) || d.titledStart(s, i)) {
				continue
			}
			j, words, inits := d.nameRun(s, i)
			if j <= i {
				continue
			}
			if words == 1 && inits == 0 && d.givenGen(s, i-1) {
				i, words = i-1, 2 // "Defense Minister Gen Tanaka": a given name
			}
			for k := i + 1; k < j; k++ {
				if d.cmask[s][k] != "" && d.cmask[s][k] != "-" {
					d.unmaskPlace(s, k) // "Ana Lima": a surname
				}
			}
			if j < len(T) && T[j].kind == 'w' && T[j].cap && (venueHeads[T[j].low] || siteHeads[T[j].low] || namedPlaceNouns[T[j].low]) {
				i = j // "the San Martín Palace", "Heydar Aliyev Park": a place named for someone
				continue
			}
			if i > 0 && T[i-1].is("(") && j < len(T) && T[j].is(")") && d.rankMarkBefore(s, j+1) == i-1 {
				i = j // "Rear Admiral (Lower Half)": a mark of the rank
				continue
			}
			if words == 0 {
				i = j - 1
				continue
			}
			m := pmention{sent: s, i: i, j: j, words: words, inits: inits}
			m.written = d.writtenName(s, i, j)
			d.context(&m)
			if !m.strong && i > 0 && T[i-1].kind == 'w' && placePrepositions[T[i-1].low] {
				i = j - 1 // "received in his office at Bayt al Falaj": a place
				continue
			}
			if d.fatherOrLate(s, i) {
				i = j - 1 // "X ibni Al-Marhum Sultan Y": the father's name, or the late
				continue
			}
			if m.posI >= 0 && (m.country == "" || m.posC) && d.bodyOfNations(s, m.posI, m.posJ) {
				i = j - 1 // "NATO Secretary-General X": no country's official
				continue
			}
			if spokesTitle(m.pos) || companyTitle(m.pos) {
				i = j - 1 // a spokesman tells of the meeting and takes no part in it; a firm's executive is no official
				continue
			}
			if d.spouseNamed(&m) {
				i = j - 1 // "the wife of the Ambassador, Mrs X": a spouse, no official
				continue
			}
			if !m.strong && credit(T, i, j) {
				i = j - 1 // "By X/Outlet", "Photo: Agency/X": a writer's or photographer's credit
				continue
			}
			if !m.strong && d.inBodyName(s, i) {
				i = j - 1 // "the Inter-American Commission on Human Rights": a body's name
				continue
			}
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
	d.namePositionLists()
	d.respectively()
	d.counterparts()
	d.coordinated()
	d.listCountries()
	d.itemCountries()
	// full names first
	surnames := map[string][]string{}
	for idx := range d.people {
		m := &d.people[idx]
		if m.title {
			continue
		}
		if m.words >= 2 && (m.strong || m.inits == 0 || m.inits == 1 && (d.isInitial(m.sent, m.j-3) || d.middleLetter(m))) {
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
	d.mergeVariants(surnames)
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
		bySurname := false
		if len(hit) == 0 && m.words == 1 {
			hit = surnames[d.surnameOf(m.sent, m.i, m.j)]
			bySurname = len(hit) == 1 && m.inits == 0
		}
		one := m.words == 1 && m.inits == 0 && (m.hon || m.rank != "" || d.titledOne(m))
		if len(hit) == 0 && m.words == 1 && m.inits == 0 && (one || d.subjectish(m)) {
			// "Berhanu" for "Birhanu Jula", "Hunaiti" for "Huneiti": a name
			// spelt another way
			hit = d.spelledLike(key)
		}
		if len(hit) == 0 && m.words == 1 && m.inits == 0 && (one || d.subjectish(m)) {
			// "Mr Mohamad", "Dr Ng", "Wei said": a given name (or a family
			// name written first) of one person named in full
			for _, k := range d.order {
				if f := strings.Fields(k); len(f) >= 2 && f[0] == key {
					hit = append(hit, k)
				}
			}
		}
		if len(hit) == 0 && m.words == 1 && m.inits == 0 && (m.strong || d.subjectish(m)) {
			if n := d.headlineName(key); n != "" {
				// "Thapa held talks": the full name is the headline's
				k := foldKey(n)
				if d.ents[k] == nil {
					d.ents[k] = &entity{name: n, keys: nameKeys(n), surname: foldWord(strings.Fields(n)[len(strings.Fields(n))-1])}
					d.order = append(d.order, k)
					surnames[d.ents[k].surname] = append(surnames[d.ents[k].surname], k)
				}
				hit = []string{k}
			}
		}
		if len(hit) == 1 && (m.inits > 0 || m.strong || d.subjectish(m) || bySurname) {
			// the family name of the one person named in full: "Banh, who
			// is also deputy prime minister, said", "met with Banh"
			m.name, m.ok = d.ents[hit[0]].name, true
			continue
		}
		if len(hit) == 0 && one {
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

// ofCountryAfter returns the country of "of <Country>" or "of the <Royal>
// <demonym> Army" written straight after a name ("Colonel X of Ghana",
// "Rear Admiral Y of the Royal Thai Navy") and the token after the phrase,
// or "".
func (d *doc) ofCountryAfter(s, e int) (string, int) {
	T := d.st(s)
	if e+2 < len(T) && T[e].is("(") {
		// "Zakir Hasanov (Azerbaijan)"
		if c, ok := d.countryIn(s, e+1); ok && c.i == e+1 && !c.adj && c.j < len(T) && T[c.j].is(")") {
			return c.code, c.j + 1
		}
		return "", 0
	}
	if e >= len(T) || T[e].kind != 'w' || (T[e].low != "of" && T[e].low != "from") || T[e].cap {
		return "", 0
	}
	k := e + 1
	if k < len(T) && T[k].low == "the" {
		k++
	}
	for n := 0; k < len(T) && n < 3; n++ {
		if c, ok := d.countryIn(s, k); ok && c.i == k {
			if !c.adj {
				return c.code, c.j
			}
			if c.j < len(T) && T[c.j].kind == 'w' && T[c.j].cap && positionWords[T[c.j].low] {
				f := c.j
				for f < len(T) && T[f].kind == 'w' && T[f].cap && positionWords[T[f].low] {
					f++
				}
				return c.code, f
			}
			return "", 0
		}
		if T[k].kind != 'w' || !T[k].cap || !positionWords[T[k].low] {
			return "", 0
		}
		k++
	}
	return "", 0
}

// unmaskPlace makes the one-word place at token k a word of a name.
func (d *doc) unmaskPlace(s, k int) {
	d.cmask[s][k] = ""
	d.ctry[s] = slices.DeleteFunc(d.ctry[s], func(c cmention) bool { return c.i == k })
	d.cityM[s] = slices.DeleteFunc(d.cityM[s], func(c cmention) bool { return c.i == k })
}

// titledOne reports whether a one-word name follows its position directly
// ("Defence Minister Prabowo"), as a person known by one name is written.
func (d *doc) titledOne(m *pmention) bool {
	if m.posI < 0 || m.posAfter || m.posJ+1 != m.i {
		return false
	}
	T := d.st(m.sent)
	if m.j < len(T) && isConnTok(T[m.j]) && T[m.j].low != "and" && T[m.j].s != "&" {
		return false // "Minister Responsible for ..."
	}
	return T[m.posJ].kind == 'w' && T[m.posJ].cap && positionHeads[T[m.posJ].low]
}

// middleLetter reports whether a name's one initial is a bare letter
// between its words: "Joseph L Votel".
func (d *doc) middleLetter(m *pmention) bool {
	T := d.st(m.sent)
	k := m.j - 2
	return k > m.i && T[k].kind == 'w' && T[k].cap && utf8.RuneCountInString(T[k].s) == 1
}

// serviceAfter returns the country of a service set off after a name
// ("General X, US Marine Corps, visited"), or "".
func (d *doc) serviceAfter(s, e int) (string, int) {
	T := d.st(s)
	if e+2 >= len(T) || !T[e].is(",") {
		return "", 0
	}
	c, ok := d.countryIn(s, e+1)
	if !ok || c.i != e+1 {
		return "", 0
	}
	f := c.j
	for f < len(T) && T[f].kind == 'w' && T[f].cap && positionWords[T[f].low] {
		f++
	}
	if f == c.j && c.adj {
		return "", 0 // "X, Azerbaijani ..."
	}
	if f >= len(T) || !(T[f].is(",") || T[f].isTerminal() || T[f].is(")") || f == c.j && T[f].low == "and") {
		return "", 0
	}
	return c.code, f // "General X, US Marine Corps,", "Gen. X, Egypt, and"
}
