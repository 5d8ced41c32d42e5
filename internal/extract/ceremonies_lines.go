package extract

import (
	"fmt"

	"github.com/milmeet/milmeet/internal/domain"
)

// lineCeremonies adds to the main meeting the ceremonies that only its
// headline or a caption among its paragraphs tells of ("Guard of honour
// for the Estonian chief", "The guest inspects the guard of honour"): the
// honours, anthems, books and wreaths of the visit, of a type the body
// does not give.
func (b *builder) lineCeremonies(out *domain.Meeting) {
	d := b.d
	have := map[domain.CeremonyType]bool{}
	for _, mm := range append([]domain.Meeting{*out}, out.ChildMeetings...) {
		for _, c := range mm.Ceremonies {
			have[c.Type] = true
		}
	}
	for _, li := range d.captionLines() {
		l := d.lines[li]
		T := tokenize(d.text, l.start, l.end)
		if plannedCeremony(T) || hasWordSet(T, otherTimeWords) || hasPhrase(T, "to be") {
			continue // "Guard of honour to be lined up next week"
		}
		add := func(typ domain.CeremonyType, i int) {
			if i < 0 || have[typ] {
				return
			}
			have[typ] = true
			p := fmt.Sprintf("/ceremonies/%d", len(out.Ceremonies))
			out.Ceremonies = append(out.Ceremonies, domain.Ceremony{Type: typ})
			b.evSpan(p+"/type", string(typ), l.start, l.end, 0.6, wspan{T[i].start, T[i].end})
		}
		add("guard_of_honour", guardAt(T))
		add("national_anthems", anthemAt(T))
		add("book_of_honour", bookAt(T))
		if !have["monument_visit"] {
			add("wreath_laying", findWord(T, 0, len(T), "wreath", "wreaths"))
		}
		if !have["guard_of_honour"] && !have["national_anthems"] && !have["book_of_honour"] {
			add("other", honoursAt(T))
		}
	}
}

// captionLines returns the headline and the short lines set among the
// report's paragraphs (captions), not the page's menus or lists around it.
func (d *doc) captionLines() []int {
	var out []int
	if d.headline >= 0 {
		out = append(out, d.headline)
	}
	if d.bodyStart < 0 {
		return out
	}
	last := -1
	for i := len(d.lines) - 1; i >= d.bodyStart; i-- {
		if d.lines[i].kind == lkBody {
			last = i
			break
		}
	}
	for i := d.bodyStart + 1; i < last; i++ {
		if d.lines[i].kind == lkOther && i != d.headline {
			out = append(out, i)
		}
	}
	return out
}
