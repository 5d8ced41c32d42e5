package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestAgreementRules(t *testing.T) {
	lead := "On 3 May 2024, Estonian Defence Minister Mr. Kalev Tamm received Latvian Defence Minister Mr. Juris Ozols in Tallinn. "
	for _, c := range []struct{ text, want string }{
		// coreference: the document, the signed plan
		{"The two signed the plan of bilateral cooperation for 2025. The document provides for forty events. The newly signed plan was praised.", "cooperation_plan"},
		// coordinated documents are two
		{"The ministers signed a cooperation plan for 2025 and a memorandum on military education.", "cooperation_plan memorandum"},
		// a number of documents
		{"After the talks, two memoranda of understanding were signed.", "memorandum memorandum"},
		// gerund signings
		{"Mr. Tamm joined his counterpart in signing a memorandum on cyber defence.", "memorandum"},
		// the type from the complement
		{"The sides signed a document outlining a plan of joint exercises.", "cooperation_plan"},
		// a signing recalled is not this one
		{"A reminder that the two countries signed an agreement on logistics at a conference.", ""},
		// a complement after the document does not undo the signing
		{"They signed a document on the implementation of the strategic partnership.", "other"},
	} {
		res := Extract(lead+c.text, Options{})
		var got []string
		for _, a := range res.Meeting.Agreements {
			got = append(got, string(a.Type))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: agreements %q, want %q", c.text, got, c.want)
		}
	}
}

func TestSigningAfterMonthMay(t *testing.T) {
	// "May" the month before "signed" is no modal: the signing happened
	text := "Estonian Defence Minister Mr. Kalev Tamm and Latvian Defence Minister Mr. Juris Ozols on 3 May 2024 signed an agreement on defence cooperation and a protocol on military education in Riga."
	ags := Extract(text, Options{}).Meeting.Agreements
	if len(ags) != 2 || ags[0].Type != "agreement" || ags[1].Type != "protocol" {
		t.Errorf("agreements %+v, want an agreement and a protocol", ags)
	}
}

func TestAgreementsRestated(t *testing.T) {
	for _, c := range []struct {
		text string
		want []string
	}{
		// a counted group told twice is one group
		{"Estonian Defence Minister Mr. Kalev Tamm and Latvian Defence Minister Mr. Juris Ozols signed two agreements in Riga on 3 May 2024. After the talks, two interministerial agreements were signed: on cyber defence and on training.",
			[]string{"agreement", "agreement"}},
		// "the agreement" first, the document named later: one document
		{"The agreement was signed in Riga by Estonian Defence Minister Mr. Kalev Tamm and Latvian Defence Minister Mr. Juris Ozols on 3 May 2024. Estonia and Latvia have signed a letter of intent on cyber defence.",
			[]string{"other"}},
	} {
		var got []string
		for _, a := range Extract(c.text, Options{}).Meeting.Agreements {
			got = append(got, string(a.Type))
		}
		if strings.Join(got, " ") != strings.Join(c.want, " ") {
			t.Errorf("%q: agreements %v, want %v", c.text, got, c.want)
		}
	}
}

// The period of a document written as a year before its noun ("the 2023
// cooperation plan") or as the year it runs until.
func TestAgreementPeriodForms(t *testing.T) {
	lead := "On 3 May 2024, Estonian Defence Minister Mr. Kalev Tamm received Latvian Defence Minister Mr. Juris Ozols in Tallinn. "
	for _, c := range []struct{ text, typ, period string }{
		{"The ministers signed the 2025 military cooperation plan between the two ministries.", "cooperation_plan", "2025"},
		{"The ministers signed a 2025-2027 roadmap of defence cooperation.", "other", "2025-2027"},
		{"The ministers signed a cooperation plan between the two ministries for the period until 2026.", "cooperation_plan", "2026"},
		// the year of another document the signed one refers to is not its period
		{"The ministers signed a protocol amending the 2015 agreement on training.", "protocol", ""},
		{"The ministers signed a plan of cooperation with 2015 as the base year.", "cooperation_plan", ""},
	} {
		res := Extract(lead+c.text, Options{})
		if len(res.Meeting.Agreements) != 1 {
			t.Errorf("%q: agreements %v, want one %s", c.text, res.Meeting.Agreements, c.typ)
			continue
		}
		a := res.Meeting.Agreements[0]
		p := ""
		if a.Period != nil {
			p = *a.Period
		}
		if string(a.Type) != c.typ || p != c.period {
			t.Errorf("%q: agreement %s period %q, want %s %q", c.text, a.Type, p, c.typ, c.period)
		}
	}
}
