package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestHomeAttendee(t *testing.T) {
	const text = "On 2 June 2024, Egyptian Defence Minister General Ahmed Saqr received Cypriot Defence Minister Nikos Petrou in Cairo. " +
		"The meeting was attended by Chief of Staff of the Armed Forces Lieutenant General Mahmoud Hegazy. They discussed training."
	officials := func(o Options) string {
		res := Extract(text, o)
		var got []string
		for _, dl := range res.Meeting.Delegations {
			if dl.Head != nil {
				got = append(got, dl.Country+"|"+dl.Head.Name)
			}
			for _, p := range dl.Members {
				got = append(got, dl.Country+"|"+p.Name)
			}
		}
		slices.Sort(got)
		return strings.Join(got, " ")
	}
	// published in the host country: the attendee is the host's
	if got, want := officials(Options{Outlet: strp("MENA")}), "CY|Nikos Petrou EG|Ahmed Saqr EG|Mahmoud Hegazy"; got != want {
		t.Errorf("Egyptian outlet: officials %q, want %q", got, want)
	}
	// published by an outlet not known to be the host's: nothing says whose he is
	if got, want := officials(Options{}), "CY|Nikos Petrou EG|Ahmed Saqr"; got != want {
		t.Errorf("no outlet: officials %q, want %q", got, want)
	}
}

// delegationsOf lists a draft's officials as "CC|Name", sorted.
func delegationsOf(text string, o Options) string {
	res := Extract(text, o)
	var got []string
	for _, dl := range res.Meeting.Delegations {
		if dl.Head != nil {
			got = append(got, dl.Country+"|"+dl.Head.Name)
		}
		for _, p := range dl.Members {
			got = append(got, dl.Country+"|"+p.Name)
		}
	}
	slices.Sort(got)
	return strings.Join(got, " ")
}

func TestHomeAttendee_HostVoice(t *testing.T) {
	for _, tc := range []struct{ name, text, want string }{
		{"attending were", "On 2 June 2024, Defence Minister General Ahmed Saqr received the visiting Cypriot Defence Minister Nikos Petrou in Cairo, Egypt. " +
			"Attending the talks were Chief of Staff of the Armed Forces Lieutenant General Mahmoud Hegazy and Navy Commander Vice Admiral Omar Fathy. They discussed training.",
			"CY|Nikos Petrou EG|Ahmed Saqr EG|Mahmoud Hegazy EG|Omar Fathy"},
		{"attended at the end", "On 2 June 2024, Defence Minister General Ahmed Saqr received the visiting Cypriot Defence Minister Nikos Petrou in Cairo, Egypt. " +
			"Chief of Staff of the Armed Forces Lieutenant General Mahmoud Hegazy and Navy Commander Vice Admiral Omar Fathy attended. They discussed training.",
			"CY|Nikos Petrou EG|Ahmed Saqr EG|Mahmoud Hegazy EG|Omar Fathy"},
		{"guests listed after", "On 2 June 2024, Defence Minister General Ahmed Saqr received the visiting Cypriot Defence Minister Nikos Petrou in Cairo, Egypt. " +
			"The meeting was attended by Chief of Staff of the Armed Forces Lieutenant General Mahmoud Hegazy and the delegation accompanying the Cypriot minister.",
			"CY|Nikos Petrou EG|Ahmed Saqr EG|Mahmoud Hegazy"},
		{"delegation listed before", "On 2 June 2024, Defence Minister General Ahmed Saqr received the visiting Cypriot Defence Minister Nikos Petrou in Cairo, Egypt. " +
			"The meeting was attended by the delegation, including Chief of Staff Lieutenant General Andreas Kyprianou.",
			"CY|Nikos Petrou EG|Ahmed Saqr"},
		// both heads named with their countries: the report speaks from no side
		{"no voice", "On 2 June 2024, Egyptian Defence Minister General Ahmed Saqr received the visiting Cypriot Defence Minister Nikos Petrou in Cairo, Egypt. " +
			"Attending the talks were Chief of Staff of the Armed Forces Lieutenant General Mahmoud Hegazy. They discussed training.",
			"CY|Nikos Petrou EG|Ahmed Saqr"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := delegationsOf(tc.text, Options{}); got != tc.want {
				t.Errorf("officials %q, want %q", got, tc.want)
			}
		})
	}
}

func TestCompanySide(t *testing.T) {
	const text = "On 4 May 2023, Defence Minister Tomas Berg of Norway met Portuguese Defence Minister Rui Costa in Lisbon. " +
		"The Norwegian minister was joined on his visit by Military Secretary Brigadier General Ola Nilsen and Defence Attaché Colonel Lars Dahl. " +
		"They discussed maritime security."
	if got, want := delegationsOf(text, Options{}), "NO|Lars Dahl NO|Ola Nilsen NO|Tomas Berg PT|Rui Costa"; got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
	// two sides named before the cue: nothing says whom they came with
	const two = "On 4 May 2023, Defence Minister Tomas Berg of Norway met Portuguese Defence Minister Rui Costa in Lisbon. " +
		"Tomas Berg and Rui Costa, accompanied by Defence Attaché Colonel Lars Dahl, then toured the naval base."
	if got, want := delegationsOf(two, Options{}), "NO|Tomas Berg PT|Rui Costa"; got != want {
		t.Errorf("two sides: officials %q, want %q", got, want)
	}
}

func TestPlaceSurname_Demonym(t *testing.T) {
	const text = "On 4 May 2023, Defence Minister Tomas Berg of Norway met Portuguese Defence Minister Rui Costa in Lisbon. " +
		"The Norwegian minister was joined by Chief of Staff to the Minister Dana Israeli, and Colonel Lars Dahl. They discussed maritime security."
	if got, want := delegationsOf(text, Options{}), "NO|Dana Israeli NO|Lars Dahl NO|Tomas Berg PT|Rui Costa"; got != want {
		t.Errorf("officials %q, want %q", got, want)
	}
}
