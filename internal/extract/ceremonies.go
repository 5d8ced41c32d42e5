package extract

import (
	"slices"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// cerDraft is a ceremony found in the text.
type cerDraft struct {
	typ       domain.CeremonyType
	site      string
	siteS     int // sentence of the site, -1
	honoured  string
	award     string
	recipient int // person mention, -1
	s, i      int // sentence and token, for order and evidence
	conf      float64
}

// siteAt reads the name of a place of remembrance around the head noun at
// token h: "Alley of Honor", "Turkish Martyrs' Cemetery", "Alley of Shehids
// (Martyrs)".
func (d *doc) siteAt(s, h int) (int, int, bool) {
	T := d.st(s)
	b := h
	for b-1 >= 0 {
		p := T[b-1]
		if p.kind == 'w' && p.cap && !notSiteLead[p.low] {
			b--
			continue
		}
		if isApos(firstRune(p.s)) && p.kind == 'p' && b-2 >= 0 && T[b-2].kind == 'w' && T[b-2].cap && !p.sp {
			b--
			continue
		}
		break
	}
	e := h // inclusive
	k := h + 1
	if k < len(T) && T[k].kind == 'w' && (T[k].low == "of" || T[k].low == "to") {
		k2 := k + 1
		if k2 < len(T) && T[k2].low == "the" && !T[k2].cap {
			k2++
		}
		if k2 < len(T) && T[k2].kind == 'w' && T[k2].cap {
			for k2 < len(T) && ((T[k2].kind == 'w' && T[k2].cap) || (T[k2].low == "of" || T[k2].low == "the") && k2+1 < len(T) && T[k2+1].cap) {
				e = k2
				k2++
			}
		}
	}
	// "(Martyrs)", "(martyrs)"
	if e+3 < len(T) && T[e+1].s == "(" && T[e+2].kind == 'w' && T[e+3].s == ")" {
		e += 3
	}
	for b < h && T[b].kind == 'w' && (T[b].low == "the" || T[b].low == "a") {
		b++
	}
	if e == b && b == h {
		return 0, 0, false // a bare "Monument"
	}
	return b, e, true
}

var notSiteLead = setOf("the", "then", "moreover", "also", "later", "subsequently", "first", "afterwards", "and",
	"in", "at", "on", "during", "before", "after", "visited", "to")

func firstRune(s string) rune {
	for _, r := range s {
		return r
	}
	return 0
}

var subSiteHeads = setOf("monument", "memorial", "statue", "bust", "flame", "obelisk")

var ceremonyVerbs = setOf("visited", "visit", "laid", "wreath", "wreaths", "tribute", "honored", "honoured", "flowers",
	"paid", "bowed", "commemorated", "memory", "respects", "placed", "lay", "laying", "silence", "homage")

// ceremonies finds the ceremonies of a section of sentences.
func (d *doc) ceremonies(sents []int) []cerDraft {
	var out []cerDraft
	seenSite := map[string]bool{}
	once := map[domain.CeremonyType]bool{}
	// by paragraph
	byPara := map[int][]int{}
	var paras []int
	for _, s := range sents {
		p := d.sents[s].para
		if _, ok := byPara[p]; !ok {
			paras = append(paras, p)
		}
		byPara[p] = append(byPara[p], s)
	}
	for _, p := range paras {
		ss := byPara[p]
		out = append(out, d.siteCeremonies(ss, seenSite, once)...)
		// protocol: guard of honour, anthems, Book of Honour
		welcomeSite, welcomeS := d.welcomeSite(ss)
		for _, s := range ss {
			T := d.st(s)
			add := func(typ domain.CeremonyType, i int) {
				if once[typ] {
					return
				}
				once[typ] = true
				c := cerDraft{typ: typ, siteS: -1, recipient: -1, s: s, i: i, conf: 0.9}
				if welcomeSite != "" && strings.ToLower(welcomeSite) != welcomeSite {
					c.site, c.siteS = welcomeSite, welcomeS
				}
				out = append(out, c)
			}
			if plannedCeremony(T) {
				continue // "a guard of honour will be lined up"
			}
			if i := guardAt(T); i >= 0 {
				add("guard_of_honour", i)
			}
			if i := anthemAt(T); i >= 0 {
				add("national_anthems", i)
			}
			if i := bookAt(T); i >= 0 {
				add("book_of_honour", i)
			}
			if c, ok := d.awardIn(s); ok {
				out = append(out, c)
			}
		}
	}
	if !once["guard_of_honour"] && !once["national_anthems"] && !once["book_of_honour"] {
		// "with full military honours", "a red-carpet ceremony": a
		// ceremony of honours of no kind the vocabulary names
		for _, s := range sents {
			T := d.st(s)
			if i := honoursAt(T); i >= 0 && !plannedCeremony(T) && !welcomeCeremony(T, i) {
				out = append(out, cerDraft{typ: "other", siteS: -1, recipient: -1, s: s, i: i, conf: 0.6})
				break
			}
		}
	}
	slices.SortStableFunc(out, func(a, b cerDraft) int {
		if a.s != b.s {
			return a.s - b.s
		}
		return a.i - b.i
	})
	return out
}

func hasWordSet(T []tok, set map[string]bool) bool {
	for _, t := range T {
		if t.kind == 'w' && set[t.low] {
			return true
		}
	}
	return false
}

// welcomeSite finds where a welcoming ceremony took place: "ceremony held at
// the Ministry of Defense", "Azerbaijan Defense Ministry hosted a solemn
// welcoming ceremony".
func (d *doc) welcomeSite(ss []int) (string, int) {
	for _, s := range ss {
		T := d.st(s)
		c := findWord(T, 0, len(T), "ceremony", "welcome", "welcoming")
		if c < 0 && guardAt(T) < 0 && bookAt(T) < 0 && findWord(T, 0, len(T), "anthem", "anthems") < 0 {
			continue
		}
		if c < 0 {
			c = len(T)
		}
		if v := d.venueAfterAt(s, 0); v != "" {
			return v, s
		}
		if a, ok := d.anchorIn(s); ok && a.class == aHost && a.i < c {
			if v := d.orgBefore(s, a.i); v != "" {
				return v, s
			}
		}
	}
	return "", -1
}

// orgBefore reads an institution written as the subject before token k:
// "Azerbaijan Defense Ministry", "The Ministry of Defence of Georgia".
func (d *doc) orgBefore(s, k int) string {
	T := d.st(s)
	e := k - 1
	b := e
	for b >= 0 && (T[b].kind == 'w' && (T[b].cap || connectors[T[b].low]) || (T[b].isDash() && !T[b].sp)) {
		if T[b].cap && notNames[T[b].low] && !positionWords[T[b].low] && !d.isCountryTok(s, b) && !venueHeads[T[b].low] {
			break
		}
		b--
	}
	b++
	for b <= e && (T[b].kind != 'w' || !T[b].cap || T[b].low == "the") {
		b++
	}
	if b > e {
		return ""
	}
	hasOrg := false
	for i := b; i <= e; i++ {
		if T[i].kind == 'w' && (T[i].low == "ministry" || T[i].low == "army" || T[i].low == "staff" || T[i].low == "headquarters" || venueHeads[T[i].low]) {
			hasOrg = true
		}
	}
	if !hasOrg {
		return ""
	}
	return cleanValue(d.text[T[b].start:T[e].end])
}

// venueAfterAt reads "at the X" from token k on, where X is an institution
// or building: "at the General Staff of the Azerbaijan Army", "at the main
// headquarters", "at the Pentagon".
func (d *doc) venueAfterAt(s, k int) string {
	T := d.st(s)
	for i := k; i < len(T); i++ {
		if T[i].kind != 'w' || (T[i].low != "at" && T[i].low != "to" && T[i].low != "in") {
			continue
		}
		b := i + 1
		if b < len(T) && (T[b].low == "the" || T[i].low == "at" && (T[b].low == "a" || T[b].low == "an")) {
			b++
		} else if T[i].low != "at" {
			continue
		}
		if T[i].low != "at" && (b >= len(T) || !T[b].cap) {
			continue
		}
		e := b - 1
		head := false
		for j := b; j < len(T) && j < b+14; j++ {
			t := T[j]
			if t.kind == 'p' {
				if (t.isDash() || isApos(firstRune(t.s))) && !t.sp {
					continue
				}
				break
			}
			if t.cap || d.isCountryTok(s, j) {
				e = j
				if venueHeads[t.low] || venueCountries[t.low] != "" {
					head = true
				}
				continue
			}
			if venueHeads[t.low] {
				e, head = j, true
				continue
			}
			if connectors[t.low] && t.low != "to" && t.low != "in" && t.low != "on" {
				continue
			}
			if venueAdjs[t.low] {
				continue
			}
			break
		}
		if e < b || !head {
			continue
		}
		// not "at the end of the meeting", "at the invitation of"
		if T[b].kind == 'w' && (T[b].low == "end" || T[b].low == "invitation" || T[b].low == "beginning" || T[b].low == "level") {
			continue
		}
		return cleanValue(d.text[T[b].start:T[e].end])
	}
	return ""
}

var venueAdjs = setOf("main", "central", "general", "national", "military", "joint", "new", "naval", "air", "army",
	"defence", "defense", "ministry's", "ministrys")

// honouredFor reads whom a wreath or tribute honoured: "the graves of X in
// the Alley of Honor", "the memory of the martyrs who ...".
func (d *doc) honouredFor(s, siteB int, first bool) string {
	T := d.st(s)
	if !first {
		return ""
	}
	for i := 0; i < len(T); i++ {
		if T[i].kind != 'w' {
			continue
		}
		isGrave := (T[i].low == "graves" || T[i].low == "grave" || T[i].low == "tomb") && i+1 < len(T) && T[i+1].low == "of"
		isMemory := T[i].low == "memory" && i+1 < len(T) && T[i+1].low == "of"
		if !isGrave && !isMemory {
			continue
		}
		b := i + 2
		if b < len(T) && T[b].low == "the" && b+1 < len(T) && T[b+1].cap {
			b++
		}
		if b >= len(T) {
			return ""
		}
		e := len(T) - 1
		if isGrave {
			// up to "in the <site>"
			if siteB <= b {
				continue
			}
			e = siteB - 1
			for e > b && (T[e].low == "the" || T[e].low == "in" || T[e].low == "at") {
				e--
			}
			if e-b > 40 {
				return ""
			}
		} else {
			for e > b && (T[e].kind == 'p') {
				e--
			}
		}
		if e < b {
			return ""
		}
		return cleanValue(d.text[T[b].start:T[e].end])
	}
	return ""
}

func findWordSet(T []tok, set map[string]bool) int {
	for i, t := range T {
		if t.kind == 'w' && set[t.low] {
			return i
		}
	}
	return -1
}

// ceremonyWords returns the words that tell a ceremony's type: "laid a
// wreath", "paid tribute", "guard of honour", "national anthems", "Book of
// Honor", "awarded".
func (d *doc) ceremonyWords(c cerDraft) wspan {
	if c.s < 0 || c.s >= len(d.sents) {
		return wspan{}
	}
	T := d.st(c.s)
	var i, j int
	switch c.typ {
	case "wreath_laying":
		i = findWord(T, 0, len(T), "wreath", "wreaths")
		if i < 0 {
			// the wreath is in another sentence of the paragraph: the visit
			i = findWord(T, 0, len(T), "visited", "visit", "laid", "flowers")
		}
		j = i
		if i >= 0 {
			if v := findWord(T, max(0, i-3), i, "laid", "laying", "lay", "placed", "lays"); v >= 0 {
				i = v
			}
		}
	case "monument_visit":
		i = findWord(T, 0, len(T), "tribute", "respects", "flowers", "bowed", "commemorated", "memory", "silence", "visited")
		j = i
		if i >= 0 {
			if v := findWord(T, max(0, i-3), i, "paid", "laid", "honored", "honoured", "minute", "pay"); v >= 0 {
				i = v
			}
		}
	case "guard_of_honour":
		i = guardAt(T)
		j = i
		if i >= 0 && i+2 < len(T) && T[i+1].low == "of" {
			j = i + 2
		} else if i > 0 {
			i--
		}
	case "national_anthems":
		i = anthemAt(T)
		j = i
		if i > 0 && T[i-1].low == "national" {
			i--
		}
	case "book_of_honour":
		i = bookAt(T)
		j = i
		if i >= 0 && i+2 < len(T) && T[i+1].low == "of" {
			j = i + 2
		} else if i > 0 {
			i--
		}
	case "award":
		i, j = c.i, c.i
	default:
		return wspan{}
	}
	if i < 0 || j < i || j >= len(T) {
		return wspan{}
	}
	return wspan{T[i].start, T[j].end}
}
