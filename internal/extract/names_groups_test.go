package extract

import "testing"

// countriesOfPeople returns the country read for each person named.
func countriesOfPeople(text string) map[string]string {
	out := map[string]string{}
	for _, m := range parse(text).people {
		if m.ok {
			out[m.name] = m.country
		}
	}
	return out
}

func TestGroupCountries(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]string
	}{
		// the members a delegation's list names
		{"On 2 June 2024, the Latvian delegation included Major General Juris Ozols and Colonel Andris Berzins.",
			map[string]string{"Juris Ozols": "LV", "Andris Berzins": "LV"}},
		// officials of a government, "including"
		{"On 2 June 2024, he met senior officials of the Estonian government, including Chief of Staff Kalev Tamm and Foreign Minister Mari Kask.",
			map[string]string{"Kalev Tamm": "EE", "Mari Kask": "EE"}},
		// the head of a delegation "led by"
		{"On 2 June 2024, a Kenyan delegation led by the Chief of Defence Forces, General Peter Njoroge, arrived in Accra.",
			map[string]string{"Peter Njoroge": "KE"}},
		// a ruler's title after an honorific is no part of the name
		{"On 2 June 2024, His Majesty Sultan Qaboos bin Said of Oman received the guests.",
			map[string]string{"Qaboos bin Said": "OM"}},
	} {
		got := countriesOfPeople(c.text)
		for name, want := range c.want {
			if got[name] != want {
				t.Errorf("%q: %s in %q, want %q (all %v)", c.text, name, got[name], want, got)
			}
		}
	}
}

func TestPartialTitles(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]string
	}{
		// a bare middle initial; "Mohd." in a name
		{"On 2 June 2024, Indian Navy chief Admiral Vijay K Rao met Malaysian Army Chief General Mohd. Zaki Hassan in Delhi.",
			map[string]string{"Vijay K Rao": "IN", "Mohd. Zaki Hassan": "MY"}},
		// an honorific or a reserve mark in brackets between rank and name
		{"On 2 June 2024, Maj Gen (Dr) Ahmed Khalil of Egypt met Brigadier General (Res.) Amir Levi of Israel.",
			map[string]string{"Ahmed Khalil": "EG", "Amir Levi": "IL"}},
		// a title's abbreviation after a demonym
		{"On 2 June 2024, Ugandan CDF Gen Peter Okello met Kenyan CDF Gen John Mwangi.",
			map[string]string{"Peter Okello": "UG", "John Mwangi": "KE"}},
	} {
		got := countriesOfPeople(c.text)
		for name, want := range c.want {
			if got[name] != want {
				t.Errorf("%q: %s in %q, want %q (all %v)", c.text, name, got[name], want, got)
			}
		}
	}
	// a rank of another army's vocabulary; a gap the vocabulary lacks
	// between position and name keeps the position
	d := parse("On 2 June 2024, French Chief of Defence Staff Général d'armée Pierre Morel met them.")
	for _, m := range d.people {
		if m.ok && (m.rank != "Général d'armée" || m.pos != "Chief of Defence Staff") {
			t.Errorf("Pierre Morel: rank %q, position %q", m.rank, m.pos)
		}
	}
	d = parse("On 2 June 2024, Chief of Defence Staff Ammiraglio d'Armata Marco Rossi met them.")
	for _, m := range d.people {
		if m.ok && m.pos != "Chief of Defence Staff" {
			t.Errorf("Marco Rossi: position %q", m.pos)
		}
	}
	if !ordinal("1st") || !ordinal("22nd") || ordinal("2024") || ordinal("st") {
		t.Error("ordinal")
	}
}

func TestCountryAfterName(t *testing.T) {
	got := countriesOfPeople("On 2 June 2024, the defence ministers Kalev Tamm (Estonia) and Juris Ozols (Latvia) met Colonel Jan Nowak from Poland.")
	for name, want := range map[string]string{"Kalev Tamm": "EE", "Juris Ozols": "LV", "Jan Nowak": "PL"} {
		if got[name] != want {
			t.Errorf("%s in %q, want %q (all %v)", name, got[name], want, got)
		}
	}
}

func TestSharedRanks(t *testing.T) {
	d := parse("On 2 June 2024, Lieutenant Generals Kalev Tamm and Juris Kask of Estonia met Polish Colonel Adam Nowicki in Tallinn.")
	got := map[string]string{}
	for _, m := range d.people {
		if m.ok {
			got[m.name] = m.rank + "|" + m.country
		}
	}
	want := map[string]string{"Kalev Tamm": "Lieutenant General|EE", "Juris Kask": "Lieutenant General|EE", "Adam Nowicki": "Colonel|PL"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q (all %v)", name, got[name], w, got)
		}
	}
	// an army's capitals abbreviation of a rank; "was led by"
	got = countriesOfPeople("On 2 June 2024, the Estonian delegation was led by BG. Kalev Tamm, and met MG Adam Nowicki of Poland.")
	if got["Kalev Tamm"] != "EE" || got["Adam Nowicki"] != "PL" {
		t.Errorf("countries %v, want Kalev Tamm EE, Adam Nowicki PL", got)
	}
}

func TestListedPositions(t *testing.T) {
	d := parse("On 2 June 2024, the talks were attended from the Omani side by Lt Gen Said Harthi, Chief of Staff of the Armed Forces, Maj Gen Ali Balushi, Commander of the Army, and Rear Admiral Saif Raeesi, Commander of the Navy.")
	got := map[string]string{}
	for _, m := range d.people {
		if m.ok {
			got[m.name] = m.country + "|" + m.pos
		}
	}
	want := map[string]string{
		"Said Harthi": "OM|Chief of Staff of the Armed Forces",
		"Ali Balushi": "OM|Commander of the Army",
		"Saif Raeesi": "OM|Commander of the Navy",
	}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s: %q, want %q (all %v)", name, got[name], w, got)
		}
	}
	// a country after the appositive position
	got2 := countriesOfPeople("On 2 June 2024, Thandi Mokoena, Minister of Defence and Military Veterans, South Africa, called on General Asif Khan.")
	if got2["Thandi Mokoena"] != "ZA" {
		t.Errorf("countries %v, want Thandi Mokoena ZA", got2)
	}
}

func TestMoreNameForms(t *testing.T) {
	got := countriesOfPeople("On 2 June 2024, Egypt's Minister of Defence Omar Fathy met with the commander of US Africa Command (AFRICOM) Michael J Langley in Cairo.")
	if got["Michael J Langley"] != "US" {
		t.Errorf("countries %v, want Michael J Langley US", got)
	}
	names := map[string]bool{}
	for _, m := range parse("On 2 June 2024, Field Marshal Shaikh Salman bin Ali Al-Khalifa received Minister for Women Anna Kerr and Congresswoman Jane Price, and Admiral Nikos Petrou HN.").people {
		if m.ok {
			names[m.name] = true
		}
	}
	for _, n := range []string{"Salman bin Ali Al-Khalifa", "Anna Kerr", "Jane Price", "Nikos Petrou"} {
		if !names[n] {
			t.Errorf("%s not found: %v", n, names)
		}
	}
	// a list of people cut off at the end of the page is still text
	page := "Nairobi, 2 June 2024: Kenyan Defence Cabinet Secretary Aden Kamau received Ugandan Chief of Defence Forces General Peter Okello at the Ministry of Defence.\n\nThe Chief of Defence Intelligence, Maj.-Gen. Samuel Otieno, the Commandant\n"
	found := false
	for _, m := range parse(page).people {
		found = found || m.ok && m.name == "Samuel Otieno"
	}
	if !found {
		t.Error("the cut-off last line was not read")
	}
}

func TestServiceAndLeading(t *testing.T) {
	for _, c := range []struct {
		text string
		want map[string]string
	}{
		// a service set off after a name
		{"On 2 June 2024, General John Hale, US Marine Corps, visited the Hellenic General Staff.",
			map[string]string{"John Hale": "US"}},
		// a descriptor between "the" and the position after a name
		{"On 2 June 2024, Colonel Yves Kabore, the newly appointed Defence Attaché of Burkina Faso, visited the academy.",
			map[string]string{"Yves Kabore": "BF"}},
		// a sentence that opens by leading a group
		{"Leading the visiting delegation from the Brazilian Army, Commander of the 2nd Jungle Brigade, Major General Paulo Souza, thanked the hosts.",
			map[string]string{"Paulo Souza": "BR"}},
	} {
		got := countriesOfPeople(c.text)
		for name, want := range c.want {
			if got[name] != want {
				t.Errorf("%q: %s in %q, want %q (all %v)", c.text, name, got[name], want, got)
			}
		}
	}
}

func TestPlacesNamedForPeople(t *testing.T) {
	for _, m := range parse("On 2 June 2024, the talks were held in the Blue Room of the San Lorenzo Palace and at the Common Market headquarters.").people {
		if m.ok {
			t.Errorf("%q read as a person", m.name)
		}
	}
}

func TestCountriesAroundNames(t *testing.T) {
	got := countriesOfPeople("On 2 June 2024, the Pakistan Navy's Vice Admiral Omar Rafi met his counterpart from Azerbaijan, Rear Admiral Ilgar Aliyev, while Gen. Ahmed Saeed, Egypt, and Gen. Khalid Omar, Jordan, signed a protocol.")
	want := map[string]string{"Omar Rafi": "PK", "Ilgar Aliyev": "AZ", "Ahmed Saeed": "EG", "Khalid Omar": "JO"}
	for name, w := range want {
		if got[name] != w {
			t.Errorf("%s in %q, want %q (all %v)", name, got[name], w, got)
		}
	}
}
