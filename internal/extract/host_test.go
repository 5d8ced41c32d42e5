package extract

import "testing"

func TestHostFromSection(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		// the guest thanks for the welcome: the other side hosts
		{"On 3 May 2021, Defence Minister Kofi Mensah met his Nigerian counterpart Ibrahim Musa. Musa thanked the Ghanaian side for the warm welcome and hospitality.",
			"GH NG", "GH"},
		// the host welcomes the guests
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Nigerian counterpart Ibrahim Musa. Welcoming the guests, Mensah said the two armies share a long history.",
			"GH NG", "GH"},
		// the city of the meeting, named after its sentence
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah held talks with his Nigerian counterpart Ibrahim Musa. The talks were held in Abuja.",
			"GH NG", "NG"},
		// a city of a third country hosts no one
		{"On 3 May 2021, Ghana's Defence Minister Kofi Mensah met with Nigerian Chief of Defence Staff General Ibrahim Musa in Paris.",
			"GH NG", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}
