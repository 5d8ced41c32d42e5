package extract

// postWords are the words of a post abroad: an ambassador, an attaché, an
// embassy and its staff.
var postWords = setOf("ambassador", "ambassadors", "attache", "attaches", "embassy", "envoy", "charge", "consul",
	"commissioner", "commission", "mission")

// postedTo returns the country a person serves in, when the words of their
// mention name a post abroad: "the Ambassador of France to Nepal", "the
// Defence Attaché of the Embassy of India in Kathmandu", "the defence
// attaché of the American Embassy in Sri Lanka". "" when none. The country
// that sent them is not it.
func (d *doc) postedTo(idx int) string {
	m := d.people[idx]
	s := m.sent
	T := d.st(s)
	lo, hi := d.mentionSpan(idx)
	k := -1
	for i := lo; i < hi; i++ {
		if T[i].kind == 'w' && postWords[T[i].low] {
			k = i
			break
		}
	}
	if k < 0 {
		return ""
	}
	// "High Commission", "Mission" only as a post: after "High" or "Permanent"
	if (T[k].low == "commissioner" || T[k].low == "commission" || T[k].low == "mission") &&
		prevWord(T, k) != "high" && prevWord(T, k) != "permanent" {
		return ""
	}
	own, _ := d.countryOf(idx)
	if own == "" {
		own = d.postOrigin(idx)
	}
	for i := k + 1; i < hi; i++ {
		if T[i].kind != 'w' || (T[i].low != "to" && T[i].low != "in" && T[i].low != "accredited") {
			continue
		}
		c := d.placeAfter(s, i+1, hi)
		if c != "" && c != own {
			if d.secondPost(s, i+1, hi, c) {
				return "" // "accredited to New Delhi and Sri Lanka": which one hosts is not told
			}
			return c
		}
	}
	return ""
}

// secondPost reports whether the place named from token i, of country c,
// is followed by "and" and another country's place: an envoy accredited to
// two countries.
func (d *doc) secondPost(s, i, hi int, c string) bool {
	T := d.st(s)
	for k := i; k < hi && k < i+8; k++ {
		if T[k].kind == 'p' && !T[k].is(",") {
			return false
		}
		if T[k].low == "and" {
			o := d.placeAfter(s, k+1, hi)
			return o != "" && o != c
		}
	}
	return false
}

// postOrigin returns the country that sent a person to a post abroad:
// "the Defence Attaché of Burkina Faso to Ghana", "the Burkinabe Defence
// Attaché"; "" when the words do not tell.
func (d *doc) postOrigin(idx int) string {
	m := d.people[idx]
	s := m.sent
	T := d.st(s)
	lo, hi := d.mentionSpan(idx)
	for i := lo; i < hi; i++ {
		if T[i].kind != 'w' || !postWords[T[i].low] {
			continue
		}
		// "Burkinabe Defence Attaché", "the American Embassy"
		for _, c := range d.ctry[s] {
			if c.j <= i && c.j >= i-3 && c.i >= lo {
				return c.code
			}
		}
		// "Attaché (DA) of Burkina Faso to Ghana"
		for k := i + 1; k < hi && k < i+6; k++ {
			if T[k].low == "to" || T[k].low == "in" {
				break
			}
			if T[k].low == "of" {
				if c := d.placeAfter(s, k+1, hi); c != "" {
					return c
				}
			}
		}
		return ""
	}
	return ""
}

// postedToAny is postedTo over every mention of the person.
func (d *doc) postedToAny(idx int) string {
	if c := d.postedTo(idx); c != "" {
		return c
	}
	if e := d.entityOf(idx); e != nil {
		for _, o := range e.mentions {
			if o != idx {
				if c := d.postedTo(o); c != "" {
					return c
				}
			}
		}
	}
	return ""
}

// placeAfter returns the country or city's country named from token i of
// sentence s (over "the" and official forms: "to the Republic of Korea"),
// before token hi.
func (d *doc) placeAfter(s, i, hi int) string {
	T := d.st(s)
	for i < hi && T[i].kind == 'w' && (T[i].low == "the" || T[i].low == "to") {
		i++
	}
	for k := i; k < hi && k < i+4; k++ {
		if c, ok := d.countryIn(s, k); ok {
			return c.code
		}
		if T[k].kind != 'w' || !officialFormWords[T[k].low] {
			break
		}
	}
	for _, c := range d.cityM[s] {
		if c.i == i {
			return c.code
		}
	}
	return ""
}

// mentionSpan returns the tokens that tell of a person: from the end of
// the person named before in the sentence (at most 14 tokens back) to the
// end of the mention with its appositive position.
func (d *doc) mentionSpan(idx int) (int, int) {
	m := d.people[idx]
	lo := max(0, m.s0-14)
	for _, o := range d.bySent[m.sent] {
		if o == idx {
			continue
		}
		if e := max(d.people[o].e1, d.people[o].j); e <= m.s0 && e > lo {
			lo = e
		}
	}
	hi := max(m.e1, m.j)
	T := d.st(m.sent)
	if m.posI < 0 && hi < len(T) && T[hi].is(",") {
		// an appositive the title grammar did not read: up to its comma
		for k := hi + 1; k < len(T) && k < hi+20; k++ {
			if T[k].is(",") || T[k].is(";") || T[k].isTerminal() || d.personStartsAt(m.sent, k) {
				hi = k
				break
			}
		}
	}
	return lo, hi
}

// personStartsAt reports whether a person's mention starts at token k.
func (d *doc) personStartsAt(s, k int) bool {
	for _, o := range d.bySent[s] {
		if d.people[o].s0 == k {
			return true
		}
	}
	return false
}

// appositiveCountry returns the country written right after a person's
// mention and its position, set off by a comma: "X, Minister of Defence,
// South Africa called on Y". "" when none.
func (d *doc) appositiveCountry(idx int) string {
	m := d.people[idx]
	if m.posI < 0 || !m.posAfter {
		return ""
	}
	T := d.st(m.sent)
	e := m.e1
	if e >= len(T) || !T[e].is(",") {
		return ""
	}
	c, ok := d.countryIn(m.sent, e+1)
	if !ok || c.i != e+1 || c.adj || c.j >= len(T) {
		return ""
	}
	if n := T[c.j]; n.s == "'s" || n.kind == 'w' && n.cap {
		return ""
	}
	return c.code
}

// hostFromPosting: someone serving abroad met in the country of their
// post, which hosts, and the other side is of it: "the Ambassador of
// France to Nepal called on General X".
func (x *sideSet) hostFromPosting() {
	d := x.b.d
	for n, side := range [][]int{x.subj, x.obj} {
		for _, idx := range side {
			c := d.postedToAny(idx)
			other := [][]int{x.subj, x.obj}[1-n]
			if c == "" || c == x.country[idx] || x.known(other, nil) != "" && x.known(other, nil) != c {
				continue
			}
			x.host, x.hostConf, x.hostSide = c, 0.7, 1-n
			return
		}
	}
}

// mentionCountries gives people their country from words around the
// mention that the title grammar leaves: "General X of France", "General X
// from the United States", "France's General X", "X, Minister of Defence,
// South Africa". It runs once people are found, and the country spreads to
// the person's other mentions.
func (d *doc) mentionCountries() {
	for idx := range d.people {
		m := &d.people[idx]
		if m.country != "" || m.title {
			continue
		}
		c := d.ofCountry(idx)
		if c == "" {
			c = d.possessiveCountry(idx)
		}
		if c == "" {
			c = d.postOrigin(idx)
		}
		if c == "" {
			c = d.appositiveCountry(idx)
		}
		if c == "" {
			continue
		}
		m.country, m.ccf = c, 0.75
		if e := d.ents[m.key]; e != nil && e.anyC == "" {
			e.anyC, e.anyCF = c, 0.75
		}
	}
}

// ofCountry returns the country of "X of France", "X from the United
// States" right after a person's name (and rank mark), when nothing but a
// clause's end follows: not "X of France's army".
func (d *doc) ofCountry(idx int) string {
	m := d.people[idx]
	T := d.st(m.sent)
	k := max(m.e1, m.j)
	if k >= len(T) || T[k].kind != 'w' || (T[k].low != "of" && T[k].low != "from") {
		return ""
	}
	c, ok := d.countryIn(m.sent, k+1)
	if !ok && k+2 < len(T) && T[k+1].low == "the" {
		c, ok = d.countryIn(m.sent, k+2)
	}
	if !ok || c.adj {
		return ""
	}
	if c.j < len(T) {
		n := T[c.j]
		if n.s == "'s" || n.kind == 'w' && n.cap {
			return ""
		}
	}
	return c.code
}

// possessiveCountry returns the country of "France's General X": a
// country's name with "'s" right before the mention.
func (d *doc) possessiveCountry(idx int) string {
	m := d.people[idx]
	T := d.st(m.sent)
	k := m.s0 - 1
	if k < 1 || T[k].s != "'s" {
		return ""
	}
	c, ok := d.countryIn(m.sent, k-1)
	if !ok || c.j != k {
		return ""
	}
	return c.code
}

// clauseCountry returns the country named after a person's mention and
// before the next person or token end, after "of", "from" or a comma, as
// the owner of what the clause tells ("Y, Assistant Chief of Defence
// Staff (Engagement) of UK", "X, US Marine Corps, visited"), not as a
// place or partner ("in Ghana", "with Togo").
func (d *doc) clauseCountry(idx, end int) string {
	m := d.people[idx]
	T := d.st(m.sent)
	from := max(m.e1, m.j)
	if m.posI >= 0 {
		// a position tells the person's office, and its country if any; one
		// that names none leaves only a service set off right after the
		// name: "General X, US Marine Corps, visited"
		for _, c := range d.ctry[m.sent] {
			if c.i >= m.posI && c.i <= m.posJ {
				return ""
			}
		}
		if from+1 >= len(T) || !T[from].is(",") {
			return ""
		}
		if c, ok := d.countryIn(m.sent, from+1); ok && c.i == from+1 && !c.adj {
			return c.code
		}
		return ""
	}
	for _, o := range d.bySent[m.sent] {
		if p := d.people[o]; p.s0 >= from && p.s0 < end {
			end = p.s0
		}
	}
	for _, c := range d.ctry[m.sent] {
		if c.i < from || c.i >= end {
			continue
		}
		if c.i == 0 || !(T[c.i-1].is(",") || T[c.i-1].low == "of" || T[c.i-1].low == "from" ||
			T[c.i-1].low == "the" && c.i >= 2 && (T[c.i-2].low == "of" || T[c.i-2].low == "from")) {
			continue // only "of UK", "from the UK", ", US Marine Corps"
		}
		if findWord(T, from, c.i, "visit", "visiting", "trip", "tour") >= 0 {
			continue
		}
		return c.code
	}
	return ""
}

// visitPlace is visitDest read for the host: a visit to a country's
// embassy ("visiting the Libyan embassy in Italy") is in the country the
// embassy is in, not the embassy's own.
func (d *doc) visitPlace(s int) (string, bool) {
	c, off := d.visitDest(s)
	if c == "" || c == ourCountry {
		return c, off
	}
	T := d.st(s)
	for _, m := range d.ctry[s] {
		if m.code != c || !m.adj || m.j >= len(T) || T[m.j].low != "embassy" {
			continue
		}
		if n, k := nextWord(T, m.j); n == "in" {
			return d.placeAfter(s, k+1, min(len(T), k+6)), off
		}
		return "", off
	}
	return c, off
}

// postOf returns the country the first person of a receiving side serves
// in, when it is another than their own: "the minister was welcomed by the
// Turkish Ambassador to London" is in the United Kingdom.
func (x *sideSet) postOf(side []int) string {
	if len(side) == 0 {
		return ""
	}
	idx := side[0]
	c := x.b.d.postedToAny(idx)
	if c == "" || c == x.country[idx] && x.country[idx] != "" {
		return ""
	}
	return c
}

// envoyWords are the words of a position held abroad at a post: "the
// Ambassador of Greece", "the Czech Defence Attaché", "the High
// Commissioner of Brunei", "the Apostolic Nuncio".
var envoyWords = setOf("ambassador", "attache", "attaché", "commissioner", "charge", "chargé", "consul", "nuncio")

// isEnvoy reports whether a person's position is a post abroad.
func (d *doc) isEnvoy(idx int) bool {
	e := d.entityOf(idx)
	pos := d.people[idx].pos
	if pos == "" && e != nil {
		pos = e.pos
	}
	if pos == "" {
		return false
	}
	w := foldWords(pos)
	for i, t := range w {
		if !envoyWords[t] {
			continue
		}
		if t != "commissioner" || i > 0 && w[i-1] == "high" {
			return true
		}
		// "the High Commissioner of X", its position read from "Commissioner"
		m := d.people[idx]
		if i == 0 && m.posI > 0 && d.st(m.sent)[m.posI-1].low == "high" {
			return true
		}
	}
	return false
}

// hostFromEnvoy: an envoy met in person an official of another country
// is posted in that country, which hosts ("the minister met with the
// Ambassador of Greece", "received the Czech Defence Attaché"). Only when
// one side alone holds envoys and each side has one country.
func (x *sideSet) hostFromEnvoy() {
	d := x.b.d
	sides := [][]int{x.subj, x.obj}
	envoy := [2]bool{}
	for n, side := range sides {
		for _, idx := range side {
			if x.country[idx] != "" && d.isEnvoy(idx) {
				envoy[n] = true
			}
		}
	}
	if envoy[0] == envoy[1] {
		return
	}
	n := 0
	if envoy[1] {
		n = 1
	}
	mine, theirs := x.sideCountry(sides[n]), x.sideCountry(sides[1-n])
	if mine == "" || theirs == "" || mine == theirs {
		return
	}
	x.host, x.hostConf, x.hostSide = theirs, 0.6, 1-n
}

// visitingGuest reports whether "visiting" at token i of sentence s names
// the guest, not the place visited: before a demonym ("the visiting British
// Defence Secretary"), after an article ("the visiting US Secretary of
// Defense"), or before a country's name used for its officials ("visiting
// US Defence Secretary", "visiting Pakistan delegation").
func (d *doc) visitingGuest(s, i int) bool {
	c, ok := d.countryIn(s, i+1)
	if !ok {
		return false
	}
	if c.adj {
		return true
	}
	T := d.st(s)
	if p := prevWord(T, i); p == "the" || p == "a" || p == "an" {
		return true
	}
	if c.j < len(T) && T[c.j].kind == 'w' {
		w := T[c.j].low
		return positionHeads[w] || guestNouns[w]
	}
	return false
}

var guestNouns = setOf("defence", "defense", "delegation", "military", "naval", "officials", "officers", "team", "guests")
