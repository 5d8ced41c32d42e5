package extract

// abroadNouns name what a country keeps or shows in other countries: a
// visit to it is a visit to the country it stands in, not to its own.
var abroadNouns = setOf("embassy", "embassies", "consulate", "mission", "pavilion", "stand", "booth",
	"ship", "vessel", "frigate", "corvette", "destroyer", "submarine", "warship", "contingent", "peacekeepers",
	"community", "diaspora")

// abroadAt reads a country's adjective at token k (after "the" and
// official-form words) followed by a noun of abroadNouns ("the Libyan
// embassy in Cairo", "the Azerbaijani national pavilion"): ok is true, and
// the country of the place named right after the noun ("in Cairo"), ""
// when none is. ok is false for anything else.
func (d *doc) abroadAt(s, k int) (string, bool) {
	T := d.st(s)
	for k < len(T) && T[k].kind == 'w' && officialFormWords[T[k].low] && !d.isPlaceAt(s, k) {
		k++
	}
	c, ok := d.countryIn(s, k)
	if !ok || c.i != k || !c.adj {
		return "", false
	}
	j := c.j
	for n := 0; j < len(T) && n < 2 && T[j].kind == 'w' && !abroadNouns[T[j].low]; n++ {
		j++ // "the Azerbaijani national pavilion"
	}
	if j >= len(T) || !abroadNouns[T[j].low] {
		return "", false
	}
	if j+1 < len(T) && T[j+1].low == "in" {
		return d.placeAfter(s, j+2, min(len(T), j+8)), true
	}
	return "", true
}
