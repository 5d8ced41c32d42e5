package extract

import (
	"slices"
	"strings"
)

// givenForms maps the familiar forms of English given names to the names
// they shorten: "Jim Mattis" is "James Mattis".
var givenForms = map[string]string{
	"jim": "james", "jimmy": "james", "bill": "william", "billy": "william", "will": "william", "bob": "robert",
	"bobby": "robert", "rob": "robert", "mike": "michael", "mick": "michael", "tom": "thomas", "tommy": "thomas",
	"dick": "richard", "rick": "richard", "rich": "richard", "joe": "joseph", "dan": "daniel", "danny": "daniel",
	"dave": "david", "chuck": "charles", "charlie": "charles", "chris": "christopher", "tony": "anthony",
	"ted": "edward", "ed": "edward", "ned": "edward", "andy": "andrew", "steve": "stephen", "nick": "nicholas",
	"matt": "matthew", "pat": "patrick", "pete": "peter", "sam": "samuel", "ron": "ronald", "don": "donald",
	"jerry": "gerald", "larry": "lawrence", "ken": "kenneth", "greg": "gregory", "jeff": "jeffrey", "doug": "douglas",
	"liz": "elizabeth", "beth": "elizabeth", "kate": "katherine", "kathy": "kathleen", "sue": "susan", "jenny": "jennifer",
}

// nameCore returns a folded name's words without its middle initials and
// its generational suffix: "lloyd j austin iii" is "lloyd austin".
func nameCore(key string) []string {
	w := strings.Fields(key)
	if n := len(w); n > 2 && nameSuffixes[strings.ToUpper(w[n-1])] || n > 2 && (w[n-1] == "jr" || w[n-1] == "sr") {
		w = w[:n-1]
	}
	var out []string
	for i, x := range w {
		if i > 0 && i < len(w)-1 && len([]rune(x)) == 1 {
			continue
		}
		out = append(out, x)
	}
	return out
}

// sameNameWritten reports whether two folded names are one person's written
// more or less fully: middle initials and a suffix ("Lloyd Austin", "Lloyd
// J. Austin III"), or a familiar given name ("Jim Mattis", "James Mattis").
func sameNameWritten(a, b string) bool {
	ac, bc := nameCore(a), nameCore(b)
	if len(ac) < 2 || len(ac) != len(bc) || !slices.Equal(ac[1:], bc[1:]) {
		return false
	}
	return ac[0] == bc[0] || givenForms[ac[0]] == bc[0] || givenForms[bc[0]] == ac[0]
}
