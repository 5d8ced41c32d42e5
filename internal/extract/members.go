package extract

import "slices"

// ledDelegations reads "The South African delegation was led by X, while
// the Zimbabwean side was led by Y": X and Y head their delegations.
func (b *builder) ledDelegations(m *meetingDraft) {
	b.ledDelegationsIn(m, m.sents)
}

func (b *builder) ledDelegationsIn(m *meetingDraft, sents []int) {
	d := b.d
	for _, s := range sents {
		T := d.st(s)
		dms := d.delegationsIn(s)
		for n, dm := range dms {
			if len(dm.codes) == 0 {
				b.ledGuests(m, s, dm)
				continue
			}
			if len(dm.codes) != 1 {
				continue
			}
			k := dm.i + 1
			if !ledBy(T, k) {
				continue
			}
			end := len(T)
			if n+1 < len(dms) {
				end = dms[n+1].i
			}
			for _, idx := range d.bySent[s] {
				p := d.people[idx]
				if p.s0 < k+3 || p.s0 >= end {
					continue
				}
				x := m.dlg(dm.codes[0])
				if x == nil && len(m.dlgs) < 2 {
					x = m.addDlg(dm.codes[0], s, 0.8)
				}
				if x != nil && x.head < 0 && !d.hasPerson(m, idx) {
					x.head = idx
				}
				break
			}
		}
	}
}

// moreMembers adds to each delegation the officials of its country named
// elsewhere in the meeting's section with a rank or position.
func (b *builder) moreMembers(m *meetingDraft) {
	d := b.d
	for _, s := range m.sents {
		for _, idx := range d.bySent[s] {
			p := d.people[idx]
			if !p.strong || d.excluded(idx) || d.hasPerson(m, idx) || d.leaderAside(idx) {
				continue
			}
			c, _ := d.countryOf(idx)
			x := m.dlg(c)
			if x == nil {
				continue
			}
			if x.head < 0 {
				x.head = idx
			} else if !notYet(d.st(s), p.s0, p.e1) {
				x.members = append(x.members, idx)
			}
		}
	}
}

// ledGuests reads "The delegation was headed by X" with no country: X
// heads the one delegation still without a head that is not the host's.
func (b *builder) ledGuests(m *meetingDraft, s int, dm dmention) {
	d := b.d
	T := d.st(s)
	k := dm.i + 1
	if !ledBy(T, k) {
		return
	}
	lead := -1
	for _, idx := range d.bySent[s] {
		if p := d.people[idx]; p.s0 >= k+3 && !d.hasPerson(m, idx) {
			lead = idx
			break
		}
	}
	if lead < 0 {
		return
	}
	// the leader's own country's delegation, else the one guest delegation
	// still without a head
	c, _ := d.countryOf(lead)
	if x := m.dlg(c); x != nil {
		if x.head < 0 {
			x.head = lead
		}
		return
	}
	if c != "" {
		return
	}
	var x *dlgDraft
	for _, dl := range m.dlgs {
		if dl.head < 0 && dl.code != m.host {
			if x != nil {
				return
			}
			x = dl
		}
	}
	if x != nil {
		x.head = lead
	}
}

// ledBy reports whether "was led by", "is headed by", "was chaired by" or
// the like starts at token k.
func ledBy(T []tok, k int) bool {
	if k >= len(T) || (T[k].low != "was" && T[k].low != "is" && T[k].low != "were") {
		return false
	}
	return lowWords(T, k+1, "led", "by") || lowWords(T, k+1, "headed", "by") || lowWords(T, k+1, "chaired", "by") ||
		lowWords(T, k+1, "represented", "by")
}

// headlessLeft gives the one delegation still without a head, known from
// the headline alone, the one person of the meeting's sentence still
// without a delegation.
func (b *builder) headlessLeft(m *meetingDraft) {
	d := b.d
	var x *dlgDraft
	for _, dl := range m.dlgs {
		if dl.head < 0 {
			if x != nil {
				return
			}
			x = dl
		}
	}
	if x == nil || !x.headline {
		return // a delegation of the sentence itself may be the other side's
	}
	var left []int
	for _, idx := range append(append([]int{}, m.subj...), m.obj...) {
		if d.people[idx].strong && !d.hasPerson(m, idx) && m.country[idx] == "" {
			left = append(left, idx)
		}
	}
	if len(left) == 1 {
		x.head = left[0]
	}
}

// namedLater: a meeting sentence that names its two sides by office alone
// ("Turkey's defence minister met with his British counterpart") is often
// told again with the names in the next sentences of its section ("Hulusi
// Akar received Ben Wallace"): the one person before and the one after that
// sentence's verb head the first sentence's two sides, in its order, and
// its verb tells the host.
func (b *builder) namedLater(m *meetingDraft) {
	d, a := b.d, m.anchor
	if len(m.subj) > 0 || len(m.obj) > 0 || len(m.dlgs) != 2 {
		return
	}
	T := d.st(a.s)
	sc := d.sideCountries(a.s, 0, a.i, nil)
	oc := d.sideCountries(a.s, a.j, len(T), nil)
	if len(sc) != 1 || len(oc) != 1 || sc[0] == oc[0] || m.dlg(sc[0]) == nil || m.dlg(oc[0]) == nil {
		return
	}
	for _, s := range m.sents {
		if s <= a.s || s > a.s+2 {
			continue
		}
		a2, ok := d.anchorIn(s)
		if !ok || a2.call || a2.video {
			continue
		}
		subj, obj := d.sidePeople(a2)
		if a2.guestAfter {
			subj, obj = obj, subj
		}
		if len(subj) != 1 || len(obj) != 1 || d.people[subj[0]].key == d.people[obj[0]].key {
			continue
		}
		if c, _ := d.countryOf(subj[0]); c != "" && c != sc[0] {
			return
		}
		if c, _ := d.countryOf(obj[0]); c != "" && c != oc[0] {
			return
		}
		if m.country == nil {
			m.country, m.cconf = map[int]string{}, map[int]float64{}
		}
		for _, p := range []struct {
			idx  int
			code string
		}{{subj[0], sc[0]}, {obj[0], oc[0]}} {
			m.country[p.idx], m.cconf[p.idx] = p.code, 0.6
			if x := m.dlg(p.code); x.head < 0 && !d.hasPerson(m, p.idx) {
				x.head = p.idx
			}
		}
		if m.host == "" && !m.noHost {
			switch a2.class {
			case aHost:
				m.host, m.hostS, m.hostConf = sc[0], s, 0.7
			case aGuest, aPassive:
				m.host, m.hostS, m.hostConf = oc[0], s, 0.7
			}
		}
		return
	}
}

// oneSidePerPerson keeps a person at the head of one delegation only: when
// the same person heads two, the delegation of the person's own country
// keeps them, else the one better supported; the other loses its head, and
// goes when nothing else (a member) holds it in the meeting.
func (b *builder) oneSidePerPerson(m *meetingDraft) {
	d := b.d
	for i := 0; i < len(m.dlgs); i++ {
		for j := i + 1; j < len(m.dlgs); j++ {
			x, y := m.dlgs[i], m.dlgs[j]
			if x.head < 0 || y.head < 0 || d.people[x.head].key != d.people[y.head].key {
				continue
			}
			drop := y
			if c, _ := d.countryOf(x.head); c == y.code || c == "" && y.conf > x.conf {
				drop = x
			}
			drop.head = -1
			if len(drop.members) == 0 && drop.code != m.host {
				m.dlgs = slices.DeleteFunc(m.dlgs, func(z *dlgDraft) bool { return z == drop })
				i, j = -1, len(m.dlgs) // start again over the shorter list
			}
		}
	}
}

// outletHead gives the delegation of the outlet's country, when it is still
// without a head, the first official of the meeting's section named with a
// title and no country, in the meeting's sentence or the three after it: a
// report names its own officials without their country ("During talks
// with Chief of the General Staff Admiral X, ...").
func (b *builder) outletHead(m *meetingDraft) {
	d := b.d
	x := m.dlg(b.outletCountry())
	if x == nil || x.head >= 0 || !m.hasAnc {
		return
	}
	for _, s := range m.sents {
		if s < m.anchor.s || s > m.anchor.s+3 {
			continue
		}
		for _, idx := range d.bySent[s] {
			p := d.people[idx]
			if !p.strong || p.counterpart || d.excluded(idx) || d.hasPerson(m, idx) {
				continue
			}
			if c, _ := d.countryOf(idx); c != "" || m.country[idx] != "" {
				continue
			}
			x.head = idx
			return
		}
	}
}

// oneNamePerPerson drops from a delegation a member whose name is its head's
// or an earlier member's written more or less fully ("Jim Mattis" beside
// "James Mattis"): one person named two ways.
func (b *builder) oneNamePerPerson(m *meetingDraft) {
	d := b.d
	for _, x := range m.dlgs {
		var seen []string
		if x.head >= 0 {
			seen = append(seen, d.people[x.head].key)
		}
		x.members = slices.DeleteFunc(x.members, func(idx int) bool {
			k := d.people[idx].key
			if slices.ContainsFunc(seen, func(s string) bool { return s != k && sameNameWritten(s, k) }) {
				return true
			}
			seen = append(seen, k)
			return false
		})
	}
}

// notYetWords tell that what follows has not happened yet, or did not
// happen: "also intends to meet X", "ahead of their encounter with X",
// "delayed a visit by X".
var notYetWords = setOf("intends", "intend", "intended", "plans", "planned", "will", "would", "scheduled", "expected",
	"ahead", "delayed", "postponed", "upcoming", "future", "cancelled", "canceled")

// notYet reports whether the words around a person named at tokens [k, e)
// of a sentence tell of a meeting to come or one that did not take place
// ("intends to meet X", "a visit by X was postponed"): the person is not
// at the meeting reported.
func notYet(T []tok, k, e int) bool {
	// "A visit by X was postponed"
	if findWord(T, e, len(T), "postponed", "cancelled", "canceled", "delayed") >= 0 {
		return true
	}
	for i := 0; i < k && i < len(T); i++ {
		if T[i].kind != 'w' {
			continue
		}
		if notYetWords[T[i].low] && T[i].s != "Will" {
			return true
		}
		// "the lawmakers are also to meet X"
		if T[i].low == "to" && i+1 < k && (T[i+1].low == "meet" || T[i+1].low == "visit" || T[i+1].low == "hold") &&
			i > 0 && findWord(T, max(0, i-3), i, "are", "is", "was", "were") >= 0 {
			return true
		}
	}
	return false
}
