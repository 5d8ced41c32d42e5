package extract

import "testing"

// countriesOfPeople returns the country read for each person named.
func countriesOfPeople(text string) map[string]string {
	out := map[string]string{}
	for _, m := range parse(text).people {
		if m.ok {
			out[m.name] = m.country
		}
	}
	return out
}

func TestGroupCountries(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]string
	}{
		// the members a delegation's list names
		{"On 2 June 2024, the Latvian delegation included Major General Juris Ozols and Colonel Andris Berzins.",
			map[string]string{"Juris Ozols": "LV", "Andris Berzins": "LV"}},
		// officials of a government, "including"
		{"On 2 June 2024, he met senior officials of the Estonian government, including Chief of Staff Kalev Tamm and Foreign Minister Mari Kask.",
			map[string]string{"Kalev Tamm": "EE", "Mari Kask": "EE"}},
		// the head of a delegation "led by"
		{"On 2 June 2024, a Kenyan delegation led by the Chief of Defence Forces, General Peter Njoroge, arrived in Accra.",
			map[string]string{"Peter Njoroge": "KE"}},
		// a ruler's title after an honorific is no part of the name
		{"On 2 June 2024, His Majesty Sultan Qaboos bin Said of Oman received the guests.",
			map[string]string{"Qaboos bin Said": "OM"}},
	} {
		got := countriesOfPeople(c.text)
		for name, want := range c.want {
			if got[name] != want {
				t.Errorf("%q: %s in %q, want %q (all %v)", c.text, name, got[name], want, got)
			}
		}
	}
}
