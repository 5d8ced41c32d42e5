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
		// a city named within a place: "in the X District of Abuja"
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah and his Nigerian counterpart Ibrahim Musa held talks at the ministry building in the Asokoro District of Abuja.",
			"GH NG", "NG"},
		// a country's institution as the place
		{"On 3 May 2021, Chinese Major General Zhang Wei met Army chief General Kofi Mensah at Ghana Army Headquarters.",
			"CN GH", "GH"},
		// the visit just before the meeting's sentence
		{"On 3 May 2021, General Ibrahim Musa, Chief of Defence Staff of Nigeria, began an official visit to Ghana. He held talks with Defence Minister Kofi Mensah.",
			"GH NG", "GH"},
		{"General Ibrahim Musa, Chief of Defence Staff of Nigeria, is on his first visit to Ghana. On 3 May 2021, he met Defence Minister Kofi Mensah.",
			"GH NG", "GH"},
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

// A guest who calls on an official the text gives no country: the official
// is of the outlet's country, which then hosts.
func TestHostOfCallOn(t *testing.T) {
	u := "https://www.gna.org.gh/news/1"
	res := Extract("On 3 May 2021, the Commander of the Nigerian Navy, Vice Admiral Ibrahim Musa, paid a courtesy call on the Chief of Defence Staff, General Kofi Mensah.", Options{URL: &u})
	if h := res.Meeting.HostCountry; h == nil || *h != "GH" {
		t.Errorf("host %v, want GH", h)
	}
}

// A meeting the next sentence places on the sidelines of an event has no
// host, though its own sentence names a city of one side.
func TestSidelinesNext(t *testing.T) {
	text := "On 3 May 2021, Ghana's Defence Minister Kofi Mensah met with his Nigerian counterpart Ibrahim Musa in Accra. The meeting took place on the sidelines of the West African defence exhibition."
	cs, host, _ := sidesOf(t, text)
	if cs != "GH NG" || host != "" {
		t.Errorf("countries %q host %q, want GH NG and no host", cs, host)
	}
}
