package extract

import "slices"

// titleNouns are the nouns a report names a head by once named: "the
// minister", "the general".
var titleNouns = setOf("minister", "general", "commander", "chief", "admiral", "secretary", "ambassador",
	"president", "chairman", "attache", "attaché", "colonel", "marshal", "premier")

// sideByTitle returns the delegation of the one head a sentence names by a
// title noun before token k ("The minister welcomed the guests"): the head
// whose rank or position holds that noun, when no other head's does.
func (m *meetingDraft) sideByTitle(d *doc, s, k int) string {
	T := d.st(s)
	for i := 0; i+1 < k && i+1 < len(T); i++ {
		if T[i].low != "the" || T[i+1].kind != 'w' || !titleNouns[T[i+1].low] {
			continue
		}
		if i+2 < len(T) && T[i+2].kind == 'w' && T[i+2].cap {
			continue // "the Minister Kofi Mensah": a name follows
		}
		hit := ""
		for _, x := range m.dlgs {
			if x.head < 0 {
				continue
			}
			p := d.people[x.head]
			if slices.Contains(foldWords(p.pos+" "+p.rank), T[i+1].low) {
				if hit != "" {
					return ""
				}
				hit = x.code
			}
		}
		return hit
	}
	return ""
}
