package extract

import (
	"slices"
	"strings"
	"testing"
)

// Officials of a participating country named elsewhere in the meeting's
// section with a rank or position are members of its delegation.
func TestMoreMembers(t *testing.T) {
	res := Extract("On 3 May 2021, Ghanaian Defence Minister Kofi Mensah held talks with his Nigerian counterpart Ibrahim Musa in Accra. "+
		"The talks covered border security. Nigerian Chief of Defence Staff General Tunde Bello briefed the ministers on the exercise.", Options{})
	var members []string
	for _, d := range res.Meeting.Delegations {
		if d.Country == "NG" {
			for _, p := range d.Members {
				members = append(members, p.Name)
			}
		}
	}
	if !slices.Contains(members, "Tunde Bello") {
		t.Errorf("NG members %v, want Tunde Bello among them", members)
	}
}

// A host named without a country is not guessed into the country of the
// delegation received; "The delegation was headed by X" gives the guests
// their head.
func TestGuestDelegationNotTheHosts(t *testing.T) {
	cs, _, heads := sidesOf(t, "On 3 May 2021, Minister for Defence Kofi Mensah received a delegation from Nigeria at the Ministry. "+
		"The delegation was headed by the Chief of Defence Staff, General Tunde Bello. Minister Mensah welcomed the guests. He thanked the Nigerian delegation for the visit.")
	if cs != "NG" || heads["NG"] != "Tunde Bello" {
		t.Errorf("got countries %q heads %v, want NG headed by Tunde Bello (the host's country is not told)", cs, heads)
	}
	cs, _, heads = sidesOf(t, "On 3 May 2021, the Minister of Defence Kofi Mensah met with the delegation of the Turkish Armed Forces. "+
		"The talks covered training.")
	if heads["TR"] == "Kofi Mensah" {
		t.Errorf("got countries %q heads %v: the host is no Turk", cs, heads)
	}
}

// "the Sultanate's side was chaired by X, while the Qatari side was
// chaired by Y": each heads the side named before them.
func TestSideChairedBy(t *testing.T) {
	cs, host, heads := sidesOf(t, "The Sultanate's side was chaired by Sayyid Faisal bin Said, Minister of Defence Affairs, while the Qatari side was chaired by Sheikh Hamad bin Ali, Minister of State for Defence, at talks held in Muscat on 3 May 2021.")
	if cs != "OM QA" || host != "OM" || heads["OM"] != "Faisal bin Said" || heads["QA"] != "Hamad bin Ali" {
		t.Errorf("got countries %q host %q heads %v", cs, host, heads)
	}
}

// The one delegation known only from the headline gets the one person of
// the meeting's sentence left without a country; a subject who met "the
// delegation led by" someone hosts.
func TestHeadlessLeft(t *testing.T) {
	cs, _, heads := sidesOf(t, "Ghana, Togo defence chiefs meet\n\nOn 3 May 2021, General Kofi Mensah, Chief of the Defence Staff of Ghana, met with General Essi Agbo. The sides discussed cooperation.")
	if cs != "GH TG" || heads["TG"] != "Essi Agbo" {
		t.Errorf("got countries %q heads %v, want TG headed by Essi Agbo", cs, heads)
	}
	cs, host, _ := sidesOf(t, "Ghana, Togo discuss military cooperation\n\nOn 3 May 2021, Chief of the Defence Staff General Kofi Mensah met with the delegation led by Togolese General Essi Agbo. The sides discussed cooperation.")
	if cs != "GH TG" || host != "GH" {
		t.Errorf("got countries %q host %q, want GH TG, GH", cs, host)
	}
}

// A meeting with one side found gets the other from a pair of countries
// named with it, else from the country most named for its institutions.
func TestLonePartner(t *testing.T) {
	for _, c := range []struct{ text, countries string }{
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah held talks with Essi Agbo. They discussed cooperation between Ghana and Togo in border security.", "GH TG"},
		{"On 3 May 2021, Ghanaian Defence Minister Kofi Mensah held talks with Essi Agbo. They discussed training for the Togolese Armed Forces and a visit of the Togolese Navy.", "GH TG"},
	} {
		cs, _, _ := sidesOf(t, c.text)
		if cs != c.countries {
			t.Errorf("%q:\n got countries %q, want %q", c.text, cs, c.countries)
		}
	}
}

// "The delegation was headed by X" comes before other members named later
// ("the delegation included Y"), and the host found first stays.
func TestHeadedByBeforeMembers(t *testing.T) {
	cs, host, heads := sidesOf(t, "On 3 May 2021, a security delegation from Ghana visited the Togolese Armed Forces Chief of Staff at the headquarters in Lome.\n\n"+
		"The delegation was headed by the National Security Coordinator of Ghana, Major General Kofi Mensah.\n\n"+
		"Other personnel in the delegation included Ghana Armed Forces Chief of the Defence Staff, Vice Admiral Yaw Owusu, who travelled with his aides.\n\n"+
		"Meanwhile, this morning, Vice Admiral Yaw Owusu and his delegation paid a courtesy call on the Togolese Navy chief.")
	if cs != "GH TG" || host != "TG" || heads["GH"] != "Kofi Mensah" {
		t.Errorf("got countries %q host %q heads %v, want GH TG, TG, GH headed by Kofi Mensah", cs, host, heads)
	}
}

// People on one side of the verb share its one country when the other
// side is of another: "X met Defence Minister Y and Ghanaian Air Force
// chief Z".
func TestSideMates(t *testing.T) {
	_, _, heads := sidesOf(t, "On 3 May 2021, Togolese Defence Forces Chief Essi Agbo met Defence Minister Kofi Mensah and Ghanaian Air Force chief Yaw Owusu. They discussed training.")
	if heads["GH"] != "Kofi Mensah" || heads["TG"] != "Essi Agbo" {
		t.Errorf("heads %v, want GH Kofi Mensah, TG Essi Agbo", heads)
	}
}

// A meeting told first by offices alone and then with names: the names
// head the two sides, and the second sentence's verb gives the host.
func TestNamedLater(t *testing.T) {
	text := "Turkey's defense minister met with his British counterpart on March 12. Hulusi Akar received Ben Wallace with a military ceremony. After the ceremony, the two ministers held a meeting with their delegations."
	cs, host, heads := sidesOf(t, text)
	if cs != "GB TR" || host != "TR" || heads["TR"] != "Hulusi Akar" || heads["GB"] != "Ben Wallace" {
		t.Errorf("countries %q host %q heads %v, want GB TR, host TR, heads Hulusi Akar and Ben Wallace", cs, host, heads)
	}
}

// One person never heads two delegations: the country the text gives the
// person keeps them, and a delegation left with no one goes.
func TestOneSidePerPerson(t *testing.T) {
	d := parse("Defence Minister Hulusi Akar of Turkey spoke.")
	b := &builder{d: d}
	idx := -1
	for i, p := range d.people {
		if p.name == "Hulusi Akar" {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("no person Hulusi Akar")
	}
	m := &meetingDraft{}
	m.dlgs = []*dlgDraft{{code: "AM", head: idx, conf: 0.8}, {code: "TR", head: idx, conf: 0.5}, {code: "AZ", head: -1, conf: 0.8}}
	b.oneSidePerPerson(m)
	var got []string
	for _, x := range m.dlgs {
		got = append(got, x.code)
	}
	if !slices.Equal(got, []string{"TR", "AZ"}) || m.dlgs[0].head != idx {
		t.Errorf("delegations %v (head of the first %d), want [TR AZ] headed by %d", got, m.dlgs[0].head, idx)
	}
}

func TestOutletHead(t *testing.T) {
	const text = "On 3 March 2021, US Navy Admiral John Carter arrived in Lisbon for an official visit. " +
		"During talks with Chief of the General Staff Admiral Rui Sousa, the two officers discussed maritime security."
	heads := func(o Options) string {
		res := Extract(text, o)
		var got []string
		for _, dl := range res.Meeting.Delegations {
			if dl.Head != nil {
				got = append(got, dl.Country+"|"+dl.Head.Name)
			}
		}
		slices.Sort(got)
		return strings.Join(got, " ")
	}
	// a Portuguese outlet names its own chief without his country
	if got, want := heads(Options{URL: strp("https://news.example.pt/defence/visit")}), "PT|Rui Sousa US|John Carter"; got != want {
		t.Errorf("Portuguese outlet: heads %q, want %q", got, want)
	}
	// an outlet of no known country: nothing says whose he is
	if got, want := heads(Options{}), "US|John Carter"; got != want {
		t.Errorf("no outlet: heads %q, want %q", got, want)
	}
}

func TestOneNamePerPerson(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"initial and suffix", "On 3 March 2021, Defence Minister Rui Sousa of Portugal received US Secretary of the Navy Thomas B. Harker Jr. in Lisbon. " +
			"The talks were also attended by US Secretary of the Navy Thomas Harker and Portuguese Navy Chief Admiral Jose Melo.",
			"PT|Jose Melo PT|Rui Sousa US|Thomas B. Harker Jr."},
		{"familiar given name", "On 3 March 2021, Defence Minister Rui Sousa of Portugal received US Secretary of the Navy Thomas Harker in Lisbon. " +
			"The talks were also attended by US Secretary of the Navy Tom Harker and Portuguese Navy Chief Admiral Jose Melo.",
			"PT|Jose Melo PT|Rui Sousa US|Thomas Harker"},
		// another given name is another person
		{"other person", "On 3 March 2021, Defence Minister Rui Sousa of Portugal received US Secretary of the Navy Thomas Harker in Lisbon. " +
			"The talks were also attended by US Navy Captain Anna Harker and Portuguese Navy Chief Admiral Jose Melo.",
			"PT|Jose Melo PT|Rui Sousa US|Anna Harker US|Thomas Harker"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := delegationsOf(tc.text, Options{}); got != tc.want {
				t.Errorf("officials %q, want %q", got, tc.want)
			}
		})
	}
}

func TestMoreMembers_NotYet(t *testing.T) {
	const text = "On 3 May 2021, Ghanaian Defence Minister Kofi Mensah held talks with his Nigerian counterpart Ibrahim Musa in Accra. " +
		"Nigerian Chief of Defence Staff General Tunde Bello briefed the ministers on the exercise. " +
		"Musa also intends to meet Ghanaian Chief of Naval Staff Rear Admiral Kwame Osei on Friday. " +
		"A visit to Abuja by Ghanaian Chief of Army Staff Major General Yaw Boateng was postponed."
	if got, want := delegationsOf(text, Options{}), "GH|Kofi Mensah NG|Ibrahim Musa NG|Tunde Bello"; got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
}
