package extract

import (
	"slices"
	"strings"
	"unicode/utf8"
)

func (d *doc) isNameWord(s, i int) bool {
	T := d.st(s)
	if i < 0 || i >= len(T) {
		return false
	}
	t := T[i]
	if t.kind != 'w' || !t.cap || t.upper || utf8.RuneCountInString(t.s) < 2 {
		return false
	}
	if d.cmask[s][i] != "" {
		return false
	}
	l := t.low
	if nameSuffixes[t.s] {
		return false
	}
	// the first word of an honorific of two ("Tan Sri", "Toh Puan")
	if i+1 < len(T) && honorificFirst[l] && honorifics[T[i+1].low] {
		return false
	}
	if royalTitles[l] && d.honorificBefore(s, i) >= 0 {
		return false
	}
	if rulerTitleWord(T, i) {
		return false
	}
	if (i == 0 || i == 1 && T[0].isQuote()) && len(l) >= 7 && strings.HasSuffix(l, "ing") {
		return false // "Addressing X, ...": a participle opening the sentence
	}
	return !notNames[l] && !positionWords[l] && !positionHeads[l] && !positionStarts[l] && !rankWords[l] &&
		!honorifics[l] && monthNames[l] == 0 && !siteHeads[l] && !izafe(T, i) && !abstractNoun(l)
}

// abstractNounEnds are the endings of abstract nouns of English, which end
// the names of offices ("Adviser for Communication and Coordination") and
// no given or family name.
var abstractNounEnds = []string{"ation", "ition", "ution", "ction", "ssion", "ness", "ship", "ships", "ities", "ism"}

// abstractNoun reports whether the folded word l is an abstract noun by its
// ending.
func abstractNoun(l string) bool {
	if len(l) < 7 {
		return false
	}
	for _, e := range abstractNounEnds {
		if strings.HasSuffix(l, e) {
			return true
		}
	}
	return false
}

// izafe reports whether token i is a word of a Persian or Urdu compound
// joined by "-e-" or "-i-" ("Nishan-e-Imtiaz", "Yadgar-e-Shuhada"): the
// name of an award or a monument, not of a person.
func izafe(T []tok, i int) bool {
	link := func(k int) bool { // T[k] is a glued "-e-" or "-i-" link
		return k >= 1 && k+1 < len(T) && T[k].kind == 'w' && (T[k].low == "e" || T[k].low == "i") && !T[k].cap &&
			T[k-1].isDash() && !T[k-1].sp && !T[k].sp && T[k+1].isDash() && !T[k+1].sp
	}
	return link(i+2) || link(i-2)
}

func (d *doc) isInitial(s, i int) bool {
	T := d.st(s)
	if i < 0 || i+1 >= len(T) {
		return false
	}
	t := T[i]
	if t.s == "H" && i+3 < len(T) && T[i+2].s == "E" && T[i+3].is(".") || t.s == "E" && i >= 2 && T[i-2].s == "H" && T[i-1].is(".") {
		return false // "H. E.": His Excellency
	}
	return t.kind == 'w' && t.cap && utf8.RuneCountInString(t.s) == 1 && T[i+1].is(".") && !T[i+1].sp
}

// placeFirstName reports whether the country or city named at token i is a
// first name: "Minister of Defense Israel Katz", "General Milan ...", a
// one-word place straight after a position, rank or honorific and followed
// by a surname.
func (d *doc) placeFirstName(s, i int) bool {
	T := d.st(s)
	if i == 0 || i+1 >= len(T) || d.cmask[s][i] == "" || d.cmask[s][i] == "-" || d.cmask[s][i+1] != "" || !d.isNameWord(s, i+1) {
		return false
	}
	if !T[i].cap || T[i].upper {
		return false
	}
	if c, ok := d.countryIn(s, i); ok {
		if c.adj || c.i != i || c.j != i+1 {
			return false // "Brunei Darussalam X": the last word of a longer name
		}
	} else {
		one := false
		for _, c := range d.cityM[s] {
			if c.i == i && c.j == i+1 {
				one = true
			}
		}
		if !one {
			return false
		}
	}
	if r, _ := d.rankBefore(s, i); r != "" {
		return true
	}
	if d.honorificBefore(s, i) >= 0 {
		return true
	}
	_, _, ok := d.posChunkBack(s, i-1)
	return ok && !T[i-1].is(",")
}

// titled reports whether token i follows a rank, an honorific or a
// position directly, where a name is expected: "Vice Minister Park ...".
func (d *doc) titled(s, i int) bool {
	T := d.st(s)
	if i <= 0 || i >= len(T) {
		return false
	}
	if r, _ := d.rankBefore(s, i); r != "" {
		return true
	}
	if d.honorificBefore(s, i) >= 0 {
		return true
	}
	if T[i-1].is(",") {
		// "the Ambassador of Japan, KATO Hiroshi": a name in capitals
		// after a position and a comma
		_, _, ok := d.posChunkBack(s, i-2)
		return ok && d.capsName(s, i)
	}
	_, _, ok := d.posChunkBack(s, i-1)
	return ok
}

// looseNameWord reports whether token i, a capitalised word that is a
// common noun or a month elsewhere ("Park", "Jun"), may be a word of a name
// where a name is expected.
func (d *doc) looseNameWord(s, i int) bool {
	T := d.st(s)
	if i < 0 || i >= len(T) {
		return false
	}
	t := T[i]
	return t.kind == 'w' && t.cap && !t.upper && nameNouns[t.low] && d.cmask[s][i] == "" &&
		!(i+1 < len(T) && T[i+1].kind == 'n')
}

// capsName reports whether token i is a family name written in capitals
// ("KATO Hiroshi"): not a title, an outlet, a country or an honour.
func (d *doc) capsName(s, i int) bool {
	T := d.st(s)
	if i < 0 || i >= len(T) {
		return false
	}
	t := T[i]
	l := t.low
	return t.kind == 'w' && t.upper && utf8.RuneCountInString(t.s) >= 2 && d.cmask[s][i] == "" &&
		!positionWords[l] && !positionHeads[l] && !rankWords[l] && !honorifics[l] && !notNames[l] &&
		outletForms[l] == "" && !titleAbbrs[l] && !postnominals[l] && !nameSuffixes[t.s] && !retiredMarks[l]
}

// titledStart reports whether a name whose first word is a loose or
// capitalised word starts at token i after a title.
func (d *doc) titledStart(s, i int) bool {
	T := d.st(s)
	if !(d.looseNameWord(s, i) || d.capsName(s, i)) || i+1 >= len(T) || !T[i+1].sp || !d.isNameWord(s, i+1) {
		return false
	}
	return d.titled(s, i) || d.looseNameWord(s, i) && syllabicGiven(T, i+1)
}

// syllabicGiven reports whether a Korean given name of two syllables joined
// by a hyphen starts at token i: "Jae-min", "Myung-soo".
func syllabicGiven(T []tok, i int) bool {
	return i+2 < len(T) && T[i].kind == 'w' && T[i].cap && T[i+1].isDash() && !T[i+1].sp && !T[i+2].sp &&
		T[i+2].kind == 'w' && !T[i+2].cap && utf8.RuneCountInString(T[i+2].s) <= 4
}

// placeSurname reports whether the one-word country or city at token i
// may end a name begun before it: "Lieutenant Colonel Ana Lima", "Chief
// of Staff Maayan Israeli".
func (d *doc) placeSurname(s, i int) bool {
	T := d.st(s)
	if i+1 < len(T) && (T[i+1].s == "'s" || T[i+1].kind == 'w' && T[i+1].cap) {
		return false
	}
	t := T[i]
	if t.kind != 'w' || !t.cap || t.upper || d.cmask[s][i] == "" || d.cmask[s][i] == "-" {
		return false
	}
	if c, ok := d.countryIn(s, i); ok {
		// a demonym before a comma or the end modifies nothing: "Chief of
		// Staff Maayan Israeli, ..."
		adjOK := i+1 < len(T) && (T[i+1].is(",") || T[i+1].isTerminal())
		return (!c.adj || adjOK) && c.i == i && c.j == i+1
	}
	for _, c := range d.cityM[s] {
		if c.i == i && c.j == i+1 {
			return true
		}
	}
	return false
}

// nameRun returns the end of the name starting at token i, and how many
// words and initials it has.
func (d *doc) nameRun(s, i int) (int, int, int) {
	T := d.st(s)
	j, words, inits := i, 0, 0
	titled := -1 // unknown until asked
	isTitled := func() bool {
		if titled < 0 {
			titled = 0
			if d.titled(s, i) {
				titled = 1
			}
		}
		return titled == 1
	}
	for j < len(T) {
		if words == 0 && inits == 0 && j == i && (d.looseNameWord(s, j) || d.capsName(s, j)) && d.titledStart(s, j) {
			words++
			j++
			continue
		}
		if words > 0 && T[j].sp && (d.looseNameWord(s, j) || (words == 1 || d.capsName(s, j-1)) && d.capsName(s, j) && T[j-1].kind == 'w' && utf8.RuneCountInString(T[j].s) >= 3 ||
			d.placeSurname(s, j)) && isTitled() {
			// "Dong Jun", "Hirokazu MATSUNO"
			words++
			j++
			continue
		}
		if d.isInitial(s, j) && j+2 < len(T) && (d.isNameWord(s, j+2) || d.isInitial(s, j+2) || d.bareInitials(s, j+2)) && words == 0 {
			j += 2
			inits++
			continue
		}
		if words == 0 && d.bareInitials(s, j) {
			// "SM Shafiuddin Ahmed", "S. M Gulube"
			j++
			inits++
			continue
		}
		// "Hishammuddin Bin Tun Hussein": a capitalised "Bin" before the
		// father's name, which may carry his honorific
		if words > 0 && T[j].kind == 'w' && T[j].cap && patronymic[T[j].low] && T[j].sp {
			if j+2 < len(T) && T[j+1].kind == 'w' && T[j+1].cap && honorifics[T[j+1].low] && d.isNameWord(s, j+2) {
				j += 2
				continue
			}
		}
		if d.isNameWord(s, j) {
			words++
			j++
			for j+1 < len(T) && T[j].isDash() && !T[j].sp && !T[j+1].sp && T[j+1].kind == 'w' &&
				!notNames[T[j+1].low] && d.cmask[s][j+1] == "" {
				if T[j+1].cap {
					words++
				}
				j += 2
			}
			// a middle initial: "Lloyd J. Austin", "Dinesh K Tripathi"
			if words > 0 && d.isInitial(s, j) && j+2 < len(T) && d.isNameWord(s, j+2) {
				j += 2
				inits++
			} else if words > 0 && j+1 < len(T) && T[j].kind == 'w' && T[j].cap && T[j].sp && utf8.RuneCountInString(T[j].s) == 1 &&
				T[j+1].sp && d.isNameWord(s, j+1) && d.cmask[s][j] == "" {
				j++
				inits++
			}
			// "Mohd. Zaki": a given name's abbreviation
			if j+2 < len(T) && nameAbbrs[T[j-1].low] && T[j].is(".") && !T[j].sp && d.isNameWord(s, j+1) {
				j++
			}
			continue
		}
		if words+inits > 0 && T[j].kind == 'w' && !T[j].cap && nameParticles[T[j].low] {
			// "do Rosario", "von der Leyen": particles before a name word
			k := j
			for k < len(T) && k < j+3 && T[k].kind == 'w' && !T[k].cap && nameParticles[T[k].low] && T[k].sp {
				k++
			}
			if d.isNameWord(s, k) {
				j = k
				continue
			}
		}
		// "al-Busaidi", "el-Sisi": a particle joined to the surname
		if words > 0 && j+2 < len(T) && T[j].kind == 'w' && !T[j].cap && nameParticles[T[j].low] && T[j].sp &&
			T[j+1].isDash() && !T[j+1].sp && !T[j+2].sp && d.isNameWord(s, j+2) {
			j += 2
			continue
		}
		// a nickname in quotes or brackets: Benjamin "Benny" Gantz, William (Chip) Laitinen
		if words > 0 && j+3 < len(T) && (T[j].isQuote() || T[j].s == "(") && d.isNameWord(s, j+1) &&
			(T[j+2].isQuote() || T[j+2].s == ")") && d.isNameWord(s, j+3) {
			j += 3
			continue
		}
		if words > 0 && T[j].kind == 'w' && nameSuffixes[T[j].s] && T[j].sp {
			j++
			if j < len(T) && T[j].is(".") && !T[j].sp && (T[j-1].s == "Jr" || T[j-1].s == "Sr") {
				j++
			}
		} else if words > 0 && commaSuffix(T, j) {
			// "Kenneth F. Smith, Jr": the suffix set off by a comma
			j += 2
			if j < len(T) && T[j].is(".") && !T[j].sp {
				j++
			}
		}
		break
	}
	return j, words, inits
}

// writtenName returns the name of tokens [i, j) with single spaces and
// "Z.Hasanov" written "Z. Hasanov".
func (d *doc) writtenName(s, i, j int) string {
	T := d.st(s)
	var b strings.Builder
	for k := i; k < j; k++ {
		t := T[k]
		if k > i && (t.sp || (T[k-1].is(".") && t.kind == 'w')) {
			b.WriteByte(' ')
		}
		b.WriteString(t.s)
	}
	return cleanValue(b.String())
}

func (d *doc) surnameOf(s, i, j int) string {
	T := d.st(s)
	for k := j - 1; k >= i; k-- {
		if T[k].kind == 'w' && !nameSuffixes[T[k].s] && d.isNameWord(s, k) {
			// the whole hyphenated surname
			b := k
			for b-2 >= i && T[b-1].isDash() && !T[b-1].sp {
				b -= 2
			}
			if b > i && T[b-1].kind == 'w' && patronymic[T[b-1].low] {
				// "Muhammad bin Salman": the last word is the father's
				// name, and the person has no family name to be called by
				return ""
			}
			return foldWord(strings.ReplaceAll(d.text[T[b].start:T[k].end], "-", " "))
		}
	}
	return ""
}

// subjectish reports whether a bare surname stands where a subject would:
// first in its sentence, or after an adverbial opening.
func (d *doc) subjectish(m *pmention) bool {
	T := d.st(m.sent)
	for k := 0; k < m.s0; k++ {
		t := T[k]
		if t.kind == 'p' || (t.kind == 'w' && (notNames[t.low] || !t.cap)) {
			continue
		}
		return false
	}
	return m.j < len(T) && T[m.j].kind == 'w' && !T[m.j].cap
}

// mergeShortNames folds a name that ends the full name of exactly one other
// person into it: "Al Bawardi" is "Mohammed Al Bawardi", "Gurak" aside
// (surnames alone are resolved later). A name that follows "bin" or "ibn"
// in the other is the father's: "Mohamed bin Zayed" is not "Hamdan bin
// Mohamed bin Zayed".
func (d *doc) mergeShortNames(surnames map[string][]string) {
	into := map[string]string{}
	for _, a := range d.order {
		aw := strings.Fields(a)
		if len(aw) < 2 {
			continue
		}
		var hits []string
		for _, b := range d.order {
			bw := strings.Fields(b)
			if len(bw) > len(aw) && slices.Equal(bw[len(bw)-len(aw):], aw) && !patronymic[bw[len(bw)-len(aw)-1]] {
				hits = append(hits, b)
			}
		}
		if len(hits) == 1 {
			into[a] = hits[0]
		}
	}
	d.foldNames(into, surnames)
}

// foldNames makes every mention of a name that is a key of into a mention
// of the name it maps to, and forgets the first.
func (d *doc) foldNames(into map[string]string, surnames map[string][]string) {
	if len(into) == 0 {
		return
	}
	for idx := range d.people {
		m := &d.people[idx]
		if b, ok := into[foldKey(m.name)]; ok && m.ok {
			m.name = d.ents[b].name
		}
	}
	for a := range into {
		if e := d.ents[a]; e != nil && e.surname != "" {
			surnames[e.surname] = slices.DeleteFunc(surnames[e.surname], func(k string) bool { return k == a })
		}
		delete(d.ents, a)
	}
	d.order = slices.DeleteFunc(d.order, func(k string) bool { _, ok := into[k]; return ok })
}

// skipPostnominals steps over ", NI (M)" and the like after a name.
func (d *doc) skipPostnominals(s, e int) int {
	T := d.st(s)
	for e < len(T) && T[e].is(",") {
		k := e + 1
		n := 0
		for k < len(T) && !T[k].is(",") && n < 6 {
			t := T[k]
			if t.kind == 'w' && (postnominals[t.low] || (t.upper && len(t.s) <= 3)) || t.s == "(" || t.s == ")" {
				k++
				n++
				continue
			}
			break
		}
		if n == 0 || k >= len(T) || !T[k].is(",") && !T[k].isTerminal() {
			return e
		}
		e = k
	}
	return e
}

// honorificFirst holds the first words of honorifics of several words.
var honorificFirst = map[string]bool{}

func init() {
	for _, p := range honorificPhrases {
		honorificFirst[strings.Fields(p)[0]] = true
	}
}

// bareInitials reports whether token i is initials written without dots
// before a name: "SM Shafiuddin", the "M" of "S. M Gulube". Capitals that
// are a title, an outlet or a country are not.
func (d *doc) bareInitials(s, i int) bool {
	T := d.st(s)
	if i+1 >= len(T) || T[i].kind != 'w' || !T[i].cap || d.cmask[s][i] != "" || !T[i+1].sp {
		return false
	}
	if !d.isNameWord(s, i+1) && !(T[i+1].kind == 'w' && T[i+1].cap && utf8.RuneCountInString(T[i+1].s) == 1 &&
		utf8.RuneCountInString(T[i].s) == 1 && i+2 < len(T) && T[i+2].sp && d.isNameWord(s, i+2)) {
		return false
	}
	n := utf8.RuneCountInString(T[i].s)
	switch {
	case n == 1:
		// "General S M Shafiuddin": bare initials after a title
		return i > 0 && (T[i-1].is(".") || d.isInitial(s, i-2) || d.bareLetter(s, i-1) || d.titled(s, i))
	case n <= 3 && T[i].upper:
		return !positionWords[T[i].low] && outletForms[T[i].low] == "" && !rankWords[T[i].low] && !honorifics[T[i].low] &&
			!postnominals[T[i].low] && !titleAbbrs[T[i].low]
	}
	return false
}

// bareLetter reports whether token i is a capital letter alone, without a
// full stop, after a title: the first of bare initials.
func (d *doc) bareLetter(s, i int) bool {
	T := d.st(s)
	return i >= 0 && T[i].kind == 'w' && T[i].cap && utf8.RuneCountInString(T[i].s) == 1 && d.titled(s, i)
}

// titleAbbrs are capitals written before names that are titles, not
// initials.
var titleAbbrs = setOf("mp", "mps", "pm", "dg", "cm", "hq", "ceo", "gov", "vp", "fm", "dm", "rm", "sg", "cos", "cgs")

// nameNouns are capitalised words that are common nouns or month
// abbreviations elsewhere but family or given names after a title ("Vice
// Minister Park Jae-min", "Defense Minister Dong Jun").
var nameNouns = setOf("park", "jun", "hall", "white", "cross", "house", "bay", "song", "moon", "long", "young",
	"star", "rose", "may", "grace", "price", "law", "jan")

// nameAbbrs are abbreviations of given names written with a full stop.
var nameAbbrs = setOf("mohd", "muhd", "md", "abd", "mohamed", "muh")

// patronymic are the words of a name that say "son (daughter) of".
var patronymic = setOf("bin", "ibn", "bint", "binti", "ben", "ibni", "ould")

// commaSuffix reports whether ", Jr" or ", Sr" starts at token j, closing
// the name before it: not ", Sr. Colonel X", where a rank follows.
func commaSuffix(T []tok, j int) bool {
	if j+1 >= len(T) || !T[j].is(",") || T[j+1].s != "Jr" && T[j+1].s != "Sr" || !T[j+1].sp {
		return false
	}
	k := j + 2
	if k < len(T) && T[k].is(".") && !T[k].sp {
		k++
	}
	return k >= len(T) || !(T[k].kind == 'w' && T[k].cap)
}

// civilianHeads are the heads of civilian offices, whose holders carry no
// military rank in the title before their name.
var civilianHeads = setOf("minister", "secretary", "ambassador", "president", "premier", "chancellor", "senator",
	"governor", "mayor", "envoy", "councilor", "councillor")

// militaryTitleWords make a position military: its holder may well be
// written with a rank ("Chief of Army Staff Gen X").
var militaryTitleWords = setOf("chief", "chiefs", "commander", "commandant", "staff", "army", "navy", "forces",
	"force", "corps", "marine", "marines", "guard", "military", "armed", "defence-forces", "inspector")

// givenGen reports whether the word "Gen" at token g, written without a
// full stop before a one-word name that a civilian office precedes, is a
// given name rather than the abbreviation of General: "Defense Minister Gen
// Tanaka", "Ambassador Gen Sato"; not "Army Chief Gen Bajwa", "Gen. Sato".
func (d *doc) givenGen(s, g int) bool {
	T := d.st(s)
	if g < 1 || g+1 >= len(T) || T[g].s != "Gen" || !T[g].sp || !T[g+1].sp {
		return false
	}
	b, e, ok := d.positionBefore(s, g)
	if !ok || e != g-1 {
		return false
	}
	civil := false
	for k := b; k <= e; k++ {
		if T[k].kind != 'w' {
			continue
		}
		if militaryTitleWords[T[k].low] || rankWords[T[k].low] {
			return false
		}
		civil = civil || civilianHeads[T[k].low]
	}
	return civil
}

// rulerTitleWord reports whether token i is a word of a Malay style before
// a name or of the ruler's title "Yang di-Pertuan" ("Yang di-Pertuan
// Agong", "Duli Yang Maha Mulia", "Yang Amat Berhormat"): a title and no
// name; "Yang" elsewhere is a family name, "Maha" a given name.
func rulerTitleWord(T []tok, i int) bool {
	pertuan := func(k int) bool { // "-Pertuan" glued at token k
		return k+1 < len(T) && T[k].isDash() && !T[k].sp && !T[k+1].sp && T[k+1].low == "pertuan"
	}
	switch T[i].low {
	case "yang":
		return i+1 < len(T) && (malayStyles[T[i+1].low] || T[i+1].low == "di" && pertuan(i+2))
	case "di":
		return pertuan(i + 1)
	case "maha":
		return i > 0 && T[i-1].low == "yang"
	}
	return false
}

// malayStyles are the words that follow "Yang" in a Malay style or title.
var malayStyles = setOf("amat", "teramat", "maha", "mulia", "berhormat", "berbahagia", "dipertuan")
