package extract

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// line is one line of the input with its trimmed extent.
type line struct {
	start, end int
	text       string
	kind       lineKind
	words      int
	item       bool // an item of a bulleted or numbered list: a paragraph of its own
}

type lineKind int

var cutLines = setOf("latest news", "related articles", "related news", "related", "read more", "read also",
	"see also", "most read", "more news", "latest see more", "all news feed", "other news", "recommended",
	"you may also like", "more stories", "top news", "news feed", "latest", "popular news", "most popular",
	"also read", "related stories", "related posts", "more on this topic", "comments", "leave a comment",
	"share this article", "share this", "tags")

var furnitureLines = setOf("photo", "video", "photos", "videos", "gallery", "share", "print", "tweet", "loading",
	"advertisement", "last minute", "breaking news", "breaking", "military", "region", "politics", "energy", "ict",
	"business", "finance", "foreign policy", "other countries", "society", "world", "sport", "economy", "analytics",
	"interview", "official chronicle", "defense", "defence", "news", "home", "menu", "search", "subscribe",
	"source", "top", "press release", "press releases", "readout", "releases", "news releases", "listen",
	"text size", "font size", "email", "facebook", "twitter", "telegram", "whatsapp", "linkedin", "copy link",
	"more", "back", "next", "previous", "close", "open", "ads", "sponsored", "release", "news release", "statement",
	"transcript", "speech", "story", "article", "print this page", "share this page")

var furniturePrefixes = []string{"follow us", "slider image", "subscribe to", "share on", "click here", "copyright",
	"all rights reserved", "sign up", "join us on", "download the", "read the full", "image source", "photo credit",
	"photo by", "photo:", "video:", "source:", "tags:", "share:", "related:", "(photo", "[photo"}

// splitLines cuts the text into lines with trimmed extents.
func splitLines(text string) []line {
	var ls []line
	i := 0
	for i <= len(text) {
		j := strings.IndexByte(text[i:], '\n')
		e := len(text)
		if j >= 0 {
			e = i + j
		}
		s, t := i, e
		for s < t {
			r, w := utf8.DecodeRuneInString(text[s:t])
			if unicode.IsSpace(r) || r == '•' || r == '·' || r == '▪' || r == '►' || r == '\u00a0' || r == '\ufeff' {
				s += w
				continue
			}
			break
		}
		for t > s {
			r, w := utf8.DecodeLastRuneInString(text[s:t])
			if unicode.IsSpace(r) || r == '\u00a0' {
				t -= w
				continue
			}
			break
		}
		ls = append(ls, line{start: s, end: t, text: text[s:t]})
		if j < 0 {
			break
		}
		i = e + 1
	}
	return ls
}

// scriptOf says whether a line is written in a script other than English's:
// "az" for Azerbaijani Latin, "tr" for Turkish, "ru"/"kk"/"uk" for Cyrillic.
func scriptOf(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return ""
	}
	cyr, lat, schwa, turk := 0, 0, 0, 0
	kk, uk := 0, 0
	for _, r := range s {
		switch {
		case r == 'ə' || r == 'Ə':
			schwa++
			lat++
		case r == 'ş' || r == 'Ş' || r == 'ğ' || r == 'Ğ' || r == 'ı' || r == 'İ':
			turk++
			lat++
		case unicode.Is(unicode.Cyrillic, r):
			cyr++
			switch r {
			case 'ә', 'ғ', 'қ', 'ң', 'ө', 'ұ', 'ү', 'һ', 'Ә', 'Ғ', 'Қ', 'Ң', 'Ө', 'Ұ', 'Ү', 'Һ':
				kk++
			case 'ї', 'є', 'ґ', 'Ї', 'Є', 'Ґ':
				uk++
			}
		case unicode.IsLetter(r):
			lat++
		}
	}
	switch {
	case cyr > 0 && cyr >= lat:
		if kk > 0 {
			return "kk"
		}
		if uk > 0 {
			return "uk"
		}
		return "ru"
	case schwa > 0:
		return "az"
	case turk >= 2:
		return "tr"
	}
	return ""
}

func wordCount(s string) int {
	n := 0
	in := false
	for _, r := range s {
		if isWordRune(r) {
			if !in {
				n++
			}
			in = true
		} else if !isApos(r) {
			in = false
		}
	}
	return n
}

func endsTerminal(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return strings.ContainsRune(".!?\"”’»)…'", r)
}

func isCrawlStamp(s string) bool {
	// " date 2025-12-10 ..." lines some crawlers put first.
	return len(s) >= 15 && strings.HasPrefix(s, "date ") && s[5] >= '0' && s[5] <= '9' && s[9] == '-'
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// classify sets the kind of every line.
func classify(text string, ls []line) {
	for i := range ls {
		l := &ls[i]
		s := l.text
		l.words = wordCount(s)
		low := strings.ToLower(strings.Trim(s, " :.-–—*_=#|"))
		switch {
		case s == "":
			l.kind = lkEmpty
		case cutLines[low] || strings.Trim(s, "-–—*_=# ") == "":
			l.kind = lkCut
		case !hasLetter(s) && isDateLine(text, l.start, l.end):
			l.kind = lkDate
		case !hasLetter(s) || isCrawlStamp(s) || furnitureLines[low] || strings.Contains(s, "↺") ||
			strings.Contains(low, "gallery image") || strings.HasSuffix(low, " px"):
			l.kind = lkFurniture
		case hasFurniturePrefix(low):
			l.kind = lkFurniture
		case isDateLine(text, l.start, l.end):
			l.kind = lkDate
		case outletOfLine(s) != "":
			l.kind = lkOutlet
		case scriptOf(s) != "" && l.words <= 40:
			l.kind = lkAlt
		case l.words <= 25 && isTitleCase(s) && !titledSentence(s):
			l.kind = lkOther
		case (l.words >= 4 && endsTerminal(s)) || l.words >= 30 || (l.words >= 6 && strings.HasSuffix(s, ":")):
			l.kind = lkBody
		default:
			l.kind = lkOther
		}
	}
	markTeasers(ls)
	markListedTails(ls)
	markListItems(text, ls)
}

// markListItems makes body text of the items of a list introduced by a
// line of the body ending with a colon ("The delegation included:" and
// then "• General X, Chief of ..."), each item a paragraph of its own: a
// list of a delegation's members writes each as a title and a name,
// which read as a headline would.
func markListItems(text string, ls []line) {
	for i := 0; i < len(ls); i++ {
		if ls[i].kind == lkEmpty || !strings.HasSuffix(ls[i].text, ":") || ls[i].words < 2 || ls[i].words > 40 {
			continue
		}
		var items []int
		for j := i + 1; j < len(ls); j++ {
			if ls[j].kind == lkEmpty {
				continue
			}
			if !listMarked(text, ls[j]) || ls[j].words > 60 || (ls[j].kind != lkOther && ls[j].kind != lkBody) {
				break
			}
			items = append(items, j)
		}
		if len(items) == 0 {
			continue
		}
		ls[i].kind = lkBody
		for _, j := range items {
			ls[j].kind, ls[j].item = lkBody, true
		}
		i = items[len(items)-1]
	}
}

// listMarked reports whether a line starts with a list's mark: a bullet
// (trimmed from its text), a dash or star and a space, or a number and a
// full stop or bracket ("1.", "2)").
func listMarked(text string, l line) bool {
	b := l.start
	for b > 0 && text[b-1] != '\n' {
		b--
	}
	if strings.ContainsAny(text[b:l.start], "•·▪►") {
		return true
	}
	t := l.text
	for _, p := range []string{"- ", "* ", "– ", "— "} {
		if strings.HasPrefix(t, p) {
			return true
		}
	}
	k := 0
	for k < len(t) && k < 2 && t[k] >= '0' && t[k] <= '9' {
		k++
	}
	return k > 0 && k+1 < len(t) && (t[k] == '.' || t[k] == ')') && t[k+1] == ' '
}

// markListedTails makes body text of a line whose long words are all
// capitalised but which lists people with commas after a paragraph of the
// body ("The Chief of Defence Intelligence, Maj.-Gen. X, the Commandant"),
// as a page cut off there ends.
func markListedTails(ls []line) {
	prev := -1
	for i := range ls {
		if ls[i].kind == lkEmpty {
			continue
		}
		if ls[i].kind == lkOther && ls[i].words >= 8 && strings.Count(ls[i].text, ",") >= 2 && prev >= 0 && ls[prev].kind == lkBody {
			next := i + 1
			for next < len(ls) && ls[next].kind == lkEmpty {
				next++
			}
			if next == len(ls) || ls[next].kind == lkBody || ls[next].kind == lkCut || ls[next].kind == lkFurniture {
				ls[i].kind = lkBody
			}
		}
		prev = i
	}
}

// markTeasers makes furniture of a line cut off with an ellipsis whose
// text starts a later line: a page's summary of the article below it.
func markTeasers(ls []line) {
	for i := range ls {
		t := ls[i].text
		cut := strings.TrimSuffix(strings.TrimSuffix(t, "..."), "…")
		if cut == t || len(cut) < 30 {
			continue
		}
		cut = strings.TrimSpace(cut)
		for j := i + 1; j < len(ls); j++ {
			if len(ls[j].text) > len(cut) && strings.HasPrefix(ls[j].text, cut) {
				ls[i].kind = lkFurniture
				break
			}
		}
	}
}

// titledSentence reports whether a line whose long words all start with
// a capital is yet a sentence: it ends with a full stop and has a verb in
// lower case ("Defence Minister X met Chief of General Staff Y in Baku.").
func titledSentence(s string) bool {
	if !strings.HasSuffix(s, ".") || wordCount(s) < 6 {
		return false
	}
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if w != "" && !strings.ContainsFunc(w, unicode.IsUpper) && !connectors[w] && !nameParticles[w] && !lineFunctionWords[w] {
			return true
		}
	}
	return false
}

// lineFunctionWords are lower-case words a title-case headline keeps.
var lineFunctionWords = setOf("a", "an", "at", "by", "with", "from", "as", "vs", "into", "over", "amid", "after",
	"before", "or", "nor", "but", "via", "per", "its", "his", "her")

// isTitleCase reports whether every word of four letters or more starts with
// a capital: a headline such as "Readout of Secretary ... Teodoro Jr.".
func isTitleCase(s string) bool {
	n := 0
	for _, w := range strings.Fields(s) {
		w = strings.TrimFunc(w, func(r rune) bool { return !unicode.IsLetter(r) })
		if utf8.RuneCountInString(w) < 4 {
			continue
		}
		r, _ := utf8.DecodeRuneInString(w)
		if !unicode.IsUpper(r) {
			return false
		}
		n++
	}
	return n >= 3
}

func hasFurniturePrefix(low string) bool {
	for _, p := range furniturePrefixes {
		if strings.HasPrefix(low, p) {
			return true
		}
	}
	return false
}

// startsLower reports whether s begins with a lower-case letter.
func startsLower(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return unicode.IsLower(r)
}

func endsSoft(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsLower(r) || r == ',' || r == '-' || r == '–' || unicode.IsDigit(r)
}
