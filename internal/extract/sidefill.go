package extract

import "slices"

// taken returns the countries a person left without one cannot be of: the
// people's of the meeting's sentence, its delegations' ("met with the
// delegation of the Turkish Armed Forces"), those the other side names,
// and the headless delegations the meeting had before.
func (x *sideSet) taken(idx int) map[int]string {
	out := map[int]string{}
	for idx, c := range x.country {
		out[idx] = c
	}
	n := 0
	for _, dm := range x.b.d.delegationsIn(x.a.s) {
		for _, c := range dm.codes {
			n++
			out[-n] = c
		}
	}
	other := x.objCodes // the other side's country named without people
	if slices.Contains(x.obj, idx) {
		other = x.subjCodes
	}
	if len(other) > 1 {
		other = nil // "British-French defence ties": not one side
	}
	for _, c := range append(append([]string{}, x.avoid...), other...) {
		n++
		out[-n] = c
	}
	return out
}

// counterpartIn reports whether a side names someone as "his (Turkish)
// counterpart".
func (d *doc) counterpartIn(side []int) bool {
	for _, idx := range side {
		if d.people[idx].counterpart {
			return true
		}
	}
	return false
}

// counterpartOf reports whether country c is that of someone named in the
// sentence as the person's counterpart: "A and his Saudi counterpart B"
// makes A no Saudi.
func (x *sideSet) counterpartOf(idx int, c string) bool {
	if x.b.d.people[idx].counterpart {
		return false
	}
	for _, o := range x.all() {
		if o != idx && x.b.d.people[o].counterpart && x.country[o] == c {
			return true
		}
	}
	return false
}

// sideCountry returns the one country the people of a side have, "" when
// none or several.
func (x *sideSet) sideCountry(side []int) string {
	c := ""
	for _, idx := range side {
		switch k := x.country[idx]; {
		case k == "":
		case c == "":
			c = k
		case c != k:
			return ""
		}
	}
	return c
}
