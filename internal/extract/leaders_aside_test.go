package extract

import (
	"strings"
	"testing"
)

func TestLeadersAside(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		// a president recalled for what he said elsewhere takes no part
		{"On 2 June 2024, Kenyan Defence Secretary Aden Mwangi met Tanzanian Defence Minister Rehema Juma in Nairobi. They discussed border security. Last week Kenyan President Peter Otieno warned that the region faced new threats.",
			"KE|Aden Mwangi TZ|Rehema Juma"},
		{"On 2 June 2024, Chilean Defence Minister Ana Rojas met Peruvian Defence Minister Luis Quispe in Lima. The visit follows the agreements reached by Peruvian President Carlos Mamani in March.",
			"CL|Ana Rojas PE|Luis Quispe"},
		// a president who receives the guest takes part
		{"On 2 June 2024, Ghanaian President John Mensah received Togolese Defence Minister Koffi Agbeko in Accra. They discussed border security.",
			"GH|John Mensah TG|Koffi Agbeko"},
		{"On 2 June 2024, Polish Defence Minister Adam Nowak met Lithuanian Defence Minister Tomas Kairys in Vilnius. Lithuanian President Jonas Petraitis also received the two ministers.",
			"LT|Jonas Petraitis LT|Tomas Kairys PL|Adam Nowak"},
	} {
		if got := officialsOf(c.text); strings.Join(got, " ") != c.want {
			t.Errorf("%q: officials %q, want %q", c.text, got, c.want)
		}
	}
}
