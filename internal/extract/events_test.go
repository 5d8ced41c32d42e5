package extract

import (
	"slices"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// sidesOf extracts a text and returns its countries (sorted), host and the
// heads by country.
func sidesOf(t *testing.T, text string) (string, string, map[string]string) {
	t.Helper()
	res := Extract(text, Options{})
	var cs []string
	heads := map[string]string{}
	for _, d := range res.Meeting.Delegations {
		cs = append(cs, d.Country)
		if d.Head != nil {
			heads[d.Country] = d.Head.Name
		}
	}
	slices.Sort(cs)
	host := ""
	if res.Meeting.HostCountry != nil {
		host = *res.Meeting.HostCountry
	}
	return strings.Join(cs, " "), host, heads
}

func TestEventsWithoutMeetVerb(t *testing.T) {
	for _, c := range []struct {
		text, countries, host string
		heads                 map[string]string
	}{
		{"OSLO: Minister of Defence Mr. Ivar Lund and his Estonian counterpart Mr. Kalev Tamm on Monday reaffirmed the close ties of the two armed forces during the Estonian minister's visit to Norway.",
			"EE NO", "NO", map[string]string{"NO": "Ivar Lund", "EE": "Kalev Tamm"}},
		{"The ministers held a joint press conference in the capital on Tuesday. It was followed by a meeting between the Estonian Minister of Defence Mr. Kalev Tamm and the Latvian Minister of Defence Mr. Juris Ozols.",
			"EE LV", "", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		{"Estonian Defence Minister Mr. Kalev Tamm spoke to reporters following a meeting with Latvian Defence Minister Mr. Juris Ozols in Riga on 3 May 2024.",
			"EE LV", "LV", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		{"A memorandum on military education was signed by Estonian Defence Minister Mr. Kalev Tamm and Latvian Defence Minister Mr. Juris Ozols in Tallinn on 3 May 2024.",
			"EE LV", "EE", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		{"The official visit of the Estonian Defence Minister, Mr. Kalev Tamm, to Riga began on 3 May 2024 with a wreath-laying ceremony at the Freedom Monument.",
			"EE LV", "LV", map[string]string{"EE": "Kalev Tamm"}},
		{"A delegation led by Estonian Defence Minister Mr. Kalev Tamm began an official visit to Latvia on 3 May 2024, the ministry said.",
			"EE LV", "LV", map[string]string{"EE": "Kalev Tamm"}},
		// coordinated plural titles, respectively
		{"Estonian and Latvian Defence Ministers Kalev Tamm and Juris Ozols signed a cooperation plan at a meeting in Tallinn on 3 May 2024.",
			"EE LV", "EE", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		{"The Defence Ministers of Estonia and Latvia, Kalev Tamm and Juris Ozols, held talks in Riga on 3 May 2024.",
			"EE LV", "LV", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		// a venue in a third country, the margins of a multilateral event: no host
		{"The Defence Ministers of Estonia and Latvia, Kalev Tamm and Juris Ozols, held talks in Brussels on 3 May 2024.",
			"EE LV", "", nil},
		{"Estonian Defence Minister Mr. Kalev Tamm met with Latvian Defence Minister Mr. Juris Ozols in Riga on 3 May 2024 on the sidelines of the regional security forum.",
			"EE LV", "", nil},
		// "the visiting <demonym> minister" is the guest
		{"Prince Ahmad held talks on 3 May 2024 with the visiting Estonian Defence Minister Mr. Kalev Tamm on cooperation between Qatar and Estonia.",
			"EE QA", "QA", map[string]string{"EE": "Kalev Tamm", "QA": "Ahmad"}},
		// "He met Y": the last principal named
		{"Estonian Defence Minister Mr. Kalev Tamm arrived in Riga on 3 May 2024 for a two-day visit. He met Latvian Defence Minister Mr. Juris Ozols at the ministry.",
			"EE LV", "LV", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
	} {
		cs, host, heads := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q: countries %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
		for k, v := range c.heads {
			if heads[k] != v {
				t.Errorf("%q: head of %s %q, want %q", c.text, k, heads[k], v)
			}
		}
	}
}

func TestVisitStructure(t *testing.T) {
	// the host principal named later fills the empty head; second-tier
	// talks are a child meeting
	text := "A delegation led by Estonian Defence Minister Mr. Kalev Tamm arrived in Latvia on 3 May 2024. " +
		"General Andris Kalnins greeted the guests at the ministry and held talks with them.\n\n" +
		"Further discussions took place with Colonel Peteris Berzins, the commander of the Latvian Navy, and Major Ilze Ozola, the head of the training centre."
	res := Extract(text, Options{})
	m := res.Meeting
	heads := map[string]string{}
	for _, d := range m.Delegations {
		if d.Head != nil {
			heads[d.Country] = d.Head.Name
		}
	}
	if heads["LV"] != "Andris Kalnins" || heads["EE"] != "Kalev Tamm" {
		t.Errorf("heads %v", heads)
	}
	if len(m.ChildMeetings) != 1 {
		t.Fatalf("%d child meetings, want 1", len(m.ChildMeetings))
	}
}

func TestEventChoiceAndKind(t *testing.T) {
	for _, c := range []struct {
		text, kind, date string
		heads            map[string]string
	}{
		// "has paid a courtesy call on": the guest's verb, not "has ... call"
		{"Estonian Defence Minister Mr. Kalev Tamm has paid a courtesy call on Latvian Defence Minister Mr. Juris Ozols in Riga on 3 May 2024.",
			"meeting", "2024-05-03", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		// "at the invitation of" is the visit reported, not one to come
		{"Estonian Defence Minister Mr. Kalev Tamm paid an official visit to Latvia on 3 May 2024 at the invitation of Latvian Defence Minister Mr. Juris Ozols.",
			"official_visit", "2024-05-03", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		{"The defence ministers of Estonia and Latvia held video talks on 3 May 2024.", "video_conference", "2024-05-03", nil},
		// "He met" after an opening date; "May" is the month, not a modal
		{"Estonian Defence Minister Mr. Kalev Tamm is on an official visit to Latvia. On 3 May 2024 he met Latvian Defence Minister Mr. Juris Ozols.",
			"official_visit", "2024-05-03", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
		// the date of the sentence before carries to "Later, he ..."
		{"Estonian Defence Minister Mr. Kalev Tamm toured the naval base. On 3 May 2024, a guard of honour was presented to him. Later, he paid a courtesy call on his Latvian counterpart.",
			"meeting", "2024-05-03", map[string]string{"EE": "Kalev Tamm"}},
		// co-chairs of two countries
		{"The joint commission met in Tallinn. The session was co-chaired by Estonian Defence Minister Mr. Kalev Tamm and Latvian Defence Minister Mr. Juris Ozols on 3 May 2024. Meanwhile, the Latvian ambassador Mr. Karlis Berzins also met Estonian officials.",
			"meeting", "2024-05-03", map[string]string{"EE": "Kalev Tamm", "LV": "Juris Ozols"}},
	} {
		res := Extract(c.text, Options{})
		m := res.Meeting
		if string(m.Kind) != c.kind || m.Date.String() != c.date {
			t.Errorf("%q: kind %s date %s, want %s %s", c.text, m.Kind, m.Date, c.kind, c.date)
		}
		for _, d := range m.Delegations {
			if w, ok := c.heads[d.Country]; ok && (d.Head == nil || d.Head.Name != w) {
				t.Errorf("%q: head of %s %v, want %q", c.text, d.Country, d.Head, w)
			}
		}
		for k := range c.heads {
			if !slices.ContainsFunc(m.Delegations, func(d domain.Delegation) bool { return d.Country == k }) {
				t.Errorf("%q: no delegation of %s", c.text, k)
			}
		}
	}
}

func TestCallHeadline(t *testing.T) {
	text := "Readout of the Minister's Phone Call With the Latvian Minister of Defence\n\nEstonian Defence Minister Mr. Kalev Tamm spoke with Latvian Defence Minister Mr. Juris Ozols on 3 May 2024 about regional security.\n"
	if k := Extract(text, Options{}).Meeting.Kind; k != "phone_call" {
		t.Errorf("kind %s, want phone_call", k)
	}
}

// A visit to what a country keeps or shows abroad (an embassy, a pavilion,
// a ship) is a visit to the country it stands in, when the text says it,
// and not to its own.
func TestVisitToWhatStandsAbroad(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"Estonian Minister of Defence Mr. Kalev Tamm, visiting the Latvian pavilion at the defence fair in Warsaw, met the Latvian Minister of Defence Mr. Juris Ozols.", "EE LV", ""},
		{"Latvian Minister of Defence Mr. Juris Ozols ended his visit by visiting the Latvian embassy in Estonia, where he met the Estonian Minister of Defence Mr. Kalev Tamm.", "EE LV", "EE"},
		{"Estonian Minister of Defence Mr. Kalev Tamm, visiting the Latvian Defence Academy, met the Latvian Minister of Defence Mr. Juris Ozols.", "EE LV", "LV"},
	} {
		if cs, host, _ := sidesOf(t, c.text); cs != c.countries || host != c.host {
			t.Errorf("%q: countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// "made a telephone call to": the caller and the one called are the two
// sides of a call, which has no host.
func TestCallMadeTo(t *testing.T) {
	for _, text := range []string{
		"TALLINN: Estonian Defence Minister Mr. Kalev Tamm made a telephone call to Latvian Defence Minister Mr. Juris Ozols on 3 May 2024. Both ministers discussed regional security.",
		"On 3 May 2024, Estonian Defence Minister Mr. Kalev Tamm made a phone call with Latvian Defence Minister Mr. Juris Ozols to discuss regional security.",
	} {
		res := Extract(text, Options{})
		if k := res.Meeting.Kind; k != "phone_call" {
			t.Errorf("%q: kind %s, want phone_call", text, k)
		}
		if h := res.Meeting.HostCountry; h != nil {
			t.Errorf("%q: host %s, want none", text, *h)
		}
		if cs, _, heads := sidesOf(t, text); cs != "EE LV" || heads["EE"] != "Kalev Tamm" || heads["LV"] != "Juris Ozols" {
			t.Errorf("%q: countries %q heads %v", text, cs, heads)
		}
	}
}

// "X discussed <topics> with Y" reports the meeting, above a later "also
// met with Z"; "discussed ... in a video teleconference" before it makes it
// one, an invitation to visit later notwithstanding.
func TestDiscussedWith(t *testing.T) {
	text := "Estonian Defence Minister Mr. Kalev Tamm discussed on Thursday regional security and training with Latvian Foreign Minister Mr. Juris Ozols in Riga.\n\n" +
		"Mr. Tamm also met with Latvian Defence Minister Mr. Andris Berzins, and the two discussed air defence.\n"
	if cs, _, heads := sidesOf(t, text); cs != "EE LV" || heads["EE"] != "Kalev Tamm" || heads["LV"] != "Juris Ozols" {
		t.Errorf("countries %q heads %v, want EE LV with Tamm and Ozols", cs, heads)
	}
	text = "Estonia and Latvia discussed their defence partnership in a video teleconference on Friday.\n\n" +
		"A spokesman said Defence Minister Mr. Kalev Tamm discussed training with Latvian Defence Minister Mr. Juris Ozols.\n\n" +
		"Mr. Tamm invited Mr. Ozols to pay an official visit to Estonia when travel restrictions are lifted.\n"
	if k := Extract(text, Options{}).Meeting.Kind; k != "video_conference" {
		t.Errorf("kind %s, want video_conference", k)
	}
	// "discussed with reporters": no one of the other side
	text = "Estonian Defence Minister Mr. Kalev Tamm discussed the budget with reporters on Thursday. Mr. Tamm received Latvian Defence Minister Mr. Juris Ozols in Tallinn.\n"
	if cs, host, _ := sidesOf(t, text); cs != "EE LV" || host != "EE" {
		t.Errorf("countries %q host %q, want EE LV hosted by EE", cs, host)
	}
}

// A meeting that "will be held" is not the one reported, nor its day the
// meeting's: "NATO said the meeting, chaired by X, will be held via
// teleconference June 17-18" after a report of a call.
func TestMeetingToBeHeld(t *testing.T) {
	text := "Estonian Defence Minister Mr. Kalev Tamm received Latvian Defence Minister Mr. Juris Ozols in Tallinn on Tuesday.\n\n" +
		"The alliance said the ministerial meeting, chaired by the Secretary-General Mr. Piet de Vries, will be held via teleconference June 17-18.\n"
	res := Extract(text, Options{})
	if d := res.Meeting.Date.String(); d != "" {
		t.Errorf("date %q, want none (a weekday nothing dates; the June days are of a meeting to come)", d)
	}
	if cs, host, heads := sidesOf(t, text); cs != "EE LV" || host != "EE" || heads["EE"] != "Kalev Tamm" {
		t.Errorf("countries %q host %q heads %v, want EE LV hosted by Tamm", cs, host, heads)
	}
	text = "The defence ministers of Estonia and Latvia discussed relations in a telephone conversation Tuesday.\n\n" +
		"The alliance said the ministerial meeting, chaired by the Secretary-General Mr. Piet de Vries of Norway, will be held via teleconference June 17-18.\n"
	if cs, _, _ := sidesOf(t, text); strings.Contains(cs, "NO") {
		t.Errorf("countries %q: the meeting to come is not the one reported", cs)
	}
	if !futureHeld(tokenize("The talks are to take place in Riga.", 0, len("The talks are to take place in Riga."))) {
		t.Error("\"are to take place\" is a meeting to come")
	}
	if futureHeld(tokenize("The talks were held in Riga.", 0, len("The talks were held in Riga."))) {
		t.Error("\"were held\" is a meeting held")
	}
}
