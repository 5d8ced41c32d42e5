package extract

import "testing"

// An envoy met in person is posted in the other side's country, which
// hosts, whatever the verb: "met with the Ambassador of X", "the X Defence
// Attaché", "the High Commissioner of X".
func TestHostOfEnvoy(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, Kenyan Defence Cabinet Secretary Amina Ochieng met with the Ambassador of Greece Petros Andreou.", "GR KE", "KE"},
		{"On 4 March 2021, the Czech Defence Attaché Colonel Pavel Dvorak held talks with Estonian Chief of Defence General Mart Tamm.", "CZ EE", "EE"},
		{"On 4 March 2021, Zambian Army Commander Lieutenant General Peter Banda met the High Commissioner of Malaysia Aziz Rahman.", "MY ZM", "ZM"},
		// an envoy on each side tells nothing
		{"On 4 March 2021, the Ambassador of Chile Rosa Vidal met the Ambassador of Peru Luis Rojas.", "CL PE", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// "the visiting US Secretary" names the guest, as "the visiting British
// Secretary" does; "visiting the US" names the place.
func TestVisitingNamesTheGuest(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, the visiting US Secretary of the Navy Carlos Reyes met Philippine Defence Secretary Jose Cruz.", "PH US", "PH"},
		{"On 4 March 2021, Philippine Defence Secretary Jose Cruz met visiting UK Defence Minister John Hart.", "GB PH", "PH"},
		{"On 4 March 2021, Philippine Defence Secretary Jose Cruz, visiting the US, met US Secretary of the Navy Carlos Reyes.", "PH US", "US"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}
