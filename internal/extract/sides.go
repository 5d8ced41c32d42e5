package extract

import (
	"net/url"
	"slices"
	"strings"
)

// sides sets the delegations of the main meeting from its sentence.
func (b *builder) sides(m *meetingDraft, a anchor) {
	d := b.d
	subj, obj := d.sidePeople(a)
	T := d.st(a.s)
	if a.guestAfter {
		subj, obj = obj, subj // "the visit of X to Baku": X is the guest
	}
	if len(subj) == 0 && pronounSubject(T, a.i) {
		// "He met Y": the last principal named before
		if p := d.lastPrincipal(a.s); p >= 0 {
			subj = []int{p}
		}
	}
	subjCodes := d.sideCountries(a.s, 0, a.i, subj)
	objCodes := d.sideCountries(a.s, a.j, len(T), obj)
	if a.dest != "" && len(obj) == 0 && !slices.Contains(objCodes, a.dest) {
		objCodes = append(objCodes, a.dest)
	}
	m.subj, m.obj = subj, obj
	country := map[int]string{}
	conf := map[int]float64{}
	for _, idx := range append(append([]int{}, subj...), obj...) {
		country[idx], conf[idx] = d.countryOf(idx)
	}
	// people listed in a delegation ("the delegation led by A and B") share
	// its country
	inherit := func(side []int, codes []string, from, to int) {
		hasDel := false
		for _, dm := range d.delegationsIn(a.s) {
			if dm.i >= from && dm.i < to {
				hasDel = true
			}
		}
		if !hasDel {
			return
		}
		base := ""
		if len(codes) == 1 {
			base = codes[0]
		}
		for _, idx := range side {
			if country[idx] != "" {
				if base == "" {
					base = country[idx]
				}
				break
			}
		}
		for _, idx := range side {
			if country[idx] == "" && base != "" {
				country[idx], conf[idx] = base, 0.7
			}
		}
	}
	inherit(subj, subjCodes, 0, a.i)
	inherit(obj, objCodes, a.j, len(T))

	known := func(side []int, codes []string) string {
		for _, idx := range side {
			if country[idx] != "" {
				return country[idx]
			}
		}
		if len(codes) > 0 {
			return codes[0]
		}
		return ""
	}
	host, hostS, hostConf := "", a.s, 0.0
	hostSide := -1
	// the countries the people of the sentence belong to
	var people []string
	for _, idx := range append(append([]int{}, subj...), obj...) {
		if c := country[idx]; c != "" && !slices.Contains(people, c) {
			people = append(people, c)
		}
	}
	// a venue in a third country hosts no one: "a meeting in Astana" of
	// Kyrgyz and Russian ministers
	thirdCountry := func(c string) bool { return len(people) >= 2 && !slices.Contains(people, c) }
	sidelines := d.sidelines(a.s)
	if sidelines {
		m.noHost = true
	}
	if !a.call && !a.video && !sidelines {
		switch a.class {
		case aHost:
			host, hostConf, hostSide = known(subj, subjCodes), 0.9, 0
		case aPassive:
			host, hostConf, hostSide = known(obj, objCodes), 0.9, 1
		case aGuest:
			hostSide = 1
			host, hostConf = known(obj, nil), 0.85
			if host == "" {
				host = a.dest
			}
			if host == "" {
				host = known(nil, objCodes)
			}
		}
		if host == "" {
			if c, _ := d.visitDest(a.s); c == ourCountry {
				if k := known(subj, subjCodes); k != "" {
					host, hostConf, hostSide = k, 0.75, 0
				}
			} else if c != "" {
				host, hostConf = c, 0.85
			}
		}
		if host == "" {
			if _, c, ok := d.cityIn(a.s); ok {
				if thirdCountry(c) {
					m.noHost = true
				} else {
					host, hostConf = c, 0.7
				}
			}
		}
		if host == "" && !m.noHost {
			host, hostConf, hostSide = d.visitingCue(a, subj, obj, country)
		}
		if host == "" {
			if v := d.venueAfterAt(a.s, a.j); v != "" {
				for k, c := range venueCountries {
					if strings.Contains(strings.ToLower(v), k) {
						host, hostConf = c, 0.7
					}
				}
			}
		}
		if host == "" {
			// the next sentences of the first paragraph
			p := d.sents[a.s].para
			for s := a.s + 1; s < len(d.sents) && s <= a.s+3; s++ {
				if c, _ := d.visitDest(s); c != "" && c != ourCountry && (d.sents[s].para == p || s == a.s+1) {
					host, hostS, hostConf = c, s, 0.75
					break
				}
			}
		}
	}
	if host == "" && !m.noHost && !a.call && !a.video && a.class == aNeutral && len(subj) > 0 {
		// "X held talks with a delegation of Y led by Z": Y's delegation came
		subjDel, objDel := false, false
		for _, dm := range d.delegationsIn(a.s) {
			if dm.i < a.i {
				subjDel = true
			} else if dm.i >= a.j && dm.i < a.j+6 {
				objDel = true
			}
		}
		if objDel && !subjDel {
			for _, idx := range subj {
				if country[idx] != "" {
					host, hostConf, hostSide = country[idx], 0.6, 0
					break
				}
			}
		}
	}
	has := func(side []int, codes []string, c string) bool {
		for _, idx := range side {
			if country[idx] == c {
				return true
			}
		}
		return slices.Contains(codes, c)
	}
	if hostSide < 0 && host != "" {
		switch {
		case has(subj, subjCodes, host) && !has(obj, objCodes, host):
			hostSide = 0
		case has(obj, objCodes, host) && !has(subj, subjCodes, host):
			hostSide = 1
		case known(obj, objCodes) != "" && known(obj, objCodes) != host && len(subj) > 0:
			hostSide = 0
		case known(subj, subjCodes) != "" && known(subj, subjCodes) != host && len(obj) > 0:
			hostSide = 1
		}
	}
	// people whose country is still unknown take their side's
	fill := func(side []int, codes []string, isHost bool) {
		for _, idx := range side {
			if country[idx] != "" {
				continue
			}
			switch {
			case isHost && host != "":
				country[idx], conf[idx] = host, 0.7
			case !isHost:
				k := ""
				for _, o := range side {
					if country[o] != "" {
						k = country[o]
						break
					}
				}
				if k == "" && len(codes) == 1 {
					k = codes[0]
				}
				if k != "" && k != host {
					country[idx], conf[idx] = k, 0.6
				}
			}
		}
	}
	if hostSide >= 0 {
		fill(subj, subjCodes, hostSide == 0)
		fill(obj, objCodes, hostSide == 1)
	}
	// a single unknown left among two sides of which one is known
	for _, idx := range append(append([]int{}, subj...), obj...) {
		if country[idx] != "" || !d.principal(idx) {
			continue
		}
		if c := b.fallback(country); c != "" {
			country[idx], conf[idx] = c, 0.5
		}
	}
	if host == "" && !m.noHost && !sidelines && !a.call && !a.video {
		// the people's countries are settled now: the verb's host, a
		// visiting guest, a venue or an ambassador tell who hosts
		switch a.class {
		case aHost:
			host, hostConf = known(subj, nil), 0.8
		case aPassive:
			host, hostConf = known(obj, nil), 0.8
		}
		if host == "" {
			host, hostConf, _ = d.visitingCue(a, subj, obj, country)
			hostConf *= 0.9
		}
		if host == "" {
			host, hostConf = d.venueHost(a, country)
		}
	}
	m.country = country
	m.cconf = conf
	m.host, m.hostS, m.hostConf = host, hostS, hostConf
	// delegations: led-by heads first, then in order of mention
	for _, idx := range append(append([]int{}, subj...), obj...) {
		c := country[idx]
		if c == "" {
			if d.people[idx].strong {
				b.warnKey("could not tell the country of %s", d.people[idx].name)
			}
			continue
		}
		x := m.addDlg(c, a.s, conf[idx])
		if d.ledByHead(idx) && x.head < 0 {
			x.head = idx
		}
	}
	for _, idx := range append(append([]int{}, subj...), obj...) {
		c := country[idx]
		x := m.dlg(c)
		if x == nil || x.head == idx {
			continue
		}
		if x.head < 0 {
			x.head = idx
		} else if !d.hasPerson(m, idx) {
			x.members = append(x.members, idx)
		}
	}
	for _, c := range append(append([]string{}, subjCodes...), objCodes...) {
		m.addDlg(c, a.s, 0.8)
	}
	if host != "" {
		m.addDlg(host, hostS, hostConf)
	}
}

// fallback picks a country for a participant the text names without one:
// the outlet's country, else the country most named in the body that takes
// no other part yet.
func (b *builder) fallback(assigned map[int]string) string {
	used := map[string]bool{}
	for _, c := range assigned {
		used[c] = true
	}
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
	// "cooperation between Saudi Arabia and the United Kingdom", one of
	// them taking part already
	for s := range b.d.sents {
		T := b.d.st(s)
		cs := b.d.ctry[s]
		for n := 0; n+1 < len(cs); n++ {
			x, y := cs[n], cs[n+1]
			if x.i == 0 || T[x.i-1].low != "between" || findWord(T, x.j, y.i, "and") < 0 || y.i-x.j > 3 {
				continue
			}
			switch {
			case used[x.code] && !used[y.code]:
				return y.code
			case used[y.code] && !used[x.code]:
				return x.code
			}
		}
	}
	count := map[string]int{}
	var order []string
	for s := range b.d.sents {
		T := b.d.st(s)
		for _, c := range b.d.ctry[s] {
			if used[c.code] || !institutional(T, c) ||
				findWord(T, max(0, c.i-8), c.i, "trilateral", "multilateral", "integrity", "between", "independence") >= 0 {
				continue
			}
			if count[c.code] == 0 {
				order = append(order, c.code)
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
	return best
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

// lastPrincipal returns whom "he" or "she" at the start of sentence s
// stands for: the subject of the nearest sentence before it that names one
// (the person before its verb of meeting, else its first principal), in
// the three sentences before s; -1 when none.
func (d *doc) lastPrincipal(s int) int {
	for k := s - 1; k >= 0 && k >= s-3; k-- {
		if a, ok := d.anchorIn(k); ok && a.i > 0 {
			subj, _ := d.sidePeople(a)
			if len(subj) > 0 {
				return subj[0]
			}
			T := d.st(k)
			if pronounSubject(T, a.i) {
				continue // "he" again: further back
			}
			if len(subj) == 0 && a.i > 0 {
				continue // a subject that is no one named
			}
		}
		for _, idx := range d.bySent[k] {
			if d.people[idx].strong && !d.excluded(idx) {
				return idx
			}
		}
	}
	return -1
}

// sidelines reports whether a sentence places the meeting on the margins
// of a multilateral event, which has no host between the two sides.
func (d *doc) sidelines(s int) bool {
	T := d.st(s)
	return hasWord(T, "sidelines", "sideline", "margins", "side-lines") || hasPhrase(T, "on the side of") ||
		hasPhrase(T, "on the margin of")
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
	return lowWords(T, e, "who", "is", "on") || lowWords(T, e+1, "who", "is", "on")
}

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

// pronounSubject reports whether "he" or "she" is the subject of the verb
// at token i: "He met", "He also held talks", "She then received".
func pronounSubject(T []tok, i int) bool {
	for k := 0; k < i && k < 4; k++ {
		if T[k].low == "he" || T[k].low == "she" {
			return true
		}
	}
	return false
}
