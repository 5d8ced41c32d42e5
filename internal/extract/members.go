package extract

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
			if !p.strong || d.excluded(idx) || d.hasPerson(m, idx) {
				continue
			}
			c, _ := d.countryOf(idx)
			x := m.dlg(c)
			if x == nil {
				continue
			}
			if x.head < 0 {
				x.head = idx
			} else {
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
