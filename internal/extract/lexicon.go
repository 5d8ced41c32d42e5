package extract

import (
	_ "embed"
	"strings"
)

// rankRows lists military ranks: the canonical form first, then other
// spellings and abbreviations (folded, dots and hyphens dropped).
var rankRows = [][]string{
	{"General of the Army"},
	{"Army General", "orgeneral"},
	{"Colonel General", "col gen", "colonel-general", "general-colonel", "general colonel"},
	{"Senior Lieutenant General", "sr lt gen", "sen lt gen", "sen lieut gen", "snr lt gen"},
	{"Lieutenant General", "ltg", "lt gen", "ltgen", "lt general", "lieut gen", "lieutenant-general", "korgeneral", "general-lieutenant", "general lieutenant"},
	{"Major General", "mg", "maj gen", "majgen", "major-general", "tumgeneral", "general-major", "general major"},
	{"Brigadier General", "bg", "brig gen", "brigadier-general", "tuggeneral", "brig general"},
	{"Brigadier", "brig"},
	{"General", "gen"},
	{"Senior Colonel", "sr col", "sen col"},
	{"Senior General"},
	{"Colonel", "col"},
	{"Lieutenant Colonel", "ltc", "lt col", "ltcol", "lieutenant-colonel", "lieut col"},
	{"Major", "maj"},
	{"Captain", "capt", "cpt"},
	{"First Lieutenant", "1st lt"},
	{"Senior Lieutenant"},
	{"Second Lieutenant", "2nd lt"},
	{"Lieutenant", "lt"},
	{"Fleet Admiral", "admiral of the fleet"},
	{"Admiral", "adm", "oramiral"},
	{"Vice Admiral", "vice adm", "vadm", "v adm", "koramiral"},
	{"Rear Admiral", "rear adm", "radm", "r adm", "tumamiral", "tugamiral"},
	{"Commodore", "cdre"},
	{"Captain First Rank", "captain 1st rank"},
	{"Captain Second Rank", "captain 2nd rank"},
	{"Captain Third Rank", "captain 3rd rank"},
	{"Lieutenant Commander", "lt cmdr", "lt cdr"},
	{"Commander", "cmdr", "cdr"},
	{"Air Chief Marshal", "acm"},
	{"Air Marshal"},
	{"Air Vice Marshal", "avm"},
	{"Air Commodore", "air cdre"},
	{"Group Captain", "gp capt"},
	{"Wing Commander", "wg cdr"},
	{"Squadron Leader", "sqn ldr"},
	{"Flight Lieutenant", "flt lt"},
	{"Field Marshal"},
	{"Chief Marshal"},
	{"Marshal"},
	{"Command Sergeant Major"},
	{"Sergeant Major Of The Army"},
	{"Sergeant Major"},
	{"Chief Master Sergeant"},
	{"Master Sergeant"},
	{"Sergeant"},
	{"Warrant Officer"},
	// French, Spanish, Portuguese and Italian ranks some English reports keep
	{"Général d'armée", "general d armee"},
	{"Général de corps d'armée", "general de corps d armee"},
	{"Général de division"},
	{"Général de brigade"},
	{"Général d'armée aérienne", "general d armee aerienne"},
	{"Amiral"},
	{"Vice-amiral d'escadre", "vice amiral d escadre"},
	{"Vice-amiral"},
	{"Contre-amiral"},
	{"General de Ejército"},
	{"General de División"},
	{"General de Brigada"},
	{"Teniente General"},
	{"Almirante"},
	{"Vicealmirante"},
	{"Contralmirante"},
	{"Coronel"},
	{"General de Exército"},
	{"Almirante de Esquadra"},
	{"Tenente-Brigadeiro", "tenente brigadeiro"},
	{"Generale di Corpo d'Armata", "generale di corpo d armata"},
	{"Ammiraglio"},
}

// rankAbbrOnly are words of rank abbreviations that are names elsewhere
// ("Hun Sen"), so not words that end a name.
var rankAbbrOnly = setOf("sen", "sr", "snr", "lieut")

// ranks maps a folded rank form to its canonical form; pluralRanks holds
// the plural forms.
var (
	ranks        = map[string]string{}
	pluralRanks  = map[string]bool{}
	maxRankWords = 1
	rankWords    = map[string]bool{}
)

func init() {
	for _, row := range rankRows {
		for _, f := range row {
			w := foldWords(f)
			ranks[strings.Join(w, " ")] = row[0]
			if len(w) > maxRankWords {
				maxRankWords = len(w)
			}
		}
		// the plural shared by several people: "Lieutenant Generals X and Y"
		if w := foldWords(row[0]); len(w) <= 3 && !strings.ContainsAny(row[0], "éóèí'") {
			last := w[len(w)-1]
			if !strings.HasSuffix(last, "s") && last != "rank" && pluralHeads[last+"s"] == "" {
				p := strings.Join(append(append([]string{}, w[:len(w)-1]...), last+"s"), " ")
				if _, ok := ranks[p]; !ok {
					ranks[p] = row[0]
					pluralRanks[p] = true
					rankWords[last+"s"] = true
				}
			}
		}
		for _, f := range row {
			for _, w := range foldWords(f) {
				if w != "1st" && w != "2nd" && w != "3rd" && !rankAbbrOnly[w] && !nameParticles[w] && !connectors[w] {
					rankWords[w] = true
				}
			}
		}
	}
}

// honorifics precede a name but are not ranks.
var honorifics = setOf("mr", "ms", "mrs", "miss", "dr", "prof", "professor", "sir", "dame", "madam", "mme",
	"hon", "honourable", "honorable", "sheikh", "sheikha", "prince", "princess", "excellency", "highness",
	"hrh", "lord", "lady", "mister", "madame", "shri", "smt", "haji", "hajji", "janab", "begum", "datuk", "dato",
	"datin", "tun", "seri", "sri", "puan", "tuan", "pehin", "awang", "dayang")

// honorificPhrases are honorifics of several words, folded.
var honorificPhrases = []string{"his excellency", "her excellency", "his royal highness", "her royal highness",
	"his highness", "her highness", "h e", "his majesty", "her majesty", "tan sri", "datuk seri", "dato seri",
	"dato sri", "toh puan", "rt hon", "right hon", "right honourable", "right honorable"}

// positionHeads are the nouns an official's position is built on.
var positionHeads = setOf("minister", "ministers", "secretary", "undersecretary", "chief", "chiefs", "chairman",
	"chairperson", "chair", "chairwoman", "commander", "commandant", "ambassador", "attache", "director", "head",
	"president", "adviser", "advisor", "rector", "inspector", "representative", "envoy", "governor", "counsellor",
	"counselor", "spokesman", "spokesperson", "spokeswoman", "superintendent", "administrator", "coordinator",
	"premier", "king", "emir", "chancellor", "commissioner", "leader", "officer", "deputy", "vice-chairman",
	"chargé", "charge", "consul", "speaker", "member", "general-director", "commander-in-chief", "mantri")

// positionStarts may open a position ("First Deputy Minister", "Defence
// Minister"); heads may too.
var positionStarts = setOf("first", "second", "third", "deputy", "vice", "assistant", "acting", "senior", "principal",
	"permanent", "special", "executive", "chief", "head", "under", "national", "defense", "defence", "military",
	"naval", "navy", "air", "army", "joint", "supreme", "prime", "federal", "state", "foreign", "interior",
	"land", "ground", "general", "commanding", "lead", "former", "raksha")

// positionWords may stand inside a position: heads, starts, and the nouns of
// ministries, staffs and commands.
var positionWords = setOf("forces", "force", "armed", "staff", "staffs", "general", "committee", "council", "security",
	"republic", "islamic", "kingdom", "federation", "states", "united", "peoples", "people", "democratic", "socialist",
	"arab", "hashemite", "ministry", "ministries", "department", "directorate", "main", "central", "office",
	"headquarters", "command", "operations", "operational", "policy", "policies", "affairs", "internal",
	"international", "cooperation", "relations", "intelligence", "logistics", "training", "education", "educational",
	"personnel", "procurement", "acquisition", "acquisitions", "sustainment", "industry", "industries", "industrial",
	"technology", "technologies", "technical", "science", "research", "development", "agency", "service", "services",
	"border", "guard", "guards", "coast", "gendarmerie", "marine", "marines", "corps", "space", "cyber", "strategic",
	"missile", "rocket", "aerospace", "engineering", "engineers", "medical", "health", "veterans", "reserve",
	"reserves", "university", "academy", "college", "school", "institute", "centre", "center", "fleet", "fleets",
	"district", "region", "regional", "division", "brigade", "regiment", "battalion", "group", "troops",
	"administration", "bureau", "cabinet", "parliament", "assembly", "high", "higher", "plenipotentiary",
	"extraordinary", "embassy", "mission", "delegation", "plans", "planning", "programs", "programmes", "resources",
	"budget", "finance", "legal", "public", "information", "communications", "mobilization", "mobilisation",
	"conscription", "emergency", "emergencies", "situations", "indo", "pacific", "european", "africa", "southern",
	"northern", "western", "eastern", "atlantic", "nato", "allied", "transformation", "europe", "alliance",
	"peacekeeping", "unit", "units", "sub", "secretariat", "inspection", "inspectorate", "chiefs", "navy",
	"defense", "defence", "national", "military", "naval", "army", "armies", "air", "joint", "supreme", "land",
	"ground", "forces", "special", "state", "federal", "policy", "commission", "board", "c4i", "chemical",
	"nuclear", "radiological", "biological", "signals", "artillery", "infantry", "armoured", "armored", "tank",
	"mechanized", "airborne", "aviation", "submarine", "surface", "warfare", "combat", "support", "affairs",
	"civil", "homeland", "protection", "president", "presidential", "majlis", "milli", "senate", "house",
	"representatives", "congress", "government", "general's", "republics", "organization", "organisation",
	"treaty", "csto", "cis", "sco", "osce", "un", "nations", "commonwealth", "gulf", "persian", "caspian", "black",
	"sea", "north", "south", "east", "west", "middle", "asia", "caucasus", "balkans", "americas", "america",
	"foreign", "interior", "justice", "economy", "economic", "trade", "finance", "energy", "transport",
	"communication", "emergency", "digital", "innovation", "innovations", "external", "bilateral", "multilateral",
	"geospatial", "satellite", "satellites", "missiles", "drone", "drones", "unmanned", "systems", "system",
	"weapons", "armaments", "armament", "equipment", "capabilities", "capability", "maritime", "coastal",
	"territorial", "defense's", "doctrine", "doctrines", "exercises", "studies", "war", "staff's", "commission's",
	"inter", "services", "isi", "ispr", "coas", "cjcsc", "cns", "cas", "cgs", "cds", "mod", "mnd", "dod", "raksha",
	"rajya", "sena", "nausena", "vayu")

// connectors may join the words of a position, lower case.
var connectors = setOf("of", "the", "for", "and", "to", "in", "under", "on", "&")

// lowerPositionHeads open a position written in lower case ("military
// attache of the Armed Forces ...").
var lowerPositionHeads = setOf("attache", "ambassador", "minister", "commander", "chief", "head", "director",
	"adviser", "advisor", "secretary", "representative", "envoy", "chairman")

// lowerPositionMods may precede a lower-case head.
var lowerPositionMods = setOf("military", "defence", "defense", "naval", "air", "army", "deputy", "assistant",
	"first", "senior", "acting", "daffaires")

// notNames are capitalised words that do not begin or continue a person's
// name.
var notNames = setOf(
	"the", "on", "in", "at", "during", "then", "following", "after", "before", "moreover", "subsequently", "also",
	"later", "meanwhile", "furthermore", "additionally", "earlier", "today", "yesterday", "this", "that", "these",
	"those", "it", "he", "she", "they", "we", "his", "her", "their", "our", "its", "a", "an", "as", "by", "for",
	"from", "with", "within", "upon", "of", "to", "and", "or", "but", "while", "when", "where", "which", "who",
	"whom", "whose", "what", "there", "here", "both", "besides", "however", "thus", "therefore",
	"finally", "first", "second", "third", "next", "last", "lastly", "afterwards", "thereafter", "notably",
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
	"jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
	"alley", "park", "monument", "memorial", "cemetery", "tomb", "book", "honor", "honour", "victory", "martyrs",
	"martyr", "square", "mausoleum", "complex", "museum", "pentagon", "headquarters",
	"photo", "photos", "video", "report", "reports", "news", "day", "independence", "press", "release",
	"turkic", "high", "level", "dialogue", "meeting", "meetings", "conference", "summit", "forum", "exercise",
	"exercises", "operation", "talks", "organization", "organisation", "nato", "osce", "csto", "un", "eu", "cis",
	"sco", "national", "leader", "mr", "ms", "mrs", "dr", "readout", "statement", "during", "according",
	"prospects", "support", "emphasis", "issues", "both", "sides", "guests", "guest", "delegation", "delegations",
	"defense", "defence", "ministry", "minister", "cooperation", "military", "army", "navy", "air", "force",
	"forces", "staff", "general", "state", "states", "republic", "kingdom", "federation", "union", "islamic",
	"people", "peoples", "world", "war", "great", "patriotic", "memorandum", "agreement", "plan", "protocol",
	"understanding", "framework", "program", "programme", "roadmap", "president", "secretary", "excellency",
	"his", "her", "royal", "highness", "majesty", "prime", "chief", "chairman", "commander", "ambassador",
	"spokesman", "spokesperson", "gallery", "image", "slider", "latest", "related", "articles", "follow",
	"twitter", "telegram", "facebook", "instagram", "youtube", "region", "energy",
	"business", "finance", "foreign", "policy", "other", "countries", "country", "ict", "society", "sport",
	"economy", "military-technical", "strategic", "partnership", "brotherhood", "friendship", "solidarity",
	"welcome", "welcoming", "ceremony", "honors", "honours", "guard", "anthem", "anthems", "flag", "flags",
	"wreath", "wreaths", "flowers", "grave", "graves", "victory", "liberation", "international", "joint", "committee", "council", "security", "commission",
	"academy", "university", "college", "school", "institute", "center", "centre", "command", "corps",
	"department", "directorate", "office", "service", "agency", "brigade", "division", "regiment", "battalion",
	"fleet", "district", "unit", "base", "airbase", "port", "harbour", "harbor", "range", "polygon",
	"sunday", "embassy", "consulate", "parliament", "senate", "congress", "assembly", "cabinet",
	"government", "administration", "palace", "hall", "hotel", "building", "compound", "house", "white",
	"ukrainian", "indo-pacific", "pacific", "atlantic", "europe", "asia", "africa", "america", "caucasus",
	"balkans", "arctic", "baltic", "mediterranean", "gulf", "sea", "ocean", "strait", "straits",
	"ministers", "deputy", "vice", "assistant", "undersecretary", "chairperson", "director", "head",
	"inspector", "representative", "envoy", "governor", "attache", "officer", "officers", "soldiers",
	"servicemen", "personnel", "troops", "veterans", "families", "heroes", "hero", "order", "medal",
	"award", "awards", "decoration", "prize", "merit", "glory", "valor", "valour", "courage", "service",
	"contribution", "development", "distinguished", "meritorious", "legion", "cross", "star",
)

// nameParticles may stand in lower case inside a name.
var nameParticles = setOf("bin", "bint", "ibn", "al", "el", "ul", "ud", "van", "von", "der", "den", "de", "da", "di",
	"du", "la", "le", "del", "dos", "das", "ter", "ten", "y", "do")

// nameSuffixes may close a name.
var nameSuffixes = map[string]bool{"Jr": true, "Sr": true, "II": true, "III": true, "IV": true}

// postnominals are honours Pakistani and British usage writes after a name:
// "General Syed Asim Munir, NI (M), ...".
var postnominals = setOf("ni", "hi", "si", "tbt", "sbt", "hj", "nj", "obe", "mbe", "cbe", "kbe", "gbe", "kcb",
	"gcb", "cb", "dso", "mc", "dfc", "psc", "ndc", "rcds", "awc", "phd", "usa", "usn", "usaf", "usmc", "ret",
	"retd", "retired", "paf", "pn", "m", "ta", "bt", "ti", "mvo", "cvo", "kcvo", "gcvo", "adc", "qgm", "qcvs")

//go:embed data/outlets.tsv
var outletsTSV string

// outletForms maps the folded forms reports name an outlet by to the name
// to record; outletHosts maps a site's host to the outlet; outletCountries
// the outlet to the country it reports from. All come from
// data/outlets.tsv (data/README.md).
var (
	outletForms     = map[string]string{}
	outletHosts     = map[string]string{}
	outletCountries = map[string]string{}
)

func init() {
	for _, ln := range strings.Split(outletsTSV, "\n") {
		if ln == "" || strings.HasPrefix(ln, "#") {
			continue
		}
		f := strings.Split(ln, "\t")
		for len(f) < 4 {
			f = append(f, "")
		}
		name := f[0]
		for _, form := range strings.Split(f[1], "|") {
			if form != "" {
				outletForms[strings.ToLower(form)] = name
			}
		}
		if f[2] != "" {
			outletCountries[name] = f[2]
		}
		for _, h := range strings.Split(f[3], "|") {
			if h != "" {
				outletHosts[h] = name
			}
		}
	}
}

// outletOfLine returns the outlet when a whole line is an outlet's name, such
// as "News.Az" at the foot of an article.
func outletOfLine(s string) string {
	s = strings.TrimSpace(strings.Trim(s, "©|-–— "))
	if len(s) > 40 {
		return ""
	}
	if n, ok := outletForms[strings.ToLower(s)]; ok && (strings.ContainsRune(s, '.') || len(s) > 4) {
		return n
	}
	return ""
}

// siteHeads are the nouns of places where wreaths are laid.
var siteHeads = setOf("alley", "park", "monument", "memorial", "cemetery", "tomb", "mausoleum", "complex", "square",
	"museum", "pantheon", "grave", "graves", "shrine", "obelisk", "statue", "bust", "flame",
	"mazar", "yadgar", "cenotaph", "arch", "wall")

// venueHeads are nouns that name where a meeting was held.
var venueHeads = setOf("ministry", "headquarters", "staff", "pentagon", "academy", "university", "command", "office",
	"palace", "building", "house", "base", "centre", "center", "hall", "directorate", "department", "embassy",
	"gendarmerie", "compound", "garrison", "college", "school", "institute", "complex", "hq", "ghq")

// monthNames maps folded month names and abbreviations to their number.
var monthNames = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5,
	"june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9,
	"october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}

// foreignMonths are month names (folded) of the languages whose pages put
// their own date stamps on English reports: German, French, Spanish,
// Italian, Portuguese, Russian and Ukrainian (genitive), Turkish,
// Azerbaijani, Hungarian, Romanian, Polish (genitive), Serbian and Croatian.
// They count only next to a day or a year.
var foreignMonths = monthTable([12]string{
	"januar|janvier|enero|gennaio|janeiro|января|січня|ocak|yanvar|januar|ianuarie|stycznia|januara|siječnja|sijecnja|janner",
	"februar|fevrier|febrero|febbraio|fevereiro|февраля|лютого|subat|fevral|februar|februarie|lutego|februara|veljače|veljace",
	"marz|mars|marzo|марта|березня|mart|marcius|martie|marca|marta|ozujka|ožujka",
	"april|avril|abril|aprile|апреля|квітня|nisan|aprel|aprilis|aprilie|kwietnia|aprila|travnja",
	"mai|mayo|maggio|maio|мая|травня|mayis|majus|maja|svibnja",
	"juni|juin|junio|giugno|junho|июня|червня|haziran|iyun|junius|iunie|czerwca|juna|lipnja",
	"juli|juillet|julio|luglio|julho|июля|липня|temmuz|iyul|julius|iulie|lipca|jula|srpnja",
	"august|aout|agosto|августа|серпня|agustos|avqust|augusztus|sierpnia|avgusta|kolovoza",
	"september|septembre|septiembre|settembre|setembro|сентября|вересня|eylul|sentyabr|szeptember|septembrie|wrzesnia|septembra|rujna",
	"oktober|octobre|octubre|ottobre|outubro|октября|жовтня|ekim|oktyabr|oktober|octombrie|pazdziernika|oktobra",
	"november|novembre|noviembre|novembro|ноября|листопада|kasim|noyabr|noiembrie|novembra|studenoga",
	"dezember|decembre|diciembre|dicembre|dezembro|декабря|грудня|aralik|dekabr|december|decembrie|grudnia|decembra|prosinca",
})

// monthTable maps each folded name of the lists (one "|"-separated list per
// month, January first) to its month, leaving out English names, which
// monthNames reads.
func monthTable(months [12]string) map[string]int {
	t := map[string]int{}
	for m, names := range months {
		for _, n := range strings.Split(names, "|") {
			if _, ok := monthNames[n]; !ok {
				t[foldWord(n)] = m + 1
			}
		}
	}
	return t
}

var weekdays = map[string]int{"sunday": 0, "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6}
