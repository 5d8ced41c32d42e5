package extract

import (
	"slices"
	"strings"
	"testing"
)

// officialsOf returns "CC|Name" for every head and member of the draft's
// delegations, sorted.
func officialsOf(text string) []string {
	res := Extract(text, Options{})
	var got []string
	for _, dl := range res.Meeting.Delegations {
		if dl.Head != nil {
			got = append(got, dl.Country+"|"+dl.Head.Name)
		}
		for _, o := range dl.Members {
			got = append(got, dl.Country+"|"+o.Name)
		}
	}
	slices.Sort(got)
	return got
}

func TestNamesAfterTitles(t *testing.T) {
	const tail = " They discussed regional security and cooperation."
	for _, c := range []struct{ text, want string }{
		// a family name that is a common noun elsewhere, after a title
		{"On 2 June 2024, South Korean Vice Defense Minister Park Min-ho met Polish Deputy Defence Minister Adam Nowicki in Seoul.",
			"KR|Park Min-ho PL|Adam Nowicki"},
		// a given name that is a month's abbreviation elsewhere
		{"On 2 June 2024, Chinese Defense Minister Li Jun met Czech Deputy Minister Jan Dvorak in Beijing.",
			"CN|Li Jun CZ|Jan Dvorak"},
		// a family name in capitals after a title and its comma
		{"On 2 June 2024, the Ambassador of Japan to Estonia, SUZUKI Taro, met Estonian Defence Minister Kalev Tamm in Tallinn.",
			"EE|Kalev Tamm JP|SUZUKI Taro"},
		// particles in a row inside a name
		{"On 2 June 2024, Dutch Defence Minister Pieter van der Berg met Belgian Defence Minister Luc de la Cruz in The Hague.",
			"BE|Luc de la Cruz NL|Pieter van der Berg"},
		// a one-word place that ends a name after a rank
		{"On 2 June 2024, Polish Defence Minister Adam Nowicki received Colonel Maria Lima of the Brazilian Army in Warsaw.",
			"BR|Maria Lima PL|Adam Nowicki"},
		// "of <Country>" after a ranked name; a rank's mark in brackets
		{"On 2 June 2024, Admiral Kenji Mori of Japan met Rear Admiral (Lower Half) Tom Hill of the Royal Australian Navy in Tokyo.",
			"AU|Tom Hill JP|Kenji Mori"},
		// "of A and ... of B": the country before "and" is the first person's
		{"On 2 June 2024, Defence Minister Kalev Tamm of Estonia and Defence Minister Juris Ozols of Latvia met in Riga.",
			"EE|Kalev Tamm LV|Juris Ozols"},
		// the civilian secretaries of the US military departments
		{"On 2 June 2024, Under Secretary of the Army John Doe met Estonian Defence Minister Kalev Tamm in Tallinn.",
			"EE|Kalev Tamm US|John Doe"},
		// "Rt Hon" before a name, after the position and its comma
		{"On 2 June 2024, the Secretary of State for Defence, Rt Hon John Bell MP, hosted the French Minister of the Armed Forces, Anne Roux, in London.",
			"FR|Anne Roux GB|John Bell"},
	} {
		if got := officialsOf(c.text + tail); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}

func TestOfCountriesCoordinated(t *testing.T) {
	d := parse("On 2 June 2024, the two ministers, Pieter Smit of the Netherlands and Luc Janssens of Belgium, signed a plan in Brussels.")
	got := map[string]string{}
	for _, m := range d.people {
		got[m.name] = m.country
	}
	if got["Pieter Smit"] != "NL" || got["Luc Janssens"] != "BE" {
		t.Errorf("countries %v, want Pieter Smit NL, Luc Janssens BE", got)
	}
}

func TestNameShapes(t *testing.T) {
	const tail = " They discussed regional security and cooperation."
	for _, c := range []struct{ text, want string }{
		// a person known by one name, straight after the position
		{"On 2 June 2024, Defence Minister Suharto received Australian Defence Minister Tom Reid in Jakarta.",
			"AU|Tom Reid ID|Suharto"},
		// bare initials after a rank
		{"On 2 June 2024, Bangladesh Army Chief General A K Rahman met Indian Army Chief General Vijay Rao in Dhaka.",
			"BD|A K Rahman IN|Vijay Rao"},
		// a retirement mark with a full stop does not end the sentence
		{"On 2 June 2024, Estonian Defence Minister Kalev Tamm met Lt. Gen. (Retd.) John Obi, the Nigerian Ambassador to Estonia, in Tallinn.",
			"EE|Kalev Tamm NG|John Obi"},
		// a Korean given name makes the noun before it a family name
		{"On 2 June 2024, Park Min-ho, South Korean Vice Defense Minister, met Polish Deputy Defence Minister Adam Nowicki in Seoul.",
			"KR|Park Min-ho PL|Adam Nowicki"},
	} {
		if got := officialsOf(c.text + tail); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
	// "Minister Responsible for ...": a title, not a person
	d := parse("On 2 June 2024, the Minister Responsible for Defence Affairs met him." + tail)
	for _, m := range d.people {
		if m.ok {
			t.Errorf("person %q in a title", m.name)
		}
	}
}

func TestMoreRanks(t *testing.T) {
	for text, want := range map[string]string{
		"On 2 June 2024, Senior Lieutenant General Le Van Minh met them.": "Senior Lieutenant General",
		"On 2 June 2024, Sen. Lieut. Gen. Le Van Minh met them.":          "Senior Lieutenant General",
		"On 2 June 2024, Senior Colonel Wang Lei met them.":               "Senior Colonel",
		"On 2 June 2024, Captain 2nd Rank Ivan Orlov met them.":           "Captain Second Rank",
		"On 2 June 2024, Gp Capt Ravi Menon met them.":                    "Group Captain",
		"On 2 June 2024, R. Adm. John Hill met them.":                     "Rear Admiral",
	} {
		got := ""
		for _, m := range parse(text).people {
			if m.ok {
				got = m.rank
				break
			}
		}
		if got != want {
			t.Errorf("%q: rank %q, want %q", text, got, want)
		}
	}
	// "Sen" is still a name: "Hun Sen"
	if d := parse("On 2 June 2024, Prime Minister Hun Sen met them."); len(d.people) == 0 || d.people[0].written != "Hun Sen" {
		t.Errorf("Hun Sen not read as one name: %+v", d.people)
	}
}

func TestTitleCaseSentenceLines(t *testing.T) {
	// a sentence whose long words are all capitalised is still body text,
	// and a teaser cut off with an ellipsis repeating the body is not
	text := "Defence Talks In Baku\n\nAzerbaijani Defence Minister Ilgar Mammadov met Georgian Chief of General Staff Giorgi Beridze in Baku on 2 June 2024.\n\nThey discussed regional security and cooperation.\n"
	got := officialsOf(text)
	if len(got) != 2 {
		t.Errorf("officials %q, want two", got)
	}
	page := "Minister Ilgar Mammadov met the visiting chief of the general ...\n\nMinister Ilgar Mammadov met the visiting chief of the general staff in Baku.\n"
	ls := splitLines(page)
	classify(page, ls)
	if ls[0].kind != lkFurniture {
		t.Errorf("teaser line kind %d, want furniture", ls[0].kind)
	}
}

func TestLoneNames(t *testing.T) {
	// a family name written first, alone as a subject later
	got := writtenNames("On 2 June 2024, Chinese State Councilor Li Wenbo met Nepalese Army Chief Ram Thapa in Beijing. Li said the two armies were friends.")
	if got["Li"] != "Li Wenbo" {
		t.Errorf("Li: %q, want Li Wenbo (%v)", got["Li"], got)
	}
	// a surname alone in the body, the full name in the headline
	page := "Nepalese Army Chief Ram Bahadur Thapa Visits China\n\nThapa held talks with Chinese officials in Beijing on 2 June 2024. They discussed regional security and cooperation.\n"
	if got := writtenNames(page); got["Thapa"] != "Ram Bahadur Thapa" {
		t.Errorf("Thapa: %q, want Ram Bahadur Thapa (%v)", got["Thapa"], got)
	}
}

func TestMoreTitles(t *testing.T) {
	const tail = " They discussed regional security and cooperation."
	for _, c := range []struct{ text, want string }{
		{"On 2 June 2024, Chinese State Councilor Li Wenbo met Nepalese Army Chief Ram Thapa in Beijing.",
			"CN|Li Wenbo NP|Ram Thapa"},
		{"On 2 June 2024, Estonian Defence Minister Kalev Tamm met the Japanese Amb. Taro Sato in Tallinn.",
			"EE|Kalev Tamm JP|Taro Sato"},
		// the nouns of a body's name are no name: "Martyrdom Sites"
		{"On 2 June 2024, Estonian Defence Minister Kalev Tamm met Polish Secretary of the Council for the Protection of Struggle and Martyrdom Sites Jan Nowak in Tallinn.",
			"EE|Kalev Tamm PL|Jan Nowak"},
	} {
		if got := officialsOf(c.text + tail); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}

func TestNameVariants(t *testing.T) {
	// a surname spelt another way later
	got := writtenNames("On 2 June 2024, Field Marshal Tesfaye Alemayehu met Turkish Defence Minister Yasar Guler in Ankara. Field Marshal Alemayahu thanked him.")
	if got["Alemayahu"] != "Tesfaye Alemayehu" {
		t.Errorf("Alemayahu: %q, want Tesfaye Alemayehu (%v)", got["Alemayahu"], got)
	}
	// "H. E." is His Excellency, not two initials; a one-word name before "and"
	got = writtenNames("On 2 June 2024, H. E. Sok Chenda met Prime Minister Orban and President Vucic.")
	if got["Sok Chenda"] != "Sok Chenda" || got["Orban"] != "Orban" || got["Vucic"] != "Vucic" {
		t.Errorf("names %v", got)
	}
	if !oneEdit("huneiti", "hunaiti") || !oneEdit("birhanu", "berhanu") || oneEdit("hasanov", "hasanova1") || oneEdit("abc", "abc") {
		t.Error("oneEdit")
	}
}

// writtenNames maps each name as a text writes it to the person it names.
func writtenNames(text string) map[string]string {
	out := map[string]string{}
	for _, m := range parse(text).people {
		if m.ok {
			out[m.written] = m.name
		}
	}
	return out
}

// A capitalised word of a title ("… for Defence Policy") is no policy of
// the person named after it.
func TestPolicyInTitle(t *testing.T) {
	got := officialsOf("On 2 June 2024, Estonian State Secretary for Defence Policy Kalev Tamm met Latvian Defence Minister Janis Ozols in Tallinn. They discussed regional security and cooperation.")
	if strings.Join(got, " ") != "EE|Kalev Tamm LV|Janis Ozols" {
		t.Errorf("officials %q, want Kalev Tamm and Janis Ozols", got)
	}
	// a policy of a person's is still no meeting with them
	got = officialsOf("On 2 June 2024, Estonian Defence Minister Kalev Tamm met Latvian Defence Minister Janis Ozols in Tallinn. They discussed the policy of Ivan Petrov.")
	if strings.Join(got, " ") != "EE|Kalev Tamm LV|Janis Ozols" {
		t.Errorf("officials %q, want Kalev Tamm and Janis Ozols alone", got)
	}
}
