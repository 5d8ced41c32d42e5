package extract

import (
	"strings"
	"testing"
)

// The items of a bulleted or numbered list after "The X delegation
// included:" are people of X's delegation, each item a paragraph of its own.
func TestListedMembers(t *testing.T) {
	text := "On 2 June 2024, Kenyan Defence Cabinet Secretary Aden Duale received British Defence Secretary John Healey in Nairobi.\n\n" +
		"The Kenyan delegation included:\n\n" +
		"• General Charles Kahariri, Chief of the Defence Forces\n" +
		"• Lieutenant General John Omenda, Vice Chief of the Defence Forces\n\n" +
		"The British side included:\n" +
		"1. Air Marshal Tom Hill, Chief of Defence Intelligence\n" +
		"2) Brigadier Ann Lee\n\n" +
		"They discussed training.\n"
	got := strings.Join(officialsOf(text), " ")
	want := "GB|Ann Lee GB|John Healey GB|Tom Hill KE|Aden Duale KE|Charles Kahariri KE|John Omenda"
	if got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
	// each item keeps its own title: the next item's rank is not the last
	// item's position
	for _, m := range parse(text).people {
		if m.written == "Charles Kahariri" && m.pos != "Chief of the Defence Forces" {
			t.Errorf("Charles Kahariri: position %q", m.pos)
		}
	}
	// a line of text ending with a colon and no list after it changes nothing
	plain := "On 2 June 2024, Kenyan Defence Cabinet Secretary Aden Duale received British Defence Secretary John Healey in Nairobi. They said:\n\nGeneral Charles Kahariri, Chief of the Defence Forces\n"
	if got := strings.Join(officialsOf(plain), " "); got != "GB|John Healey KE|Aden Duale" {
		t.Errorf("no list: officials %q", got)
	}
}

// Capitalised words that go on a body's name after "Commission on",
// "Centre for" name no person; a title with "of" before a name still does.
func TestBodyNamesAreNoPeople(t *testing.T) {
	got := writtenNames("She met the members of the Inter-American Commission on Human Rights and the Centre for Strategic Studies. She met Minister of Defense Israel Katz.")
	if _, ok := got["Human Rights"]; ok {
		t.Errorf("Human Rights read as a person: %v", got)
	}
	if _, ok := got["Strategic Studies"]; ok {
		t.Errorf("Strategic Studies read as a person: %v", got)
	}
	if got["Israel Katz"] != "Israel Katz" {
		t.Errorf("Israel Katz not read: %v", got)
	}
}

// A spokesman quoted on the meeting is no party to it.
func TestSpokesmenAreNoParty(t *testing.T) {
	got := strings.Join(officialsOf("On 2 June 2024, Egyptian Defence Minister Mohamed Zaki met US CENTCOM Commander General Michael Kurilla in Cairo, Egyptian army spokesman Colonel Gharib Abdel Hafez said. The meeting was attended by Pentagon Press Secretary John Kirby."), " ")
	if strings.Contains(got, "Gharib") || strings.Contains(got, "Kirby") {
		t.Errorf("officials %q: a spokesman is no party", got)
	}
	if !strings.Contains(got, "Mohamed Zaki") || !strings.Contains(got, "Michael Kurilla") {
		t.Errorf("officials %q: the principals are missing", got)
	}
}

// A father's name after a lower-case "ibni" and a name after "Al-Marhum" or
// "the late" are no one at the meeting.
func TestFathersAndTheLate(t *testing.T) {
	got := writtenNames("His Majesty Sultan Haji Hassanal Bolkiah ibni Al-Marhum Sultan Haji Omar Ali Saifuddien, Sultan of Brunei, received General Songwit Noonpackdee. He laid a wreath at the tomb of the late President Heydar Aliyev.")
	for _, n := range []string{"Omar", "Omar Ali Saifuddien", "Heydar Aliyev"} {
		if _, ok := got[n]; ok {
			t.Errorf("%s read as a person: %v", n, got)
		}
	}
	if got["Hassanal Bolkiah"] != "Hassanal Bolkiah" || got["Songwit Noonpackdee"] != "Songwit Noonpackdee" {
		t.Errorf("names %v", got)
	}
}

// An official of a body of many nations is no country's; a country's envoy
// to one still is.
func TestOfficialsOfBodiesOfNations(t *testing.T) {
	got := writtenNames("Mattis also spoke with NATO Secretary-General Jens Stoltenberg and with the secretary general of the Organization of American States, Luis Almagro, and met US Ambassador to NATO Julianne Smith.")
	for _, n := range []string{"Jens Stoltenberg", "Luis Almagro"} {
		if _, ok := got[n]; ok {
			t.Errorf("%s read as a country's official: %v", n, got)
		}
	}
	if got["Julianne Smith"] != "Julianne Smith" {
		t.Errorf("Julianne Smith not read: %v", got)
	}
	// a double post, one of them a country's
	got = writtenNames("He met NATO Supreme Allied Commander Europe and Commander of the United States European Command, General Christopher Cavoli.")
	if got["Christopher Cavoli"] != "Christopher Cavoli" {
		t.Errorf("Christopher Cavoli not read: %v", got)
	}
}

func TestCredit(t *testing.T) {
	const text = "By Maria Lopes/Defence Weekly March 3, 2021 Portuguese Defence Minister Rui Sousa, Portuguese Navy Chief Admiral Jose Melo " +
		"and Spanish Defence Minister Ana Ruiz attended the annual meeting in Madrid. Photo: Agencia/Pedro Gil"
	if got, want := delegationsOf(text, Options{}), "ES|Ana Ruiz PT|Jose Melo PT|Rui Sousa"; got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
}

func TestCompanyTitle(t *testing.T) {
	const text = "On 3 March 2021, Pakistani Air Chief Marshal Imran Khalid, on an official visit to Italy, called on Italian Defence Minister Paolo Conti, " +
		"General Marco Greco, Chief of Defence Staff, and Luca Rossi, Chief Executive Officer of Aerotecnica, in Rome."
	if got, want := delegationsOf(text, Options{}), "IT|Marco Greco IT|Paolo Conti PK|Imran Khalid"; got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
}
