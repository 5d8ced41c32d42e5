package extract

import "testing"

// An envoy met in person is posted in the other side's country, which
// hosts, whatever the verb: "met with the Ambassador of X", "the X Defence
// Attaché", "the High Commissioner of X".
func TestHostOfEnvoy(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, Kenyan Defence Cabinet Secretary Amina Ochieng met with the Ambassador of Greece Petros Andreou.", "GR KE", "KE"},
		{"On 4 March 2021, the Czech Defence Attaché Colonel Pavel Dvorak held talks with Estonian Chief of Defence General Mart Tamm.", "CZ EE", "EE"},
		{"On 4 March 2021, Zambian Army Commander Lieutenant General Peter Banda met the High Commissioner of Malaysia Aziz Rahman.", "MY ZM", "ZM"},
		// an envoy on each side tells nothing
		{"On 4 March 2021, the Ambassador of Chile Rosa Vidal met the Ambassador of Peru Luis Rojas.", "CL PE", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// "the visiting US Secretary" names the guest, as "the visiting British
// Secretary" does; "visiting the US" names the place.
func TestVisitingNamesTheGuest(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, the visiting US Secretary of the Navy Carlos Reyes met Philippine Defence Secretary Jose Cruz.", "PH US", "PH"},
		{"On 4 March 2021, Philippine Defence Secretary Jose Cruz met visiting UK Defence Minister John Hart.", "GB PH", "PH"},
		{"On 4 March 2021, Philippine Defence Secretary Jose Cruz, visiting the US, met US Secretary of the Navy Carlos Reyes.", "PH US", "US"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// The one whose invitation the visit answers hosts: "at the invitation of
// the US Secretary", "at the invitation of his Bangladesh counterpart".
func TestHostFromInvitation(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, at the invitation of the Chilean Minister of Defence, Peruvian Defence Minister Luis Rojas held talks with Rosa Vidal.", "CL PE", "CL"},
		{"On 4 March 2021, Nepali Army chief General Ram Thapa met General Ahmed Karim, who had come at the invitation of his Nepali counterpart from the Bangladesh Army.", "BD NP", "NP"},
		// an invitation to come is not this visit's
		{"On 4 March 2021, Peruvian Defence Minister Luis Rojas met Chilean Defence Minister Rosa Vidal in Geneva and will visit Lima at the invitation of Rojas next year.", "CL PE", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// One met without a country named is of the country the other side's
// visit went to, told in a sentence near the meeting's.
func TestCountryOfTheVisitedSide(t *testing.T) {
	text := "Defence minister Jaan Kask says the two armies are close.\n\nAfter a meeting with his Latvian counterpart Ivars Ozols at Paldiski on Tuesday, Kask said the talks went well.\n\nOzols was on a one-day official visit to Estonia."
	cs, host, heads := sidesOf(t, text)
	if cs != "EE LV" || heads["EE"] != "Jaan Kask" {
		t.Errorf("countries %q host %q heads %v, want EE LV with Jaan Kask heading EE", cs, host, heads)
	}
}

// A host welcoming the guests "to London" names the place, and a stay
// ("currently in", "during his stay in") names where the meeting was.
func TestHostFromWelcomeAndStay(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, Defence Secretary John Hart welcomed Philippine Defence Secretary Jose Cruz to London.", "GB PH", "GB"},
		{"On 4 March 2021, Philippine Defence Secretary Jose Cruz, currently in Japan, met Japanese Defence Minister Taro Sato.", "JP PH", "JP"},
		{"On 4 March 2021, Japanese Defence Minister Taro Sato met Defence Secretary Jose Cruz during his stay in the Philippines.", "JP PH", "PH"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// An envoy of one side present at the meeting is posted in the other
// side's country: the side named without a country is of it.
func TestCountryFromTheEnvoyPresent(t *testing.T) {
	text := "On 4 March 2021, Ahmed bin Salim, Secretary-General of Defence, received Air Marshal John Hart, Chief of the Air Staff of the United Kingdom. The meeting was attended by the British Ambassador to the Sultanate, Mark Dale."
	cs, host, heads := sidesOf(t, text)
	if cs != "GB OM" || host != "OM" || heads["OM"] != "Ahmed bin Salim" {
		t.Errorf("countries %q host %q heads %v, want GB OM, host OM, Ahmed bin Salim heading OM", cs, host, heads)
	}
}

// An envoy accredited to two countries tells neither as the host: the
// official called on is not taken to be of the first.
func TestEnvoyAccreditedToTwo(t *testing.T) {
	text := "On 4 March 2021, the Defence Adviser of the Chilean Embassy accredited to Lima and Bolivia, Colonel Luis Rojas, called on Defence Secretary Rosa Vidal at the ministry."
	cs, host, _ := sidesOf(t, text)
	if cs != "CL" || host != "" {
		t.Errorf("countries %q host %q, want CL alone and no host", cs, host)
	}
}
