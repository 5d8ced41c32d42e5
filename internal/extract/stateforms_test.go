package extract

import "testing"

// "the Kingdom", "the Sultanate" stand for the one country of that form the
// text names, else the only one there is.
func TestStateForms(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 3 May 2021, Sayyid Faisal bin Said, Minister of Defence Affairs, received General John Miller, Commander of U.S. Central Command, who is visiting the Sultanate.",
			"OM US", "OM"},
		{"On 3 May 2021, Lieutenant General Fahd Al-Otaibi received General John Miller, Commander of U.S. Central Command, in Riyadh. They reviewed the ties between the Kingdom and the United States.",
			"SA US", "SA"},
		// two kingdoms named: "the Kingdom" is neither
		{"On 3 May 2021, General John Miller, Commander of U.S. Central Command, who is visiting the Kingdom, met officials from Jordan and Bahrain.",
			"US", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
	if got := stateFormCountry("sultanate", map[string]bool{}); got != "OM" {
		t.Errorf("the Sultanate: %q, want OM", got)
	}
	if got := stateFormCountry("kingdom", map[string]bool{}); got != "" {
		t.Errorf("the Kingdom with none named: %q, want none", got)
	}
}

// A meeting whose verb tells of a host, of two countries nothing places, is
// held in the reporting outlet's country when it is one of them.
func TestHostAtHome(t *testing.T) {
	for _, c := range []struct {
		url   string
		class int
		want  string
	}{
		{"https://www.gna.org.gh/news/1", aGuest, "GH"},
		{"https://www.gna.org.gh/news/1", aNeutral, ""}, // "met": no host told
		{"https://www.example.com/news/1", aGuest, ""},  // an outlet of neither
		{"https://www.kuna.net.kw/news/1", aGuest, ""},  // an outlet of a third country
	} {
		u := c.url
		b := &builder{opt: Options{URL: &u}}
		m := &meetingDraft{anchor: anchor{class: c.class}}
		m.addDlg("GH", 0, 0.8)
		m.addDlg("TG", 0, 0.8)
		b.hostAtHome(m)
		if m.host != c.want {
			t.Errorf("%s class %d: host %q, want %q", c.url, c.class, m.host, c.want)
		}
	}
}

// A report that names no one at the meeting: two countries named as a pair
// with a word of meeting or signing are its sides; "in <town>, <country>"
// places it.
func TestPairSides(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"The plan of military cooperation between Ghana and Togo for 2022 was signed in Accra on 3 May 2021. The plan covers training.", "GH TG", "GH"},
		{"On 3 May 2021, Ghana and Togo signed a memorandum on border security. The memorandum covers patrols.", "GH TG", ""},
		{"The third meeting of the Ghana-Togo Joint Military Commission took place in Aflao, Togo, on 3 May 2021. It reviewed patrols.", "GH TG", "TG"},
		{"Ghana, Togo Defence Chiefs Hold Talks\n\nThe two chiefs reviewed border patrols on 3 May 2021. Training was discussed.", "GH TG", ""},
		{"The Fourth Bilateral Staff Conference between the Ghana Armed Forces and the Togolese Armed Forces was declared open in Accra on 3 May 2021. The conference lasts three days.", "GH TG", "GH"},
		{"There were no disagreements between Ghanaian and Togolese military leaders during the visit to Lome on 3 May 2021, the minister said. Exercises were discussed.", "GH TG", "TG"},
		// a pair that is no meeting's
		{"Trade between Ghana and Togo grew in 2021. Exports rose.", "", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// A plural title lists the countries of a meeting of more than two.
func TestPluralSides(t *testing.T) {
	for _, text := range []string{
		"On 3 May 2021, the defence ministers of Ghana, Togo and Benin held a trilateral meeting in Accra. They discussed border security.",
		"On 3 May 2021, a trilateral meeting of the defence ministers of Ghana, Togo and Benin was held in Accra. They discussed border security.",
		"On 3 May 2021, Ghanaian, Togolese and Beninese defence ministers met in Accra. They discussed border security.",
	} {
		cs, host, _ := sidesOf(t, text)
		if cs != "BJ GH TG" || host != "GH" {
			t.Errorf("%q:\n got countries %q host %q, want BJ GH TG, GH", text, cs, host)
		}
	}
}

// A report with no meeting sentence and no pair of countries: the
// officials of its first paragraph, of two countries, are its sides.
func TestPeopleSides(t *testing.T) {
	cs, host, heads := sidesOf(t, "The Chief of Defence Staff of Ghana, Gen. Kofi Mensah, has pledged to sustain ties with the Togolese armed forces. "+
		"Mensah stated this at a dinner organised in honour of the Chief of Defence Staff of Togo, Gen. Essi Agbo, on Thursday in Accra.\n\n"+
		"Agbo and his entourage are in Ghana on an official visit.")
	if cs != "GH TG" || host != "GH" || heads["GH"] != "Kofi Mensah" || heads["TG"] != "Essi Agbo" {
		t.Errorf("got countries %q host %q heads %v", cs, host, heads)
	}
}
