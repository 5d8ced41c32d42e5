package extract

import (
	"strings"
	"testing"
)

// mentionOf returns the first person of text whose written name is name.
func mentionOf(text, name string) (pmention, bool) {
	for _, m := range parse(text).people {
		if m.written == name {
			return m, true
		}
	}
	return pmention{}, false
}

func TestNameSuffixAfterComma(t *testing.T) {
	const tail = " They discussed regional security and cooperation."
	for _, c := range []struct{ text, want string }{
		{"On 2 June 2024, Commander of the US Southern Command Gen. Robert A. Lane, Jr, met Chilean Army Commander General Pedro Soto in Santiago.",
			"CL|Pedro Soto US|Robert A. Lane, Jr"},
		{"On 2 June 2024, Philippine Defense Secretary Jose Cruz, Sr, received Japanese Ambassador Kenji Mori in Manila.",
			"JP|Kenji Mori PH|Jose Cruz, Sr"},
		// ", Sr. Lt. Gen.": a rank follows the comma, not a suffix
		{"On 2 June 2024, Vietnamese Defence Minister General Tran Van Nam, Sr. Lt. Gen. Hoang Minh Duc and Lao Defence Minister General Khamsone Vongsa met in Hanoi.",
			"LA|Khamsone Vongsa VN|Hoang Minh Duc VN|Tran Van Nam"},
	} {
		if got := officialsOf(c.text + tail); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}

func TestGenAsGivenName(t *testing.T) {
	// "Gen" without a full stop after a civilian office, before one name:
	// a given name
	for _, c := range []struct{ text, name string }{
		{"On 2 June 2024, Japanese Defense Minister Gen Tanaka met Australian Defence Minister Tom Reid in Tokyo.", "Gen Tanaka"},
		{"On 2 June 2024, Korean Ambassador Gen Choi met Kenyan Defence Secretary Aden Duale in Nairobi.", "Gen Choi"},
		{"On 2 June 2024, the Defence Secretary Gen Kimura received the Thai delegation in Tokyo.", "Gen Kimura"},
	} {
		m, ok := mentionOf(c.text, c.name)
		if !ok || m.rank != "" {
			t.Errorf("%q: no person %q without a rank (found %v, rank %q)", c.text, c.name, ok, m.rank)
		}
	}
	// the rank General after a military office, with a full stop, or
	// before a name of two words
	for _, c := range []struct{ text, name string }{
		{"On 2 June 2024, Pakistan Army Chief Gen Bajwa received the Turkish Land Forces Commander in Rawalpindi.", "Bajwa"},
		{"On 2 June 2024, Defence Minister Gen. Sudirman received the Malaysian delegation in Jakarta.", "Sudirman"},
		{"On 2 June 2024, Defence Minister Gen Ali Hassan received the Malaysian delegation in Cairo.", "Ali Hassan"},
	} {
		m, ok := mentionOf(c.text, c.name)
		if !ok || m.rank != "General" {
			t.Errorf("%q: no person %q with the rank General (found %v, rank %q)", c.text, c.name, ok, m.rank)
		}
	}
}

func TestRankGluedToTitle(t *testing.T) {
	for _, c := range []struct{ text, name, rank, pos string }{
		{"On 2 June 2024, the Australian Chief of the Defence StaffGen. Angus Reid met Indonesian officers in Jakarta.",
			"Angus Reid", "General", "Chief of the Defence Staff"},
		{"On 2 June 2024, the Commander of the Naval ForcesAdm. Jorge Silva met Chilean officers in Lima.",
			"Jorge Silva", "Admiral", "Commander of the Naval Forces"},
	} {
		m, ok := mentionOf(c.text, c.name)
		if !ok || m.rank != c.rank || m.pos != c.pos {
			t.Errorf("%q: %q found %v, rank %q position %q; want %q, %q", c.text, c.name, ok, m.rank, m.pos, c.rank, c.pos)
		}
	}
	// a family name with a capital inside is one word
	for _, w := range []string{"MacArthur", "McGeneral", "DeMajor"} {
		if toks := tokenize(w, 0, len(w)); len(toks) != 1 {
			t.Errorf("%q split into %d tokens", w, len(toks))
		}
	}
}

func TestAbstractNounsEndTitles(t *testing.T) {
	for _, c := range []struct{ text, name string }{
		{"On 2 June 2024, Minister for Regional Integration Ana Lopez met them in Lima.", "Ana Lopez"},
		{"On 2 June 2024, the Adviser for Strategic Partnership Omar Haddad met them in Amman.", "Omar Haddad"},
		{"On 2 June 2024, the Commissioner for Defence Cooperation Jonas Berg met them in Oslo.", "Jonas Berg"},
	} {
		if _, ok := mentionOf(c.text, c.name); !ok {
			t.Errorf("%q: no person %q", c.text, c.name)
		}
	}
}

func TestLedDelegationOfOfficialForm(t *testing.T) {
	for _, c := range []struct{ text, name, want string }{
		{"On 2 June 2024, a military delegation of the Republic of Kyrgyzstan headed by Minister of Defence Colonel Aibek Toktogulov arrived in Tashkent.",
			"Aibek Toktogulov", "KG"},
		{"On 2 June 2024, a delegation of the Ministry of Defence of the Kingdom of Morocco led by Inspector General Karim Alaoui arrived in Dakar.",
			"Karim Alaoui", "MA"},
	} {
		d := parse(c.text)
		got := ""
		for _, m := range d.people {
			if m.written == c.name {
				got = m.country
			}
		}
		if got != c.want {
			t.Errorf("%q: country of %q %q, want %q", c.text, c.name, got, c.want)
		}
	}
}
