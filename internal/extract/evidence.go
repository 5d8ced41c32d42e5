package extract

import (
	"strconv"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// wspan is the byte range [off, end) of the words a value rests on; the zero
// value means "not known here".
type wspan struct{ off, end int }

func (w wspan) ok() bool { return w.end > w.off }

// tokSpan returns the words of tokens [i, j) of sentence s.
func (d *doc) tokSpan(s, i, j int) wspan {
	T := d.st(s)
	if i < 0 || j > len(T) || i >= j {
		return wspan{}
	}
	return wspan{T[i].start, T[j-1].end}
}

// evSent records the evidence of a value read from sentence s; w, when
// given, are the words it rests on, else they are looked up in the sentence.
func (b *builder) evSent(field string, v any, s int, conf float64, w ...wspan) {
	if s < 0 || s >= len(b.d.sents) {
		return
	}
	se := b.d.sents[s]
	b.add(field, v, se.start, se.end, s, conf, w)
}

// evSpan records the evidence of a value read from text[start:end], a line
// or a sentence.
func (b *builder) evSpan(field string, v any, start, end int, conf float64, w ...wspan) {
	if start < 0 || end > len(b.d.text) || start > end {
		return
	}
	b.add(field, v, start, end, -1, conf, w)
}

// evGiven records the evidence of a value that rests on what was given with
// the text (Options), not on its words: offset at the start, length 0.
func (b *builder) evGiven(field string, v any, conf float64) {
	b.res.Evidence = append(b.res.Evidence, Evidence{Field: field, Value: v, Confidence: conf})
}

// add records an evidence item read from text[start:end], sentence s (-1
// for a line).
func (b *builder) add(field string, v any, start, end, s int, conf float64, hint []wspan) {
	w := wspan{}
	if len(hint) > 0 {
		w = hint[0]
	}
	if !w.ok() || w.off < 0 || w.end > len(b.d.text) {
		var T []tok
		if s >= 0 {
			T = b.d.st(s)
		} else {
			T = tokenize(b.d.text, start, end)
		}
		w = b.locate(field, v, T)
		if code, isCode := v.(string); !w.ok() && isCode && s >= 0 && (strings.HasSuffix(field, "/country") || strings.HasSuffix(field, "host_country")) {
			w = b.d.personOf(s, code)
		}
	}
	if !w.ok() {
		w = wspan{start, end}
	}
	b.res.Evidence = append(b.res.Evidence, Evidence{
		Field: field, Value: v, Start: start, End: end,
		Offset: w.off, Length: w.end - w.off, Text: b.d.text[w.off:w.end], Confidence: conf,
	})
}

// locate finds the words of T that a value reads as: the value's own words
// for names, positions, sites and titles; a name of the country for a
// country code; a date for a date; the rank as written for a rank.
func (b *builder) locate(field string, v any, T []tok) wspan {
	leaf := field[strings.LastIndexByte(field, '/')+1:]
	switch x := v.(type) {
	case domain.Series:
		return matchWords(T, foldWords(x.Name))
	case string:
		switch leaf {
		case "country", "host_country":
			return countryWords(T, x)
		case "date", "end_date", "signed_on", "published_at":
			return dateWords(T, x)
		case "rank":
			return rankSpan(T, x)
		case "kind":
			return kindWords(T, domain.Kind(x))
		case "period":
			return periodWords(T, x)
		case "city":
			if w := matchWords(T, foldWords(x)); w.ok() {
				return w
			}
			for i := range T {
				if name, _, j := cityAt(T, i); name == x {
					return wspan{T[i].start, T[j-1].end}
				}
			}
			return wspan{}
		case "outlet":
			if w := matchWords(T, foldWords(x)); w.ok() {
				return w
			}
			for form, name := range outletForms {
				if name == x {
					if w := matchWords(T, foldWords(form)); w.ok() {
						return w
					}
				}
			}
			return wspan{}
		}
		if strings.HasPrefix(field, "/sources/") && leaf == "title" {
			return matchWords(T, foldWords(x))
		}
		return matchWords(T, foldWords(x))
	}
	return wspan{}
}

// matchWords finds the folded words ws in T, punctuation aside.
func matchWords(T []tok, ws []string) wspan {
	if len(ws) == 0 {
		return wspan{}
	}
	for i := range T {
		if T[i].kind == 'p' || T[i].low != ws[0] {
			continue
		}
		k, n := i, 0
		last := i
		for k < len(T) && n < len(ws) {
			if T[k].kind == 'p' {
				k++
				continue
			}
			if T[k].low != ws[n] {
				break
			}
			last = k
			n++
			k++
		}
		if n == len(ws) {
			return wspan{T[i].start, T[last].end}
		}
	}
	return wspan{}
}

// countryWords finds a name, official form or adjective of the country, or
// a city of it.
func countryWords(T []tok, code string) wspan {
	var city wspan
	for i := 0; i < len(T); i++ {
		if c, j := countryAt(T, i); c == code {
			return wspan{T[i].start, T[j-1].end}
		} else if c != "" {
			i = j - 1
			continue
		}
		if _, cc, j := cityAt(T, i); cc == code && !city.ok() {
			city = wspan{T[i].start, T[j-1].end}
		}
	}
	return city
}

// dateWords finds the date expression that gives the value "YYYY-MM-DD",
// "YYYY-MM" or "YYYY" (a relative one, "yesterday", when none is written
// out).
func dateWords(T []tok, v string) wspan {
	pd, err := domain.ParsePartialDate(v)
	if err != nil {
		return wspan{}
	}
	var rel wspan
	for _, e := range findDates(T) {
		if e.rel != 0 {
			if !rel.ok() {
				rel = wspan{T[e.i].start, T[e.j-1].end}
			}
			continue
		}
		if (e.m == 0 || pd.Month == 0 || e.m == pd.Month) && (e.d == 0 || pd.Day == 0 || e.d == pd.Day) &&
			(e.y == 0 || pd.Year == 0 || e.y == pd.Year) && e.j > e.i {
			return wspan{T[e.i].start, T[e.j-1].end}
		}
	}
	return rel
}

// rankSpan finds the rank as written ("Lt. Gen.") whose canonical form is
// v.
func rankSpan(T []tok, v string) wspan {
	for i := range T {
		if T[i].kind != 'w' || !rankWords[T[i].low] {
			continue
		}
		// the longest rank phrase from i
		var ws []string
		best := -1
		for k := i; k < len(T) && len(ws) < maxRankWords; k++ {
			if T[k].kind == 'p' {
				if (T[k].is(".") || T[k].isDash()) && !T[k].sp {
					continue
				}
				break
			}
			ws = append(ws, T[k].low)
			if ranks[strings.Join(ws, " ")] == v {
				best = k
			}
		}
		if best >= 0 {
			e := T[best].end
			if best+1 < len(T) && T[best+1].is(".") && !T[best+1].sp {
				e = T[best+1].end
			}
			return wspan{T[i].start, e}
		}
	}
	return wspan{}
}

// kindWords finds the words that tell the kind: "official visit", "phone
// call", "video conference".
func kindWords(T []tok, k domain.Kind) wspan {
	var first []string
	switch k {
	case "official_visit":
		first = []string{"official"}
	case "working_visit":
		first = []string{"working"}
	case "state_visit":
		first = []string{"state"}
	case "phone_call":
		first = []string{"phone", "telephone", "telephonic", "phoned", "telephoned", "call"}
	case "video_conference":
		first = []string{"videoconference", "videoconferencing", "video", "virtual", "virtually", "online", "videocall"}
	default:
		return wspan{}
	}
	i := findWord(T, 0, len(T), first...)
	if i < 0 {
		return wspan{}
	}
	j := i
	if n, nk := nextWord(T, i); nk > 0 && (n == "visit" || n == "visits" || n == "call" || n == "conversation" || n == "conference" || n == "link") {
		j = nk
	}
	return wspan{T[i].start, T[j].end}
}

// periodWords finds "2026" or "2025-2027" (also written "2025–27").
func periodWords(T []tok, v string) wspan {
	y1, _, _ := strings.Cut(v, "-")
	for i := range T {
		if T[i].s != y1 {
			continue
		}
		e := T[i].end
		if strings.Contains(v, "-") && i+2 < len(T) && (T[i+1].isDash() || T[i+1].low == "to" || T[i+1].low == "through") {
			if _, err := strconv.Atoi(T[i+2].s); err == nil {
				e = T[i+2].end
			}
		}
		return wspan{T[i].start, e}
	}
	return wspan{}
}

// personOf returns the words of the first person of sentence s whose
// country is code: the position, rank and name that tell it.
func (d *doc) personOf(s int, code string) wspan {
	for _, idx := range d.bySent[s] {
		if c, _ := d.countryOf(idx); c == code {
			m := d.people[idx]
			return d.tokSpan(s, min(m.s0, m.i), max(m.e1, m.j))
		}
	}
	return wspan{}
}

// wordPair returns the words of token i of sentence s and of the word after
// it ("military cooperation", "regional security").
func (d *doc) wordPair(s, i int) wspan {
	T := d.st(s)
	if i < 0 || i >= len(T) {
		return wspan{}
	}
	j := i
	for k := i + 1; k < len(T) && k <= i+2; k++ {
		if T[k].kind == 'p' && !(T[k].isDash() && !T[k].sp) {
			break
		}
		if T[k].kind != 'p' {
			j = k
			break
		}
	}
	return wspan{T[i].start, T[j].end}
}
