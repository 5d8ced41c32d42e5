package extract

import (
	"slices"
	"strings"
	"testing"
)

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

// An official named without a country, in a report from a site whose name
// tells its country, is of that country when nothing else tells.
func TestCountryFromSiteName(t *testing.T) {
	for _, c := range []struct{ url, text, countries, host string }{
		{"https://www.zambiadailypost.com/news/2", "On 4 March 2021, Army Commander Lieutenant General Peter Banda received a Malawian military delegation headed by Brigadier Vincent Nundwe.", "MW ZM", "ZM"},
		{"https://www.kenyaherald.com/news/3", "On 4 March 2021, Chief of Defence Forces General Peter Kamau held talks with the visiting Tanzanian Army Chief General Jacob Mkunda.", "KE TZ", "KE"},
	} {
		res := Extract(c.text, Options{URL: &c.url})
		var cs []string
		for _, d := range res.Meeting.Delegations {
			cs = append(cs, d.Country)
		}
		slices.Sort(cs)
		host := ""
		if res.Meeting.HostCountry != nil {
			host = *res.Meeting.HostCountry
		}
		if strings.Join(cs, " ") != c.countries || host != c.host {
			t.Errorf("%s %q:\n got %v host %q, want %q host %q", c.url, c.text, cs, host, c.countries, c.host)
		}
	}
}
