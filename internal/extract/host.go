package extract

import (
	"net/url"
	"slices"
	"strings"
)

// fallback picks a country for a participant the text names without one:
// the outlet's country, else the country most named in the body that takes
// no other part yet.
func (b *builder) fallback(assigned map[int]string) string {
	return b.fallbackAt(assigned, -1)
}

// fallbackAt is fallback for a participant of the meeting told in sentence
// s: after the outlet's country, and before what the rest of the text
// names, the country of the city where that sentence sets the meeting ("X
// met the Saudi commander at GHQ, Rawalpindi"): a visitor is named by
// country, and the one named without is at home.
func (b *builder) fallbackAt(assigned map[int]string, s int) string {
	used := map[string]bool{}
	for _, c := range assigned {
		used[c] = true
	}
	if c := b.outletFallback(used); c != "" {
		return c
	}
	if s >= 0 && !b.d.sidelines(s) {
		if c := b.d.placeCountry(s); c != "" && !used[c] && len(used) > 0 {
			return c
		}
		if c := b.d.visitedNear(s); c != "" && !used[c] && len(used) > 0 {
			return c
		}
		if c := b.d.postNear(s, used); c != "" {
			return c
		}
	}
	return b.textFallback(used)
}

// outletFallback returns the country of the outlet, of its site, or of the
// dateline, when not used yet.
func (b *builder) outletFallback(used map[string]bool) string {
	if b.opt.Outlet != nil {
		if c := outletCountries[*b.opt.Outlet]; c != "" && !used[c] {
			return c
		}
	}
	if b.opt.URL != nil {
		if u, err := url.Parse(*b.opt.URL); err == nil {
			if c := outletCountries[outletOfHost(u.Host)]; c != "" && !used[c] {
				return c
			}
			if c := hostCountry(u.Host); c != "" && !used[c] {
				return c
			}
			if c := siteCountry(u.Host); c != "" && !used[c] {
				return c // "lankaimage.com", "omanobserver.om"
			}
		}
	}
	if n, _, _ := b.d.outletIn(); n != "" {
		if c := outletCountries[n]; c != "" && !used[c] {
			return c
		}
	}
	if c := outletCountries[outletForms[strings.ToLower(dlOutlet(b.d.dl))]]; c != "" && !used[c] {
		return c // "(KUNA)" in the dateline
	}
	if dl := b.d.dl; dl != nil && dl.code != "" && !used[dl.code] {
		return dl.code // where the report was filed
	}
	return ""
}

// textFallback returns the country the text names for a side: in the
// headline, as one of a pair, or most often as an institution's owner.
func (b *builder) textFallback(used map[string]bool) string {
	// the headline names the countries: "Egypt: Minister probes cooperation with U.S. ..."
	if b.d.headline >= 0 {
		l := b.d.lines[b.d.headline]
		toks := tokenize(b.d.text, l.start, l.end)
		for i := 0; i < len(toks); i++ {
			if c, j, adj := countryAtAdj(toks, i); c != "" && c != "-" {
				// as a side: "Egypt:", "UAE's Minister", "Turkish military chief"
				if !used[c] && (i == 0 || institutional(toks, cmention{i: i, j: j, code: c, adj: adj})) {
					return c
				}
				i = j - 1
			}
		}
	}
	// "cooperation between Saudi Arabia and the United Kingdom", then
	// "Ghana and Nigeria held talks", "India-US ties": one of the pair
	// taking part already
	if c := b.d.pairedCountry(used, true); c != "" {
		return c
	}
	if c := b.d.pairedCountry(used, false); c != "" {
		return c
	}
	return b.d.mostNamed(used)
}

// mostNamed returns the country most named as the owner of an institution
// ("the Pakistani side", "Turkish Armed Forces") that is not used yet and
// not named among several ("trilateral", "between").
func (d *doc) mostNamed(used map[string]bool) string {
	c, _ := d.mostNamedAt(used)
	return c
}

// mostNamedAt is mostNamed with the first sentence that names it so.
func (d *doc) mostNamedAt(used map[string]bool) (string, int) {
	count := map[string]int{}
	first := map[string]int{}
	var order []string
	for s := range d.sents {
		T := d.st(s)
		for _, c := range d.ctry[s] {
			if used[c.code] || !institutional(T, c) ||
				findWord(T, clauseStart(T, c.i, 8), c.i, "trilateral", "multilateral", "integrity", "between", "independence") >= 0 {
				continue
			}
			if count[c.code] == 0 {
				order = append(order, c.code)
				first[c.code] = s
			}
			count[c.code]++
		}
	}
	best := ""
	for _, c := range order {
		if best == "" || count[c] > count[best] {
			best = c
		}
	}
	if best == "" {
		return "", -1
	}
	return best, first[best]
}

var institutionWords = setOf("army", "armed", "forces", "ministry", "navy", "air", "military", "defense", "defence",
	"side", "government", "staff", "embassy", "delegation", "minister", "command")

// institutional reports whether a country is named as the owner of an
// institution: "Pakistan Army", "Armed Forces of Pakistan", "the Pakistani
// side", "Pakistan's Ministry".
func institutional(T []tok, c cmention) bool {
	for k := c.j; k < len(T) && k < c.j+3; k++ {
		if T[k].s == "'s" || (T[k].kind == 'w' && institutionWords[T[k].low]) {
			return true
		}
		if T[k].kind == 'p' {
			break
		}
	}
	for k := c.i - 1; k >= 0 && k >= c.i-4; k-- {
		if T[k].kind == 'p' {
			break
		}
		if T[k].kind == 'w' && institutionWords[T[k].low] {
			return true
		}
	}
	return false
}

// sidelines reports whether a sentence places the meeting on the margins
// of a multilateral event, which has no host between the two sides.
func (d *doc) sidelines(s int) bool {
	T := d.st(s)
	return hasWord(T, "sidelines", "sideline", "margins", "side-lines") || hasPhrase(T, "on the side of") ||
		hasPhrase(T, "on the margin of")
}

// sidelinesNext reports whether the sentence after the meeting's places
// that meeting on the margins of a multilateral event: "X met Y in Baku.
// The meeting took place on the sidelines of the exhibition."
func (d *doc) sidelinesNext(s int) bool {
	n := s + 1
	if n >= len(d.sents) || !d.sidelines(n) {
		return false
	}
	T := d.st(n)
	k := 0
	if k < len(T) && (T[k].low == "the" || T[k].low == "this") {
		k++
	}
	return k < len(T) && (T[k].low == "meeting" || T[k].low == "talks") && k+1 < len(T) && T[k+1].kind == 'w' &&
		(T[k+1].low == "took" || T[k+1].low == "was" || T[k+1].low == "were" || T[k+1].low == "is" || T[k+1].low == "held")
}

// visitingCue finds the host from a guest named as such: "held talks with
// the visiting British Defence Secretary X" makes the other side the host.
func (d *doc) visitingCue(a anchor, subj, obj []int, country map[int]string) (string, float64, int) {
	guestOf := func(side []int) bool {
		for _, idx := range side {
			if d.isVisitor(a.s, idx) {
				return true
			}
		}
		return false
	}
	first := func(side []int) string {
		for _, idx := range side {
			if country[idx] != "" {
				return country[idx]
			}
		}
		return ""
	}
	switch {
	case guestOf(obj) && first(subj) != "":
		return first(subj), 0.8, 0
	case guestOf(subj) && first(obj) != "":
		return first(obj), 0.8, 1
	}
	// "X and visiting Defence Minister of Russia Y": one side, two people
	for _, side := range [][]int{subj, obj} {
		var guest, other string
		for _, idx := range side {
			if country[idx] == "" {
				continue
			}
			if d.isVisitor(a.s, idx) {
				guest = country[idx]
			} else if other == "" {
				other = country[idx]
			}
		}
		if guest != "" && other != "" && guest != other {
			return other, 0.8, -1
		}
	}
	return "", 0, -1
}

// isVisitor reports whether a person is named as the guest: "the visiting
// Minister X", "X and his accompanying delegation", "X, who is on a visit".
func (d *doc) isVisitor(s, idx int) bool {
	m := d.people[idx]
	T := d.st(s)
	if findWord(T, max(0, m.s0-3), m.s0, "visiting") >= 0 {
		return true
	}
	e := max(m.e1, m.j)
	if k := findWord(T, e, min(len(T), e+6), "accompanying"); k >= 0 && findWord(T, e, k, "and") >= 0 {
		return true
	}
	for _, k := range []int{e, e + 1} {
		if k >= len(T) || T[k].low != "who" {
			continue
		}
		for _, w := range visitorClauses {
			if lowWords(T, k+1, w...) {
				return true
			}
		}
	}
	return false
}

// visitorClauses are what a relative clause after a guest's name says:
// "X, who is on a visit", "who is visiting", "who arrived in".
var visitorClauses = [][]string{{"is", "on"}, {"was", "on"}, {"is", "visiting"}, {"was", "visiting"}, {"is", "paying"},
	{"was", "paying"}, {"arrived"}, {"has", "arrived"}, {"had", "arrived"}, {"is", "in"}, {"came"}, {"has", "come"},
	{"is", "currently", "on"}, {"is", "currently", "visiting"}, {"is", "currently", "in"}}

// venueHost finds the host from where the meeting was held: a venue named
// for a participant's country ("at the British Ministry of Defence", "at
// the Pentagon"), or an ambassador accredited to a participant's country
// ("the Ambassador of Russia to Belarus" meets in Belarus).
func (d *doc) venueHost(a anchor, country map[int]string) (string, float64) {
	var cs []string
	for _, c := range country {
		if c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	if v := d.venueAfterAt(a.s, a.j); v != "" {
		toks := tokenize(v, 0, len(v))
		for i := range toks {
			if c, _ := countryAt(toks, i); c != "" && slices.Contains(cs, c) {
				return c, 0.75
			}
		}
		for k, c := range venueCountries {
			if strings.Contains(strings.ToLower(v), k) && (len(cs) == 0 || slices.Contains(cs, c)) {
				return c, 0.7
			}
		}
	}
	for idx, c := range country {
		m := d.people[idx]
		if m.pos == "" || !strings.Contains(strings.ToLower(m.pos), "ambassador") && !strings.Contains(strings.ToLower(m.pos), "attach") {
			continue
		}
		T := d.st(m.sent)
		for _, cm := range d.ctry[m.sent] {
			if cm.i > m.posI && cm.i <= m.posJ && cm.code != c && slices.Contains(cs, cm.code) && prevWord(T, cm.i) == "to" {
				return cm.code, 0.7
			}
		}
	}
	return "", 0
}

// hostFromSection finds the host, when the meeting's own sentence does not
// tell, from the rest of its section: a guest thanking for the welcome or
// the hospitality ("X thanked his hosts for the warm welcome"), a host
// welcoming the guests ("Welcoming the guests, Y said"), or the city where
// the meeting was held, when it lies in one of the two countries.
func (b *builder) hostFromSection(m *meetingDraft) {
	d, a := b.d, m.anchor
	if m.host != "" || m.noHost || a.call || a.video || len(m.dlgs) != 2 {
		return
	}
	for _, s := range m.sents {
		T := d.st(s)
		if laterVisit(T) || d.sidelines(s) {
			continue
		}
		if k := findWord(T, 0, len(T), "thanked", "thanks", "thank", "thanking"); k >= 0 &&
			findWord(T, k+1, len(T), "hospitality", "welcome", "reception") >= 0 {
			if c := m.sideBefore(d, s, k); c != "" {
				m.host, m.hostS, m.hostConf = m.otherSide(c), s, 0.65
				return
			}
		}
		if k := findWord(T, 0, len(T), "welcomed", "welcoming", "welcomes"); k >= 0 &&
			findWord(T, k+1, min(len(T), k+4), "guests", "guest", "delegation", "visitors") >= 0 {
			c := m.sideBefore(d, s, k)
			if c == "" && T[k].low == "welcoming" {
				c = m.sideBefore(d, s, len(T)) // "Welcoming the guests, Y said"
			}
			if c == "" {
				c = m.sideByTitle(d, s, k) // "The minister welcomed the guests"
			}
			if c != "" {
				m.host, m.hostS, m.hostConf = c, s, 0.65
				return
			}
		}
	}
	for _, s := range m.sents {
		T := d.st(s)
		if !heldHere(T) || d.sidelines(s) {
			continue
		}
		if c := d.placeCountry(s); c != "" {
			if m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.6
			}
			return
		}
		if c := d.townIn(s, m.codes()); c != "" {
			m.host, m.hostS, m.hostConf = c, s, 0.55
			return
		}
	}
	b.hostFromCues(m)
}

// placeCountry returns the country of the place a sentence says something
// happened at: a city ("in Baku", "in the Yongsan District of Seoul") or an
// institution of a country ("at Nepal Army Headquarters", "at the Ministry
// of Defence of Ghana").
func (d *doc) placeCountry(s int) string {
	if _, code, ok := d.cityIn(s); ok {
		return code
	}
	if c := d.townOf(s); c != "" {
		return c
	}
	T := d.st(s)
	// the nearest "in" or "at" before a mention, words only between
	placeWord := func(i int) bool {
		comma := false
		for k := i - 1; k >= 0 && k >= i-6; k-- {
			if T[k].kind != 'w' {
				if k == i-1 && T[k].is(",") {
					comma = true // "at GHQ, Rawalpindi"
					continue
				}
				return false
			}
			if T[k].low == "in" || T[k].low == "at" {
				if comma {
					// a named place before the comma, not "in defence, Baku"
					n := k + 1
					if n < len(T) && T[n].low == "the" {
						n++
					}
					return n < i-1 && T[n].cap
				}
				return true
			}
		}
		return false
	}
	for _, c := range d.cityM[s] {
		if placeWord(c.i) {
			return c.code
		}
	}
	for _, c := range d.ctry[s] {
		if c.code == "" || c.code == "-" || !placeWord(c.i) || !institutional(T, c) {
			continue
		}
		for k := max(0, c.i-6); k < min(len(T), c.j+4); k++ {
			if T[k].kind == 'w' && placeNouns[T[k].low] {
				return c.code
			}
		}
	}
	return ""
}

var placeNouns = setOf("headquarters", "headquarter", "hq", "ministry", "academy", "base", "college", "university", "school",
	"command", "garrison", "barracks", "building", "office", "embassy")

// sideBefore returns the delegation of the first participant named in
// sentence s before token k, by the person or by the country's name.
func (m *meetingDraft) sideBefore(d *doc, s, k int) string {
	for _, idx := range d.bySent[s] {
		p := d.people[idx]
		if p.j > k {
			continue
		}
		for _, x := range m.dlgs {
			if x.head >= 0 && d.people[x.head].key == p.key {
				return x.code
			}
			for _, y := range x.members {
				if d.people[y].key == p.key {
					return x.code
				}
			}
		}
		if c, _ := d.countryOf(idx); c != "" && m.dlg(c) != nil {
			return c
		}
	}
	for _, c := range d.ctry[s] {
		if c.i < k && m.dlg(c.code) != nil {
			return c.code
		}
	}
	return ""
}

// heldHere reports whether a sentence tells of the meeting itself, not of
// a ceremony or of a visit to come.
func heldHere(T []tok) bool {
	return hasWord(T, "meeting", "meetings", "talks", "met", "held", "convened", "visit", "discussions", "received", "hosted") &&
		!hasWord(T, "ceremony", "wreath", "wreaths", "graves", "tribute") && !laterVisit(T)
}

// laterVisit reports whether a sentence speaks of what is to come.
func laterVisit(T []tok) bool {
	return hasWord(T, "next", "will", "upcoming", "forthcoming", "invited", "invitation")
}

// hostFromVisitBefore finds the host from the visit the sentences just
// before the meeting's report: "X arrived in Ghana on an official visit.
// He held talks with Y" — the visit names one of the meeting's people and
// its destination hosts.
func (x *sideSet) hostFromVisitBefore() {
	d, s := x.b.d, x.a.s
	keys := map[string]bool{}
	for _, idx := range x.all() {
		keys[d.people[idx].key] = true
	}
	for k := s - 1; k >= 0 && k >= s-2; k-- {
		if d.sents[k].para != d.sents[s].para && k != s-1 {
			break
		}
		c, _ := d.visitPlace(k)
		if c == "" {
			c = d.stayIn(k)
		}
		if c == "" || c == ourCountry || laterVisit(d.st(k)) {
			continue
		}
		for _, idx := range d.bySent[k] {
			key := d.people[idx].key
			if !keys[key] || d.excluded(idx) {
				continue
			}
			x.host, x.hostS, x.hostConf = c, k, 0.75
			for n, side := range [][]int{x.subj, x.obj} {
				for _, o := range side {
					if d.people[o].key == key && x.country[o] != c {
						x.hostSide = 1 - n // the visitor's side is the guest
					}
				}
			}
			return
		}
		if len(d.bySent[k]) == 0 && k == s-1 && x.a.class == aGuest {
			// "The Chief of the Thai Armed Forces is in Singapore for a
			// visit. General X called on Y": the one who calls is the guest
			x.host, x.hostS, x.hostConf, x.hostSide = c, k, 0.7, 1
			return
		}
	}
}

// outletCountry returns the country of the outlet that published the
// report, from Options or from its URL's site; "" when unknown.
func (b *builder) outletCountry() string {
	if b.opt.Outlet != nil {
		if c := outletCountries[*b.opt.Outlet]; c != "" {
			return c
		}
	}
	if b.opt.URL != nil {
		if u, err := url.Parse(*b.opt.URL); err == nil {
			if c := outletCountries[outletOfHost(u.Host)]; c != "" {
				return c
			}
			if c := hostCountry(u.Host); c != "" {
				return c
			}
			return siteCountry(u.Host)
		}
	}
	return ""
}

// clauseStart returns where the clause of token i starts, at most n tokens
// back: after the nearest punctuation other than a hyphen or "'s".
func clauseStart(T []tok, i, n int) int {
	k := i - 1
	for ; k >= 0 && k >= i-n; k-- {
		if T[k].kind == 'p' && !T[k].isDash() && T[k].s != "'s" {
			return k + 1
		}
	}
	return max(0, k+1)
}
