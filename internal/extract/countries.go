package extract

import "strings"

// countryRow is one country as reports name it: ISO 3166-1 alpha-2 code, the
// English short name used in generated titles, other names and official forms
// (pipe-separated), and demonyms and adjectives.
type countryRow struct {
	code, name, names, adjs string
}

// countryRows covers the countries most active in defence diplomacy: all of
// Europe, Central Asia, the Caucasus, the Middle East, South and East Asia, and
// the larger states of Africa, the Americas and Oceania. Official forms that
// merely prefix the short name ("Republic of Azerbaijan") need no row of their
// own: the short name inside them is found.
var countryRows = []countryRow{
	// Caucasus, Central Asia
	{"AZ", "Azerbaijan", "Azerbaijan|Azerbaijan Republic|Azərbaycan", "Azerbaijani|Azeri|Azerbaijanian"},
	{"GE", "Georgia", "Georgia|Sakartvelo", "Georgian"},
	{"AM", "Armenia", "Armenia", "Armenian"},
	{"KZ", "Kazakhstan", "Kazakhstan|Qazaqstan", "Kazakh|Kazakhstani|Kazak"},
	{"UZ", "Uzbekistan", "Uzbekistan|Ozbekiston", "Uzbek|Uzbekistani"},
	{"KG", "Kyrgyzstan", "Kyrgyzstan|Kyrgyz Republic|Kirghizia", "Kyrgyz|Kyrgyzstani|Kirghiz"},
	{"TJ", "Tajikistan", "Tajikistan", "Tajik|Tajikistani"},
	{"TM", "Turkmenistan", "Turkmenistan", "Turkmen|Turkmenistani"},
	{"MN", "Mongolia", "Mongolia", "Mongolian"},
	// Middle East
	{"TR", "Türkiye", "Türkiye|Turkiye|Turkey|Republic of Türkiye|Türkiye Cumhuriyeti", "Turkish|Türk|Turk"},
	{"IR", "Iran", "Iran|Persia", "Iranian|Persian"},
	{"IQ", "Iraq", "Iraq", "Iraqi"},
	{"SY", "Syria", "Syria|Syrian Arab Republic", "Syrian"},
	{"LB", "Lebanon", "Lebanon", "Lebanese"},
	{"JO", "Jordan", "Jordan|Hashemite Kingdom of Jordan", "Jordanian"},
	{"IL", "Israel", "Israel", "Israeli"},
	{"PS", "Palestine", "Palestine|State of Palestine", "Palestinian"},
	{"SA", "Saudi Arabia", "Saudi Arabia|KSA", "Saudi|Saudi Arabian"},
	{"AE", "United Arab Emirates", "United Arab Emirates|UAE|U.A.E.|Emirates", "Emirati"},
	{"QA", "Qatar", "Qatar|State of Qatar", "Qatari"},
	{"KW", "Kuwait", "Kuwait|State of Kuwait", "Kuwaiti"},
	{"BH", "Bahrain", "Bahrain|Kingdom of Bahrain", "Bahraini"},
	{"OM", "Oman", "Oman|Sultanate of Oman", "Omani"},
	{"YE", "Yemen", "Yemen", "Yemeni"},
	{"EG", "Egypt", "Egypt|Arab Republic of Egypt", "Egyptian"},
	{"CY", "Cyprus", "Cyprus", "Cypriot"},
	// South Asia
	{"PK", "Pakistan", "Pakistan", "Pakistani"},
	{"IN", "India", "India|Bharat", "Indian"},
	{"AF", "Afghanistan", "Afghanistan", "Afghan"},
	{"BD", "Bangladesh", "Bangladesh", "Bangladeshi"},
	{"LK", "Sri Lanka", "Sri Lanka", "Sri Lankan"},
	{"NP", "Nepal", "Nepal", "Nepalese|Nepali"},
	{"BT", "Bhutan", "Bhutan", "Bhutanese"},
	{"MV", "Maldives", "Maldives", "Maldivian"},
	// East and South-East Asia, Oceania
	{"CN", "China", "China|People's Republic of China|PRC|Mainland China", "Chinese"},
	{"JP", "Japan", "Japan", "Japanese"},
	{"KR", "South Korea", "South Korea|Republic of Korea|ROK|Korea", "South Korean|Korean"},
	{"KP", "North Korea", "North Korea|Democratic People's Republic of Korea|DPRK", "North Korean"},
	{"TW", "Taiwan", "Taiwan", "Taiwanese"},
	{"VN", "Vietnam", "Vietnam|Viet Nam", "Vietnamese"},
	{"TH", "Thailand", "Thailand", "Thai"},
	{"MY", "Malaysia", "Malaysia", "Malaysian"},
	{"SG", "Singapore", "Singapore", "Singaporean"},
	{"ID", "Indonesia", "Indonesia", "Indonesian"},
	{"PH", "Philippines", "Philippines", "Philippine|Filipino"},
	{"MM", "Myanmar", "Myanmar|Burma", "Burmese"},
	{"KH", "Cambodia", "Cambodia", "Cambodian"},
	{"LA", "Laos", "Laos|Lao PDR", "Lao|Laotian"},
	{"BN", "Brunei", "Brunei|Brunei Darussalam", "Bruneian"},
	{"AU", "Australia", "Australia", "Australian"},
	{"NZ", "New Zealand", "New Zealand", "New Zealander"},
	// Europe
	{"RU", "Russia", "Russia|Russian Federation", "Russian"},
	{"UA", "Ukraine", "Ukraine", "Ukrainian"},
	{"BY", "Belarus", "Belarus", "Belarusian|Belarussian"},
	{"MD", "Moldova", "Moldova", "Moldovan"},
	{"PL", "Poland", "Poland", "Polish"},
	{"LT", "Lithuania", "Lithuania", "Lithuanian"},
	{"LV", "Latvia", "Latvia", "Latvian"},
	{"EE", "Estonia", "Estonia", "Estonian"},
	{"FI", "Finland", "Finland", "Finnish"},
	{"SE", "Sweden", "Sweden", "Swedish"},
	{"NO", "Norway", "Norway", "Norwegian"},
	{"DK", "Denmark", "Denmark", "Danish"},
	{"IS", "Iceland", "Iceland", "Icelandic"},
	{"DE", "Germany", "Germany|Federal Republic of Germany", "German"},
	{"FR", "France", "France|French Republic", "French"},
	{"GB", "United Kingdom", "United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales", "British|English|Scottish|Welsh"},
	{"IE", "Ireland", "Ireland", "Irish"},
	{"NL", "Netherlands", "Netherlands|Holland", "Dutch"},
	{"BE", "Belgium", "Belgium", "Belgian"},
	{"LU", "Luxembourg", "Luxembourg", "Luxembourgish"},
	{"CH", "Switzerland", "Switzerland|Swiss Confederation", "Swiss"},
	{"AT", "Austria", "Austria", "Austrian"},
	{"IT", "Italy", "Italy|Italian Republic", "Italian"},
	{"ES", "Spain", "Spain", "Spanish"},
	{"PT", "Portugal", "Portugal", "Portuguese"},
	{"MT", "Malta", "Malta", "Maltese"},
	{"GR", "Greece", "Greece|Hellenic Republic|Hellas", "Greek|Hellenic"},
	{"CZ", "Czechia", "Czechia|Czech Republic", "Czech"},
	{"SK", "Slovakia", "Slovakia|Slovak Republic", "Slovak"},
	{"HU", "Hungary", "Hungary", "Hungarian"},
	{"RO", "Romania", "Romania", "Romanian"},
	{"BG", "Bulgaria", "Bulgaria", "Bulgarian"},
	{"RS", "Serbia", "Serbia", "Serbian|Serb"},
	{"HR", "Croatia", "Croatia", "Croatian"},
	{"SI", "Slovenia", "Slovenia", "Slovenian|Slovene"},
	{"BA", "Bosnia and Herzegovina", "Bosnia and Herzegovina|Bosnia-Herzegovina|Bosnia", "Bosnian"},
	{"ME", "Montenegro", "Montenegro", "Montenegrin"},
	{"MK", "North Macedonia", "North Macedonia|Macedonia", "Macedonian|North Macedonian"},
	{"AL", "Albania", "Albania", "Albanian"},
	{"XK", "Kosovo", "Kosovo", "Kosovar|Kosovan"},
	// Africa
	{"MA", "Morocco", "Morocco", "Moroccan"},
	{"DZ", "Algeria", "Algeria", "Algerian"},
	{"TN", "Tunisia", "Tunisia", "Tunisian"},
	{"LY", "Libya", "Libya", "Libyan"},
	{"SD", "Sudan", "Sudan", "Sudanese"},
	{"ET", "Ethiopia", "Ethiopia", "Ethiopian"},
	{"SO", "Somalia", "Somalia", "Somali"},
	{"KE", "Kenya", "Kenya", "Kenyan"},
	{"TZ", "Tanzania", "Tanzania", "Tanzanian"},
	{"UG", "Uganda", "Uganda", "Ugandan"},
	{"RW", "Rwanda", "Rwanda", "Rwandan"},
	{"NG", "Nigeria", "Nigeria", "Nigerian"},
	{"GH", "Ghana", "Ghana", "Ghanaian"},
	{"SN", "Senegal", "Senegal", "Senegalese"},
	{"ML", "Mali", "Mali", "Malian"},
	{"NE", "Niger", "Niger", "Nigerien"},
	{"TD", "Chad", "Chad", "Chadian"},
	{"CM", "Cameroon", "Cameroon", "Cameroonian"},
	{"CI", "Côte d'Ivoire", "Côte d'Ivoire|Cote d'Ivoire|Ivory Coast", "Ivorian"},
	{"AO", "Angola", "Angola", "Angolan"},
	{"CD", "DR Congo", "Democratic Republic of the Congo|DR Congo|DRC", "Congolese"},
	{"ZA", "South Africa", "South Africa", "South African"},
	{"ZW", "Zimbabwe", "Zimbabwe", "Zimbabwean"},
	{"ZM", "Zambia", "Zambia", "Zambian"},
	{"MZ", "Mozambique", "Mozambique", "Mozambican"},
	{"NA", "Namibia", "Namibia", "Namibian"},
	{"BW", "Botswana", "Botswana", "Botswanan|Motswana"},
	{"DJ", "Djibouti", "Djibouti", "Djiboutian"},
	{"ER", "Eritrea", "Eritrea", "Eritrean"},
	{"MR", "Mauritania", "Mauritania", "Mauritanian"},
	{"BF", "Burkina Faso", "Burkina Faso", "Burkinabe"},
	// Americas
	{"US", "United States", "United States|United States of America|USA|U.S.A.|U.S.|US|America", "American"},
	{"CA", "Canada", "Canada", "Canadian"},
	{"MX", "Mexico", "Mexico", "Mexican"},
	{"BR", "Brazil", "Brazil", "Brazilian"},
	{"AR", "Argentina", "Argentina|Argentine Republic", "Argentine|Argentinian"},
	{"CL", "Chile", "Chile", "Chilean"},
	{"CO", "Colombia", "Colombia", "Colombian"},
	{"PE", "Peru", "Peru", "Peruvian"},
	{"VE", "Venezuela", "Venezuela", "Venezuelan"},
	{"CU", "Cuba", "Cuba", "Cuban"},
	{"EC", "Ecuador", "Ecuador", "Ecuadorian"},
	{"BO", "Bolivia", "Bolivia", "Bolivian"},
	{"UY", "Uruguay", "Uruguay", "Uruguayan"},
	{"PY", "Paraguay", "Paraguay", "Paraguayan"},
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
	"Jordan River", "Chinese Taipei", "East Timor", "West Bank",
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
	cityFirst   = map[string]bool{}
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
		if old, ok := countryPhrases[key]; ok && old.code != "" && !old.adj {
			return // a name wins over an adjective of the same spelling
		}
		countryPhrases[key] = info
		phraseFirst[words[0]] = true
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

// cityRow maps a city as reports name it to its country.
var cityRows = []struct{ city, code, alts string }{
	{"Baku", "AZ", ""}, {"Ganja", "AZ", ""}, {"Shusha", "AZ", ""}, {"Nakhchivan", "AZ", ""}, {"Sumgait", "AZ", ""},
	{"Tbilisi", "GE", ""}, {"Batumi", "GE", ""}, {"Yerevan", "AM", ""},
	{"Astana", "KZ", "Nur-Sultan"}, {"Almaty", "KZ", ""}, {"Tashkent", "UZ", ""}, {"Samarkand", "UZ", ""},
	{"Bishkek", "KG", ""}, {"Dushanbe", "TJ", ""}, {"Ashgabat", "TM", ""}, {"Ulaanbaatar", "MN", ""},
	{"Ankara", "TR", ""}, {"Istanbul", "TR", ""}, {"Izmir", "TR", ""},
	{"Tehran", "IR", ""}, {"Baghdad", "IQ", ""}, {"Damascus", "SY", ""}, {"Beirut", "LB", ""},
	{"Amman", "JO", ""}, {"Tel Aviv", "IL", ""}, {"Jerusalem", "IL", ""}, {"Riyadh", "SA", ""}, {"Jeddah", "SA", ""},
	{"Abu Dhabi", "AE", ""}, {"Dubai", "AE", ""}, {"Doha", "QA", ""}, {"Kuwait City", "KW", ""}, {"Manama", "BH", ""},
	{"Muscat", "OM", ""}, {"Cairo", "EG", ""}, {"Nicosia", "CY", ""},
	{"Islamabad", "PK", ""}, {"Rawalpindi", "PK", ""}, {"Karachi", "PK", ""}, {"Lahore", "PK", ""},
	{"New Delhi", "IN", "Delhi"}, {"Kabul", "AF", ""}, {"Dhaka", "BD", ""}, {"Colombo", "LK", ""}, {"Kathmandu", "NP", ""},
	{"Beijing", "CN", ""}, {"Tokyo", "JP", ""}, {"Seoul", "KR", ""}, {"Pyongyang", "KP", ""}, {"Taipei", "TW", ""},
	{"Hanoi", "VN", ""}, {"Bangkok", "TH", ""}, {"Kuala Lumpur", "MY", ""}, {"Jakarta", "ID", ""}, {"Manila", "PH", ""},
	{"Canberra", "AU", ""}, {"Wellington", "NZ", ""},
	{"Moscow", "RU", ""}, {"Kyiv", "UA", "Kiev"}, {"Minsk", "BY", ""}, {"Chisinau", "MD", ""}, {"Warsaw", "PL", ""},
	{"Vilnius", "LT", ""}, {"Riga", "LV", ""}, {"Tallinn", "EE", ""}, {"Helsinki", "FI", ""}, {"Stockholm", "SE", ""},
	{"Oslo", "NO", ""}, {"Copenhagen", "DK", ""}, {"Reykjavik", "IS", ""}, {"Berlin", "DE", ""}, {"Bonn", "DE", ""},
	{"Paris", "FR", ""}, {"London", "GB", ""}, {"Dublin", "IE", ""}, {"Amsterdam", "NL", ""}, {"The Hague", "NL", ""},
	{"Brussels", "BE", ""}, {"Luxembourg City", "LU", ""}, {"Bern", "CH", ""}, {"Vienna", "AT", ""}, {"Rome", "IT", ""},
	{"Madrid", "ES", ""}, {"Lisbon", "PT", ""}, {"Valletta", "MT", ""}, {"Athens", "GR", ""}, {"Prague", "CZ", ""},
	{"Bratislava", "SK", ""}, {"Budapest", "HU", ""}, {"Bucharest", "RO", ""}, {"Sofia", "BG", ""}, {"Belgrade", "RS", ""},
	{"Zagreb", "HR", ""}, {"Ljubljana", "SI", ""}, {"Sarajevo", "BA", ""}, {"Podgorica", "ME", ""}, {"Skopje", "MK", ""},
	{"Tirana", "AL", ""}, {"Pristina", "XK", ""},
	{"Rabat", "MA", ""}, {"Algiers", "DZ", ""}, {"Tunis", "TN", ""}, {"Tripoli", "LY", ""}, {"Khartoum", "SD", ""},
	{"Addis Ababa", "ET", ""}, {"Nairobi", "KE", ""}, {"Abuja", "NG", ""}, {"Pretoria", "ZA", ""}, {"Dakar", "SN", ""},
	{"Washington", "US", "Washington, D.C.|Washington DC"}, {"Arlington", "US", ""}, {"Norfolk", "US", ""}, {"Honolulu", "US", ""},
	{"Ottawa", "CA", ""}, {"Mexico City", "MX", ""}, {"Brasilia", "BR", "Brasília"}, {"Buenos Aires", "AR", ""},
	{"Santiago", "CL", ""}, {"Bogota", "CO", "Bogotá"}, {"Lima", "PE", ""},
}

// cities maps a folded city name to its display form and country.
var (
	cities         = map[string]struct{ name, code string }{}
	maxCityWords   = 1
	capitalOf      = map[string]string{}
	venueCountries = map[string]string{"pentagon": "US", "white house": "US", "anitkabir": "TR"}
)

func init() {
	for _, c := range cityRows {
		forms := []string{c.city}
		if c.alts != "" {
			forms = append(forms, strings.Split(c.alts, "|")...)
		}
		if _, ok := capitalOf[c.code]; !ok {
			capitalOf[c.code] = c.city
		}
		for _, f := range forms {
			w := foldWords(f)
			cities[strings.Join(w, " ")] = struct{ name, code string }{c.city, c.code}
			cityFirst[w[0]] = true
			if len(w) > maxCityWords {
				maxCityWords = len(w)
			}
		}
	}
}
