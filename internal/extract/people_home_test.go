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
