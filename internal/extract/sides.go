package extract

import (
	"maps"
	"slices"
	"strings"
)

// sideSet is the two sides of a meeting's sentence being settled: the
// people before and after the verb, the countries each side names without
// people, and the country found for each person.
type sideSet struct {
	b                   *builder
	a                   anchor
	subj, obj           []int
	subjCodes, objCodes []string
	country             map[int]string
	conf                map[int]float64
	host                string
	hostS               int
	hostConf            float64
	hostSide            int // 0 the subject's, 1 the object's, -1 unknown
	sidelines           bool
	// avoid holds the delegations the meeting had before this sentence
	// without a head ("received a delegation from Nigeria"): a person the
	// text gives no country is not guessed into one of them
	avoid []string
}

// sides sets the delegations of the main meeting from its sentence: the
// people of each side and their countries, then the host, then the
// countries of those still without one, then the delegations.
func (b *builder) sides(m *meetingDraft, a anchor) {
	x := b.newSideSet(a)
	for _, dl := range m.dlgs {
		if dl.head < 0 {
			x.avoid = append(x.avoid, dl.code)
		}
	}
	m.subj, m.obj = x.subj, x.obj
	x.sidelines = b.d.sidelines(a.s) || b.d.sidelinesNext(a.s)
	if x.sidelines {
		m.noHost = true
	}
	inPerson := !a.call && !a.video
	if inPerson && !x.sidelines {
		x.hostFromSentence(m)
	}
	if x.host == "" && !m.noHost && inPerson && a.class == aNeutral && len(x.subj) > 0 {
		x.hostFromDelegation()
	}
	if x.host == "" && !m.noHost && inPerson && !x.sidelines {
		x.hostFromPosting()
	}
	x.fillCountries()
	if x.host == "" && !m.noHost && inPerson && a.class == aNeutral && len(x.subj) > 0 {
		x.hostFromDelegation() // now that the subject has a country
	}
	if x.host == "" && !m.noHost && !x.sidelines && inPerson {
		x.hostFromPeople()
	}
	if x.host == "" && !m.noHost && !x.sidelines && inPerson {
		x.hostFromEnvoy()
	}
	m.country, m.cconf = x.country, x.conf
	if x.host != "" || m.host == "" {
		m.host, m.hostS, m.hostConf = x.host, x.hostS, x.hostConf
	}
	x.delegations(m)
}

// newSideSet reads the people of each side and their countries.
func (b *builder) newSideSet(a anchor) *sideSet {
	d := b.d
	T := d.st(a.s)
	x := &sideSet{b: b, a: a, country: map[int]string{}, conf: map[int]float64{}, hostS: a.s, hostSide: -1}
	x.subj, x.obj = d.sidePeople(a)
	if a.guestAfter {
		x.subj, x.obj = x.obj, x.subj // "the visit of X to Baku": X is the guest
	}
	if len(x.subj) == 0 && (pronounSubject(T, a.i) || d.counterpartIn(x.obj)) {
		// "He met Y", "a meeting with his Lithuanian counterpart Y"
		// "He met Y": the last principal named before
		if p := d.lastPrincipal(a.s); p >= 0 {
			x.subj = []int{p}
		}
	}
	x.subjCodes = d.sideCountries(a.s, 0, a.i, x.subj)
	x.objCodes = d.sideCountries(a.s, a.j, len(T), x.obj)
	if a.dest != "" && len(x.obj) == 0 && !slices.Contains(x.objCodes, a.dest) {
		x.objCodes = append(x.objCodes, a.dest)
	}
	for _, idx := range x.all() {
		x.country[idx], x.conf[idx] = d.countryOf(idx)
		if c := d.sideLedBy(idx); c != "" {
			x.country[idx], x.conf[idx] = c, 0.85
		}
		if x.country[idx] == "" {
			if c := d.appositiveCountry(idx); c != "" {
				x.country[idx], x.conf[idx] = c, 0.75
			}
		}
	}
	x.inherit(x.subj, x.subjCodes, 0, a.i)
	x.inherit(x.obj, x.objCodes, a.j, len(T))
	return x
}

func (x *sideSet) all() []int { return append(append([]int{}, x.subj...), x.obj...) }

// inherit gives people listed in a delegation ("the delegation led by A
// and B") its country.
func (x *sideSet) inherit(side []int, codes []string, from, to int) {
	hasDel := false
	for _, dm := range x.b.d.delegationsIn(x.a.s) {
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
		if x.country[idx] != "" {
			if base == "" {
				base = x.country[idx]
			}
			break
		}
	}
	for _, idx := range side {
		if x.country[idx] == "" && base != "" {
			x.country[idx], x.conf[idx] = base, 0.7
		}
	}
}

// known returns the first country a side's people or names give.
func (x *sideSet) known(side []int, codes []string) string {
	for _, idx := range side {
		if x.country[idx] != "" {
			return x.country[idx]
		}
	}
	if len(codes) > 0 {
		return codes[0]
	}
	return ""
}

func (x *sideSet) has(side []int, codes []string, c string) bool {
	for _, idx := range side {
		if x.country[idx] == c {
			return true
		}
	}
	return slices.Contains(codes, c)
}

// hostFromSentence finds the host from the sentence itself: the verb
// ("received", "paid a visit to"), a destination, a city (unless of a third
// country), a guest named as such, a venue, or a visit in the next
// sentences of the paragraph.
func (x *sideSet) hostFromSentence(m *meetingDraft) {
	d, a := x.b.d, x.a
	switch a.class {
	case aHost:
		x.host, x.hostConf, x.hostSide = x.known(x.subj, x.subjCodes), 0.9, 0
		if c := x.postOf(x.subj); c != "" {
			x.host, x.hostSide = c, -1 // the ambassador receives where posted
		}
	case aPassive:
		x.host, x.hostConf, x.hostSide = x.known(x.obj, x.objCodes), 0.9, 1
		if c := x.postOf(x.obj); c != "" {
			x.host, x.hostSide = c, -1
		}
	case aGuest:
		x.hostSide = 1
		x.host, x.hostConf = x.known(x.obj, nil), 0.85
		if x.host == "" {
			x.host = a.dest
		}
		if x.host == "" {
			x.host = x.known(nil, x.objCodes)
		}
	}
	if x.host == "" {
		x.hostFromInvitation()
	}
	if x.host == "" {
		if c := d.welcomedTo(a); c != "" {
			x.host, x.hostConf, x.hostSide = c, 0.8, 0
		}
	}
	if x.host == "" {
		if c, _ := d.visitPlace(a.s); c == ourCountry {
			if k := x.known(x.subj, x.subjCodes); k != "" {
				x.host, x.hostConf, x.hostSide = k, 0.75, 0
			}
		} else if c != "" {
			x.host, x.hostConf = c, 0.85
		}
	}
	if x.host == "" {
		if _, c, ok := d.cityIn(a.s); ok {
			// a venue in a third country hosts no one: "a meeting in
			// Astana" of Kyrgyz and Russian ministers
			var people []string
			for _, idx := range x.all() {
				if k := x.country[idx]; k != "" && !slices.Contains(people, k) {
					people = append(people, k)
				}
			}
			if len(people) >= 2 && !slices.Contains(people, c) || d.bodyVenue(a.s) {
				m.noHost = true
			} else {
				x.host, x.hostConf = c, 0.7
			}
		}
	}
	if x.host == "" && !m.noHost {
		x.host, x.hostConf, x.hostSide = d.visitingCue(a, x.subj, x.obj, x.country)
	}
	if x.host == "" {
		if v := d.venueAfterAt(a.s, a.j); v != "" {
			for k, c := range venueCountries {
				if strings.Contains(strings.ToLower(v), k) {
					x.host, x.hostConf = c, 0.7
				}
			}
		}
	}
	if x.host == "" {
		x.hostFromVisitBefore()
	}
	if x.host == "" {
		// the next sentences of the first paragraph
		p := d.sents[a.s].para
		for s := a.s + 1; s < len(d.sents) && s <= a.s+3; s++ {
			if c, _ := d.visitPlace(s); c != "" && c != ourCountry && (d.sents[s].para == p || s == a.s+1) && !pastWords(d.st(s)) {
				x.host, x.hostS, x.hostConf = c, s, 0.75
				break
			}
		}
	}
}

// hostFromDelegation: "X held talks with a delegation of Y led by Z": Y's
// delegation came, X hosted.
func (x *sideSet) hostFromDelegation() {
	a := x.a
	subjDel, objDel := false, false
	for _, dm := range x.b.d.delegationsIn(a.s) {
		if dm.i < a.i {
			subjDel = true
		} else if dm.i >= a.j && dm.i < a.j+6 {
			objDel = true
		}
	}
	if objDel && !subjDel {
		for _, idx := range x.subj {
			if x.country[idx] != "" {
				x.host, x.hostConf, x.hostSide = x.country[idx], 0.6, 0
				return
			}
		}
	}
}

// fillCountries gives people still without a country their side's (the
// host's for the host's side), else the fallback of the report.
func (x *sideSet) fillCountries() {
	if x.hostSide < 0 && x.host != "" {
		switch {
		case x.has(x.subj, x.subjCodes, x.host) && !x.has(x.obj, x.objCodes, x.host):
			x.hostSide = 0
		case x.has(x.obj, x.objCodes, x.host) && !x.has(x.subj, x.subjCodes, x.host):
			x.hostSide = 1
		case x.known(x.obj, x.objCodes) != "" && x.known(x.obj, x.objCodes) != x.host && len(x.subj) > 0:
			x.hostSide = 0
		case x.known(x.subj, x.subjCodes) != "" && x.known(x.subj, x.subjCodes) != x.host && len(x.obj) > 0:
			x.hostSide = 1
		}
	}
	fill := func(side []int, codes []string, isHost bool) {
		for _, idx := range side {
			if x.country[idx] != "" {
				continue
			}
			switch {
			case isHost && x.host != "" && !x.counterpartOf(idx, x.host):
				x.country[idx], x.conf[idx] = x.host, 0.7
			case !isHost:
				k := ""
				for _, o := range side {
					if x.country[o] != "" {
						k = x.country[o]
						break
					}
				}
				if k == "" && len(codes) == 1 {
					k = codes[0]
				}
				if k != "" && k != x.host && !x.counterpartOf(idx, k) {
					x.country[idx], x.conf[idx] = k, 0.6
				}
			}
		}
	}
	if x.hostSide >= 0 {
		fill(x.subj, x.subjCodes, x.hostSide == 0)
		fill(x.obj, x.objCodes, x.hostSide == 1)
	}
	// "X met Defence Minister Y and Indian Air Force chief Z": people on
	// one side of the verb share its one country when the other side is of
	// another
	for n, side := range [][]int{x.subj, x.obj} {
		mine, theirs := x.sideCountry(side), x.sideCountry([][]int{x.subj, x.obj}[1-n])
		if mine == "" || theirs == "" || mine == theirs {
			continue
		}
		for _, idx := range side {
			if x.country[idx] == "" && x.b.d.principal(idx) && !x.counterpartOf(idx, mine) {
				x.country[idx], x.conf[idx] = mine, 0.55
			}
		}
	}
	// a country named in a person's own clause: "Y, Assistant Chief of
	// Defence Staff of UK"
	for _, idx := range x.all() {
		if x.country[idx] != "" || !x.b.d.principal(idx) {
			continue
		}
		end := len(x.b.d.st(x.a.s))
		if slices.Contains(x.subj, idx) {
			end = x.a.i
		}
		if c := x.b.d.clauseCountry(idx, end); c != "" && !slices.Contains(slices.Collect(maps.Values(x.country)), c) {
			x.country[idx], x.conf[idx] = c, 0.55
		}
	}
	// a single unknown left among two sides of which one is known
	for _, idx := range x.all() {
		if x.country[idx] != "" || !x.b.d.principal(idx) {
			continue
		}
		if c := x.b.fallbackAt(x.taken(idx), x.a.s); c != "" {
			x.country[idx], x.conf[idx] = c, 0.5
		}
	}
}

// hostFromPeople finds the host once the people's countries are settled:
// the verb's host, a guest named as such, a venue or an ambassador.
func (x *sideSet) hostFromPeople() {
	d := x.b.d
	switch x.a.class {
	case aHost:
		x.host, x.hostConf = x.known(x.subj, nil), 0.8
	case aPassive:
		x.host, x.hostConf = x.known(x.obj, nil), 0.8
	case aGuest:
		// "X called on Y": Y's country, now that Y has one
		x.host, x.hostConf = x.known(x.obj, nil), 0.75
	}
	if x.host == "" {
		x.host, x.hostConf, _ = d.visitingCue(x.a, x.subj, x.obj, x.country)
		x.hostConf *= 0.9
	}
	if x.host == "" {
		x.host, x.hostConf = d.venueHost(x.a, x.country)
	}
}

// delegations builds the meeting's delegations: led-by heads first, then
// the people in order of mention, then the countries named without people,
// then the host.
func (x *sideSet) delegations(m *meetingDraft) {
	d := x.b.d
	for _, idx := range x.all() {
		c := x.country[idx]
		if c == "" {
			if d.people[idx].strong {
				x.b.warnKey("could not tell the country of %s", d.people[idx].name)
			}
			continue
		}
		dl := m.addDlg(c, x.a.s, x.conf[idx])
		if d.ledByHead(idx) && dl.head < 0 {
			dl.head = idx
		}
	}
	for _, idx := range x.all() {
		dl := m.dlg(x.country[idx])
		if dl == nil || dl.head == idx {
			continue
		}
		if dl.head < 0 {
			dl.head = idx
		} else if !d.hasPerson(m, idx) {
			dl.members = append(dl.members, idx)
		}
	}
	for _, c := range append(append([]string{}, x.subjCodes...), x.objCodes...) {
		m.addDlg(c, x.a.s, 0.8)
	}
	if x.host != "" {
		m.addDlg(x.host, x.hostS, x.hostConf)
	}
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

// pronounSubject reports whether "he" or "she" is the subject of the verb
// at token i: "He met", "He also held talks", "She then received".
func pronounSubject(T []tok, i int) bool {
	for k := 0; k < i && k < 4+dateOpening(T); k++ {
		if T[k].low == "he" || T[k].low == "she" {
			return true
		}
	}
	// "On 3 May, he met": right before the verb, after a comma
	k := i - 1
	for k >= 0 && T[k].kind == 'w' && pronounAdverbs[T[k].low] {
		k--
	}
	return k >= 1 && (T[k].low == "he" || T[k].low == "she") && T[k-1].is(",")
}

var pronounAdverbs = setOf("also", "then", "later", "further", "subsequently", "separately", "additionally", "again")
