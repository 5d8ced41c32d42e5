package extract

import (
	"slices"
	"strings"
)

// The classes of the verb that reports a meeting.
const (
	aNone    = iota
	aHost    // "received", "hosted": the subject is the host
	aGuest   // "called on", "paid a visit to": the subject is the guest
	aNeutral // "met with", "held talks"
	aPassive // "was received by": the subject is the guest
)

// anchor is the verb of a sentence that reports a meeting.
type anchor struct {
	s, i, j     int // sentence; verb tokens [i, j)
	class       int
	call, video bool
	dest        string // the country visited: "paid an official visit to Pakistan"
	nominal     bool   // a noun, not a verb, reports the meeting: "a meeting between"
	guestAfter  bool   // the guests follow the anchor: "the visit of X to Baku"
}

var meetNouns = setOf("talks", "meeting", "meetings", "conversation", "call", "videoconference", "conference",
	"consultations", "discussions", "negotiations", "phone", "telephone", "video", "dialogue", "session")

func prevWord(T []tok, i int) string {
	for k := i - 1; k >= 0; k-- {
		if T[k].kind != 'p' {
			return T[k].low
		}
		if !T[k].isDash() {
			return ""
		}
	}
	return ""
}

func nextWord(T []tok, i int) (string, int) {
	for k := i + 1; k < len(T); k++ {
		if T[k].kind != 'p' {
			return T[k].low, k
		}
		if T[k].is(",") || T[k].isTerminal() {
			return "", -1
		}
	}
	return "", -1
}

// videoNext are the words after "video" that make a video conference:
// "video conference", "video talks", "video teleconference".
var videoNext = setOf("conference", "call", "link", "format", "conferencing", "mode", "teleconference", "talks",
	"meeting", "meetings", "calls", "conferences", "session")

// callKind says whether a sentence reports a phone call or a video conference.
func callKind(T []tok) (call, video bool) {
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "phone", "telephone", "telephonic", "phoned", "telephoned":
			call = true
		case "call":
			// "received a call from", "made a call to"; not "a courtesy call"
			if p := prevWord(T, i); (p == "a" || p == "the") && i >= 2 {
				switch prevWord(T, i-1) {
				case "received", "receives", "made", "makes", "had", "has":
					call = true
				}
			}
		case "videoconference", "videoconferencing", "videocall", "virtual", "virtually", "online", "videoteleconference", "vtc":
			video = true
		case "video":
			if n, _ := nextWord(T, i); videoNext[n] {
				video = true
			}
		}
	}
	if video {
		call = false
	}
	return
}

// anchorIn finds the verb that reports a meeting in sentence s.
func (d *doc) anchorIn(s int) (anchor, bool) {
	if d.anchors == nil {
		d.anchors = make([]*anchorMemo, len(d.sents))
	}
	if m := d.anchors[s]; m != nil {
		return m.a, m.ok
	}
	a, ok := d.findAnchor(s)
	if !ok {
		if a, ok = d.altAnchor(s); ok && a.class != aGuest {
			a.nominal = true
		}
	}
	d.anchors[s] = &anchorMemo{a, ok}
	return a, ok
}

func (d *doc) findAnchor(s int) (anchor, bool) {
	T := d.st(s)
	for i := 0; i < len(T); i++ {
		t := T[i]
		if t.kind != 'w' || (t.cap && i > 0) {
			continue
		}
		a := anchor{s: s, i: i, j: i + 1}
		next, nk := nextWord(T, i)
		switch t.low {
		case "received", "receives", "hosted", "hosts", "welcomed", "welcomes", "greeted", "greets", "hosting", "receiving":
			switch prevWord(T, i) {
			case "was", "were", "been", "being", "is", "are", "be":
				k := findWord(T, i+1, i+4, "by")
				if k < 0 {
					continue
				}
				a.class, a.j = aPassive, k+1
			default:
				switch next {
				case "information", "briefing", "briefings", "reports", "report", "an", "awards", "medals", "training":
					if next != "an" {
						continue
					}
				}
				if t.low == "hosting" || t.low == "receiving" {
					if p := prevWord(T, i); p != "while" && p != "when" {
						continue
					}
				}
				a.class = aHost
			}
		case "met", "meets":
			a.class = aNeutral
			if next == "with" {
				a.j = nk + 1
			}
		case "held", "holds", "hold", "had", "has", "conducted":
			if next == "paid" || next == "made" || next == "been" {
				continue // "has paid a courtesy call on": the guest's verb follows
			}
			found := -1
			for k, n := i+1, 0; k < len(T) && n < 5; k++ {
				if T[k].kind == 'p' {
					if T[k].is(",") || T[k].isTerminal() {
						break
					}
					continue
				}
				n++
				if meetNouns[T[k].low] {
					found = k
				}
				if T[k].low == "with" || T[k].low == "between" {
					break
				}
			}
			if found < 0 {
				continue
			}
			if p := prevWord(T, i); p == "was" || p == "were" || p == "be" || p == "been" || p == "being" {
				continue
			}
			a.class, a.j = aNeutral, found+1
			if n, k := nextWord(T, found); n == "with" {
				a.j = k + 1
			}
		case "discussed", "discusses":
			// "X discussed on Thursday regional security with US Secretary
			// of State Y": the one discussed with is named after "with"
			w := -1
			for k := i + 1; k < len(T) && k <= i+20; k++ {
				if T[k].is(";") || T[k].isTerminal() || T[k].kind == 'w' && (T[k].low == "that" || T[k].low == "which") {
					break
				}
				if T[k].low == "with" {
					w = k
					break
				}
			}
			if w < 0 || !(d.personAfter(s, w+1, w+3) || d.positionStartsPerson(s, w+1) || d.counterpartAt(s, w+1)) {
				continue
			}
			a.class, a.j = aNeutral, w+1
		case "convened", "conferred", "spoke", "speaks", "talked", "interacted":
			a.class = aNeutral
			if next == "with" {
				a.j = nk + 1
			}
		case "called", "calls":
			if next != "on" && next != "upon" {
				continue
			}
			a.class, a.j = aGuest, nk+1
		case "paid", "pays", "made", "makes", "paying":
			found := -1
			for k, n := i+1, 0; k < len(T) && n < 5; k++ {
				if T[k].kind == 'p' {
					break
				}
				n++
				if T[k].low == "call" || T[k].low == "visit" {
					found = k
					break
				}
			}
			if found < 0 {
				continue
			}
			n2, k2 := nextWord(T, found)
			if T[found].low == "call" && (n2 == "to" || n2 == "with") && (t.low == "made" || t.low == "makes") &&
				findWord(T, i+1, found, "phone", "telephone") >= 0 {
				// "made a telephone call to Y": the caller and the one called,
				// talks at a distance with no guest and no host
				a.class, a.j = aNeutral, k2+1
				break
			}
			if (T[found].low == "call" && n2 != "on") || (T[found].low == "visit" && n2 != "to") {
				continue
			}
			if t.low == "paying" {
				continue // "paying an official visit to": a relative clause
			}
			a.class, a.j = aGuest, k2+1
			a.dest = d.countryAfter(s, k2+1)
		case "visited", "visits":
			k := i + 1
			if k < len(T) && T[k].low == "the" {
				k++
			}
			if k >= len(T) {
				continue
			}
			if c := d.countryAfter(s, i+1); c != "" && d.isPlaceAt(s, k) {
				a.class, a.dest = aGuest, c
			} else if d.personAt(s, k) || d.positionStartsPerson(s, k) {
				a.class = aGuest
			} else {
				continue
			}
		case "began", "begins", "started", "starts", "commenced", "launched", "kicked", "concluded", "wrapped":
			v := findWord(T, i+1, min(len(T), i+6), "visit", "tour", "trip")
			if v < 0 {
				continue
			}
			if n2, k2 := nextWord(T, v); n2 == "to" || n2 == "in" {
				if c := d.countryAfter(s, k2+1); c != "" {
					a.class, a.dest, a.j = aGuest, c, k2+1
					break
				}
			}
			continue
		case "is", "are", "was", "were":
			// "X, who is on an official visit to Azerbaijan, ...", "X is
			// currently on an official visit to Maputo"
			if next == "currently" || next == "now" {
				next, nk = nextWord(T, nk)
			}
			if next != "on" || (prevWord(T, i) != "who" && !d.personBefore(s, i)) {
				continue
			}
			v := findWord(T, nk+1, min(len(T), nk+5), "visit", "tour", "trip")
			if v < 0 {
				continue
			}
			n2, k2 := nextWord(T, v)
			if n2 != "to" && n2 != "in" {
				continue
			}
			c := d.countryAfter(s, k2+1)
			if c == "" {
				continue
			}
			a.class, a.dest, a.j = aGuest, c, k2+1
		case "arrived", "arrives":
			if next != "in" && next != "at" {
				if !d.isPlaceAt(s, i+1) {
					continue
				}
				nk = i // "arrived Abuja": the place right after the verb
			}
			c := d.countryAfter(s, nk+1)
			if c == "" {
				continue
			}
			a.class, a.dest, a.j = aGuest, c, nk+1
		default:
			continue
		}
		a.call, a.video = callKind(T)
		return a, true
	}
	return anchor{}, false
}

// isPlaceAt reports whether a country or city is named at token k.
func (d *doc) isPlaceAt(s, k int) bool {
	if k >= len(d.cmask[s]) {
		return false
	}
	m := d.cmask[s][k]
	return m != "" && m != "-"
}

// positionStartsPerson reports whether a position starting at k leads to a
// person's name.
func (d *doc) positionStartsPerson(s, k int) bool {
	for _, idx := range d.bySent[s] {
		m := d.people[idx]
		if m.s0 == k && m.posI >= 0 && !m.posAfter {
			return true
		}
	}
	return false
}

// countryAfter returns the country (or the country of the city) named at
// token k, after an optional "the" and official-form words.
func (d *doc) countryAfter(s, k int) string {
	T := d.st(s)
	for k < len(T) && T[k].kind == 'w' && officialFormWords[T[k].low] && !d.isPlaceAt(s, k) {
		k++
	}
	if k >= len(T) {
		return ""
	}
	if c, ok := d.countryIn(s, k); ok && c.i == k {
		return c.code
	}
	for _, c := range d.cityM[s] {
		if c.i == k {
			return c.code
		}
	}
	return ""
}

// ourCountry stands for "a visit to our country": the reporting side's,
// which is the side of the first person named.
const ourCountry = "@our"

// visitDest finds "visit to X", "visiting X", "arrived in X" in a sentence.
func (d *doc) visitDest(s int) (string, bool) {
	T := d.st(s)
	for i := 0; i < len(T); i++ {
		t := T[i]
		if t.kind != 'w' {
			continue
		}
		k := -1
		switch t.low {
		case "visit", "visits", "trip", "tour":
			if n, nk := nextWord(T, i); n == "to" || n == "in" {
				k = nk + 1
			} else if n == "of" {
				// "the official visit of the Minister X to Georgia"
				if to := findWord(T, nk+1, min(len(T), nk+16), "to"); to > 0 && d.personAfter(s, nk+1, to) {
					k = to + 1
				}
			}
		case "visiting":
			if d.visitingGuest(s, i) {
				continue // "the visiting British Defence Secretary": a guest
			}
			k = i + 1
		case "arrived", "arrives", "arrival", "came", "comes", "travelled", "traveled", "went":
			if n, nk := nextWord(T, i); n == "in" || n == "to" {
				k = nk + 1
			} else if (t.low == "arrived" || t.low == "arrives") && d.isPlaceAt(s, i+1) {
				k = i + 1 // "arrived Abuja"
			}
		case "in":
			if findWord(T, i+1, i+8, "visit") >= 0 && findWord(T, i+1, i+4, "on") >= 0 {
				k = i + 1
			}
		}
		if k < 0 {
			continue
		}
		// "invited ... to pay a visit to X" is not this visit
		if w := findWord(T, max(0, i-8), i, "invited", "invitation", "invite", "future", "next", "upcoming", "return"); w >= 0 {
			continue
		}
		if c := d.countryAfter(s, k); c != "" {
			off := strings.Contains(strings.ToLower(d.span(s, max(0, i-3), i)), "official")
			if at, ok := d.abroadAt(s, k); ok {
				// "visiting the Libyan embassy in Cairo": a visit to Egypt;
				// "visited the Azerbaijani pavilion at the fair": to no
				// country the words tell
				if at == "" {
					continue
				}
				return at, off
			}
			return c, off
		}
		if lowWords(T, k, "our", "country") || lowWords(T, k, "our", "republic") {
			return ourCountry, false
		}
	}
	return "", false
}

// excluded reports whether a person is only mentioned: honoured at a grave,
// under whose leadership something happened, whose greetings were passed on.
func (d *doc) excluded(idx int) bool {
	m := d.people[idx]
	T := d.st(m.sent)
	// four words back, and on over a long title ("on behalf of US Army
	// chief General X") up to the clause's comma
	for k := m.s0 - 1; k >= 0 && k >= m.s0-8; k-- {
		if k < m.s0-4 && (T[k].is(",") || T[k].is(";") || T[k].isTerminal() || T[k].low == "and") {
			break
		}
		if T[k].kind != 'w' {
			continue
		}
		switch T[k].low {
		case "graves", "grave", "memory", "tomb", "leadership", "behalf", "greetings", "instructions", "instruction",
			"initiative", "named", "message", "letter", "portrait", "decree", "order", "mausoleum", "bust",
			"regards", "wishes", "legacy", "ideas", "directive", "directives", "guidance", "vision":
			return true
		case "policy":
			// "State Secretary for Defence Policy X" is a title, not a
			// policy of X's
			if !T[k].cap {
				return true
			}
		}
	}
	return false
}

// findMain returns the sentence that reports the meeting, or -1.
func (d *doc) findMain() (anchor, bool) {
	var best anchor
	bestScore, found := 0.0, false
	for s := range d.sents {
		a, ok := d.anchorIn(s)
		if !ok || archiveCaption(d.st(s)) {
			continue
		}
		if sc := d.eventScore(a); sc >= 0 && (!found || sc > bestScore) {
			best, bestScore, found = a, sc, true
		}
	}
	if found {
		return best, true
	}
	// no verb: a sentence with two people of two countries
	for s := range d.sents {
		var cs []string
		for _, idx := range d.bySent[s] {
			if c, _ := d.countryOf(idx); c != "" && !slices.Contains(cs, c) && d.people[idx].strong {
				cs = append(cs, c)
			}
		}
		if len(cs) >= 2 {
			return anchor{s: s, i: 0, j: 0, class: aNeutral}, true
		}
	}
	return anchor{}, false
}

// personBefore reports whether a person's mention ends right before token i.
func (d *doc) personBefore(s, i int) bool {
	for _, idx := range d.bySent[s] {
		if m := d.people[idx]; m.j == i || m.e1 == i {
			return true
		}
	}
	return false
}
