package extract

import "testing"

// A town the country table does not hold places the meeting when it lies
// in one of the meeting's two countries and in no other of them.
func TestHostFromTown(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		// in the meeting's own sentence
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Nigerian counterpart Ibrahim Musa in Zaria.",
			"GH NG", "NG"},
		// in a later sentence of its section
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Nigerian counterpart Ibrahim Musa. The meeting was held in Koforidua.",
			"GH NG", "GH"},
		// a longer name that merely starts with a town's
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Nigerian counterpart Ibrahim Musa at Zaria Polo Club.",
			"GH NG", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

func TestTownTable(t *testing.T) {
	towns := townTable()
	if len(towns) < 10000 {
		t.Fatalf("%d towns, want the GeoNames table", len(towns))
	}
	for name, want := range map[string]string{"visby": "SE", "vanderbijlpark": "ZA", "zaria": "NG"} {
		if got := towns[name]; len(got) != 1 || got[0] != want {
			t.Errorf("%s: %v, want [%s]", name, got, want)
		}
	}
	for _, word := range []string{"split", "male", "police"} {
		if got := towns[word]; len(got) > 0 {
			t.Errorf("%s: %v, want no town (a word)", word, got)
		}
	}
}
