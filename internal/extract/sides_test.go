package extract

import "testing"

// "A and his Nigerian counterpart B": A is no Nigerian, and "his
// counterpart" with no one before the verb stands for the last official
// named.
func TestSidesCounterpart(t *testing.T) {
	u := "https://www.gna.org.gh/news/1"
	for _, c := range []struct {
		text, host string
		heads      map[string]string
	}{
		{"On 3 May 2021, the memorandum was signed on the occasion of talks between Defence Minister Kofi Mensah and his Nigerian counterpart, Ibrahim Musa, in Abuja.",
			"NG", map[string]string{"GH": "Kofi Mensah", "NG": "Ibrahim Musa"}},
		{"The two armies are close, defence minister Kofi Mensah says.\nFollowing a meeting with his Nigerian counterpart Ibrahim Musa in Accra on 3 May 2021, Mensah said that ties are strong.",
			"GH", map[string]string{"GH": "Kofi Mensah", "NG": "Ibrahim Musa"}},
	} {
		res := Extract(c.text, Options{URL: &u})
		host := ""
		if res.Meeting.HostCountry != nil {
			host = *res.Meeting.HostCountry
		}
		heads := map[string]string{}
		for _, d := range res.Meeting.Delegations {
			if d.Head != nil {
				heads[d.Country] = d.Head.Name
			}
		}
		if host != c.host || len(heads) != len(c.heads) || heads["GH"] != c.heads["GH"] || heads["NG"] != c.heads["NG"] {
			t.Errorf("%q:\n got host %q heads %v, want %q %v", c.text, host, heads, c.host, c.heads)
		}
	}
}

// A participant named without a country, in a report whose outlet is
// unknown, is of the country where the meeting's sentence sets it when the
// other side is of another.
func TestCountryFromVenue(t *testing.T) {
	text := "On 5 March 2024, General Ivan Petrov met the Uzbek Defence Minister Bakhodir Kurbanov at the General Staff building, Moscow."
	cs, host, heads := sidesOf(t, text)
	if cs != "RU UZ" || host != "RU" || heads["RU"] != "Ivan Petrov" {
		t.Errorf("countries %q host %q heads %v, want RU UZ, host RU, Ivan Petrov heading RU", cs, host, heads)
	}
}
