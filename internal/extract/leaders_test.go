package extract

import "testing"

func TestLeaderPosition(t *testing.T) {
	for pos, want := range map[string]bool{
		"President": true, "Prime Minister of Bulgaria": true, "Bulgarian Prime Minister": true,
		"President of the Republic of Azerbaijan": true, "King": true, "Emir of the State of Qatar": true,
		"Vice President": false, "Deputy Prime Minister": false, "President of the National Defence University": false,
		"Minister of Defence": false, "": false,
	} {
		if got := leaderPosition(pos); got != want {
			t.Errorf("leaderPosition(%q) = %v, want %v", pos, got, want)
		}
	}
}

// A head of state or government who meets another country's minister or
// commander hosts, when nothing else tells the host.
func TestHostFromLeader(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 3 May 2021, the Prime Minister of Bulgaria Ivan Petrov said at a meeting with the Chief of the General Staff of the Azerbaijani Armed Forces, Colonel-General Rauf Aliyev, that the two countries are partners.",
			"AZ BG", "BG"},
		// a place told wins
		{"On 3 May 2021, the Prime Minister of Bulgaria Ivan Petrov met the Chief of the General Staff of the Azerbaijani Armed Forces, Colonel-General Rauf Aliyev, in Baku.",
			"AZ BG", "AZ"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}
