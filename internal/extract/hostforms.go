package extract

// invitedBy returns the country of the one whose invitation a sentence
// says the visit answers: "at the invitation of his Bangladesh
// counterpart", "at the invitation of General X" (by the person's
// country), "invited by the Chinese side". "" when none or when the
// invitation is to come ("will visit at the invitation of").
func (x *sideSet) invitedBy(s int) string {
	d := x.b.d
	T := d.st(s)
	k := findPhrase(T, 0, "invitation of")
	n := 2
	if k < 0 {
		if k = findPhrase(T, 0, "invited by"); k < 0 {
			return ""
		}
	}
	if modalIn(T, max(0, k-6), k) || futureOnly(T) {
		return ""
	}
	end := k + n
	for end < len(T) && end < k+n+14 && !(T[end].kind == 'p' && !T[end].isDash() && T[end].s != "'s" && T[end].s != "'") {
		end++
	}
	for _, c := range d.ctry[s] {
		if c.i >= k+n && c.i < end && c.code != "" && c.code != "-" {
			return c.code
		}
	}
	for _, idx := range d.bySent[s] {
		m := d.people[idx]
		if m.s0 >= k+n && m.s0 < end {
			if c := x.country[idx]; c != "" {
				return c
			}
			c, _ := d.countryOf(idx)
			return c
		}
	}
	return ""
}

// hostFromInvitation: the one who invited hosts, when of a side of the
// meeting: the meeting's sentence, else the two before it in its
// paragraph ("X arrived in Dhaka at the invitation of his Bangladesh
// counterpart. ...").
func (x *sideSet) hostFromInvitation() {
	d := x.b.d
	p := d.sents[x.a.s].para
	for s := x.a.s; s >= 0 && s >= x.a.s-2 && d.sents[s].para == p; s-- {
		c := x.invitedBy(s)
		if c == "" {
			continue
		}
		if x.has(x.subj, x.subjCodes, c) || x.has(x.obj, x.objCodes, c) {
			x.host, x.hostS, x.hostConf, x.hostSide = c, s, 0.8, -1
		}
		return
	}
}

// visitedNear returns the country a visit told around sentence s went to
// (two sentences before it to three after): "Y was on a
// one-day official visit to Estonia" tells that the one met without a
// country named is of Estonia. "" when none or when the visit is another
// time's.
func (d *doc) visitedNear(s int) string {
	for k := max(0, s-2); k < len(d.sents) && k <= s+3; k++ {
		T := d.st(k)
		if pastWords(T) || futureOnly(T) || d.sidelines(k) {
			continue
		}
		if c, _ := d.visitPlace(k); c != "" && c != ourCountry {
			return c
		}
		if c := d.stayPlace(k); c != "" {
			return c
		}
	}
	return ""
}

// stayPlace returns the country of a stay a sentence tells: "during his
// stay in Azerbaijan", "X, currently in the United States, met", "while
// in Ankara". "" when none.
func (d *doc) stayPlace(s int) string {
	T := d.st(s)
	for k := 0; k+1 < len(T); k++ {
		in := -1
		switch T[k].low {
		case "stay":
			if k > 0 && (T[k-1].low == "his" || T[k-1].low == "her" || T[k-1].low == "their" || T[k-1].low == "the") {
				in = k + 1
			}
		case "currently", "while":
			in = k + 1
		}
		if in < 0 || in >= len(T) || T[in].low != "in" {
			continue
		}
		if c := d.placeAfter(s, in+1, min(len(T), in+5)); c != "" {
			return c
		}
	}
	return ""
}

// welcomedTo returns the place a host welcomed the guests to: "welcomed
// the US Secretary of Defense to London", "received the delegation to
// Ghana". "" when the verb is no host's or names no place.
func (d *doc) welcomedTo(a anchor) string {
	if a.class != aHost {
		return ""
	}
	T := d.st(a.s)
	for k := a.j; k < len(T) && k < a.j+14; k++ {
		if T[k].kind == 'p' && !T[k].isDash() && T[k].s != "'s" {
			return ""
		}
		if T[k].low == "to" {
			return d.placeAfter(a.s, k+1, min(len(T), k+5))
		}
	}
	return ""
}

// postNear returns the country an envoy of one of the sides, named
// around sentence s, is posted to: "The meeting was attended by the UK
// Ambassador to the Sultanate" tells that the side met without a country
// named is Oman. "" when none.
func (d *doc) postNear(s int, used map[string]bool) string {
	for k := max(0, s-1); k < len(d.sents) && k <= s+2; k++ {
		for _, idx := range d.bySent[k] {
			c := d.postedTo(idx)
			if c == "" || used[c] {
				continue
			}
			own, _ := d.countryOf(idx)
			if own == "" {
				own = d.postOrigin(idx)
			}
			if own != "" && used[own] {
				return c
			}
		}
	}
	return ""
}

// bodyVenue reports whether sentence s places its meeting in a city as the
// seat or venue of a body of many nations: "at the United Nations in New
// York", "at NATO Headquarters in Brussels", "during the CSTO summit in
// Minsk". The city's country hosts no one there, even when it takes part.
func (d *doc) bodyVenue(s int) bool {
	T := d.st(s)
	for _, c := range d.cityM[s] {
		if c.i < 1 || T[c.i-1].low != "in" {
			continue
		}
		for k := c.i - 2; k >= 0 && k >= c.i-7; k-- {
			if T[k].kind == 'p' && !T[k].isDash() && T[k].s != "'s" && T[k].s != "’s" {
				break
			}
			if T[k].kind == 'w' && bodyAt(T, k) {
				return true
			}
		}
	}
	return false
}

// bodyAt reports whether the name of a body of many nations starts at
// token k ("NATO", "the United Nations", "UN").
func bodyAt(T []tok, k int) bool {
	if !T[k].cap {
		return false
	}
	for _, b := range nationsBodies {
		if phraseAt(T, k, b) {
			return true
		}
	}
	return false
}
