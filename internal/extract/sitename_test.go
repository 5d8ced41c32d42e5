package extract

import "testing"

func TestSiteCountry(t *testing.T) {
	for host, want := range map[string]string{
		"www.watchdoguganda.com":  "UG",
		"news.kuwaittimes.net":    "KW",
		"www.tehrantimes.com":     "IR",
		"www.romania-insider.com": "RO",
		"zambianobserver.com":     "ZM",
		"english.example.com":     "", // a language's edition
		"www.womansday.com":       "", // "oman" is too short to read inside a word
		"www.georgiarecorder.com": "", // the US state
		"www.example.com":         "",
		"india-pakistan.org":      "", // two countries
	} {
		if got := siteCountry(host); got != want {
			t.Errorf("siteCountry(%q) = %q, want %q", host, got, want)
		}
	}
}

// A meeting at an institution named without a country, reported by a site
// whose name tells its country, is held in that country.
func TestHostFromSiteName(t *testing.T) {
	u := "https://www.watchdoguganda.com/news/1"
	res := Extract("The Ugandan Chief of Defence Forces Gen David Okello on Tuesday met with Maj Gen John Smith, Assistant Chief of Defence Staff of UK, at Ministry of Defence Headquarters.", Options{URL: &u})
	if h := res.Meeting.HostCountry; h == nil || *h != "UG" {
		t.Errorf("host %v, want UG", h)
	}
}
