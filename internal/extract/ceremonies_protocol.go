package extract

// honoursCeremony are the words before "ceremony" that name a ceremony of
// honours (not a welcome, a signing or a wreath-laying).
var honoursCeremony = setOf("military", "honors", "honours", "full-honors", "full-honours", "red-carpet", "carpet",
	"arrival", "cordon")

// honoursAt finds honours of no kind the vocabulary names: "a military
// ceremony", "welcomed with full military honours", "a ceremonial
// welcome", "a 21-gun salute", "the red carpet"; -1 when none.
func honoursAt(T []tok) int {
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "ceremony":
			if i > 0 && honoursCeremony[prevWord(T, i)] {
				return i
			}
		case "honours", "honors":
			// "with (full) military honours", "full honours"; "a military
			// honours welcome ceremony" is a welcome, no honour of its own
			if n, _ := nextWord(T, i); n == "welcome" || n == "welcoming" {
				continue
			}
			if p := prevWord(T, i); p == "military" || p == "full" || p == "state" {
				return i
			}
		case "welcome", "reception":
			if prevWord(T, i) == "ceremonial" {
				return i
			}
		case "salute":
			// "a gun salute", "a 21-gun salute", "an artillery salute"
			if p := prevWord(T, i); p == "gun" || p == "artillery" || p == "cannon" {
				return i
			}
		case "carpet":
			if prevWord(T, i) == "red" {
				return i
			}
		}
	}
	return -1
}

// welcomeWords tell that a ceremony welcomed the guest.
var welcomeWords = setOf("welcomed", "welcomes", "welcome", "welcoming", "greeted", "greets", "received", "receives",
	"met", "arrival")

// welcomeCeremony reports whether the honours at token i are a ceremony
// that welcomed the guest and names nothing else: "welcomed Y with a
// military ceremony", "greeted with an arrival ceremony". A welcoming
// ceremony that names no guard of honour, anthems or book is none of the
// types; honours rendered ("with full military honours", "a 21-gun
// salute", "the red carpet") are honours of their own.
func welcomeCeremony(T []tok, i int) bool {
	if T[i].low != "ceremony" {
		return false
	}
	switch prevWord(T, i) {
	case "military", "arrival":
	default:
		return false
	}
	return wordIn(T, 0, len(T), welcomeWords)
}

// anthemAt finds the anthems played: "the national anthems", "the state
// hymns of both countries"; -1 when none.
func anthemAt(T []tok) int {
	for i, t := range T {
		if t.kind != 'w' {
			continue
		}
		switch t.low {
		case "anthem", "anthems":
			return i
		case "hymn", "hymns":
			if p := prevWord(T, i); p == "national" || p == "state" {
				return i
			}
		}
	}
	return -1
}

// plannedWords tell a ceremony is still to come.
var plannedWords = setOf("will", "shall", "planned", "scheduled", "expected")

// plannedCeremony reports whether a sentence tells of a ceremony still to
// come: "a guard of honour will be lined up", "a wreath-laying is planned".
func plannedCeremony(T []tok) bool {
	return hasWordSet(T, plannedWords)
}

// remembranceWords in a site's name make it a place of remembrance: "Alley
// of Honour", "Alley of Martyrs", "Eternal Flame", "Park of Glory".
var remembranceWords = setOf("honour", "honor", "martyrs", "martyr", "martyrs'", "shehids", "shahids", "heroes",
	"hero", "glory", "remembrance", "memory", "fallen", "unknown", "eternal", "victims", "defenders")

// remembered reports whether a site's name makes it a place of remembrance.
func remembered(T []tok, x siteSpan) bool {
	if T[x.h].low == "museum" {
		return false // "the Museum of Military Glory" is toured
	}
	for k := x.b; k <= x.e && k < len(T); k++ {
		if T[k].kind == 'w' && remembranceWords[T[k].low] {
			return true
		}
	}
	return false
}

// capWithin reports whether a capitalised word is among the n words from
// token k: "the grave of national leader Ahmad Saleh".
func capWithin(T []tok, k, n int) bool {
	for i := k; i < len(T) && i < k+n; i++ {
		if T[i].kind != 'w' {
			return false
		}
		if T[i].cap {
			return true
		}
	}
	return false
}

// inName reports whether token k of sentence s is within a person's name.
func (d *doc) inName(s, k int) bool {
	for _, idx := range d.bySent[s] {
		if m := d.people[idx]; m.i <= k && k < m.j {
			return true
		}
	}
	return false
}

func guardAt(T []tok) int {
	for i, t := range T {
		if t.kind != 'w' || t.low != "guard" && t.low != "guards" && t.low != "cordon" {
			continue
		}
		if lowWords(T, i, t.low, "of", "honor") || lowWords(T, i, t.low, "of", "honour") {
			return i
		}
		if p := prevWord(T, i); p == "honor" || p == "honour" || p == "honorary" || p == "ceremonial" || p == "half" || p == "quarter" {
			return i // "a half guard mounted by", "the quarter guard"
		}
	}
	return -1
}

// bookBefore are the words before "book" that make it a Book of Honour:
// "Honour Book", "Distinguished Visitors' Book", "Golden Book", "guest book".
var bookBefore = setOf("honor", "honour", "honorary", "honored", "honoured", "guest", "guests", "visitor", "visitors",
	"memorial", "special", "distinguished", "commemorative", "golden", "gold")

// bookOf are the words after "book of" that make it one: "Book of Honour",
// "book of honourable guests", "Book of Distinguished Visitors".
var bookOf = setOf("honor", "honour", "honorary", "honored", "honoured", "honorable", "honourable", "distinguished",
	"condolences", "memory", "memories", "guests", "visitors", "eminent", "remembrance")

func bookAt(T []tok) int {
	for i, t := range T {
		if t.kind != 'w' || t.low != "book" {
			if t.low == "guestbook" || t.low == "visitorsbook" {
				return i
			}
			continue
		}
		if n, k := nextWord(T, i); n == "of" {
			n2, k2 := nextWord(T, k)
			if n2 == "the" {
				n2, _ = nextWord(T, k2) // "the book of the honoured guests"
			}
			if bookOf[n2] {
				return i
			}
		}
		p := i - 1
		if p >= 0 && (T[p].isQuote() || T[p].s == "'s") && !T[p].sp {
			p-- // "Visitors' Book"
		}
		if p >= 0 && T[p].kind == 'w' && bookBefore[T[p].low] {
			return i
		}
	}
	return -1
}
