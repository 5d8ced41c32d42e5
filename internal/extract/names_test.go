package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestNameRules(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// the subject of "hosted his <demonym> counterpart" is a principal
		{"On 3 May 2024, Kalev Tamm hosted his Latvian counterpart, Colonel Juris Ozols, in Tallinn, Estonia.",
			"EE|Kalev Tamm LV|Juris Ozols"},
		// a name after "bin" in another is the father's, not the same person
		{"On 3 May 2024, UAE President Sheikh Mohamed bin Zayed Al Nahyan received British Defence Secretary Grant Shapps in Abu Dhabi. The meeting was attended by Sheikh Hamdan bin Mohamed bin Zayed Al Nahyan.",
			"AE|Mohamed bin Zayed Al Nahyan GB|Grant Shapps"},
		// a country leading the first of two titles joined by "and"; plural counterparts
		{"On 3 May 2024, the meeting in Lima had the presence of Peru's Foreign Minister Ricardo Luna and Defense Minister Jorge Nieto, together with their Chilean counterparts Heraldo Munoz and Jose Gomez, respectively.",
			"CL|Heraldo Munoz CL|Jose Gomez PE|Jorge Nieto PE|Ricardo Luna"},
	} {
		got := officialsOf(c.text)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}

func TestPostSovietRankOrder(t *testing.T) {
	res := Extract("On 3 May 2024, Defence Minister of Kyrgyzstan General-Lieutenant Baktybek Bekbolotov received Defence Minister of Kazakhstan General-Major Ruslan Zhaksylykov in Bishkek.", Options{})
	var got []string
	for _, dl := range res.Meeting.Delegations {
		if dl.Head != nil && dl.Head.Rank != nil {
			got = append(got, dl.Country+"|"+*dl.Head.Rank)
		}
	}
	slices.Sort(got)
	if want := "KG|Lieutenant General KZ|Major General"; strings.Join(got, " ") != want {
		t.Errorf("ranks %q, want %q", got, want)
	}
}

func TestTitleAndNameForms(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// a plural title in lower case, respectively
		{"On 3 May 2024, the defence ministers of Latvia and Estonia Juris Ozols and Kalev Tamm, respectively, met in Riga.",
			"EE|Kalev Tamm LV|Juris Ozols"},
		// a retirement mark between rank and name; a capitalised "Bin" before an honorific
		{"On 3 May 2024, Estonian Defence Minister Kalev Tamm received the Malaysian Minister of Defence, Dato' Seri Ahmad Bin Tun Rahman, and Major General (Rtd) Ali Omar, Chief of Staff of Malaysia, in Tallinn.",
			"EE|Kalev Tamm MY|Ahmad Bin Tun Rahman MY|Ali Omar"},
	} {
		got := officialsOf(c.text)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}
