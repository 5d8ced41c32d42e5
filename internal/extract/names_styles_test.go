package extract

import (
	"strings"
	"testing"
)

func TestMalayStylesAreNoNames(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"On 2 June 2024, His Majesty Sultan Ahmad Shah, Sultan and Yang Di-Pertuan of Brunei Darussalam, received the Thai Army Chief in Bandar Seri Begawan.", "Ahmad Shah"},
		{"On 2 June 2024, the Yang di-Pertuan Agong received Indonesian Defence Minister Budi Santoso at the palace.", "Budi Santoso"},
		{"On 2 June 2024, Yang Berhormat Azman Hashim met Thai Defence Minister Somchai Wong in Kuala Lumpur.", "Azman Hashim"},
		{"On 2 June 2024, Yang Amat Berhormat Rahim Tamby met them in Putrajaya.", "Rahim Tamby"},
	} {
		var got []string
		for _, m := range parse(c.text).people {
			if m.ok {
				got = append(got, m.name)
			}
		}
		if len(got) == 0 || got[0] != c.name || strings.Contains(strings.Join(got, "|"), "Yang") {
			t.Errorf("%q: people %q, want %q first and no \"Yang ...\"", c.text, got, c.name)
		}
	}
	// "Yang" is still a Chinese family name
	if _, ok := mentionOf("On 2 June 2024, Chinese Defence Attaché Colonel Yang Wei met them in Islamabad.", "Yang Wei"); !ok {
		t.Error("Yang Wei not read as a name")
	}
}

func TestSpousesAreNoOfficials(t *testing.T) {
	const head = "On 2 June 2024, Thai Army Chief General Somchai Wong met Malaysian Army Chief General Azman Hashim in Kuala Lumpur. "
	for _, c := range []struct{ text, want string }{
		{head + "The spouse of the Thai Army Chief, Mrs Malee Wong, visited a school.", "MY|Azman Hashim TH|Somchai Wong"},
		{head + "Madam Siti Hashim, wife of the Malaysian Army Chief, hosted a dinner.", "MY|Azman Hashim TH|Somchai Wong"},
		{head + "The queen received the wife of the Thai Army Chief, Malee Wong.", "MY|Azman Hashim TH|Somchai Wong"},
	} {
		if got := officialsOf(c.text); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
	// the official a spouse is named by keeps his place
	if _, ok := mentionOf("On 2 June 2024, the Queen received the wife of General Somchai Wong.", "Somchai Wong"); !ok {
		t.Error("General Somchai Wong not read after \"the wife of\"")
	}
}

func TestFamilyNameAloneResolves(t *testing.T) {
	// a family name alone, neither titled nor a subject, is the one person
	// named in full with it
	for _, c := range []struct{ text, short, want string }{
		{"On 2 June 2024, Minister of National Defence Sok Vanna met the US Ambassador in Phnom Penh. The ambassador said he had met with Vanna before.",
			"Vanna", "Sok Vanna"},
		{"On 2 June 2024, Defence Minister Ana Rojas met the French Ambassador in Santiago. Rojas, who is also a senator, welcomed the visit.",
			"Rojas", "Ana Rojas"},
	} {
		got := "?"
		for _, m := range parse(c.text).people {
			if m.written == c.short && m.sent > 0 {
				got = m.name
			}
		}
		if got != c.want {
			t.Errorf("%q: %q read as %q, want %q", c.text, c.short, got, c.want)
		}
	}
}
