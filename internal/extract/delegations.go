package extract

import (
	"slices"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// dmention is a delegation named by its country: "the Kazakh delegation",
// "a delegation of the Ministry of Defence of Georgia".
type dmention struct {
	i     int
	codes []string
	ledBy bool
}

var delegationMods = setOf("military", "high", "level", "high-level", "defence", "defense", "official", "senior",
	"government", "governmental", "joint", "large", "ranking", "high-ranking", "military-political", "naval",
	"army", "air", "force", "parliamentary", "friendly", "fraternal", "visiting")

func (d *doc) delegationsIn(s int) []dmention {
	if d.dlgDone == nil {
		d.dlgDone = make([]bool, len(d.sents))
		d.dlgMemo = make([][]dmention, len(d.sents))
	}
	if !d.dlgDone[s] {
		d.dlgMemo[s], d.dlgDone[s] = d.findDelegations(s), true
	}
	return d.dlgMemo[s]
}

func (d *doc) findDelegations(s int) []dmention {
	T := d.st(s)
	var out []dmention
	for i, t := range T {
		if t.kind != 'w' || (t.low != "delegation" && t.low != "delegations" && t.low != "guests" && t.low != "side") {
			continue
		}
		dm := dmention{i: i}
		// before: "the Kazakh (military) delegation"
		for k := i - 1; k >= 0 && k >= i-5; k-- {
			if T[k].kind == 'p' && !(T[k].isDash() && !T[k].sp) && T[k].s != "'s" {
				break
			}
			if T[k].kind == 'w' && delegationMods[T[k].low] {
				continue
			}
			if c, ok := d.countryIn(s, k); ok {
				dm.codes = append(dm.codes, c.code)
				k = c.i
				// "Azerbaijani and Turkish delegations"
				if k-2 >= 0 && T[k-1].low == "and" {
					if c2, ok := d.countryIn(s, k-2); ok {
						dm.codes = append(dm.codes, c2.code)
					}
				}
				break
			}
			if T[k].isDash() || T[k].s == "'s" {
				continue // "the Sultanate's side"
			}
			break
		}
		// after: "delegation(s) of/from (the Ministry of Defense of) X (and Y)"
		if n, nk := nextWord(T, i); (n == "of" || n == "from") && len(dm.codes) == 0 && t.low != "side" {
			for k := nk + 1; k < len(T) && k < nk+16; k++ {
				if c, ok := d.countryIn(s, k); ok {
					if !slices.Contains(dm.codes, c.code) {
						dm.codes = append(dm.codes, c.code)
					}
					k = c.j - 1
					continue
				}
				tk := T[k]
				if tk.kind == 'w' && (officialFormWords[tk.low] || positionWords[tk.low] || tk.low == "and" || tk.low == "both") {
					continue
				}
				if tk.is(",") || tk.isDash() {
					continue
				}
				break
			}
		}
		if t.low == "guests" && len(dm.codes) == 0 {
			continue
		}
		if t.low == "side" && len(dm.codes) == 0 {
			continue
		}
		if n, nk := nextWord(T, i); n == "led" || n == "headed" || n == "chaired" {
			if n2, _ := nextWord(T, nk); n2 == "by" {
				dm.ledBy = true
			}
		}
		out = append(out, dm)
	}
	return out
}

// meetingDraft is a meeting being put together.
type meetingDraft struct {
	sents    []int // the sentences of its section
	anchor   anchor
	hasAnc   bool
	dlgs     []*dlgDraft
	host     string
	hostS    int
	hostConf float64
	child    bool
	subj     []int
	obj      []int
	country  map[int]string // countries settled for the people of the anchor sentence
	cconf    map[int]float64
	kind     domain.Kind
	kindS    int
	noHost   bool // a third country's venue or a multilateral event's margins: no host
}

// otherSide returns the code of the meeting's side that is not c, or "".
func (m *meetingDraft) otherSide(c string) string {
	for _, x := range m.dlgs {
		if x.code != c {
			return x.code
		}
	}
	return ""
}

// dlgDraft is a delegation being put together.
type dlgDraft struct {
	code     string
	s        int // sentence that shows the country takes part
	conf     float64
	head     int // person mention, -1 for none
	members  []int
	headline bool // known only from the headline
}

func (m *meetingDraft) dlg(code string) *dlgDraft {
	for _, x := range m.dlgs {
		if x.code == code {
			return x
		}
	}
	return nil
}

func (m *meetingDraft) addDlg(code string, s int, conf float64) *dlgDraft {
	if code == "" || code == "-" || code == "@" {
		return nil
	}
	if x := m.dlg(code); x != nil {
		return x
	}
	x := &dlgDraft{code: code, s: s, conf: conf, head: -1}
	m.dlgs = append(m.dlgs, x)
	return x
}

// hasPerson reports whether the person (by name) is in the meeting.
func (d *doc) hasPerson(m *meetingDraft, idx int) bool {
	name := d.people[idx].key
	for _, x := range m.dlgs {
		if x.head >= 0 && d.people[x.head].key == name {
			return true
		}
		for _, y := range x.members {
			if d.people[y].key == name {
				return true
			}
		}
	}
	return false
}

// sidePeople splits a sentence's people into those before the anchor and
// those after it.
func (d *doc) sidePeople(a anchor) (subj, obj []int) {
	for _, idx := range d.bySent[a.s] {
		m := d.people[idx]
		if d.excluded(idx) {
			continue
		}
		switch {
		case m.j <= a.i:
			subj = append(subj, idx)
		case m.s0 >= a.j || m.i >= a.j:
			obj = append(obj, idx)
		}
	}
	return
}

// ledByHead reports whether a person is named right after "led by" or
// "headed by".
func (d *doc) ledByHead(idx int) bool {
	m := d.people[idx]
	T := d.st(m.sent)
	k := m.s0 - 1
	for k >= 0 && T[k].kind == 'w' && (T[k].low == "the" || T[k].low == "his") {
		k--
	}
	return k >= 1 && T[k].low == "by" && (T[k-1].low == "led" || T[k-1].low == "headed" || T[k-1].low == "chaired")
}

// sideCountries returns countries a side names without people: delegations,
// and ministries or armies of a country in the subject.
func (d *doc) sideCountries(s, from, to int, people []int) []string {
	var out []string
	add := func(c string) {
		if c != "" && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	for _, dm := range d.delegationsIn(s) {
		if dm.i >= from && dm.i < to {
			for _, c := range dm.codes {
				add(c)
			}
		}
	}
	// "the defence ministers of A, B and C", "Azerbaijani, Turkish and
	// Georgian chiefs of staff"
	for _, c := range d.pluralSides(s, from, to) {
		add(c)
	}
	// "his Turkish counterpart" with no name
	T0 := d.st(s)
	for _, c := range d.ctry[s] {
		if c.i >= from && c.i < to && c.j < len(T0) && (T0[c.j].low == "counterpart" || T0[c.j].low == "counterparts") {
			add(c.code)
		}
	}
	if len(people) == 0 && len(out) == 0 {
		T := d.st(s)
		for _, c := range d.ctry[s] {
			if c.i < from || c.i >= to {
				continue
			}
			// a country's ministry, army or side: "Azerbaijan Ministry of Defense hosted"
			near := d.span(s, max(0, c.i-4), min(len(T), c.j+6))
			low := strings.ToLower(near)
			if strings.Contains(low, "ministr") || strings.Contains(low, "army") || strings.Contains(low, "armed forces") ||
				strings.Contains(low, "side") || strings.Contains(low, "government") || strings.Contains(low, "navy") ||
				strings.Contains(low, "defen") || strings.Contains(low, "general staff") || strings.Contains(low, "joint commission") ||
				strings.Contains(low, "committee") {
				if findWord(T, max(0, c.i-3), c.i, "trilateral", "between", "integrity", "within") < 0 &&
					!placePrep[prevWord(T, c.i)] {
					add(c.code)
				}
			}
		}
	}
	return out
}

// placePrep are the prepositions that make a country a place or an
// origin, not a side: "equipment from Japan", "exercises in Georgia".
var placePrep = setOf("from", "in", "to", "into", "across", "against")

// sideLedBy returns the country of the delegation a person is named as
// the leader of: "the Saudi side was chaired by X", "the Kazakh delegation
// was headed by X"; "" when none.
func (d *doc) sideLedBy(idx int) string {
	p := d.people[idx]
	T := d.st(p.sent)
	for _, dm := range d.delegationsIn(p.sent) {
		if len(dm.codes) != 1 || !ledBy(T, dm.i+1) || p.s0 < dm.i+4 {
			continue
		}
		first := -1
		for _, o := range d.bySent[p.sent] {
			if q := d.people[o]; q.s0 >= dm.i+4 && (first < 0 || q.s0 < d.people[first].s0) {
				first = o
			}
		}
		if first == idx {
			return dm.codes[0]
		}
	}
	return ""
}

// pluralNouns are the nouns in the plural that name the several sides of a
// meeting: "the defence ministers of A and B", "the delegations of A and B".
var pluralNouns = setOf("ministers", "chiefs", "secretaries", "commanders", "heads", "chairmen", "directors",
	"delegations", "representatives", "ministries", "armies", "navies")

// pluralSides returns the countries listed with a plural noun of office in
// tokens [from, to) of sentence s: "the defence ministers of Azerbaijan,
// Turkey and Georgia", "Azerbaijani, Turkish and Georgian defence
// ministers"; two or more, or none.
func (d *doc) pluralSides(s, from, to int) []string {
	T := d.st(s)
	cs := d.ctry[s]
	list := func(n int) []string { // the coordinated countries from cs[n]
		out := []string{cs[n].code}
		for n+1 < len(cs) && pairGap(T, cs[n].j, cs[n+1].i) {
			n++
			if !slices.Contains(out, cs[n].code) {
				out = append(out, cs[n].code)
			}
		}
		return out
	}
	for k := from; k < to && k < len(T); k++ {
		if T[k].kind != 'w' || !pluralNouns[T[k].low] {
			continue
		}
		// after: "of (the) A, B and C"
		if n, nk := nextWord(T, k); n == "of" {
			j := nk + 1
			if j < len(T) && T[j].low == "the" {
				j++
			}
			for n, c := range cs {
				if c.i == j {
					if out := list(n); len(out) >= 2 {
						return out
					}
				}
			}
		}
		// before: "A, B and C (defence) ministers"
		for n := len(cs) - 1; n >= 0; n-- {
			c := cs[n]
			if c.j > k || k-c.j > 2 {
				continue
			}
			first := n
			for first > 0 && pairGap(T, cs[first-1].j, cs[first].i) {
				first--
			}
			if out := list(first); len(out) >= 2 {
				return out
			}
			break
		}
	}
	return nil
}
