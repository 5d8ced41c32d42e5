package extract

import "testing"

// A name's last word after "bin" is the father's: "Prince Salman" is not
// "Muhammad bin Salman".
func TestFatherNameIsNoSurname(t *testing.T) {
	got := writtenNames("On 2 June 2024, Crown Prince Salman met British Defence Secretary Philip Hammond in Riyadh. " +
		"The talks were attended by Prince Muhammad bin Salman, head of the court. Prince Salman thanked him.")
	if got["Salman"] != "Salman" {
		t.Errorf("Salman: %q, want Salman (%v)", got["Salman"], got)
	}
	if got["Muhammad bin Salman"] != "Muhammad bin Salman" {
		t.Errorf("Muhammad bin Salman: %q (%v)", got["Muhammad bin Salman"], got)
	}
}

// A caption's mark of a place in the photo ("(2nd R)") does not part two
// people joined by "and": the second takes the first's country.
func TestPhotoMarkBetweenJoinedPeople(t *testing.T) {
	d := parse("Japanese Foreign Minister Taro Kono (2nd R) and Defense Minister Kenji Mori (R) attend a video conference with Australian Defence Minister Peter Dale.")
	for _, m := range d.people {
		if m.written == "Kenji Mori" && m.country != "JP" {
			t.Errorf("Kenji Mori: country %q, want JP", m.country)
		}
	}
	if e := photoMark(tokenize("(2nd R) and", 0, 11), 0); e != 4 {
		t.Errorf("photoMark: %d, want 4", e)
	}
	if e := photoMark(tokenize("(MoD) and", 0, 9), 0); e != 0 {
		t.Errorf("photoMark over an abbreviation: %d, want 0", e)
	}
}

// A title in a prepositional opening ("In addition to the Malaysian
// minister, X ...") is not the title of the subject that follows it.
func TestTitleOfOpeningPhrase(t *testing.T) {
	d := parse("Dr Ng Eng Hen met Mohamad Sabu. In addition to the Malaysian defence minister, Dr Ng also welcomed officials from Cambodia.")
	for _, m := range d.people {
		if m.written == "Ng" && (m.country != "" || m.pos != "") {
			t.Errorf("Ng: country %q, position %q; want none", m.country, m.pos)
		}
	}
}

// "General" after "Director", "Secretary-" or "Inspector" ends a civil
// title and is no rank.
func TestGeneralInCivilTitles(t *testing.T) {
	d := parse("Deputy Minister and Director General Agil Gurbanov met NATO Secretary-General Jens Stoltenberg and Army Commander General Roland Walker.")
	want := map[string]string{"Agil Gurbanov": "", "Jens Stoltenberg": "", "Roland Walker": "General"}
	for _, m := range d.people {
		if r, ok := want[m.written]; ok && m.rank != r {
			t.Errorf("%s: rank %q, want %q", m.written, m.rank, r)
		}
	}
}

// "Royal Air Force Air Commodore X": the rank is Air Commodore, though a
// service's name precedes it.
func TestAirRankAfterService(t *testing.T) {
	d := parse("He is accompanied by Royal Air Force Air Commodore Martin Sampson and Bangladesh Army General Aziz Ahmed.")
	want := map[string]string{"Martin Sampson": "Air Commodore", "Aziz Ahmed": "General"}
	for _, m := range d.people {
		if r, ok := want[m.written]; ok && m.rank != r {
			t.Errorf("%s: rank %q, want %q", m.written, m.rank, r)
		}
	}
}

// A title ending in a mixed-case abbreviation ("(MoD)") is the title of the
// name after it, and a title followed straight by a name is that name's,
// not an apposition to the name before the comma.
func TestTitleAcrossMixedAbbreviation(t *testing.T) {
	d := parse("The meeting was attended by Undersecretary of the Ministry of Defense (MoD) Sheikh Dr. Abdullah Mishal Al-Sabah, Italian Ambassador to the country Lorenzo Morini and senior officers.")
	for _, m := range d.people {
		switch m.written {
		case "Abdullah Mishal Al-Sabah":
			if m.pos != "Undersecretary of the Ministry of Defense (MoD)" || m.country != "" {
				t.Errorf("%s: position %q, country %q", m.written, m.pos, m.country)
			}
		case "Lorenzo Morini":
			if m.country != "IT" {
				t.Errorf("%s: country %q, want IT", m.written, m.country)
			}
		}
	}
}

// A name in quotes after its title keeps the title and the title's country.
func TestQuotedNameAfterTitle(t *testing.T) {
	d := parse(`The Chief of the General Staff of the Libyan Army, Lieutenant General "Muhammad Ali Al-Haddad", discussed with the Italian Minister of Defense, "Guido Crosetto", areas of cooperation.`)
	want := map[string]string{"Muhammad Ali Al-Haddad": "LY|Lieutenant General", "Guido Crosetto": "IT|"}
	for _, m := range d.people {
		if w, ok := want[m.written]; ok {
			if got := m.country + "|" + m.rank; got != w {
				t.Errorf("%s: %q, want %q", m.written, got, w)
			}
			delete(want, m.written)
		}
	}
	if len(want) > 0 {
		t.Errorf("not found: %v", want)
	}
}

// "Raksha Mantri" is India's Defence Minister.
func TestTitleInTheCountrysLanguage(t *testing.T) {
	d := parse("He called on Raksha Mantri Shri Rajnath Singh in New Delhi.")
	for _, m := range d.people {
		if m.written == "Rajnath Singh" && m.country != "IN" {
			t.Errorf("Rajnath Singh: country %q, want IN", m.country)
		}
	}
}

// The last word of a country's name of two words is no given name of the
// person named after it.
func TestCountryNameBeforeName(t *testing.T) {
	got := writtenNames("Accompanying him was the Ambassador of Thailand to Brunei Darussalam Boosara Kanchanalai.")
	if got["Boosara Kanchanalai"] != "Boosara Kanchanalai" {
		t.Errorf("names %v, want Boosara Kanchanalai", got)
	}
	// a one-word place after a title still is a given name
	got = writtenNames("He met Minister of Defense Israel Katz.")
	if got["Israel Katz"] != "Israel Katz" {
		t.Errorf("names %v, want Israel Katz", got)
	}
}

// A title and name set off by commas inside an opening phrase are an
// apposition: the title is the name's, not the subject's.
func TestAppositionInOpeningPhrase(t *testing.T) {
	d := parse("During his meetings with the Italian Minister of Defense, Guido Crosetto, and the Italian Chief of Staff, Giuseppe Cavo Dragone, Al-Haddad discussed cooperation.")
	want := map[string]string{"Guido Crosetto": "IT|Minister of Defense", "Giuseppe Cavo Dragone": "IT|Chief of Staff"}
	for _, m := range d.people {
		if w, ok := want[m.written]; ok {
			if got := m.country + "|" + m.pos; got != w {
				t.Errorf("%s: %q, want %q", m.written, got, w)
			}
		}
	}
}

// Ranks of several words written in lower case before a name, in either
// order ("general-lieutenant", "colonel-general"), as translations write them.
func TestLowerCaseRanks(t *testing.T) {
	d := parse("He met general-lieutenant Ivan Petrov and Defense Minister, colonel general Zakir Hasanov.")
	want := map[string]string{"Ivan Petrov": "Lieutenant General", "Zakir Hasanov": "Colonel General"}
	for _, m := range d.people {
		if r, ok := want[m.written]; ok && m.rank != r {
			t.Errorf("%s: rank %q, want %q", m.written, m.rank, r)
		}
	}
}

// A family name of two words in capitals after a given name and a title.
func TestCapitalisedFamilyNames(t *testing.T) {
	got := writtenNames("He met General Sahir SHAMSHAD MIRZA, NI (M), in Rawalpindi and Minister of Defence Pál KOVÁCS.")
	if got["Sahir SHAMSHAD MIRZA"] != "Sahir SHAMSHAD MIRZA" || got["Pál KOVÁCS"] != "Pál KOVÁCS" {
		t.Errorf("names %v", got)
	}
}

// A full name spelt once with a letter more or less is the same person.
func TestNameSpeltTwoWays(t *testing.T) {
	got := writtenNames("He met ambassador Safyah al-Sahil in Amman. The visit was attended by the Iraqi ambassador Safiyah al-Sahil. Ali Khan met Ali Khar.")
	if got["Safiyah al-Sahil"] != "Safyah al-Sahil" {
		t.Errorf("Safiyah al-Sahil: %q, want Safyah al-Sahil (%v)", got["Safiyah al-Sahil"], got)
	}
	// short words differ too often between two people
	if got["Ali Khar"] != "Ali Khar" {
		t.Errorf("Ali Khar: %q (%v)", got["Ali Khar"], got)
	}
	if !variantOf([]string{"lasses", "sand"}, []string{"lasse", "sand"}) || variantOf([]string{"lasse", "sand"}, []string{"lasse", "sand"}) ||
		variantOf([]string{"mohamad", "farad"}, []string{"mohamed", "farid"}) {
		t.Error("variantOf")
	}
}

// A name of two words is the one longer name with its first and last words.
func TestMiddleNamesLeftOut(t *testing.T) {
	got := writtenNames("Armed Forces minister Joaquin Virgilio Perez visited the command. Minister Joaquin Perez thanked General Douglas Fraser.")
	if got["Joaquin Perez"] != "Joaquin Virgilio Perez" {
		t.Errorf("Joaquin Perez: %q (%v)", got["Joaquin Perez"], got)
	}
	// a father's name between is another person's name
	got = writtenNames("Sheikh Hamdan bin Zayed Nahyan met Sheikh Hamdan Nahyan.")
	if got["Hamdan Nahyan"] != "Hamdan Nahyan" {
		t.Errorf("Hamdan Nahyan: %q (%v)", got["Hamdan Nahyan"], got)
	}
}

// A service's words between a country and a rank: "Chinese Defence General X".
func TestCountryServiceRank(t *testing.T) {
	d := parse("Defence Minister Tea Banh meets with Chinese Defence General Zhao Wenhua and Pakistan Navy Commodore Ali Khan.")
	want := map[string]string{"Zhao Wenhua": "CN", "Ali Khan": "PK", "Tea Banh": ""}
	for _, m := range d.people {
		if c, ok := want[m.written]; ok && m.country != c {
			t.Errorf("%s: country %q, want %q", m.written, m.country, c)
		}
	}
}
