package extract

import (
	"slices"
	"strings"
	"testing"
)

// ceremonyTypes extracts a text and returns its ceremony types over the
// visit, sorted.
func ceremonyTypes(t *testing.T, text string) string {
	t.Helper()
	res := Extract(text, Options{})
	var got []string
	for _, mm := range append(res.Meeting.ChildMeetings, res.Meeting) {
		for _, c := range mm.Ceremonies {
			if !slices.Contains(got, string(c.Type)) {
				got = append(got, string(c.Type))
			}
		}
	}
	slices.Sort(got)
	return strings.Join(got, " ")
}

func TestCeremonyVocabulary(t *testing.T) {
	met := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman. "
	for _, c := range []struct{ name, text, want string }{
		{"FullMilitaryHonours", "Tamm was welcomed with full military honours.", "other"},
		{"CeremonialWelcome", "The guest was accorded a ceremonial welcome.", "other"},
		{"GunSalute", "A 19-gun salute was fired in honour of the guest.", "other"},
		{"StateHymns", "The state hymns of the two countries were played.", "national_anthems"},
		{"Guestbook", "Tamm signed the guestbook.", "book_of_honour"},
		{"BookOfTheGuests", "Tamm signed the book of the honoured guests.", "book_of_honour"},
		{"BookOfRemembrance", "Tamm wrote in the book of remembrance.", "book_of_honour"},
		{"HalfGuard", "Tamm was accorded a half guard mounted by the air force.", "guard_of_honour"},
		{"HonoursWelcome", "A full military honours welcome ceremony awaited the guest.", ""},
		{"PlannedGuard", "A guard of honour will be lined up for the guest tomorrow.", ""},
		{"PlannedHonours", "The guest will be welcomed with full military honours.", ""},
		{"UnnamedMemorial", "The guest paid tribute to the fallen at the memorial complex.", "monument_visit"},
		{"AlleysVisited", "Tamm visited the Alley of Honor and the Alley of Martyrs.", "monument_visit"},
		{"FlowersAtFlame", "Tamm laid flowers at the eternal flame.", "monument_visit"},
		{"FlameVisited", "Tamm visited the Eternal Flame.", "monument_visit"},
		{"MuseumToured", "Tamm visited the Museum of Military Glory.", ""},
		{"ReceivedOrder", "General Kalev Tamm received the Order of Merit from the host.", "award"},
		{"HandedOver", "General Omar Haddad handed over the Order of Merit to General Kalev Tamm.", "award"},
		// a surname that is also a site's head noun is no site
		{"ParkIsAName", "Vice Minister Park Ji-hoon also visited the exhibition.", ""},
	} {
		if got := ceremonyTypes(t, met+c.text); got != c.want {
			t.Errorf("%s: ceremonies %q, want %q", c.name, got, c.want)
		}
	}
}

func TestKindOfTalks(t *testing.T) {
	met := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman"
	for _, c := range []struct{ name, text, want string }{
		{"LengthBetween", met + ", who is on an official two-day visit to Jordan.", "official_visit"},
		{"OrderBetween", met + ", who is on his first working visit to Jordan.", "working_visit"},
		{"VisitRecalled", met + ". Tamm last paid an official visit to Jordan in 2019.", "meeting"},
		{"Formal", met + ", who is on a formal visit to Jordan.", "official_visit"},
		{"VisitDiscussed", met + ". Also discussed at the meeting was an official visit to Estonia by the Jordanian chief sometime next year.", "meeting"},
		{"VideoAfter", "Chief of General Staff General Omar Haddad said on Wednesday he aimed to deepen ties with Estonia. He spoke at the start of a meeting, via video conferencing, with the Chief of Defence of Estonia General Kalev Tamm.", "video_conference"},
		{"VisitThisSpring", met + ". They discussed an official visit to Estonia by the Jordanian chief this spring.", "meeting"},
		{"VisitToCome", met + ". The sides agreed that Haddad will pay an official visit to Estonia next year.", "meeting"},
		{"Headline", "Official visit of the Estonian Chief of Defence to Jordan\n" + met + ".", "official_visit"},
		{"CallReceived", "On 14 September 2022, Chief of General Staff General Omar Haddad received a call from the Chief of Defence of Estonia General Kalev Tamm.", "phone_call"},
		{"CourtesyCall", "On 14 September 2022, the Chief of Defence of Estonia General Kalev Tamm paid a courtesy call on Chief of General Staff General Omar Haddad in Amman.", "meeting"},
		{"VideoBefore", "The army chiefs of Jordan and Estonia held video talks on Wednesday. The talks between Chief of General Staff General Omar Haddad and the Chief of Defence of Estonia General Kalev Tamm covered training.", "video_conference"},
	} {
		if got := string(Extract(c.text, Options{}).Meeting.Kind); got != c.want {
			t.Errorf("%s: kind %q, want %q", c.name, got, c.want)
		}
	}
}

func TestCeremoniesOfTheHeadline(t *testing.T) {
	met := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman.\n"
	if got := ceremonyTypes(t, "Guard of honour for the Estonian Chief of Defence\n"+met); got != "guard_of_honour" {
		t.Errorf("headline: ceremonies %q, want guard_of_honour", got)
	}
	if got := ceremonyTypes(t, "Guard of honour to be lined up for the Estonian Chief of Defence next week\n"+met); got != "" {
		t.Errorf("headline of a plan: ceremonies %q, want none", got)
	}
}
