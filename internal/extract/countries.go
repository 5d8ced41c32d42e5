package extract

import (
	_ "embed"
	"slices"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// countryRow is one country as reports name it: ISO 3166-1 alpha-2 code, the
// English short name used in generated titles, other names and official forms
// (pipe-separated), demonyms and adjectives, the capital and main cities
// (pipe-separated, each with its other spellings after "/"), and the defence
// ministry's usual English name.
type countryRow struct {
	code, name, names, adjs string
	capital, cities         string
	ministry                string
}

//go:embed data/countries.tsv
var countriesTSV string

// countryRows holds every ISO 3166-1 country (and Kosovo): names from CLDR
// (golang.org/x/text) and data/countries.tsv, which data/README.md
// describes.
var countryRows = loadCountries(countriesTSV)

// loadCountries reads the country table: the English short name from CLDR
// unless the file gives a newer one, CLDR's name among the forms searched,
// and the file's other names, demonyms, cities and ministry.
func loadCountries(tsv string) []countryRow {
	var rows []countryRow
	names := display.English.Regions()
	for _, ln := range strings.Split(tsv, "\n") {
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		f := strings.Split(ln, "\t")
		for len(f) < 7 {
			f = append(f, "")
		}
		r := countryRow{code: f[0], name: f[1], names: f[2], adjs: f[3], capital: f[4], cities: f[5], ministry: f[6]}
		region, err := language.ParseRegion(r.code)
		forms := []string{}
		if err == nil {
			forms = cldrForms(names.Name(region))
		}
		if r.name == "-" || r.name == "" {
			r.name = ""
			if len(forms) > 0 {
				r.name = forms[0]
			}
		}
		all := append([]string{r.name}, forms...)
		if r.names != "" {
			all = append(all, strings.Split(r.names, "|")...)
		}
		r.names = strings.Join(slices.Compact(all), "|")
		rows = append(rows, r)
	}
	return rows
}

// cldrForms turns a CLDR English region name into the forms a report may
// write: "Bosnia & Herzegovina" also as "Bosnia and Herzegovina", "Myanmar
// (Burma)" as "Myanmar" and "Burma", "St. Lucia" also as "Saint Lucia".
// Names CLDR disambiguates with a dash ("Congo - Kinshasa") are left to the
// file.
func cldrForms(n string) []string {
	n = strings.ReplaceAll(n, "’", "'")
	n = strings.TrimSuffix(n, " SAR China")
	if strings.Contains(n, " - ") || n == "" || n == "Unknown Region" {
		return nil
	}
	var out []string
	if i := strings.Index(n, " ("); i > 0 && strings.HasSuffix(n, ")") {
		out = append(out, n[:i], n[i+2:len(n)-1])
	} else {
		out = append(out, n)
	}
	for _, f := range out {
		if strings.Contains(f, "&") {
			out = append(out, strings.ReplaceAll(f, "&", "and"))
		}
		if strings.HasPrefix(f, "St. ") {
			out = append(out, "Saint "+f[4:])
		}
	}
	return out
}

// notCountries are phrases that contain a country's name or adjective but name
// something else: a region, a sea, a people. Matching them first keeps their
// words from being taken for the country.
var notCountries = []string{
	"Latin America", "South America", "North America", "Central America", "Americas",
	"Central Asia", "South Asia", "East Asia", "Southeast Asia", "South-East Asia", "Asia-Pacific",
	"Middle East", "South Caucasus", "North Caucasus", "Western Balkans", "Indo-Pacific",
	"Black Sea", "Caspian Sea", "Persian Gulf", "Arabian Sea", "Indian Ocean", "Korean Peninsula",
	"Turkic States", "Turkic World", "Turkic Council", "Turkish Straits", "Arab States", "Arab League",
	"European Union", "African Union", "Gulf Cooperation Council", "Georgia Tech", "New Georgia",
	"Jordan River", "Chinese Taipei", "West Bank", "New Jersey", "New Guinea", "New Mexico", "Niger Delta",
	"South China Sea", "East China Sea", "Sea of Japan", "Gulf of Oman", "Gulf of Aden", "Gulf of Guinea",
	"Gulf of Mexico", "Bay of Bengal", "Red Sea", "Korea Strait", "Sea of Azov", "Gulf of Finland",
	"Irish Sea", "Arabian Peninsula", "Horn of Africa", "Strait of Hormuz", "Sahel", "Great Lakes",
}

// countryNames maps a code to the short English name.
var countryNames = map[string]string{}

// countryAdjs maps a code to its first adjective ("Kazakh").
var countryAdjs = map[string]string{}

type phraseInfo struct {
	code string // "" for a phrase in notCountries
	adj  bool   // a demonym or adjective rather than a name
}

// countryPhrases maps folded word sequences ("republic of korea") to the
// country they name. countryAbbrs holds the forms that must match letter case
// exactly ("US", "U.S.", "UK").
var (
	countryPhrases = map[string]phraseInfo{}
	countryAbbrs   = map[string]phraseInfo{}
	maxPhraseWords = 1
	// phraseFirst holds the first word of every country phrase, and
	// cityFirst of every city, to skip the other words fast.
	phraseFirst = map[string]bool{}
	// phrasePrefixes holds the first words (two or more) of every phrase.
	phrasePrefixes = map[string]bool{}
	cityFirst      = map[string]bool{}
)

func init() {
	add := func(form string, info phraseInfo) {
		if isAbbr(form) {
			countryAbbrs[form] = info
			return
		}
		words := foldWords(form)
		if len(words) == 0 {
			return
		}
		key := strings.Join(words, " ")
		if old, ok := countryPhrases[key]; ok && old.code != "" && (!old.adj || info.adj) {
			return // a name wins over an adjective of the same spelling, the first row over later ones
		}
		countryPhrases[key] = info
		phraseFirst[words[0]] = true
		for n := 2; n <= len(words); n++ {
			phrasePrefixes[strings.Join(words[:n], " ")] = true
		}
		if len(words) > maxPhraseWords {
			maxPhraseWords = len(words)
		}
	}
	for _, r := range countryRows {
		countryNames[r.code] = r.name
		for _, n := range strings.Split(r.names, "|") {
			add(n, phraseInfo{code: r.code})
		}
		for i, a := range strings.Split(r.adjs, "|") {
			if i == 0 {
				countryAdjs[r.code] = a
			}
			add(a, phraseInfo{code: r.code, adj: true})
		}
	}
	for _, n := range notCountries {
		add(n, phraseInfo{})
	}
}

// isAbbr reports whether a country form is an abbreviation that must match
// letter case exactly: all capitals and dots, such as "US", "U.S." or "UAE".
func isAbbr(s string) bool {
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z') && r != '.' {
			return false
		}
	}
	return len(s) <= 6
}

// cities maps a folded city name to its display form and country.
var (
	cities         = map[string]struct{ name, code string }{}
	maxCityWords   = 1
	capitalOf      = map[string]string{}
	ministryOf     = map[string]string{}
	venueCountries = map[string]string{"pentagon": "US", "white house": "US"}
)

func init() {
	for _, r := range countryRows {
		if r.ministry != "" {
			ministryOf[r.code] = r.ministry
		}
		list := r.capital
		if r.cities != "" {
			list += "|" + r.cities
		}
		for i, c := range strings.Split(list, "|") {
			forms := strings.Split(c, "/")
			if forms[0] == "" {
				continue
			}
			if i == 0 {
				capitalOf[r.code] = forms[0]
			}
			for _, f := range forms {
				w := foldWords(f)
				if len(w) == 0 {
					continue
				}
				key := strings.Join(w, " ")
				if _, ok := cities[key]; ok {
					continue // the first country that names it keeps it
				}
				cities[key] = struct{ name, code string }{forms[0], r.code}
				cityFirst[w[0]] = true
				if len(w) > maxCityWords {
					maxCityWords = len(w)
				}
			}
		}
	}
}
