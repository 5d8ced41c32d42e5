package extract

import (
	"slices"
	"strings"
	"unicode"

	"github.com/milmeet/milmeet/internal/domain"
)

var militaryFields = setOf("cooperation", "field", "fields", "sphere", "spheres", "relations", "ties", "collaboration",
	"partnership", "area", "areas", "domain", "domains", "and", "interaction", "contacts", "links", "affairs")

// topicHit is a topic a sentence speaks of, and the word that tells it.
type topicHit struct {
	t domain.Topic
	i int
}

// topicsIn returns the topics a sentence speaks of.
func topicsIn(T []tok) []topicHit {
	var out []topicHit
	i := 0
	add := func(t domain.Topic) {
		if !slices.ContainsFunc(out, func(h topicHit) bool { return h.t == t }) {
			out = append(out, topicHit{t, i})
		}
	}
	for ; i < len(T); i++ {
		t := T[i]
		if t.kind != 'w' {
			continue
		}
		glued := i+2 < len(T) && T[i+1].isDash() && !T[i+1].sp && !T[i+2].sp
		n, nk := nextWord(T, i)
		switch t.low {
		case "military", "defense", "defence":
			next := n
			if glued {
				next = T[i+2].low
			}
			switch next {
			case "technical":
				if t.low == "military" {
					add("military_technical")
				}
			case "educational", "education":
				add("military_educational")
			case "medicine", "medical":
				add("military_medicine")
			case "industry", "industries", "industrial", "production", "manufacturing":
				add("defence_industry")
			case "exercises", "exercise", "drills":
				add("joint_exercises")
			case "intelligence":
				add("intelligence")
			default:
				if glued {
					break
				}
				if militaryFields[n] || (i+1 < len(T) && T[i+1].is(",")) {
					if t.low == "military" || n == "cooperation" || n == "ties" || n == "relations" || n == "partnership" || n == "collaboration" {
						add("military")
					}
				}
			}
		case "joint", "combined":
			if n == "exercise" || n == "exercises" || n == "drills" || n == "drill" || n == "trainings" || n == "training" || n == "manoeuvres" || n == "maneuvers" || n == "military" && lowWords(T, nk, "military", "exercises") {
				add("joint_exercises")
			}
		case "exercises", "drills":
			if p := prevWord(T, i); p == "military" || p == "bilateral" || p == "trilateral" || p == "tactical" || p == "command" || p == "staff" {
				add("joint_exercises")
			}
		case "regional":
			for k, c := i+1, 0; k < len(T) && c < 4; k++ {
				if T[k].kind != 'w' {
					continue
				}
				c++
				if T[k].low == "security" || T[k].low == "stability" || T[k].low == "situation" || T[k].low == "developments" {
					add("regional_security")
					break
				}
			}
		case "region":
			if prevWord(T, i) == "the" && findWord(T, max(0, i-7), i, "security", "stability", "situation", "peace") >= 0 {
				add("regional_security")
			}
		case "border", "borders", "frontier":
			if findWord(T, max(0, i-9), i, "situation") >= 0 || n == "situation" || n == "security" {
				add("border_situation")
			}
		case "loc":
			if t.s == "LoC" || t.s == "LOC" {
				add("border_situation")
			}
		case "line":
			if lowWords(T, i, "line", "of", "control") || lowWords(T, i, "line", "of", "contact") {
				add("border_situation")
			}
		case "peacekeeping":
			add("peacekeeping")
		case "peace":
			if glued && (T[i+2].low == "keeping" || T[i+2].low == "keepers") {
				add("peacekeeping")
			}
		case "terrorism", "counterterrorism", "terrorist", "terrorists", "extremism":
			add("counter_terrorism")
		case "cyber", "cybersecurity", "cyberspace", "cyberattacks":
			add("cyber_security")
		case "demining", "landmine", "landmines", "deminers":
			add("demining")
		case "mine":
			if n == "clearance" || n == "clearing" || n == "action" {
				add("demining")
			}
		case "de":
			if glued && T[i+2].low == "mining" {
				add("demining")
			}
		case "intelligence":
			if n == "sharing" || n == "cooperation" || n == "exchange" || prevWord(T, i) == "of" {
				add("intelligence")
			}
		}
	}
	return out
}

// series finds "the 17th Azerbaijan-Türkiye High-Level Military Dialogue
// Meeting" in a sentence: the name and the edition.
var ordinalWords = map[string]int{"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
	"seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
	"fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
	"twentieth": 20}

var seriesNouns = setOf("meeting", "dialogue", "talks", "consultations", "commission", "committee", "session",
	"conference", "forum", "round", "summit", "council", "group", "staff", "consultation", "dialog")

func (d *doc) seriesIn(s int) (string, int, bool) {
	T := d.st(s)
	for i, t := range T {
		ed := 0
		switch {
		case t.kind == 'n' && len(t.s) > 2 && (strings.HasSuffix(t.s, "th") || strings.HasSuffix(t.s, "st") || strings.HasSuffix(t.s, "nd") || strings.HasSuffix(t.s, "rd")):
			ed, _ = numVal(t, 4)
		case t.kind == 'w':
			ed = ordinalWords[t.low]
		}
		if ed <= 0 {
			continue
		}
		b := i + 1
		// "the 5th meeting of the Joint Commission", "the 10th round of ..."
		if b < len(T) && T[b].kind == 'w' && !T[b].cap && seriesNouns[T[b].low] {
			if n, nk := nextWord(T, b); n == "of" {
				b = nk + 1
				if b < len(T) && T[b].low == "the" {
					b++
				}
			}
		}
		e := b - 1
		last := -1
		for k := b; k < len(T) && k < b+16; k++ {
			tk := T[k]
			if tk.kind == 'w' && (tk.cap || d.isCountryTok(s, k)) {
				e = k
				if seriesNouns[tk.low] {
					last = k
				}
				continue
			}
			if tk.kind == 'p' && tk.isDash() {
				continue
			}
			if tk.kind == 'w' && (tk.low == "of" || tk.low == "on" || tk.low == "and" || tk.low == "the" || tk.low == "for") && k+1 < len(T) && T[k+1].cap {
				continue
			}
			break
		}
		if last < 0 || e < b {
			continue
		}
		name := cleanValue(d.text[T[b].start:T[e].end])
		if wordCount(name) < 2 {
			continue
		}
		return name, ed, true
	}
	return "", 0, false
}

// cityIn finds "in Baku" in a sentence; it returns the city, its country
// and the token.
func (d *doc) cityIn(s int) (string, string, bool) {
	T := d.st(s)
	visit := hasWord(T, "visit", "visiting")
	for _, c := range d.cityM[s] {
		if c.i > 0 && T[c.i-1].kind == 'w' && (T[c.i-1].low == "in" || (T[c.i-1].low == "to" && visit)) {
			return c.name, c.code, true
		}
	}
	return "", "", false
}

// dateline reads "BAKU, Azerbaijan, October 28." or "ANKARA (AA) –" at the
// start of the first body sentence.
func (d *doc) dateline() (city, code string, ok bool) {
	if d.dl != nil && d.dl.code != "" {
		return d.dl.city, d.dl.code, true
	}
	// a stamp line before the body: "Rawalpindi, 21 Feb 2024:"
	for _, li := range d.dateLines {
		if d.bodyStart >= 0 && li > d.bodyStart {
			continue
		}
		l := d.lines[li]
		toks := tokenize(d.text, l.start, l.end)
		if len(toks) > 1 {
			if name, code, j := cityAt(toks, 0); name != "" && j < len(toks) && (toks[j].is(",") || toks[j].isDash()) {
				return name, code, true
			}
		}
	}
	if len(d.sents) == 0 {
		return "", "", false
	}
	T := d.st(0)
	if len(T) < 2 {
		return "", "", false
	}
	for _, c := range d.cityM[0] {
		if c.i != 0 || c.j >= len(T) || !(T[c.j].is(",") || T[c.j].is("(") || T[c.j].isDash()) {
			continue
		}
		if T[0].upper {
			return c.name, c.code, true
		}
		// "Baku, May 14, AZERTAC": a capitalised city needs a date or a
		// country right after it
		if c.j+1 < len(T) {
			if _, ok := dateAt(T, c.j+1); ok {
				return c.name, c.code, true
			}
			if d.isCountryTok(0, c.j+1) {
				return c.name, c.code, true
			}
		}
	}
	return "", "", false
}

// kindOf finds the kind of meeting a section reports.
func (d *doc) kindOf(sents []int, a anchor, hasAnc bool) (domain.Kind, int) {
	if hasAnc && a.call {
		return "phone_call", a.s
	}
	if hasAnc && a.video {
		return "video_conference", a.s
	}
	if hasAnc {
		if k, s := d.remoteBefore(sents, a); k != "" {
			return k, s
		}
	}
	if hasAnc && d.callHeadline() {
		// "Readout of the Secretary's Call With ..." above "X spoke with Y"
		switch d.st(a.s)[a.i].low {
		case "spoke", "speaks", "talked", "conferred", "call", "conversation":
			return "phone_call", a.s
		}
	}
	type hit struct {
		k domain.Kind
		s int
	}
	var best *hit
	rank := map[domain.Kind]int{"state_visit": 3, "official_visit": 2, "working_visit": 1}
	for _, s := range sents {
		T := d.st(s)
		if futureInvite(T) {
			continue
		}
		if k := kindIn(T); k != "" && (best == nil || rank[k] > rank[best.k]) {
			best = &hit{k, s}
		}
	}
	if best != nil {
		return best.k, best.s
	}
	if d.headline >= 0 {
		// "Official visit of the Chief of Defence to Jordan" above a body
		// that does not say so
		l := d.lines[d.headline]
		if k := kindIn(tokenize(d.text, l.start, l.end)); k != "" {
			return k, -1
		}
	}
	return "meeting", -1
}

// outletIn finds the outlet a report names itself by: "told Report",
// "Azernews reports", "TurkicWorld reports via ...".
func (d *doc) outletIn() (string, int, int) {
	for s := range d.sents {
		T := d.st(s)
		for i, t := range T {
			if t.kind != 'w' {
				continue
			}
			switch t.low {
			case "told":
				if i+1 < len(T) && T[i+1].kind == 'w' && T[i+1].cap {
					name := T[i+1].s
					if n, ok := outletForms[strings.ToLower(name)]; ok {
						return n, d.sents[s].start, d.sents[s].end
					}
					if n, _ := nextWord(T, i+1); n == "that" && !d.isCountryTok(s, i+1) && !d.isNameWord(s, i+2) {
						return name, d.sents[s].start, d.sents[s].end
					}
				}
			case "reports", "reported", "reporting":
				if i == 0 || t.cap {
					continue
				}
				// the outlet's name ends at i-1 and starts after a comma, a
				// sentence start or "."
				e := i - 1
				b := e
				for b-1 >= 0 && T[b-1].kind == 'w' && T[b-1].cap && e-b < 3 {
					b--
				}
				if b > 0 && !T[b-1].is(",") && !T[b-1].isTerminal() && !T[b-1].isDash() {
					continue
				}
				name := d.text[T[b].start:T[e].end]
				if b > 0 && T[e].kind == 'w' && e+1 < i && T[e+1].is(".") {
					name += "." + T[e+2].s
				}
				if n, ok := outletForms[strings.ToLower(name)]; ok {
					return n, d.sents[s].start, d.sents[s].end
				}
				if b == e && isCamel(T[b].s) && !d.isCountryTok(s, b) {
					return T[b].s, d.sents[s].start, d.sents[s].end
				}
			case "according":
				if n, nk := nextWord(T, i); n == "to" && nk+1 < len(T) {
					for L := 3; L >= 1; L-- {
						if nk+L < len(T) {
							name := d.text[T[nk+1].start:T[nk+L].end]
							if n, ok := outletForms[strings.ToLower(name)]; ok {
								return n, d.sents[s].start, d.sents[s].end
							}
						}
					}
				}
			}
		}
	}
	return "", 0, 0
}

// outletToken finds an agency's name in the header lines ("No
// PR-143/2024-ISPR") or in the dateline ("ANKARA (AA) -").
func (d *doc) outletToken() (string, int, int) {
	if len(d.sents) > 0 {
		T := d.st(0)
		for _, c := range d.cityM[0] {
			if c.i == 0 && c.j+2 < len(T) && T[c.j].s == "(" && T[c.j+2].s == ")" {
				if n, ok := outletForms[strings.ToLower(T[c.j+1].s)]; ok {
					return n, d.sents[0].start, d.sents[0].end
				}
			}
		}
	}
	for li := 0; li < d.bodyStart; li++ {
		l := d.lines[li]
		if l.kind != lkOther && l.kind != lkDate {
			continue
		}
		for _, t := range tokenize(d.text, l.start, l.end) {
			if t.upper && len(t.s) >= 4 {
				if n, ok := outletForms[strings.ToLower(t.s)]; ok {
					return n, l.start, l.end
				}
			}
		}
	}
	return "", 0, 0
}

// isCamel reports whether a word has a capital after its first letter, as
// outlet names often do ("TurkicWorld", "AzerNews").
func isCamel(s string) bool {
	for i, r := range s {
		if i > 0 && unicode.IsUpper(r) {
			return true
		}
	}
	return false
}

// outletOfHost maps a report's host to its outlet.
func outletOfHost(host string) string {
	host = strings.TrimPrefix(strings.ToLower(host), "www.")
	for h, n := range outletHosts {
		if host == h || strings.HasSuffix(host, "."+h) {
			return n
		}
	}
	// a defence ministry's own site: mod.gov.rs, mindef.gov.sg
	labels := strings.Split(host, ".")
	if len(labels) >= 3 && ministryHosts[labels[0]] {
		if c := hostCountry(host); c != "" && ministryOf[c] != "" {
			return ministryOf[c] + " of " + countryNames[c]
		}
	}
	return ""
}

var ministryHosts = setOf("mod", "mindef", "defence", "defense", "modmil", "mil", "mo", "army", "mdn", "msb", "mude", "mnd")

// genericTLDs are country-code domains sites of any country use.
var genericTLDs = setOf("io", "tv", "me", "co", "ai", "ly", "fm", "cc", "ws", "to", "gg", "la", "nu", "tk", "sh",
	"ac", "im", "gl", "vc", "gd", "ag", "so", "sc", "st", "cx", "vu", "pw", "ms", "eu", "su", "ps", "tm")

// hostCountry returns the country a site's domain belongs to: its
// country-code top-level domain (uk for GB), or US for .gov and .mil.
func hostCountry(host string) string {
	host = strings.TrimSuffix(strings.ToLower(host), ".")
	i := strings.LastIndexByte(host, '.')
	if i < 0 {
		return ""
	}
	tld := host[i+1:]
	switch tld {
	case "gov", "mil":
		return "US"
	case "uk":
		return "GB"
	}
	if len(tld) != 2 || genericTLDs[tld] {
		return ""
	}
	c := strings.ToUpper(tld)
	if countryNames[c] == "" {
		return ""
	}
	return c
}

// futureInvite reports whether a sentence speaks of an invitation to a
// visit to come ("invited him to visit"); "at the invitation of" is the
// visit reported.
func futureInvite(T []tok) bool {
	for k, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "invited", "invite", "invites", "inviting":
			return true
		case "invitation", "invitations":
			if findWord(T, max(0, k-3), k, "at", "on", "upon", "by") < 0 {
				return true
			}
		}
	}
	return false
}

// callHeadline reports whether the headline speaks of a call: "Readout of
// the Minister's Phone Call With ...".
func (d *doc) callHeadline() bool {
	if d.headline < 0 {
		return false
	}
	l := d.lines[d.headline]
	T := tokenize(d.text, l.start, l.end)
	if hasWord(T, "video", "videoconference", "virtual", "courtesy") {
		return false
	}
	for i, t := range T {
		switch t.low {
		case "phone", "telephone", "phoned", "telephoned":
			return true
		case "call", "calls":
			if n, _ := nextWord(T, i); n != "on" && n != "upon" && n != "for" {
				return true // not "calls on", "calls for"
			}
		}
	}
	return false
}
