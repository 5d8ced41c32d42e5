package extract

import "testing"

// An ambassador or attaché meets in the country of their post, whose
// official the text names without a country.
func TestHostFromPosting(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 3 May 2021, the Ambassador of France to Nepal Jean Dupont paid a courtesy call on Chief of the Army Staff General Ram Thapa at Army Headquarters.",
			"FR NP", "NP"},
		{"On 3 May 2021, Chief of the Army Staff General Ram Thapa received the Indian Ambassador to Nepal, Arun Kumar, at Army Headquarters.",
			"IN NP", "NP"},
		{"On 3 May 2021, the defence attaché of the Canadian Embassy in Kathmandu, Colonel Mark Stone, held talks with the Chief of the Army Staff, General Ram Thapa.",
			"CA NP", "NP"},
		// an embassy named, but no post of the person: nothing follows
		{"On 3 May 2021, Defence Minister Jan Novak met Estonian Defence Minister Peeter Tamm after a reception in the embassy garden.",
			"EE", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got countries %q host %q, want %q %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// "X, Minister of Defence, South Africa called on Y": the country set off
// by commas after the position is the person's.
func TestAppositiveCountry(t *testing.T) {
	u := "https://www.gna.org.gh/news/1"
	res := Extract("On 3 May 2021, Thandi Mokoena, Minister of Defence, South Africa called on General Kofi Mensah, Chief of the Defence Staff, at Burma Camp.", Options{URL: &u})
	got := map[string]string{}
	for _, d := range res.Meeting.Delegations {
		if d.Head != nil {
			got[d.Country] = d.Head.Name
		}
	}
	if got["ZA"] != "Thandi Mokoena" || got["GH"] != "Kofi Mensah" {
		t.Errorf("heads %v, want ZA Thandi Mokoena and GH Kofi Mensah", got)
	}
}

// A participant named without a country is of the partner of a pair of
// countries written together, one of which takes part already.
func TestPairedCountry(t *testing.T) {
	for _, c := range []struct{ text, countries string }{
		{"On 3 May 2021, Defence Minister Arjun Rao held a telephone conversation with US Defence Secretary John Miller. India and the US discussed regional security.",
			"IN US"},
		{"On 3 May 2021, Defence Minister Arjun Rao held a telephone conversation with US Defence Secretary John Miller. They spoke about India-US defence ties.",
			"IN US"},
		// a pair that is no side of the talks: "co-organised by A and B, on ..."
		{"On 3 May 2021, Defence Minister Arjun Rao held a telephone conversation with US Defence Secretary John Miller about a forum co-organised by France and the US, on 1 May.",
			"US"},
	} {
		cs, _, _ := sidesOf(t, c.text)
		if cs != c.countries {
			t.Errorf("%q:\n got countries %q, want %q", c.text, cs, c.countries)
		}
	}
}

// "arrived Abuja": a visit's destination written without "in".
func TestArrivedWithoutIn(t *testing.T) {
	cs, host, _ := sidesOf(t, "The Minister of Armed Forces of Togo, Essi Mensah, arrived Abuja on Tuesday, 4 May 2021, for a two-day working visit. She was received by the Minister of Defence, Musa Bello.")
	if cs != "NG TG" || host != "NG" {
		t.Errorf("got countries %q host %q, want NG TG, NG", cs, host)
	}
}

// "General X of France", "from the United States", "France's General X".
func TestMentionCountries(t *testing.T) {
	for _, c := range []struct{ text, countries string }{
		{"On 3 May 2021, General Kofi Mensah of Ghana met General Jean Dupont of France. They discussed cooperation.", "FR GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met General Jean Dupont from France. They discussed cooperation.", "FR GH"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah met France's General Jean Dupont. They discussed cooperation.", "FR GH"},
	} {
		cs, _, _ := sidesOf(t, c.text)
		if cs != c.countries {
			t.Errorf("%q:\n got countries %q, want %q", c.text, cs, c.countries)
		}
	}
}

// A country after "of" in the clause of a person the title grammar gives
// no position: "Y CBE-Assistant Chief of Defence Staff of UK".
func TestClauseCountry(t *testing.T) {
	cs, _, heads := sidesOf(t, "The GAF Chief of Defence Staff General Kofi Mensah on Tuesday met with Maj Gen John Hill CBE-Assistant Chief of Defence Staff (Engagement) of UK at the Ministry of Defence in Accra. The two generals reviewed cooperation between Ghana and the UK.")
	if cs != "GB GH" || heads["GB"] != "John Hill" || heads["GH"] != "Kofi Mensah" {
		t.Errorf("got countries %q heads %v, want GB John Hill and GH Kofi Mensah", cs, heads)
	}
}

// An attaché introduced before the meeting's sentence: the post named at
// any mention places the meeting, and "of A to B" tells where from.
func TestPostingEarlierMention(t *testing.T) {
	cs, host, heads := sidesOf(t, "Colonel Jean Dupont, the newly appointed Defence Attaché (DA) of France to Ghana, paid a courtesy visit to the Military Academy on 3 May 2021.\n\n"+
		"The meeting was with the Commandant of the Academy, Brigadier General Kofi Mensah.\n\n"+
		"Brig Gen Kofi Mensah welcomed Colonel Dupont, congratulating him on his new appointment.")
	if cs != "FR GH" || host != "GH" || heads["FR"] != "Jean Dupont" || heads["GH"] != "Kofi Mensah" {
		t.Errorf("got countries %q host %q heads %v, want FR GH, GH, FR Jean Dupont, GH Kofi Mensah", cs, host, heads)
	}
}

// A country named for an institution after a quotation that spoke of
// "ties between the two nations" is not taken for one of several.
func TestClauseStart(t *testing.T) {
	text := `"ties between the two nations," the Maldives National Defence Force said`
	T := tokenize(text, 0, len(text))
	k := 0
	for i, t := range T {
		if t.s == "Maldives" {
			k = i
		}
	}
	if st := clauseStart(T, k, 8); findWord(T, st, k, "between") >= 0 {
		t.Errorf("clause of %q starts at %d, before the quotation's end", T[k].s, st)
	}
}

// A person whose position names no country takes the country of a service
// set off by commas right after the name.
func TestServiceAfterPositionedName(t *testing.T) {
	text := "On 4 September 2018, the Chairman of the Joint Chiefs of Staff, General Joseph Miller, US Marine Corps, visited the Hellenic National Defence General Staff. During talks with Chief of the General Staff Admiral Nikos Pappas, Turkish Armed Forces were discussed."
	cs, _, _ := sidesOf(t, text)
	if cs != "GR US" {
		t.Errorf("countries %q, want GR US", cs)
	}
}

// A guest received by their own country's ambassador is in the country of
// the ambassador's post.
func TestReceivedByAmbassador(t *testing.T) {
	text := "On 15 January 2023, Turkish National Defense Minister Hulusi Akar was welcomed by Turkish Ambassador to London Umit Yalcin at the airport upon his arrival to meet British Defense Minister Ben Wallace."
	_, host, _ := sidesOf(t, text)
	if host != "GB" {
		t.Errorf("host %q, want GB", host)
	}
}
