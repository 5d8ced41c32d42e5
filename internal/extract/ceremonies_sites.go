package extract

import (
	"slices"

	"github.com/milmeet/milmeet/internal/domain"
)

// Sites of remembrance: a wreath laid at a site is wreath_laying; a site
// visited with flowers, a tribute or a minute of silence only is
// monument_visit; a paragraph with both kinds of site has both.

// tributeWords tell a site was honoured without a wreath.
var tributeWords = setOf("tribute", "respects", "bowed", "commemorated", "flowers", "flower", "silence", "memory",
	"homage", "bouquet", "bouquets", "honored", "honoured", "visited", "visit")

// memorialHeads are the nouns of a place of remembrance that may be written
// in lower case: "the memorial complex of X", "the Eternal Flame monument"
// (graves and tombs are those honoured at a site, not the site).
var memorialHeads = setOf("memorial", "monument", "mausoleum", "cemetery", "pantheon", "cenotaph", "obelisk", "shrine", "flame")

type siteSpan struct{ b, e, h int }

// sitesIn returns the places of remembrance a sentence names.
func (d *doc) sitesIn(s int) []siteSpan {
	T := d.st(s)
	var sites []siteSpan
	for h := 0; h < len(T); h++ {
		t := T[h]
		if t.kind != 'w' || !siteHeads[t.low] || !t.cap && t.low == "memorial" && h+1 < len(T) && T[h+1].low == "complex" {
			continue
		}
		if d.inName(s, h) || t.cap && h+1 < len(T) && T[h+1].kind == 'w' && T[h+1].cap && !siteHeads[T[h+1].low] &&
			(h == 0 || !T[h-1].cap || T[h-1].kind != 'w' || positionWords[T[h-1].low] || positionHeads[T[h-1].low]) {
			continue // "Vice Minister Park Jae-min": a name
		}
		lowHead := memorialHeads[t.low] || t.low == "complex" && h > 0 && T[h-1].low == "memorial"
		if !t.cap && !(lowHead && (h > 0 && T[h-1].cap && T[h-1].kind == 'w' ||
			h+2 < len(T) && T[h+1].low == "of" && (T[h+2].cap || T[h+2].low == "the"))) {
			continue
		}
		if b, e, ok := d.siteAt(s, h); ok {
			if len(sites) > 0 && b <= sites[len(sites)-1].e {
				continue
			}
			sites = append(sites, siteSpan{b, e, h})
			h = e
		}
	}
	if len(sites) == 0 {
		// "visited the tomb of X", "the grave of national leader X": the
		// tomb is the site when no other is named
		for h := 0; h+2 < len(T); h++ {
			if (T[h].low == "tomb" || T[h].low == "grave" || T[h].low == "graves") && T[h+1].low == "of" && capWithin(T, h+2, 3) {
				if b, e, ok := d.siteAt(s, h); ok {
					return []siteSpan{{b, e, h}}
				}
			}
		}
	}
	return sites
}

// siteCeremonies finds the wreaths and tributes of a paragraph, one
// ceremony per site.
func (d *doc) siteCeremonies(ss []int, seenSite map[string]bool, once map[domain.CeremonyType]bool) []cerDraft {
	var out []cerDraft
	paraWreath, paraTribute := false, false
	for _, s := range ss {
		T := d.st(s)
		if hasWord(T, "wreath", "wreaths") {
			paraWreath = true
		}
		if hasWord(T, "tribute", "respects", "bowed", "commemorated", "flowers", "silence", "homage") ||
			hasPhrase(T, "memory of") || hasPhrase(T, "honored the memory") || hasPhrase(T, "honoured the memory") {
			paraTribute = true
		}
	}
	found := false
	for _, s := range ss {
		T := d.st(s)
		if !hasWordSet(T, ceremonyVerbs) {
			continue
		}
		sites := d.sitesIn(s)
		hasPark := slices.ContainsFunc(sites, func(x siteSpan) bool { return !subSiteHeads[T[x.h].low] })
		for n, x := range sites {
			if hasPark && subSiteHeads[T[x.h].low] && n > 0 && !hasWord(T[sites[n-1].e:x.b], "wreath", "wreaths") {
				continue
			}
			if n > 0 && x.b >= 2 && T[x.b-1].low == "the" && T[x.b-2].low == "at" &&
				findWord(T, sites[n-1].e, x.b, "wreath", "wreaths", "flowers", "laid") >= 0 && !honouredAt(T, sites, n-1) {
				continue // "visited X and laid a wreath at Y": Y is within X
			}
			prevEnd, nextStart := 0, len(T)
			if n > 0 {
				prevEnd = sites[n-1].e + 1
			}
			if n+1 < len(sites) {
				nextStart = sites[n+1].b
			}
			typ, ok := siteType(T, prevEnd, x, nextStart, paraWreath, paraTribute)
			if !ok {
				continue
			}
			name := cleanValue(d.text[T[x.b].start:T[x.e].end])
			key := foldKey(name)
			if seenSite[key] {
				continue
			}
			seenSite[key] = true
			c := cerDraft{typ: typ, site: name, siteS: s, recipient: -1, s: s, i: x.b, conf: 0.85}
			c.honoured = d.honouredFor(s, x.b, n == 0)
			out = append(out, c)
			found = true
			if typ == "wreath_laying" {
				once["wreath_laying"] = true
			}
		}
	}
	if !found && paraWreath && !once["wreath_laying"] {
		for _, s := range ss {
			if hasWord(d.st(s), "wreath", "wreaths") {
				out = append(out, cerDraft{typ: "wreath_laying", siteS: -1, recipient: -1, s: s, conf: 0.7})
				once["wreath_laying"] = true
				break
			}
		}
	}
	if !found && !paraWreath && paraTribute && !once["monument_visit"] {
		// "paid tribute to the fallen at the memorial complex": a place of
		// remembrance with no name
		for _, s := range ss {
			T := d.st(s)
			if i := findWordSet(T, memorialHeads); i >= 0 && hasWordSet(T, tributeWords) && !plannedCeremony(T) {
				out = append(out, cerDraft{typ: "monument_visit", siteS: -1, recipient: -1, s: s, i: i, conf: 0.6})
				once["monument_visit"] = true
				break
			}
		}
	}
	return out
}

// siteType tells how a site was honoured: by the words of its own clause
// (from the previous site to the next), else by its paragraph's. A site
// with neither is no ceremony (a museum toured).
func siteType(T []tok, prevEnd int, x siteSpan, nextStart int, paraWreath, paraTribute bool) (domain.CeremonyType, bool) {
	before := T[prevEnd:x.b]
	after := T[x.e+1 : nextStart]
	switch {
	case hasWord(before, "wreath", "wreaths"):
		return "wreath_laying", true
	case hasWordSet(before, tributeWords) && !hasWord(after, "wreath", "wreaths"):
		if memorial(T, x.h) || !hasWord(before, "visited", "visit") || hasWordSet(before, tributeWords) && !onlyVisit(before) {
			return "monument_visit", true
		}
		return ceremonyOfPara(memorial(T, x.h) || remembered(T, x), paraWreath, paraTribute)
	case hasWord(after, "wreath", "wreaths"):
		return "wreath_laying", true
	case hasWordSet(after, tributeWords):
		return "monument_visit", true
	}
	return ceremonyOfPara(memorial(T, x.h), paraWreath, paraTribute)
}

// memorial reports whether the site's head noun makes it a place of
// remembrance by itself: "memorial", "mausoleum", "memorial complex",
// "tomb of".
func memorial(T []tok, h int) bool {
	return memorialHeads[T[h].low] || T[h].low == "complex" && h > 0 && T[h-1].low == "memorial" ||
		T[h].low == "tomb" || T[h].low == "grave" || T[h].low == "graves"
}

// onlyVisit reports whether the only tribute word of a clause is "visited".
func onlyVisit(ts []tok) bool {
	for _, t := range ts {
		if t.kind == 'w' && tributeWords[t.low] && t.low != "visited" && t.low != "visit" {
			return false
		}
	}
	return true
}

func ceremonyOfPara(memorial, paraWreath, paraTribute bool) (domain.CeremonyType, bool) {
	switch {
	case paraWreath:
		return "wreath_laying", true
	case paraTribute || memorial:
		return "monument_visit", true
	}
	return "", false
}

// honouredAt reports whether site n has laying words of its own before it
// ("laid a wreath at X and flowers at Y"), not a visit alone.
func honouredAt(T []tok, sites []siteSpan, n int) bool {
	b := 0
	if n > 0 {
		b = sites[n-1].e + 1
	}
	return findWord(T, b, sites[n].b, "wreath", "wreaths", "flowers", "laid") >= 0
}
