package extract

import (
	"slices"
	"strings"
	"testing"
)

func TestCeremonyRules(t *testing.T) {
	lead := "On 3 May 2024, Estonian Defence Minister Mr. Kalev Tamm received Latvian Defence Minister Mr. Juris Ozols in Tallinn. "
	for _, c := range []struct{ text, want string }{
		// Book of Honour variants
		{"Mr. Ozols signed the Distinguished Visitors' Book.", "book_of_honour"},
		{"The guest left a note in the book of honourable guests.", "book_of_honour"},
		{"Mr. Ozols signed the Golden Book of the city.", "book_of_honour"},
		{"He wrote in the guest book.", "book_of_honour"},
		{"He presented a book of photographs.", ""},
		// a wreath at one site, flowers at another
		{"Mr. Ozols laid a wreath at the Monument of Freedom and laid flowers at the Memorial of the Fallen.", "monument_visit wreath_laying"},
		{"Flowers were laid at the Memorial of the Fallen.", "monument_visit"},
		{"The guests observed a minute of silence at the Memorial of the Fallen.", "monument_visit"},
		// an award named by a compound joined by "-e-"
		{"Mr. Ozols was conferred Nishan-e-Imtiaz (Military) by the President.", "award"},
		{"The delegation also conferred with General Ozols, the Chief of Staff, about training.", ""},
		// a ceremony that welcomed the guest and names no guard, anthems or
		// book is none of the types; honours rendered are
		{"Mr. Tamm welcomed Mr. Ozols with a military ceremony before the talks.", ""},
		{"Mr. Ozols was greeted with an arrival ceremony at the ministry.", ""},
		{"Mr. Ozols was welcomed with a military ceremony and a guard of honour.", "guard_of_honour"},
		{"A military ceremony was held in honour of the fallen soldiers.", "other"},
		{"Mr. Ozols was received with full military honours.", "other"},
	} {
		res := Extract(lead+c.text, Options{})
		var got []string
		for _, x := range res.Meeting.Ceremonies {
			got = append(got, string(x.Type))
		}
		slices.Sort(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("%q: ceremonies %q, want %q", c.text, got, c.want)
		}
	}
}
