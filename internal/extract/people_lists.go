package extract

import "strings"

// itemCountries gives the people of a list's items who are named without a
// country the one country the list's lead names: "The Kenyan delegation
// included:" and then "• General X, Chief of the Defence Forces".
func (d *doc) itemCountries() {
	lead, code := -1, ""
	for n := range d.people {
		m := &d.people[n]
		li := d.lineOf(d.sents[m.sent].start)
		if li < 0 || !d.lines[li].item || m.country != "" || !m.strong {
			continue
		}
		l := li - 1
		for l >= 0 && (d.lines[l].kind == lkEmpty || d.lines[l].item) {
			l--
		}
		if l < 0 {
			continue
		}
		if l != lead {
			lead, code = l, d.lineCountry(l)
		}
		if code != "" {
			m.country, m.ccf = code, 0.75
		}
	}
}

// lineOf returns the line that holds byte offset off, or -1.
func (d *doc) lineOf(off int) int {
	for i, l := range d.lines {
		if off >= l.start && off <= l.end && l.kind != lkEmpty {
			return i
		}
	}
	return -1
}

// lineCountry returns the one country the sentences of line l name, or ""
// when they name none or several.
func (d *doc) lineCountry(l int) string {
	code := ""
	for s, se := range d.sents {
		if se.start < d.lines[l].start || se.start > d.lines[l].end {
			continue
		}
		for _, c := range d.ctry[s] {
			if code != "" && c.code != code {
				return ""
			}
			code = c.code
		}
	}
	return code
}

// bodyNameLinks join the words of the name of a body or an office:
// "Commission on Human Rights", "Centre for Strategic Studies".
var bodyNameLinks = setOf("on", "for", "of")

// inBodyName reports whether the capitalised words from token i go on the
// name of a body or office written before them ("Commission on", "Institute
// for", "Ministry of"), rather than name a person.
func (d *doc) inBodyName(s, i int) bool {
	T := d.st(s)
	k := i - 1
	if k >= 0 && T[k].low == "the" && !T[k].cap {
		k--
	}
	if k < 1 || T[k].kind != 'w' || T[k].cap || !bodyNameLinks[T[k].low] {
		return false
	}
	p := T[k-1]
	return p.kind == 'w' && p.cap && (positionWords[p.low] || positionHeads[p.low]) && !d.isCountryTok(s, k-1)
}

// spokesTitle reports whether a position is a spokesperson's or press
// officer's: reports quote them, and never as a party to the meeting.
func spokesTitle(pos string) bool {
	w := foldWords(pos)
	for i, x := range w {
		switch x {
		case "spokesman", "spokesperson", "spokeswoman", "spokespersons", "spokesmen":
			return true
		case "press":
			if i+1 < len(w) && (w[i+1] == "secretary" || w[i+1] == "officer" || w[i+1] == "attache") {
				return true
			}
		}
	}
	return false
}

// companyTitle reports whether a position is a company's executive's
// ("Chief Executive Officer of Leonardo", "CEO"): a firm's people may
// meet a delegation, and are no country's officials.
func companyTitle(pos string) bool {
	w := foldWords(pos)
	for i, x := range w {
		switch x {
		case "ceo", "coo":
			return true
		case "chief":
			if i+2 < len(w) && (w[i+1] == "executive" || w[i+1] == "operating") && w[i+2] == "officer" {
				return true
			}
		}
	}
	return false
}

// lateMarks say that the person named after them has died: "Al-Marhum",
// "Almarhum" (Malay and Arabic styles), "the late".
var lateMarks = setOf("marhum", "almarhum", "marhumah", "almarhumah", "late")

// fatherOrLate reports whether the name at token i is a father's, after a
// lower-case "ibni" or "bin" inside one run of capitalised words ("Sultan X
// ibni Al-Marhum Sultan Y"), or a dead person's ("the late Y"): no one
// present at a meeting.
func (d *doc) fatherOrLate(s, i int) bool {
	T := d.st(s)
	for k := i - 1; k >= 0 && k >= i-12; k-- {
		t := T[k]
		switch {
		case t.kind == 'w' && lateMarks[t.low] && (t.cap || t.low != "late" || k > 0 && T[k-1].low == "the"):
			return true
		case t.kind == 'w' && !t.cap && patronymic[t.low]:
			return true
		case t.kind == 'w' && !t.cap, t.is(","), t.isTerminal(), t.is(";"), t.is("("), t.is(")"):
			return false
		}
	}
	return false
}

// nationsBodies are the folded names and abbreviations of bodies of many
// nations, whose officials are no country's.
var nationsBodies = []string{"nato", "osce", "csto", "asean", "oas", "gcc", "oic", "unhcr", "unicef", "undp",
	"imf", "interpol", "icrc", "un", "eu", "united nations", "european union", "african union",
	"organization of american states", "organisation of american states", "arab league", "league of arab states",
	"european commission", "red cross", "world bank", "commonwealth of independent states",
	"shanghai cooperation organisation", "shanghai cooperation organization", "collective security treaty organization",
	"gulf cooperation council", "organization of turkic states", "organisation of islamic cooperation"}

// bodyOfNations reports whether a position of tokens [b, e] is held in a
// body of many nations ("NATO Secretary-General", "secretary general of the
// Organization of American States") rather than sent to one ("Ambassador to
// NATO").
func (d *doc) bodyOfNations(s, b, e int) bool {
	T := d.st(s)
	for i := b; i <= e && i < len(T); i++ {
		for _, n := range nationsBodies {
			ws := strings.Fields(n)
			if !lowWords(T, i, ws...) || (len(ws) == 1 && !T[i].upper) {
				continue
			}
			k := i - 1
			if k >= b && T[k].low == "the" {
				k--
			}
			if k >= b && (T[k].low == "to" || T[k].low == "at" || T[k].low == "with" || T[k].low == "in") {
				return false
			}
			// a country named outside the body's name: "NATO Supreme Allied
			// Commander and Commander of the United States European Command"
			for _, c := range d.ctry[s] {
				if c.i >= b && c.i <= e && (c.i < i || c.i >= i+len(ws)) {
					return false
				}
			}
			return true
		}
	}
	return false
}

// credit reports whether the name of tokens [i, j) is glued by a slash to
// a capitalised word, as the credits of writers and photographers are
// written ("By X Y/Outlet", "Agency/X Y"); an official's name never is.
func credit(T []tok, i, j int) bool {
	glued := func(k int) bool { // T[k] is a slash with no space on either side
		return k > 0 && k+1 < len(T) && T[k].s == "/" && !T[k].sp && !T[k+1].sp
	}
	return j+1 < len(T) && glued(j) && T[j+1].kind == 'w' && T[j+1].cap ||
		i >= 2 && glued(i-1) && T[i-2].kind == 'w' && T[i-2].cap
}
