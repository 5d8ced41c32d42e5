package extract

import "slices"

// homeAttendee returns the country of an official named at the meeting
// with a rank or position but no country, when the report gives one: a
// report written from the host's side names its own officials without
// their country ("attended by Chief of Staff of the Armed Forces X"), so
// such an attendee is the host's. People who accompany a delegation or
// belong to one ("accompanied by", "the delegation included") are the
// guests' as often, and get none; people listed before such words are not
// among them. It returns "" when nothing says.
func (b *builder) homeAttendee(m *meetingDraft, s, idx int) string {
	d := b.d
	if m.host == "" || !d.people[idx].strong || !b.hostVoice(m) {
		return ""
	}
	T := d.st(s)
	// the guards hold for the people named after them: "attended by X, Y
	// and the delegation accompanying the guest" leaves X and Y the host's
	s0 := d.people[idx].s0
	for _, p := range []string{"accompanied by", "joined by", "delegation"} {
		if k := findPhrase(T, 0, p); k >= 0 && k < s0 {
			return ""
		}
	}
	if k := companyVerb(T); k >= 0 && k < s0 {
		return ""
	}
	return m.host
}

// hostVoice reports whether the report speaks from the host's side: it is
// published in the host country, or it names the host's head without a
// country and the guests' head with theirs ("Defence Minister X received
// the Pakistani Chief of Army Staff Y"), as a report names its own
// officials and foreigners.
func (b *builder) hostVoice(m *meetingDraft) bool {
	if b.outletCountry() == m.host {
		return true
	}
	d := b.d
	var host, guests int
	for _, x := range m.dlgs {
		if x.head < 0 {
			return false
		}
		p := d.people[x.head]
		if x.code == m.host {
			if p.country != "" {
				return false
			}
			host++
		} else {
			if p.country != x.code {
				return false
			}
			guests++
		}
	}
	return host == 1 && guests >= 1
}

// companyCues are the phrases that tell who came with a delegation or
// joined the talks.
var companyCues = []string{"accompanied by", "participation of", "joined by", "took part", "participated",
	"also included", "delegation included", "delegation comprised"}

// presenceCues are the phrases that tell who else was present at a meeting.
var presenceCues = []string{"attended by", "also present", "were present", "was present", "also attended",
	"in attendance", "attending the"}

// attendanceCue returns where a sentence says who else took part in the
// meeting, or -1.
func attendanceCue(T []tok) int {
	for _, p := range companyCues {
		if k := findPhrase(T, 0, p); k >= 0 {
			return k
		}
	}
	if k := companyVerb(T); k >= 0 {
		return k
	}
	return presenceCue(T)
}

// presenceCue returns where a sentence says who else was present at the
// meeting ("also attended by", "Attending the talks were", "X and Y
// attended."), or -1.
func presenceCue(T []tok) int {
	for _, p := range presenceCues {
		if k := findPhrase(T, 0, p); k >= 0 {
			return k
		}
	}
	// "X and Y attended." or "X attended the meeting": the verb closes the
	// clause or takes the meeting as its object
	for k := 1; k < len(T); k++ {
		if T[k].low != "attended" || T[k-1].kind != 'w' && !T[k-1].is(")") {
			continue
		}
		if k+1 >= len(T) || T[k+1].isTerminal() || T[k+1].is(",") || meetingObject(T, k+1) {
			return k
		}
	}
	return -1
}

// meetingObject reports whether "the meeting", "the talks" or the like
// starts at token k.
func meetingObject(T []tok, k int) bool {
	if k < len(T) && T[k].low == "the" {
		k++
	}
	return k < len(T) && (T[k].low == "meeting" || T[k].low == "talks" || T[k].low == "session" || T[k].low == "ceremony" ||
		T[k].low == "reception" || T[k].low == "event")
}

// companySide returns the side of the people named after "accompanied by"
// or "joined by": the one country that the words before the cue name, by
// its people ("X, accompanied by ...") or as a modifier ("The Israeli
// minister was joined on his visit by ..."), when it takes part; else "".
func (b *builder) companySide(m *meetingDraft, s, idx int) string {
	d := b.d
	T := d.st(s)
	k := companyVerb(T)
	if k < 0 || d.people[idx].s0 < k {
		return ""
	}
	var cs []string
	add := func(c string) {
		if !slices.Contains(cs, c) {
			cs = append(cs, c)
		}
	}
	for _, j := range d.bySent[s] {
		p := d.people[j]
		if p.j > k {
			continue
		}
		c, _ := d.countryOf(j)
		if c == "" && m.country != nil {
			c = m.country[j]
		}
		if c == "" {
			return "" // "he" or a person of no known side
		}
		add(c)
	}
	for _, c := range d.ctry[s] {
		if c.j > k {
			continue
		}
		if c.adj || c.j < len(T) && (T[c.j].s == "'s" || T[c.j].kind == 'w' && T[c.j].cap && positionWords[T[c.j].low]) {
			add(c.code)
		}
	}
	if len(cs) != 1 || m.dlg(cs[0]) == nil {
		return ""
	}
	return cs[0]
}

// companyVerb returns where "accompanied by" or "joined by" starts, with up
// to three words between ("joined on his visit by"), or -1.
func companyVerb(T []tok) int {
	for i := range T {
		if T[i].low != "accompanied" && T[i].low != "joined" {
			continue
		}
		for n := i + 1; n < len(T) && n <= i+4; n++ {
			if T[n].low == "by" {
				return i
			}
			if T[n].kind == 'p' {
				break
			}
		}
	}
	return -1
}

// spouseWords name a spouse before "of" and the official they are married
// to; spouseStyles are the honorifics a spouse is named with.
var (
	spouseWords  = setOf("spouse", "wife", "husband", "spouses", "wives")
	spouseStyles = setOf("mrs", "madam", "madame", "mdm", "datin", "puan", "begum")
)

// spouseNamed reports whether a mention names the spouse of an official
// rather than the official: "the spouse of the Chief of Defence Forces,
// Mrs X", "the wife of the Ambassador, Madam Y"; the spouse is named after
// the official's title, set off by a comma or with a spouse's honorific.
// "The wife of General X" names General X, who keeps his place.
func (d *doc) spouseNamed(m *pmention) bool {
	T := d.st(m.sent)
	comma, style := false, m.i > 0 && spouseStyles[T[m.i-1].low]
	if m.i > 1 && T[m.i-1].is(".") && spouseStyles[T[m.i-2].low] {
		style = true // "Mrs. X"
	}
	for k := m.i - 1; k >= 1 && k >= m.i-14; k-- {
		t := T[k]
		if t.isTerminal() || t.is(";") || t.is(":") {
			return false
		}
		if t.is(",") {
			comma = true
			continue
		}
		if t.kind == 'w' && t.low == "of" && !t.cap && T[k-1].kind == 'w' && spouseWords[T[k-1].low] {
			return (comma || style) && m.rank == ""
		}
	}
	return false
}
