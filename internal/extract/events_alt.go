package extract

import "slices"

// This file finds the meeting where no verb of meeting reports it: two
// principals as one subject ("A and his Malaysian counterpart B
// reaffirmed"), a nominal meeting ("a meeting between A and B", "following
// a meeting with B"), a signing in the passive ("was signed by A and B"), a
// nominal visit ("the official visit of X to CITY"), and chooses among the
// sentences that report one the one that says most.

// altAnchor finds a meeting reported without one of findAnchor's verbs.
func (d *doc) altAnchor(s int) (anchor, bool) {
	if a, ok := d.jointAnchor(s); ok {
		return a, true
	}
	if a, ok := d.nominalAnchor(s); ok {
		return a, true
	}
	return anchor{}, false
}

// joinWords may stand between two principals of one subject: "A and his
// Japanese counterpart, B", "A together with B".
var joinWords = setOf("and", "together", "along", "with", "his", "her", "their", "counterpart", "the", "as", "well")

// verbSkip may stand between a subject and its verb.
var verbSkip = setOf("on", "today", "yesterday", "have", "has", "had", "also", "jointly", "on", "in", "at", "the",
	"this", "last", "week", "morning", "afternoon", "evening", "both", "officially", "formally", "recently", "earlier")

// notVerbs are lower-case words after a subject that are not its verb.
var notVerbs = setOf("of", "and", "to", "for", "from", "who", "which", "that", "whose", "as", "with", "by", "or")

// jointAnchor finds two principals of different sides written as one
// subject, and the verb after them.
func (d *doc) jointAnchor(s int) (anchor, bool) {
	T := d.st(s)
	ps := d.bySent[s]
	for n := 0; n+1 < len(ps); n++ {
		p1, p2 := d.people[ps[n]], d.people[ps[n+1]]
		if !p1.strong && !p2.strong || d.excluded(ps[n]) || !d.opensClause(s, p1.s0) {
			continue
		}
		end1 := max(p1.e1, p1.j)
		joined := false
		for k := end1; k < p2.s0; k++ {
			t := T[k]
			switch {
			case t.kind == 'p' && (t.is(",") || t.s == "(" || t.s == ")"):
			case t.kind == 'w' && joinWords[t.low]:
				if t.low == "and" || t.low == "with" {
					joined = true
				}
			case d.isCountryTok(s, k):
			default:
				joined = false
				k = p2.s0
			}
		}
		if !joined {
			continue
		}
		// the verb: the first lower-case word after the second principal,
		// past dates and adverbials
		k := max(p2.e1, p2.j)
		for k < len(T) {
			t := T[k]
			if e, ok := dateAt(T, k); ok {
				k = e.j
				continue
			}
			if t.kind == 'p' || t.kind == 'n' || (t.kind == 'w' && (verbSkip[t.low] || t.cap)) {
				if t.s == "(" {
					for k < len(T) && T[k].s != ")" {
						k++
					}
				}
				k++
				continue
			}
			break
		}
		if k >= len(T) || notVerbs[T[k].low] {
			continue
		}
		return anchor{s: s, i: k, j: k + 1, class: aNeutral}, true
	}
	return anchor{}, false
}

var nominalMeetings = setOf("meeting", "meetings", "talks", "negotiations", "discussions", "consultations",
	"conversation", "call", "videoconference", "teleconference", "visit", "session", "sitting")

// nominalAnchor finds "a meeting between A and B", "following a meeting
// with B", "was signed by A and B", "the official visit of X to CITY".
func (d *doc) nominalAnchor(s int) (anchor, bool) {
	T := d.st(s)
	for i := 0; i < len(T); i++ {
		t := T[i]
		if t.kind != 'w' || t.cap && i > 0 {
			continue
		}
		next, nk := nextWord(T, i)
		switch {
		case t.low == "visit" && next == "of":
			// "the official visit of the Minister X to Baku"
			to := findWord(T, nk+1, min(len(T), nk+30), "to")
			if to < 0 || !d.personAfter(s, nk+1, to) {
				continue
			}
			dest := d.countryAfter(s, to+1)
			if dest == "" {
				continue
			}
			return anchor{s: s, i: i, j: nk + 1, class: aGuest, dest: dest, guestAfter: true}, true
		case nominalMeetings[t.low] && nk > 0 && (lowWords(T, nk, "took", "place", "with") || lowWords(T, nk, "were", "held", "with") ||
			lowWords(T, nk, "was", "held", "with")):
			// "further discussions took place with A, the ..., and B"
			w := findWord(T, nk, len(T), "with")
			a := anchor{s: s, i: i, j: w + 1, class: aNeutral}
			a.call, a.video = callKind(T)
			return a, true
		case nominalMeetings[t.low] && (next == "between" || next == "with"):
			if modalIn(T, i-4, i) || findWord(T, max(0, i-4), i, "next", "upcoming", "future", "invited") >= 0 {
				continue
			}
			a := anchor{s: s, i: i, j: nk + 1, class: aNeutral}
			a.call, a.video = callKind(T)
			return a, true
		case t.low == "held" && (prevWord(T, i) == "was" || prevWord(T, i) == "were") && next == "in" &&
			findWordSet(T[:i], seriesNouns) >= 0:
			// "the Joint Commission on Defence, which was held in CITY"
			return anchor{s: s, i: i, j: i + 1, class: aNeutral}, true
		case (t.low == "signed" || t.low == "chaired" || t.low == "cochaired") && next == "by" && d.personAfter(s, nk+1, len(T)):
			// "was signed by A and B", "The meeting was co-chaired by A and B"
			return anchor{s: s, i: i, j: nk + 1, class: aNeutral}, true
		case t.low == "joined" && d.personAfter(s, i+1, min(len(T), i+12)) && findWord(T, i+1, len(T), "signing", "talks", "meeting", "press", "ceremony") >= 0:
			// "X joined his counterpart Y in signing ..."
			return anchor{s: s, i: i, j: i + 1, class: aNeutral}, true
		case nominalMeetings[t.low] && i > 0 && nk > 0 && (lowWords(T, nk, "took", "place") || lowWords(T, nk, "was", "held")) ||
			nominalMeetings[t.low] && next == "of" && (findPhrase(T, i, "took place") >= 0 || findWord(T, i, min(len(T), i+14), "held") >= 0):
			// "The meeting of the two ministers took place in Ruse"
			if modalIn(T, i-4, i) {
				continue
			}
			a := anchor{s: s, i: i, j: i + 1, class: aNeutral}
			a.call, a.video = callKind(T)
			return a, true
		}
	}
	return anchor{}, false
}

// personAfter reports whether a person's mention starts in tokens [from, to).
func (d *doc) personAfter(s, from, to int) bool {
	for _, idx := range d.bySent[s] {
		if m := d.people[idx]; m.s0 >= from && m.s0 < to {
			return true
		}
	}
	return false
}

// eventScore says how much a sentence with a meeting tells: its principals
// and their countries, a date, a place; earlier sentences and verbs of
// meeting are preferred, planned meetings are not the one reported.
func (d *doc) eventScore(a anchor) float64 {
	s := a.s
	T := d.st(s)
	subj, obj := d.sidePeople(a)
	if len(subj) == 0 && pronounSubject(T, a.i) {
		if p := d.lastPrincipal(s); p >= 0 {
			subj = []int{p}
		}
	}
	score := 0.0
	strong := func(side []int) bool {
		return slices.ContainsFunc(side, d.principal)
	}
	if strong(subj) {
		score += 2
	}
	if strong(obj) || len(subj) >= 2 && a.class == aNeutral || len(obj) == 0 && d.counterpartAt(s, a.j) {
		score += 2
	}
	if len(subj) == 0 && (T[a.i].low == "chaired" || T[a.i].low == "cochaired") && len(d.sideSet(obj)) >= 2 {
		score += 2 // "The meeting was co-chaired by A and B": both sides
	}
	var cs []string
	for _, idx := range append(append([]int{}, subj...), obj...) {
		if c, _ := d.countryOf(idx); c != "" && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	for _, c := range d.sideCountries(s, 0, len(T), nil) {
		if !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	if a.dest != "" && !slices.Contains(cs, a.dest) {
		cs = append(cs, a.dest)
	}
	score += float64(min(len(cs), 2))
	if len(subj)+len(obj) == 0 && len(cs) == 0 {
		return -1
	}
	for _, e := range findDates(T) {
		if e.m != 0 || e.rel != 0 {
			score++
			break
		}
	}
	if len(d.cityM[s]) > 0 {
		score += 0.5
	}
	if a.nominal {
		score -= 0.5
	}
	if a.dest != "" && !strong(obj) {
		score -= 1 // a visit: the talks in it, when reported, say more
	}
	// a side meeting: "Meanwhile, ...", "He also met"
	if len(T) > 0 && (T[0].low == "meanwhile" || T[0].low == "separately") || prevWord(T, a.i) == "also" {
		score--
	}
	if a.nominal && futureHeld(T) {
		return -1 // "the meeting, chaired by X, will be held ...": one to come
	}
	// a meeting planned, hoped for or recalled is not the one reported
	if modalIn(T, a.i-3, a.i) || findWord(T, max(0, a.i-6), a.i, "invited", "invitation", "plans", "planned",
		"expected", "previous", "last", "earlier") >= 0 || futureHeld(T) {
		score -= 3
	}
	return score - 0.15*float64(s)
}

// opensClause reports whether token k starts the sentence's subject: what
// comes before it is at most a short opening ("On Monday,", "SINGAPORE:",
// "In Ankara,").
func (d *doc) opensClause(s, k int) bool {
	T := d.st(s)
	if k > 10 {
		return false
	}
	for i := 0; i < k; i++ {
		if T[i].kind == 'w' && !T[i].cap && notVerbs[T[i].low] {
			return false
		}
		if T[i].kind == 'w' && !T[i].cap && (T[i].low == "attended" || T[i].low == "joined" || T[i].low == "by") {
			return false
		}
	}
	return true
}

// principal reports whether a person is named as an official somewhere in
// the report: with a rank, honorific, title or as a counterpart.
func (d *doc) principal(idx int) bool {
	if d.people[idx].strong {
		return true
	}
	e := d.entityOf(idx)
	return e != nil && (e.rank != "" || e.pos != "")
}

// modalIn reports whether a modal word ("will", "to", "may") stands in
// T[from:to]; "May" with a capital is the month.
func modalIn(T []tok, from, to int) bool {
	for i := max(from, 0); i < to && i < len(T); i++ {
		if T[i].kind == 'w' && modalWords[T[i].low] && T[i].s != "May" {
			return true
		}
	}
	return false
}

// counterpartAt reports whether an unnamed counterpart is named at token k:
// "his US counterpart", "their Indian counterparts".
func (d *doc) counterpartAt(s, k int) bool {
	T := d.st(s)
	for n := 0; k < len(T) && n < 5; k, n = k+1, n+1 {
		if T[k].kind != 'w' {
			return false
		}
		switch {
		case T[k].low == "counterpart" || T[k].low == "counterparts":
			return true
		case T[k].low == "his" || T[k].low == "her" || T[k].low == "their" || T[k].low == "the" || d.isCountryTok(s, k):
		default:
			return false
		}
	}
	return false
}

// sideSet returns the countries of people.
func (d *doc) sideSet(people []int) []string {
	var cs []string
	for _, idx := range people {
		if c, _ := d.countryOf(idx); c != "" && d.principal(idx) && !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	return cs
}

// futureHeld reports whether a sentence tells of a meeting still to be held:
// "the meeting, chaired by X, will be held via teleconference", "talks are
// to take place".
func futureHeld(T []tok) bool {
	for i := 0; i+2 < len(T); i++ {
		if T[i].kind != 'w' || (T[i].low != "will" && T[i].low != "shall" && T[i].low != "to") {
			continue
		}
		if T[i].low == "to" && (i == 0 || T[i-1].low != "is" && T[i-1].low != "are") {
			continue
		}
		if lowWords(T, i+1, "be", "held") || lowWords(T, i+1, "take", "place") || lowWords(T, i+1, "be", "hosted") {
			return true
		}
	}
	return false
}
