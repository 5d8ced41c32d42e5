package extract

import (
	"slices"
)

// childStarts finds the sentences that open talks held within the visit:
// a meeting verb, a person not yet in the meeting, and a reference back to
// the guests.
func (b *builder) childStarts(main *meetingDraft, from int) []int {
	d := b.d
	var starts []int
	var seen []string
	for s := from; s < len(d.sents); s++ {
		a, ok := d.anchorIn(s)
		if !ok || a.call || a.video {
			continue
		}
		if k := presenceCue(d.st(s)); k >= 0 && k < a.j {
			continue // "Attending the meeting were ...": who else took part
		}
		subj, obj := d.sidePeople(a)
		var fresh []int
		for _, idx := range append(append([]int{}, subj...), obj...) {
			p := d.people[idx]
			if !p.strong || d.hasPerson(main, idx) || slices.Contains(seen, p.key) {
				continue
			}
			if c, _ := d.countryOf(idx); c != "" && main.dlg(c) == nil {
				continue
			}
			fresh = append(fresh, idx)
		}
		if len(fresh) == 0 {
			continue
		}
		T := d.st(s)
		ref := hasWord(T, "delegation", "delegations", "guests", "guest", "counterpart", "he", "she", "they", "visitors", "sides", "visit",
			"further", "later", "then", "subsequently", "separately", "additionally")
		for _, idx := range append(append([]int{}, subj...), obj...) {
			if d.hasPerson(main, idx) {
				ref = true
			}
		}
		for _, c := range d.ctry[s] {
			if x := main.dlg(c.code); x != nil && c.code != main.host {
				ref = true
			}
		}
		if !ref {
			continue
		}
		if main.heads() == 0 {
			// "The delegation was headed by X" before it, else the first
			// sentence with people completes the main meeting
			if b.ledDelegationsIn(main, rangeInts(from, s+1)); main.heads() == 0 {
				b.sides(main, a)
				continue
			}
		}
		// a delegation known without its head gets the first official of
		// its country named at a meeting: "During the visit, he held talks
		// with the Minister of National Defense of Korea Shin Won-sik"
		filled := map[string]bool{}
		for _, idx := range fresh {
			c, _ := d.countryOf(idx)
			if c == "" && main.host != "" && slices.Contains(obj, idx) && a.class != aHost {
				c = main.host
			}
			if c == "" {
				c = main.headlessFor(d, a, idx, slices.Contains(subj, idx))
			}
			x := main.dlg(c)
			switch {
			case x == nil:
			case x.head < 0:
				x.head, x.s = idx, s
				filled[c] = true
			case filled[c]:
				x.members = append(x.members, idx) // "called on A and B"
			}
		}
		if len(filled) > 0 {
			continue
		}

		for _, idx := range fresh {
			seen = append(seen, d.people[idx].key)
		}
		starts = append(starts, s)
	}
	return starts
}

func (m *meetingDraft) heads() int {
	n := 0
	for _, x := range m.dlgs {
		if x.head >= 0 {
			n++
		}
	}
	return n
}

// childSpan returns the sentences of talks that start at sentence st: the
// rest of its paragraph, and the paragraphs after it that go on about the
// same talks ("During the meeting ...", "At the end of the talks ...").
func (d *doc) childSpan(st, next int) []int {
	span := []int{st}
	var names []string
	for _, idx := range d.bySent[st] {
		names = append(names, d.people[idx].key)
	}
	p := d.sents[st].para
	for s := st + 1; s < next; s++ {
		if d.sents[s].para != p {
			if !d.continuesTalks(s, names) {
				break
			}
			p = d.sents[s].para
		}
		span = append(span, s)
	}
	return span
}

// continuesTalks reports whether the paragraph that starts at sentence s
// goes on about the talks just reported.
func (d *doc) continuesTalks(s int, names []string) bool {
	T := d.st(s)
	n := min(len(T), 8)
	for i := 0; i < n; i++ {
		if T[i].kind != 'w' {
			continue
		}
		switch T[i].low {
		case "meeting", "talks", "meetings", "conversation", "discussion", "discussions":
			if findWord(T, 0, i, "during", "at", "in", "course", "end", "following", "after", "throughout") >= 0 {
				return true
			}
		case "sides", "parties":
			if i <= 2 {
				return true
			}
		case "emphasis", "they":
			if i <= 1 {
				return true
			}
		}
	}
	for _, idx := range d.bySent[s] {
		m := d.people[idx]
		if m.i < n && slices.Contains(names, m.key) {
			return true
		}
	}
	return false
}

// finishMain completes the main meeting from the rest of its section: the
// host when the first sentence does not tell, further delegations and
// members.
func (b *builder) finishMain(m *meetingDraft) {
	d := b.d
	a := m.anchor
	b.namedLater(m)
	if m.host == "" && !m.noHost && !a.call && !a.video {
		for _, s := range m.sents {
			if s == a.s {
				continue
			}
			if c, _ := d.visitPlace(s); c != "" && c != ourCountry && m.dlg(c) != nil && !pastWords(d.st(s)) {
				m.host, m.hostS, m.hostConf = c, s, 0.7
				break
			}
			if a2, ok := d.anchorIn(s); ok && a2.class == aHost {
				subj, _ := d.sidePeople(a2)
				cs := d.sideCountries(s, 0, a2.i, subj)
				for _, idx := range subj {
					if c, _ := d.countryOf(idx); c != "" {
						cs = append([]string{c}, cs...)
						break
					}
				}
				if len(cs) > 0 && m.dlg(cs[0]) != nil {
					m.host, m.hostS, m.hostConf = cs[0], s, 0.7
					break
				}
			}
		}
		if m.host == "" && d.headline >= 0 {
			l := d.lines[d.headline]
			toks := tokenize(d.text, l.start, l.end)
			for i := range toks {
				if i+1 < len(toks) && (toks[i+1].low == "hosts" || toks[i+1].low == "welcomes" || toks[i+1].low == "receives") {
					if _, code, j := cityAt(toks, i); code != "" && j == i+1 && m.dlg(code) != nil {
						m.host, m.hostS, m.hostConf = code, -1, 0.6
					} else if c, j := countryAt(toks, i); c != "" && c != "-" && j == i+1 && m.dlg(c) != nil {
						m.host, m.hostS, m.hostConf = c, -1, 0.6
					}
				}
			}
		}
		if m.host == "" {
			if _, code, ok := d.dateline(); ok && m.dlg(code) != nil && len(m.dlgs) > 1 {
				m.host, m.hostS, m.hostConf = code, 0, 0.5
			}
		}
	}
	defer b.hostAtHome(m)
	// delegations named elsewhere in the section: "the Uzbek delegation"
	for _, s := range m.sents {
		for _, dm := range d.delegationsIn(s) {
			T := d.st(s)
			if dm.i > 0 && findWord(T, max(0, dm.i-6), dm.i, "trilateral", "multilateral") >= 0 {
				continue
			}
			for _, c := range dm.codes {
				if m.dlg(c) == nil && len(dm.codes) <= 2 {
					m.addDlg(c, s, 0.6)
				}
			}
		}
	}
	// a lone delegation: the other country from the headline
	if len(m.dlgs) == 1 && d.headline >= 0 {
		l := d.lines[d.headline]
		toks := tokenize(d.text, l.start, l.end)
		var cs []string
		for i := 0; i < len(toks); i++ {
			if c, j := countryAt(toks, i); c != "" && c != "-" {
				if !slices.Contains(cs, c) {
					cs = append(cs, c)
				}
				i = j - 1
			}
		}
		if len(cs) == 2 && slices.Contains(cs, m.dlgs[0].code) {
			for _, c := range cs {
				if m.dlg(c) == nil {
					x := m.addDlg(c, -1, 0.5)
					x.headline = true
				}
			}
		}
	}
	if len(m.dlgs) == 1 {
		// "... cooperation between A and B": the partner of the lone side
		used := map[string]bool{m.dlgs[0].code: true}
		if c, s := d.pairedCountryAt(used, true); c != "" {
			m.addDlg(c, s, 0.5).headline = true
		} else if c, s := d.pairedCountryAt(used, false); c != "" {
			m.addDlg(c, s, 0.5).headline = true
		} else if c, s := d.mostNamedAt(used); c != "" {
			m.addDlg(c, s, 0.4).headline = true
		}
	}
	b.ledDelegations(m)
	// members: "also attended by", "accompanied by", "with the participation of"
	for _, s := range m.sents {
		T := d.st(s)
		if attendanceCue(T) < 0 {
			continue
		}
		for _, idx := range d.bySent[s] {
			if d.excluded(idx) || d.hasPerson(m, idx) {
				continue
			}
			c, _ := d.countryOf(idx)
			if c == "" {
				if m.country != nil {
					if mc := m.country[idx]; mc != "" {
						c = mc
					}
				}
			}
			if c == "" {
				c = b.homeAttendee(m, s, idx)
			}
			if c == "" {
				c = b.companySide(m, s, idx)
			}
			x := m.dlg(c)
			if x == nil {
				if d.people[idx].strong {
					b.warnKey("could not tell which delegation %s belongs to", d.people[idx].name)
				}
				continue
			}
			if x.head < 0 {
				x.head = idx
			} else {
				x.members = append(x.members, idx)
			}
		}
	}
	b.headlessLeft(m)
	b.outletHead(m)
	b.moreMembers(m)
	b.oneSidePerPerson(m)
	b.oneNamePerPerson(m)
	b.hostFromSection(m)
	b.hostFromLeader(m)
	// order: the host first
	if m.host != "" {
		slices.SortStableFunc(m.dlgs, func(x, y *dlgDraft) int {
			switch {
			case x.code == m.host && y.code != m.host:
				return -1
			case y.code == m.host && x.code != m.host:
				return 1
			}
			return 0
		})
	}
	m.kind, m.kindS = d.kindOf(m.sents, m.anchor, m.hasAnc)
	if m.kind == "meeting" {
		if k, s := b.visitKindElsewhere(m); k != "" {
			m.kind, m.kindS = k, s
		}
	}
	if m.kind == "phone_call" || m.kind == "video_conference" {
		m.host = "" // talks at a distance have no host
	}
}

// buildChild puts together the talks a section reports within the visit.
func (b *builder) buildChild(main *meetingDraft, sents []int) *meetingDraft {
	d := b.d
	s := sents[0]
	a, ok := d.anchorIn(s)
	if !ok {
		return nil
	}
	c := &meetingDraft{anchor: a, hasAnc: true, child: true, sents: sents, host: main.host, hostS: main.hostS, hostConf: main.hostConf, kind: "meeting", kindS: -1}
	subj, obj := d.sidePeople(a)
	people := append(append([]int{}, subj...), obj...)
	c.subj, c.obj = subj, obj
	country := map[int]string{}
	var refs []string
	addRef := func(code string) {
		if code != "" && main.dlg(code) != nil && !slices.Contains(refs, code) {
			refs = append(refs, code)
		}
	}
	for _, dm := range d.delegationsIn(s) {
		for _, code := range dm.codes {
			addRef(code)
		}
	}
	guestsWord := hasWord(d.st(s), "guests", "guest", "delegation", "delegations", "visitors", "he", "she", "they")
	for _, idx := range people {
		code, _ := d.countryOf(idx)
		if code == "" && d.hasPerson(main, idx) {
			for _, x := range main.dlgs {
				if x.head >= 0 && d.people[x.head].key == d.people[idx].key {
					code = x.code
				}
			}
		}
		if code == "" && main.host != "" && (len(refs) > 0 || guestsWord) && !d.hasPerson(main, idx) {
			code = main.host
		}
		country[idx] = code
		addRef(code)
	}
	if guestsWord {
		for _, x := range main.dlgs {
			if x.code != main.host {
				addRef(x.code)
			}
		}
	}
	for _, x := range main.dlgs {
		if slices.Contains(refs, x.code) {
			c.addDlg(x.code, s, 0.8)
		}
	}
	for _, idx := range people {
		x := c.dlg(country[idx])
		if x == nil {
			continue
		}
		if x.head < 0 {
			x.head = idx
		} else if x.head != idx && !d.hasPerson(c, idx) {
			x.members = append(x.members, idx)
		}
	}
	c.country = country
	if c.host != "" && c.dlg(c.host) == nil {
		c.host = ""
	}
	if c.host != "" {
		slices.SortStableFunc(c.dlgs, func(x, y *dlgDraft) int {
			switch {
			case x.code == c.host && y.code != c.host:
				return -1
			case y.code == c.host && x.code != c.host:
				return 1
			}
			return 0
		})
	}
	return c
}

// headlessFor returns the delegation without a head that a person named
// without a country leads: the guests' when the person is named as the
// guest ("welcomed General X, who is visiting ..."), or received by
// someone; the host's when the person receives or greets the guests. ""
// when it cannot be told.
func (m *meetingDraft) headlessFor(d *doc, a anchor, idx int, inSubj bool) string {
	var host, guest string
	nGuest := 0
	for _, x := range m.dlgs {
		if x.head >= 0 {
			continue
		}
		if x.code == m.host {
			host = x.code
		} else {
			guest = x.code
			nGuest++
		}
	}
	guestSide := d.isVisitor(a.s, idx) || a.class == aHost && !inSubj || a.class == aGuest && inSubj
	hostSide := a.class == aHost && inSubj || a.class == aGuest && !inSubj
	switch {
	case guestSide && nGuest == 1:
		return guest
	case hostSide && host != "":
		return host
	}
	return ""
}
