package extract

import "testing"

// What the section tells of the visit places a two-country meeting that
// its own sentence does not.
func TestHostFromCues(t *testing.T) {
	const met = "On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Togolese counterpart Essi Agbo. "
	for _, c := range []struct{ text, host string }{
		{met + "A guard of honour was mounted in honour of the Togolese minister.", "GH"},
		{met + "Upon arrival at Lome airport, Mensah was welcomed by senior officers.", "TG"},
		{met + "Earlier, Mensah laid a wreath at the Independence Monument in Lome.", "TG"},
		{met + "Agbo is in Ghana on a three-day working visit.", "GH"},
		{met + "Leading the visiting delegation from the Togolese Armed Forces was Agbo.", "GH"},
		{met + "Agbo is visiting Ghana at the official invitation of the Chief of the Defence Staff.", "GH"},
		{met + "The exchange, held each year in turn, was hosted by Togo this year.", "TG"},
		{met + "The Ghanaian delegation returned from Togo on 5 May.", "TG"},
		{"The first trip abroad of Ghanaian Defence Minister Kofi Mensah led to Lome, where he met his Togolese counterpart Essi Agbo on 3 May 2021. They discussed training.", "TG"},
		{met + "In Lome, a full military honours ceremony awaited Mensah.", "TG"},
		{met + "Agbo is visiting Ghana at the invitation of the ministry.", "GH"},
		{met + "Earlier, Agbo paid tribute at Ghana's National Military Cemetery.", "GH"},
		{met + "The Togolese delegation also visited the Ghana Armed Forces Command and Staff College.", "GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Togolese counterpart Essi Agbo in the Togolese capital.", "TG"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah played host to Togolese Defence Minister Essi Agbo. They discussed cooperation.", "GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah granted an audience to Togolese Defence Minister Essi Agbo. They discussed cooperation.", "GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met with Togolese Defence Minister Essi Agbo, who arrived in the country on Sunday.", "GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met with Togolese Defence Minister Essi Agbo, who is visiting the country.", "GH"},
		{met + "It comes after the President's visit to Togo last month.", ""},
		{"Ghanaian Defence Minister Kofi Mensah held talks with his Togolese counterpart Essi Agbo on 3 May 2021. The ministers discussed training.\n\nMensah ended his stay by visiting the Ghanaian embassy, where he met the staff.", "TG"},
		// a visit of another time places nothing
		{met + "Agbo previously visited the Ghana Armed Forces Command and Staff College.", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != "GH TG" || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want GH TG, %q", c.text, cs, host, c.host)
		}
	}
}

// "here" places the meeting in the country of the outlet that reports it.
func TestHostHere(t *testing.T) {
	u := "https://www.gna.org.gh/news/1"
	res := Extract("On 3 May 2021, Defence Minister Kofi Mensah met his Togolese counterpart Essi Agbo at the Ministry of Defence here.", Options{URL: &u})
	if h := res.Meeting.HostCountry; h == nil || *h != "GH" {
		t.Errorf("host %v, want GH", h)
	}
}

// The headline places a meeting its body does not: "visits Ghana",
// "arrives in Accra", "receives".
func TestHeadlineHost(t *testing.T) {
	const body = "\n\nOn 3 May 2021, Ghanaian Defence Minister Kofi Mensah met his Togolese counterpart Essi Agbo. They discussed cooperation and training."
	for _, c := range []struct{ headline, host string }{
		{"Togolese Defence Minister visits Ghana", "GH"},
		{"Togolese minister in Accra for talks", "GH"},
		{"Togolese Defence Minister on official visit to Ghana", "GH"},
		{"Ghanaian defence minister receives Togolese counterpart", "GH"},
		{"Ghanaian delegation arrives in Lome", "TG"},
		{"Ghanaian and Togolese defence ministers meet", ""},
	} {
		_, host, _ := sidesOf(t, c.headline+body)
		if host != c.host {
			t.Errorf("%q: host %q, want %q", c.headline, host, c.host)
		}
	}
}

// An institution named without a country is the reporting side's own: a
// participant's outlet reporting "talks at the Ministry of Defence".
func TestHostOwnPlace(t *testing.T) {
	u := "https://www.gna.org.gh/news/1"
	text := "On 3 May 2021, Defence Minister Kofi Mensah met his Togolese counterpart Essi Agbo. The talks were held at the Ministry of Defence and covered training."
	res := Extract(text, Options{URL: &u})
	if h := res.Meeting.HostCountry; h == nil || *h != "GH" {
		t.Errorf("host %v, want GH", h)
	}
	v := "https://www.example.com/news/1"
	res = Extract(text, Options{URL: &v})
	if h := res.Meeting.HostCountry; h != nil {
		t.Errorf("host %v, want none from an outlet of neither side", *h)
	}
}

// "The Chief of the Togolese Armed Forces is in Ghana for a visit. General
// X called on Y": the visit told just before, of no one named, places the
// call.
func TestVisitToldBefore(t *testing.T) {
	cs, host, heads := sidesOf(t, "ACCRA - The Chief of Defence Staff of the Togolese Armed Forces is in Ghana for a two-day introductory visit, the ministry said on 3 May 2021.\n\n"+
		"General Essi Agbo called on Minister for Defence Kofi Mensah on the first morning of his visit, with both reaffirming the close ties between the two nations.\n\n"+
		"General Agbo also called on Ghana's Chief of Defence Staff, Vice-Admiral Yaw Owusu.")
	if cs != "GH TG" || host != "GH" || heads["TG"] != "Essi Agbo" || heads["GH"] != "Kofi Mensah" {
		t.Errorf("got countries %q host %q heads %v, want GH TG, GH, TG Essi Agbo, GH Kofi Mensah", cs, host, heads)
	}
}

// Talks at a distance have no host, whatever the verb.
func TestRemoteTalksNoHost(t *testing.T) {
	res := Extract("Ghanaian and Togolese defence ministers held talks by video conference on 3 May 2021.\n\nOn 3 May 2021, Ghanaian Defence Minister Kofi Mensah received his Togolese counterpart Essi Agbo in Accra. They signed a memorandum.", Options{})
	if res.Meeting.Kind != "video_conference" {
		t.Fatalf("kind %q, want video_conference", res.Meeting.Kind)
	}
	if h := res.Meeting.HostCountry; h != nil {
		t.Errorf("host %v, want none for a video conference", *h)
	}
}

// A head named again by a title noun alone ("the minister") welcomes the
// guests; the guests' delegation visiting a place of the other side's
// country makes that side the host.
func TestHostByTitleAndVisitedTown(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 5 March 2024, Georgian Defence Minister Irakli Chikovani met Chief of Defence of Latvia Major General Leonids Kalnins. The minister welcomed the guests and noted the importance of the visit.",
			"GE LV", "GE"},
		{"On 5 March 2024, Georgian Defence Minister Irakli Chikovani met Chief of Defence of Latvia Major General Leonids Kalnins. The Latvian delegation also visited the National Defence Academy in Gori.",
			"GE LV", "GE"},
		// a title both heads hold names neither
		{"On 5 March 2024, Georgian Defence Minister Irakli Chikovani met Latvian Defence Minister Andris Spruds. The minister welcomed the guests.",
			"GE LV", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}
