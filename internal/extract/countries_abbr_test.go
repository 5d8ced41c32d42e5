package extract

import "testing"

// An abbreviation defined in brackets after a name that carries a country
// names that country where the report writes it again; one defined for two
// countries names neither.
func TestBracketedAbbreviationNamesItsCountry(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"The Zambia Defence Force (ZDF) and the Malawi Defence Force (MDF) trained together.\n\nOn 4 March 2021, ZDF Commander General Peter Banda received MDF Commander General Vincent Nundwe.", "MW ZM", "ZM"},
		{"The Zambia Defence Force (ZDF) and the Malawi Defence Force (MDF) trained together.\n\nOn 4 March 2021, MDF Commander General Vincent Nundwe received ZDF Commander General Peter Banda.", "MW ZM", "MW"},
		{"The Armed Forces of the Philippines (AFP) and the Royal Malaysian Navy (RMN) trained together.\n\nOn 4 March 2021, RMN chief Admiral Aziz Rahman received AFP Chief of Staff General Andres Centino.", "MY PH", "MY"},
		{"The Botswana Defence Force (BDF) and the Namibian Defence Force (NDF) held exercises.\n\nOn 4 March 2021, the NDF Chief Air Vice Marshal Martin Pinehas hosted the BDF Commander Lieutenant General Placid Segokgo.", "BW NA", "NA"},
		{"Kenya's Chief of Defence Forces General Peter Kamau arrived on 4 March 2021 for talks with the Uganda People's Defence Forces (UPDF).\n\nUPDF Commander General Moses Okello received Kamau at the headquarters.", "KE UG", "UG"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
	// the same letters defined for two countries name neither
	d := parse("The Zambia Defence Force (ZDF) met the Zimbabwe Defence Forces (ZDF) in 2020.\n\nThe ZDF commander spoke.")
	for s := range d.sents {
		for _, m := range d.ctry[s] {
			if T := d.st(s); T[m.i].s == "ZDF" {
				t.Errorf("ZDF defined for two countries read as %s", m.code)
			}
		}
	}
}

// The names of forces and commands that stand for one country, and short
// forms of countries' names.
func TestShortFormsNameTheirCountry(t *testing.T) {
	for form, want := range map[string]string{
		"AFRICOM": "US", "CENTCOM": "US", "EUCOM": "US", "INDOPACOM": "US", "USINDOPACOM": "US", "SOUTHCOM": "US",
		"NORTHCOM": "US", "SOCOM": "US", "Africa Command": "US", "Indo-Pacific Command": "US",
		"Sultan's Armed Forces": "OM", "BiH": "BA", "PNG": "PG", "IRGC": "IR", "JMSDF": "JP", "TNI": "ID",
		"DRC": "CD", "KSA": "SA", "ROK": "KR", "DPRK": "KP", "PRC": "CN", "UAE": "AE", "Holy See": "VA",
		"Republic of China": "TW",
	} {
		toks := tokenize(form, 0, len(form))
		if c, j := countryAt(toks, 0); c != want || j != len(toks) {
			t.Errorf("%s: %q (to %d), want %s", form, c, j, want)
		}
	}
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, AFRICOM commander General Michael Langley met Kenyan Chief of Defence Forces General Peter Kamau in Nairobi.", "KE US", "KE"},
		{"On 4 March 2021, Polish Defence Minister Mariusz Blaszczak received General Christopher Cavoli, commander of EUCOM.", "PL US", "PL"},
		{"On 4 March 2021, the Commander of Sultan's Armed Forces Major General Salim Nasser received General Peter Kamau, Chief of Defence Forces of Kenya.", "KE OM", "OM"},
		{"On 4 March 2021, BiH Minister of Defence Sifet Podzic met Croatian Defence Minister Mario Banozic.", "BA HR", ""},
		{"On 4 March 2021, PNG Defence Minister Win Daki met Australian Defence Minister Richard Marles.", "AU PG", ""},
		{"On 4 March 2021, DRC Defence Minister Jean-Pierre Bemba met Rwandan Defence Minister Juvenal Marizamunda.", "CD RW", ""},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}

// The seat of a body of many nations hosts no one, even when its country
// takes part; a city of a participant otherwise hosts.
func TestBodyVenueHostsNoOne(t *testing.T) {
	for _, c := range []struct{ text, countries, host string }{
		{"On 4 March 2021, Pakistani Defence Minister Khawaja Asif met US Secretary of Defense Lloyd Austin at the United Nations in New York.", "PK US", ""},
		{"On 4 March 2021, Pakistani Defence Minister Khawaja Asif met Swiss Defence Minister Viola Amherd at the UN in Geneva.", "CH PK", ""},
		{"On 4 March 2021, Belgian Defence Minister Ludivine Dedonder met Estonian Defence Minister Hanno Pevkur at NATO Headquarters in Brussels.", "BE EE", ""},
		{"On 4 March 2021, Turkish Chief of General Staff General Metin Gurak met US Chairman of the Joint Chiefs of Staff General Mark Milley at NATO Headquarters in Brussels.", "TR US", ""},
		{"On 4 March 2021, Armenian Defence Minister Suren Papikyan met Belarusian Defence Minister Viktor Khrenin during the CSTO summit in Minsk.", "AM BY", ""},
		{"On 4 March 2021, Indian Defence Minister Rajnath Singh met his Japanese counterpart Nobuo Kishi in Tokyo.", "IN JP", "JP"},
		{"On 4 March 2021, Pakistani Defence Minister Khawaja Asif met Swiss Defence Minister Viola Amherd in Geneva.", "CH PK", "CH"},
	} {
		cs, host, _ := sidesOf(t, c.text)
		if cs != c.countries || host != c.host {
			t.Errorf("%q:\n got %q host %q, want %q host %q", c.text, cs, host, c.countries, c.host)
		}
	}
}
