package extract

import "strings"

var awardNouns = setOf("medal", "order", "award", "badge", "decoration", "prize", "cross", "star", "insignia")

// awardNounAt reports whether token i names an award: one of awardNouns, or
// a word of a compound joined by "-e-" or "-i-" ("Nishan-e-Imtiaz",
// "Sitara-i-Jurat").
func awardNounAt(T []tok, i int) bool {
	return T[i].kind == 'w' && (awardNouns[T[i].low] || T[i].cap && izafe(T, i))
}

func hasAwardNoun(T []tok) bool {
	for i := range T {
		if awardNounAt(T, i) {
			return true
		}
	}
	return false
}

// awardIn finds an award given in sentence s: the award's name and who got
// it.
func (d *doc) awardIn(s int) (cerDraft, bool) {
	T := d.st(s)
	v := -1
	passive := false
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "received", "receives":
			if receivedAward(T, i) {
				v, passive = i, true // "X received the Order of Y": X is the recipient
			}
		case "awarded", "conferred", "decorated", "bestowed", "presented", "honored", "honoured", "handed":
			if (t.low == "presented" || t.low == "honored" || t.low == "honoured" || t.low == "handed") && !hasAwardNoun(T) {
				continue
			}
			if n, _ := nextWord(T, i); t.low == "conferred" && n == "with" && !hasAwardNoun(T) {
				continue // "conferred with the chief of staff": talked
			}
			if t.low == "honored" || t.low == "honoured" {
				if n, _ := nextWord(T, i); n != "with" {
					continue
				}
			}
			v = i
			switch prevWord(T, i) {
			case "was", "were", "been", "being":
				passive = true
			}
		}
		if v >= 0 {
			break
		}
	}
	if v < 0 {
		return cerDraft{}, false
	}
	c := cerDraft{typ: "award", siteS: -1, recipient: -1, s: s, i: v, conf: 0.85}
	// the recipient: the first person after the verb, or before it when passive
	for _, idx := range d.bySent[s] {
		m := d.people[idx]
		if (!passive && m.s0 > v) || (passive && m.j <= v) {
			c.recipient = idx
			if !passive {
				break
			}
		}
	}
	// the award: a quoted name, else a capitalised "... Medal"
	c.award = quotedAfter(d.text, T, v)
	if c.award == "" {
		for i := v; i < len(T); i++ {
			if T[i].kind == 'w' && T[i].cap && awardNounAt(T, i) {
				b, e := i, i
				for b-1 > v && T[b-1].kind == 'w' && (T[b-1].cap || T[b-1].low == "of" || T[b-1].low == "the") {
					b--
				}
				for e+1 < len(T) && ((T[e+1].kind == 'w' && (T[e+1].cap || T[e+1].low == "of" || T[e+1].low == "for" || T[e+1].low == "the")) ||
					(T[e+1].isDash() && !T[e+1].sp) || T[e+1].s == "(" || T[e+1].s == ")") {
					e++
				}
				for e > i && (T[e].kind == 'w' && !T[e].cap || T[e].s == "(") {
					e--
				}
				for b < i && T[b].kind == 'w' && !T[b].cap {
					b++
				}
				c.award = cleanValue(d.text[T[b].start:T[e].end])
				break
			}
		}
	}
	if c.award == "" && c.recipient < 0 {
		return cerDraft{}, false
	}
	return c, true
}

// quotedAfter returns the first quoted text after token v.
func quotedAfter(text string, T []tok, v int) string {
	for i := v + 1; i < len(T); i++ {
		if !T[i].isQuote() || T[i].s == "'" || T[i].s == "’" {
			continue
		}
		for j := i + 1; j < len(T) && j < i+40; j++ {
			if T[j].isQuote() && T[j].s != "'" && T[j].s != "’" {
				if j > i+1 {
					return cleanValue(strings.Trim(text[T[i+1].start:T[j-1].end], " "))
				}
				break
			}
		}
		return ""
	}
	return ""
}

// receivedAward reports whether "received" at token v takes an award as its
// object: "received the Order of Merit", "received the Friendship Medal".
func receivedAward(T []tok, v int) bool {
	for k := v + 1; k < len(T) && k <= v+4; k++ {
		t := T[k]
		if t.kind != 'w' {
			return false
		}
		if t.low == "the" || t.low == "a" || t.low == "an" {
			continue
		}
		if !t.cap {
			return false
		}
		if awardNounAt(T, k) {
			return true
		}
	}
	return false
}
