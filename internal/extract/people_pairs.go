package extract

// namePositionLists reads a list of names each followed by its position,
// "attended by X, Secretary General of the Ministry, Maj Gen Y, Commander of
// the Army, Z, UK Ambassador", which reads as well as a list of positions
// each followed by its name: when the first name has no title before it and
// the last name has one after it, every position between two names is the
// first one's, not the second one's.
func (d *doc) namePositionLists() {
	for a := 0; a < len(d.people); {
		b := a + 1
		for b < len(d.people) && d.chained(&d.people[b-1], &d.people[b]) {
			b++
		}
		if b-a >= 2 && d.people[a].posI < 0 && !d.people[a].title {
			d.shiftPositions(a, b)
		}
		a = b
	}
}

// chained reports whether person m's title is written between person p's
// name and m's own, set off by commas: "p, <title>, m".
func (d *doc) chained(p, m *pmention) bool {
	if p.sent != m.sent || p.title || m.title || p.posAfter || m.posAfter || m.posI < 1 || len(m.plural) > 0 {
		return false
	}
	T := d.st(m.sent)
	end := d.skipPostnominals(p.sent, d.rankMarkAfter(p.sent, p.j))
	return T[m.posI-1].is(",") && end == m.posI-1 && m.posJ+2 < len(T) && T[m.posJ+1].is(",")
}

// shiftPositions gives each of people [a, b) the title written after their
// name, when the last of them has one.
func (d *doc) shiftPositions(a, b int) {
	last := &d.people[b-1]
	s := last.sent
	lb, le, ok := d.positionAfter(s, d.skipPostnominals(s, d.rankMarkAfter(s, last.j)))
	if !ok {
		return
	}
	spans := make([][2]int, 0, b-a)
	for k := a + 1; k < b; k++ {
		spans = append(spans, [2]int{d.people[k].posI, d.people[k].posJ})
	}
	spans = append(spans, [2]int{lb, le})
	for k := a; k < b; k++ {
		m := &d.people[k]
		if k > a {
			m.s0 = m.posJ + 2 // the rank or name after the comma
		}
		if m.posC {
			m.country, m.ccf, m.lead = "", 0, false
		}
		m.pos, m.abbr, m.plural1 = "", "", false
		m.posI, m.posJ, m.posAfter = spans[k-a][0], spans[k-a][1], true
		m.e1 = m.posJ + 1
		d.setPosition(m)
		m.strong = true
	}
}
