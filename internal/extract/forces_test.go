package extract

import "testing"

// The names and acronyms of armed forces that stand for one country name it.
func TestForcesNameTheirCountry(t *testing.T) {
	for form, want := range map[string]string{
		"UPDF": "UG", "TSK": "TR", "IDF": "IL", "JSDF": "JP", "Bundeswehr": "DE", "Tatmadaw": "MM",
		"RAAF": "AU", "NZDF": "NZ", "KDF": "KE", "TPDF": "TZ", "RAF": "GB",
	} {
		toks := tokenize(form, 0, len(form))
		if c, j := countryAt(toks, 0); c != want || j != len(toks) {
			t.Errorf("%s: %q (to %d), want %s", form, c, j, want)
		}
	}
}
