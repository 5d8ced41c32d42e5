package extract

import "slices"

// pairedCountry returns the country named as the partner of one taking
// part already: "between A and B" when between is set, else "A and B",
// "A, B" or "A-B" written together ("Ghana and Nigeria held talks",
// "India-US defence ties").
func (d *doc) pairedCountry(used map[string]bool, between bool) string {
	c, _ := d.pairedCountryAt(used, between)
	return c
}

// pairedCountryAt is pairedCountry with the sentence that names the pair.
func (d *doc) pairedCountryAt(used map[string]bool, between bool) (string, int) {
	for s := range d.sents {
		T := d.st(s)
		cs := d.ctry[s]
		for n := 0; n+1 < len(cs); n++ {
			x, y := cs[n], cs[n+1]
			if x.code == y.code || !pairGap(T, x.j, y.i) {
				continue
			}
			isBetween := x.i > 0 && T[x.i-1].low == "between"
			if between != isBetween {
				continue
			}
			if !between && (y.j >= len(T) || !pairNext(T[y.j]) ||
				n > 0 && pairGap(T, cs[n-1].j, x.i) || n+2 < len(cs) && pairGap(T, y.j, cs[n+2].i)) {
				continue // not the pair a report is about: "by A and B, on ..."; "A-B-C"
			}
			switch {
			case used[x.code] && !used[y.code]:
				return y.code, s
			case used[y.code] && !used[x.code]:
				return x.code, s
			}
		}
	}
	return "", -1
}

// pairNext reports whether the token after a pair of countries makes
// them the two sides of what is told: a verb or noun ("Ghana and Nigeria
// held talks", "India-US defence ties"), "'s", not a preposition ("by A
// and B, on ...") nor punctuation ("America and France: ...").
func pairNext(t tok) bool {
	if t.s == "'s" {
		return true
	}
	if t.kind != 'w' {
		return false
	}
	if t.cap {
		return pairWords[t.low] // a headline's capitals: "Ghana, Nigeria Hold Talks"
	}
	return !notPairNext[t.low]
}

// pairWords are the words that, capitalised in a headline, make a pair of
// countries before them the two sides.
var pairWords = setOf("held", "hold", "holds", "discussed", "discuss", "discusses", "signed", "sign", "signs", "agreed",
	"agree", "agrees", "vow", "vowed", "pledge", "pledged", "defence", "defense", "military", "security", "ties",
	"relations", "cooperation", "co-operation", "partnership", "sides", "ministers", "talks", "counterparts", "high",
	"reaffirm", "reaffirmed", "review", "reviewed", "explore", "explored", "strengthen", "boost", "bolster", "deepen",
	"expand", "enhance", "bilateral", "army", "armies", "navies", "forces", "armed", "chiefs", "officials", "mull",
	"eye", "eyes", "seek", "seeks", "discussing", "ink", "inks", "conduct", "hold", "meet", "meets", "army", "navy",
	"air", "joint", "strategic", "friendship", "mou", "agreement")

var notPairNext = setOf("by", "in", "at", "from", "of", "and", "or", "with", "as", "for", "into", "against",
	"between", "among", "including", "to", "than", "were", "was", "is", "are")

// pairGap reports whether tokens [i, j) join two countries as a pair:
// "and" (with "the"), a comma or a hyphen.
func pairGap(T []tok, i, j int) bool {
	if j <= i || j-i > 3 {
		return j == i // "Azerbaijan–Turkey" read as one
	}
	and := false
	for k := i; k < j; k++ {
		switch {
		case T[k].low == "and" || T[k].is("&"):
			and = true
		case T[k].is(",") || T[k].isDash() || T[k].is("/"):
			and = true
		case T[k].low == "the":
		default:
			return false
		}
	}
	return and
}

// pairMeetingWords are the words of a sentence that tells of a meeting or
// a signing between two countries named as a pair.
var pairMeetingWords = setOf("signed", "sign", "signs", "held", "hold", "holds", "met", "meet", "meets", "meeting",
	"talks", "consultations", "dialogue", "session", "commission", "discussed", "discuss", "place", "convened",
	"visit", "conference", "opened")

// pairSides builds the sides of a report no sentence of which reports a
// meeting between people: the first sentence that names two countries as a
// pair with a word of meeting or signing ("Azerbaijan and Georgia signed a
// plan ...", "the meeting of the joint commission between A and B took
// place in Astana", "the A-B High Level Military Dialogue was held") gives
// the two delegations, and a city of one of them in it the host.
func (b *builder) pairSides(m *meetingDraft) bool {
	d := b.d
	for s := range d.sents {
		T := d.st(s)
		if !hasWordSet(T, pairMeetingWords) || laterVisit(T) {
			continue
		}
		cs := d.ctry[s]
		if x, y, ok := d.betweenInstitutions(s); ok {
			m.addDlg(x, s, 0.5)
			m.addDlg(y, s, 0.5)
			if c := d.placeCountry(s); c == x || c == y {
				m.host, m.hostS, m.hostConf = c, s, 0.6
			}
			return true
		}
		for n := 0; n+1 < len(cs); n++ {
			x, y := cs[n], cs[n+1]
			if x.code == y.code || !pairGap(T, x.j, y.i) ||
				n > 0 && pairGap(T, cs[n-1].j, x.i) || n+2 < len(cs) && pairGap(T, y.j, cs[n+2].i) {
				continue
			}
			between := x.i > 0 && T[x.i-1].low == "between"
			if !between && (y.j >= len(T) || !pairNext(T[y.j])) {
				continue
			}
			m.addDlg(x.code, s, 0.5)
			m.addDlg(y.code, s, 0.5)
			if c := d.placeCountry(s); c == x.code || c == y.code {
				m.host, m.hostS, m.hostConf = c, s, 0.6
			} else if c != "" {
				m.noHost = true
			}
			return true
		}
	}
	if x, y := d.headlinePair(); x != "" {
		m.addDlg(x, -1, 0.4).headline = true
		m.addDlg(y, -1, 0.4).headline = true
		return true
	}
	return false
}

// headlinePair returns two countries the headline names as a pair:
// "Ghana, Togo Sign Defence Pact", "Romanian and Bulgarian Defence
// Ministers Meet".
func (d *doc) headlinePair() (string, string) {
	if d.headline < 0 {
		return "", ""
	}
	l := d.lines[d.headline]
	T := tokenize(d.text, l.start, l.end)
	var cs []cmention
	for i := 0; i < len(T); i++ {
		if c, j, adj := countryAtAdj(T, i); c != "" && c != "-" {
			cs = append(cs, cmention{i: i, j: j, code: c, adj: adj})
			i = j - 1
		}
	}
	if len(cs) != 2 || cs[0].code == cs[1].code || !pairGap(T, cs[0].j, cs[1].i) {
		return "", ""
	}
	if cs[1].j >= len(T) || !pairNext(T[cs[1].j]) {
		return "", ""
	}
	return cs[0].code, cs[1].code
}

// betweenInstitutions reads "between the Guyana Defence Force and the
// Brazilian Armed Forces": two countries' institutions as the two sides.
func (d *doc) betweenInstitutions(s int) (string, string, bool) {
	T := d.st(s)
	for _, x := range d.ctry[s] {
		b := x.i - 1
		for b >= 0 && T[b].low == "the" {
			b--
		}
		if b < 0 || T[b].low != "between" || !institutional(T, x) {
			continue
		}
		and := findWord(T, x.j, min(len(T), x.j+6), "and")
		if and < 0 {
			continue
		}
		for _, y := range d.ctry[s] {
			if y.i > and && y.i <= and+2 && y.code != x.code && institutional(T, y) {
				return x.code, y.code, true
			}
		}
	}
	return "", "", false
}

// peopleSides builds the sides of a report that has no meeting sentence
// and no pair of countries from the officials of its first paragraph:
// two or more of different countries ("Gen. X has pledged ... at the Gala
// Night in honour of the Chairman, Pakistani Joint Chiefs of Staff
// Committee, Gen. Y"), a country left to guess for one without.
func (b *builder) peopleSides(m *meetingDraft) bool {
	d := b.d
	var people []int
	for s := 0; s < len(d.sents) && s < 3; s++ {
		for _, idx := range d.bySent[s] {
			if d.people[idx].strong && !d.excluded(idx) && !d.hasPersonKey(people, idx) {
				people = append(people, idx)
			}
		}
	}
	country := map[int]string{}
	for _, idx := range people {
		country[idx], _ = d.countryOf(idx)
	}
	for _, idx := range people {
		if country[idx] == "" {
			country[idx] = b.fallback(country)
		}
	}
	var cs []string
	for _, idx := range people {
		if c := country[idx]; c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	if len(cs) < 2 {
		return false
	}
	for _, idx := range people {
		if c := country[idx]; c != "" {
			x := m.addDlg(c, d.people[idx].sent, 0.4)
			if x.head < 0 {
				x.head = idx
			} else if !d.hasPerson(m, idx) {
				x.members = append(x.members, idx)
			}
		}
	}
	return true
}

// hasPersonKey reports whether the person of mention idx is among people.
func (d *doc) hasPersonKey(people []int, idx int) bool {
	for _, o := range people {
		if d.people[o].key == d.people[idx].key {
			return true
		}
	}
	return false
}
