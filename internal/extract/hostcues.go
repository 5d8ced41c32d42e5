package extract

// hostAtHome: an in-person meeting whose verb tells there was a host and a
// guest ("received", "called on") but of two countries that nothing
// places is taken to be held in the country of the outlet that reports it,
// when that is one of them: a ministry or national agency reports the
// visits it receives without saying where.
func (b *builder) hostAtHome(m *meetingDraft) {
	a := m.anchor
	if m.host != "" || m.noHost || a.call || a.video || len(m.dlgs) != 2 || a.class == aNeutral {
		return
	}
	if c := b.outletCountry(); c != "" && m.dlg(c) != nil {
		m.host, m.hostS, m.hostConf = c, -1, 0.45
	}
}

// hostFromCues finds the host of a two-country meeting from what its
// section tells of the visit: a guest honoured ("a guard of honour in
// honour of the Togolese minister"), the place of an arrival ("upon
// arrival at Lome airport"), a place the guests visited ("the Togolese
// delegation visited the Ghana Armed Forces Staff College"), "the Togolese
// capital", or "here" in a report of the host's outlet.
func (b *builder) hostFromCues(m *meetingDraft) {
	d := b.d
	for _, s := range m.sents {
		T := d.st(s)
		if futureOnly(T) || d.sidelines(s) || pastWords(T) {
			continue
		}
		if k := findPhrase(T, 0, "in honour of"); k >= 0 || findPhrase(T, 0, "in honor of") >= 0 {
			if k < 0 {
				k = findPhrase(T, 0, "in honor of")
			}
			if c := m.sideAfter(d, s, k+3); c != "" {
				m.host, m.hostS, m.hostConf = m.otherSide(c), s, 0.6
				return
			}
		}
		if k := hostPhrase(T); k >= 0 {
			if c := m.sideBefore(d, s, k); c != "" {
				m.host, m.hostS, m.hostConf = c, s, 0.65
				return
			}
		}
		if c := d.capitalOf(s); c != "" && m.dlg(c) != nil {
			m.host, m.hostS, m.hostConf = c, s, 0.6
			return
		}
		if k := findWord(T, 0, len(T), "arrival", "arrived", "arriving", "landed"); k >= 0 {
			if c := d.placeFrom(s, k+1); c != "" && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.6
				return
			}
		}
		if k := findWord(T, 0, len(T), "visited", "toured"); k >= 0 {
			guest := m.sideBefore(d, s, k)
			c := d.institutionAfter(s, k+1)
			if c == "" {
				c = d.townIn(s, m.codes()) // "visited the academy in Gori"
			}
			if c != "" && guest != "" && c != guest && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.6
				return
			}
		}
		if c := d.visitingSide(s); c != "" && m.dlg(c) != nil && m.otherSide(c) != "" {
			m.host, m.hostS, m.hostConf = m.otherSide(c), s, 0.6 // "the visiting delegation from Brazil"
			return
		}
		if c := d.placeWhere(s); c != "" && m.dlg(c) != nil {
			m.host, m.hostS, m.hostConf = c, s, 0.6
			return
		}
		if c := d.hostedBy(s); c != "" && m.dlg(c) != nil {
			m.host, m.hostS, m.hostConf = c, s, 0.6
			return
		}
		if c := d.stayIn(s); c != "" && m.dlg(c) != nil {
			m.host, m.hostS, m.hostConf = c, s, 0.6
			return
		}
		if hasWord(T, "wreath", "wreaths", "flowers", "tribute") {
			if _, c, ok := d.cityIn(s); ok && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.6 // the guests honour the host's dead
				return
			}
			if c := d.memorialOf(s); c != "" && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.6 // "at India's War Memorial"
				return
			}
		}
		if k := findWord(T, 0, len(T), "here"); k > 0 && placeBefore(T, k) {
			if c := b.outletCountry(); c != "" && m.dlg(c) != nil {
				m.host, m.hostS, m.hostConf = c, s, 0.55
				return
			}
		}
	}
	if c := b.outletCountry(); c != "" && m.dlg(c) != nil {
		for _, s := range m.sents {
			if T := d.st(s); heldHere(T) && !d.sidelines(s) && d.ownPlace(s) {
				// "at the Ministry of Defence", "at GHQ": the reporting
				// side's own institution
				m.host, m.hostS, m.hostConf = c, s, 0.5
				return
			}
		}
	}
	if c := d.headlineHost(); c != "" && m.dlg(c) != nil {
		m.host, m.hostS, m.hostConf = c, -1, 0.55
	}
}

// headlineHost returns the host a headline tells: the place of "visits
// Ghana", "visit to Ghana", "arrives in Accra", "in Accra for talks", or
// the country before "receives", "hosts", "welcomes".
func (d *doc) headlineHost() string {
	if d.headline < 0 {
		return ""
	}
	l := d.lines[d.headline]
	T := tokenize(d.text, l.start, l.end)
	place := func(k int) string {
		for k < len(T) && T[k].kind == 'w' && (T[k].low == "the" || officialFormWords[T[k].low]) && !T[k].cap {
			k++
		}
		if k >= len(T) {
			return ""
		}
		if _, code, j := cityAt(T, k); code != "" && j > k {
			return code
		}
		if c, _, adj := countryAtAdj(T, k); c != "" && c != "-" && !adj {
			return c
		}
		return ""
	}
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "visits", "visiting", "tours":
			if c := place(i + 1); c != "" {
				return c
			}
		case "to", "in":
			if p := prevWord(T, i); p == "visit" || p == "trip" || p == "arrives" || p == "arrived" || p == "arrive" || i > 0 && t.low == "in" {
				if c := place(i + 1); c != "" {
					return c
				}
			}
		case "receives", "hosts", "welcomes", "received", "hosted", "welcomed":
			for k := i - 1; k >= 0; k-- {
				if c, _, _ := countryAtAdj(T, k); c != "" && c != "-" {
					return c
				}
			}
		}
	}
	return ""
}

// pastWords reports whether a sentence tells of an earlier time: "last
// year", "previously".
func pastWords(T []tok) bool {
	return hasWord(T, "previously", "formerly", "ago") || hasPhrase(T, "last year") || hasPhrase(T, "in the past") ||
		hasPhrase(T, "last month") || hasPhrase(T, "last week") || hasPhrase(T, "earlier this year")
}

// placeBefore reports whether "here" at token k closes a place: "at the
// Ministry of Defence here", "met here".
func placeBefore(T []tok, k int) bool {
	if k+1 < len(T) && T[k+1].kind == 'w' && !T[k+1].cap && T[k+1].low != "on" && T[k+1].low != "today" {
		return false // "here is", "here they"
	}
	p := T[k-1]
	return p.kind == 'w' && (placeNouns[p.low] || p.low == "met" || p.low == "held" || p.cap)
}

// sideAfter returns the delegation of the first participant named in
// sentence s from token k on, by the person or by the country's name.
func (m *meetingDraft) sideAfter(d *doc, s, k int) string {
	T := d.st(s)
	for _, idx := range d.bySent[s] {
		p := d.people[idx]
		if p.s0 < k {
			continue
		}
		for _, x := range m.dlgs {
			if x.head >= 0 && d.people[x.head].key == p.key {
				return x.code
			}
		}
		if c, _ := d.countryOf(idx); c != "" && m.dlg(c) != nil {
			return c
		}
	}
	for _, c := range d.ctry[s] {
		if c.i >= k && c.i < k+4 && m.dlg(c.code) != nil && findWord(T, k, c.i, "and", "with") < 0 {
			return c.code
		}
	}
	return ""
}

// capitalOf returns the country of "the <demonym> capital" in sentence s.
func (d *doc) capitalOf(s int) string {
	T := d.st(s)
	for _, c := range d.ctry[s] {
		if c.adj && c.j < len(T) && T[c.j].low == "capital" {
			return c.code
		}
	}
	return ""
}

// placeFrom returns the country of the city or country named within a few
// words after token k: "arrival at Lome airport", "arrived at the
// airport of Lome".
func (d *doc) placeFrom(s, k int) string {
	T := d.st(s)
	end := min(len(T), k+6)
	for i := k; i < end; i++ {
		if T[i].kind == 'p' && !T[i].isDash() {
			return ""
		}
		for _, c := range d.cityM[s] {
			if c.i == i {
				return c.code
			}
		}
		if c, ok := d.countryIn(s, i); ok && !c.adj {
			return c.code
		}
	}
	return ""
}

// institutionAfter returns the country of an institution named right after
// token k: "visited the Ghana Armed Forces Command and Staff College".
func (d *doc) institutionAfter(s, k int) string {
	T := d.st(s)
	for _, c := range d.ctry[s] {
		if c.i < k || c.i > k+2 || !institutional(T, c) {
			continue
		}
		for i := c.j; i < min(len(T), c.j+8); i++ {
			if T[i].kind == 'w' && placeNouns[T[i].low] {
				return c.code
			}
		}
	}
	return ""
}

// stayIn returns the country of "X is in Ghana on a working visit", "who
// are in Accra for talks".
func (d *doc) stayIn(s int) string {
	if c := d.stayPlace(s); c != "" {
		return c
	}
	T := d.st(s)
	if !hasWord(T, "visit", "talks", "tour", "trip", "visiting") {
		return ""
	}
	for k := 0; k+2 < len(T); k++ {
		switch T[k].low {
		case "is", "are", "was", "were":
		default:
			continue
		}
		if T[k+1].low == "currently" || T[k+1].low == "now" {
			k++
		}
		if k+2 < len(T) && T[k+1].low == "visiting" {
			if c := d.placeAfter(s, k+2, min(len(T), k+6)); c != "" {
				return c // "X is visiting India"
			}
		}
		if k+2 < len(T) && T[k+1].low == "in" {
			if c := d.placeAfter(s, k+2, min(len(T), k+6)); c != "" {
				return c
			}
		}
	}
	return ""
}

// townOf returns the country of a place written "in <Town>, <Country>"
// ("took place in Ruse, Bulgaria"), for towns the country table does not
// hold.
func (d *doc) townOf(s int) string {
	T := d.st(s)
	for _, c := range d.ctry[s] {
		if c.adj || c.i < 3 || !T[c.i-1].is(",") {
			continue
		}
		k := c.i - 2
		for k > 0 && T[k].kind == 'w' && T[k].cap && c.i-2-k < 3 {
			k--
		}
		if k == c.i-2 || T[k].low != "in" && T[k].low != "at" {
			continue
		}
		if c.j < len(T) && T[c.j].kind == 'w' && T[c.j].cap {
			continue // "in Ruse, Bulgaria Today": not a place
		}
		return c.code
	}
	return ""
}

// hostPhrase returns where a sentence says its subject hosted: "played
// host to", "granted an audience to"; -1 when it does not.
func hostPhrase(T []tok) int {
	for _, p := range []string{"played host to", "plays host to", "granted an audience", "grants an audience",
		"gave an audience", "granted audience", "hosted a", "hosted the", "hosted his", "hosted her"} {
		if k := findPhrase(T, 0, p); k >= 0 {
			return k
		}
	}
	return -1
}

// ownPlace reports whether sentence s places its meeting at an institution
// it names without a country: "at the Ministry of Defence", "at the
// General Headquarters".
func (d *doc) ownPlace(s int) bool {
	T := d.st(s)
	for k := 0; k+1 < len(T); k++ {
		if T[k].low != "at" {
			continue
		}
		end := min(len(T), k+8)
		noun := -1
		for i := k + 1; i < end; i++ {
			if T[i].kind == 'p' && !T[i].isDash() {
				end = i
				break
			}
			if T[i].kind == 'w' && placeNouns[T[i].low] && noun < 0 {
				noun = i
			}
		}
		if noun < 0 {
			continue
		}
		named := false
		for _, c := range d.ctry[s] {
			if c.i > k && c.i < end+3 {
				named = true
			}
		}
		for _, c := range d.cityM[s] {
			if c.i > k && c.i < end+3 {
				named = true
			}
		}
		if !named {
			return true
		}
	}
	return false
}

// memorialOf returns the country of a memorial a sentence names: "India's
// War Memorial", "the Ghanaian National Cemetery".
func (d *doc) memorialOf(s int) string {
	T := d.st(s)
	for _, c := range d.ctry[s] {
		for i := c.j; i < min(len(T), c.j+5); i++ {
			if T[i].kind == 'p' && T[i].s != "'s" {
				break
			}
			switch T[i].low {
			case "memorial", "monument", "cemetery", "mausoleum", "pantheon", "tomb":
				return c.code
			}
		}
	}
	return ""
}

// visitingSide returns the country named as the visitors: "the visiting
// delegation from the Brazilian Armed Forces", "the visiting Brazilian
// officers".
func (d *doc) visitingSide(s int) string {
	T := d.st(s)
	for k, t := range T {
		if t.low != "visiting" || k+1 >= len(T) {
			continue
		}
		for _, c := range d.ctry[s] {
			if c.i <= k || c.i > k+5 || findWord(T, k+1, c.i, "to", "in", "at") >= 0 {
				continue
			}
			// "the visiting Brazilian officers", "visiting delegation from
			// Brazil"; not "is visiting India", the place
			if c.adj || prevWord(T, c.i) == "from" || c.i >= 2 && T[c.i-1].low == "the" && prevWord(T, c.i-1) == "from" {
				return c.code
			}
		}
	}
	return ""
}

// futureOnly reports whether a sentence tells of a visit to come ("will",
// "next", "invited him to visit"), not of one made "at the invitation of".
func futureOnly(T []tok) bool {
	return hasWord(T, "next", "will", "upcoming", "forthcoming") || futureInvite(T)
}

// hostedBy returns the country of "hosted by Brazil this year" or of a
// delegation that "returned from Brazil": a place named as the host.
func (d *doc) hostedBy(s int) string {
	T := d.st(s)
	for k := 0; k+1 < len(T); k++ {
		switch {
		case T[k].low == "hosted" && T[k+1].low == "by",
			(T[k].low == "returned" || T[k].low == "returning" || T[k].low == "back") && T[k+1].low == "from":
			if c, ok := d.countryIn(s, k+2); ok && !c.adj && c.i == k+2 {
				return c.code
			}
			for _, c := range d.cityM[s] {
				if c.i == k+2 {
					return c.code
				}
			}
		}
	}
	return ""
}

// placeWhere returns the country of a place a sentence sets its events in:
// "led to Bratislava, where he met ...", "In Bratislava, a welcome
// ceremony awaited the minister".
func (d *doc) placeWhere(s int) string {
	T := d.st(s)
	places := append(append([]cmention{}, d.cityM[s]...), d.ctry[s]...)
	for _, c := range places {
		if c.adj {
			continue
		}
		if c.j+1 < len(T) && T[c.j].is(",") && T[c.j+1].low == "where" {
			return c.code
		}
		if c.i == 1 && T[0].low == "in" && c.j < len(T) && T[c.j].is(",") {
			return c.code
		}
	}
	return ""
}
