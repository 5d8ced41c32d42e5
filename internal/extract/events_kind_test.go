package extract

import "testing"

// The kind of a visit told as "an official guest", "a practical visit", or
// in a sentence after the talks that opened the visit.
func TestKindOfVisitToldOtherwise(t *testing.T) {
	met := "On 14 September 2022, Chief of General Staff General Omar Haddad received the Chief of Defence of Estonia General Kalev Tamm in Amman"
	for _, c := range []struct{ name, text, want string }{
		{"OfficialGuest", met + ", who is in Jordan as an official guest.", "official_visit"},
		{"OfficialGuestOf", "General Kalev Tamm, the Chief of Defence of Estonia, arrived in Amman on 14 September 2022 as the official guest of Chief of General Staff General Omar Haddad. " + met + ".", "official_visit"},
		{"GuestToCome", met + ". Haddad will travel to Tallinn next year as an official guest.", "meeting"},
		{"PracticalVisit", met + ", who is in the country on a practical visit.", "working_visit"},
		{"PracticalVisitRecalled", met + ". Tamm was last in Jordan on a practical visit in 2019.", "meeting"},
		{"VisitAfterTalks", met + ".\n\nDuring the talks, the two chiefs discussed training.\n\nLater, Tamm met the Jordanian Minister of Defence Ali Nasser. The meeting was attended by the Estonian delegation. Tamm arrived in Amman on an official visit to Jordan at the invitation of General Haddad.", "official_visit"},
		{"VisitElsewhereInvited", met + ".\n\nLater, Tamm met the Jordanian Minister of Defence Ali Nasser. Nasser invited Tamm to pay an official visit to Jordan again.", "meeting"},
	} {
		if got := string(Extract(c.text, Options{}).Meeting.Kind); got != c.want {
			t.Errorf("%s: kind %q, want %q", c.name, got, c.want)
		}
	}
}
