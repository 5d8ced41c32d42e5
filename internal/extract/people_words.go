package extract

// Words of people's names, titles and positions beyond those of lexicon.go:
// more honorifics, the lower-case forms of plural titles, the nouns of more
// ministries, and capitalised words that are never a name. They are merged
// into lexicon.go's sets while the package's variables are initialised, so
// before any init function derives tables from them.
var _ = mergePeopleWords()

// moreHonorifics are honorifics of more countries: Arab and Omani
// ("Sayyid"), Cambodian ("Samdech Pichey Sena", "Akka Moha Sena Padei
// Techo"), West African ("Alhaji"), Bruneian ("Pengiran").
var moreHonorifics = []string{"sayyid", "sayyida", "samdech", "akka", "moha", "sena", "padei", "techo", "pichey",
	"alhaji", "alhaja", "pengiran", "khunying", "thanpuying", "amb", "majesty", "hm", "hh", "shaikh", "shaykh",
	"sheik", "shaikha",
	// Malay: "Yang Berhormat", "Yang Amat Berhormat", "Yang Mulia", "Yang
	// Teramat Mulia", "Yang Berbahagia", "Duli Yang Maha Mulia"
	"berhormat", "mulia", "berbahagia", "amat", "teramat", "duli"}

// moreHonorificPhrases are honorifics of several words, folded.
var moreHonorificPhrases = []string{"yang berhormat", "yang amat berhormat", "yang mulia", "yang amat mulia",
	"yang teramat mulia", "yang berbahagia", "duli yang maha mulia"}

// moreLowerHeads are position heads that may be written in lower case:
// plural titles ("the defence ministers of A and B") and members of a body.
var moreLowerHeads = []string{"ministers", "chiefs", "commanders", "secretaries", "heads", "member", "members",
	"attaches", "ambassadors", "president", "governor", "coordinator", "inspector", "commandant", "spokesman",
	"spokesperson"}

// moreLowerMods may precede a lower-case head ("the national defence
// ministers", "the prime minister").
var moreLowerMods = []string{"national", "vice", "prime", "foreign", "chief", "state", "navy", "defense's",
	"defence's"}

// morePositionWords are nouns of ministries and offices.
var morePositionWords = []string{"production", "diwan", "royal", "court", "protocol", "veterans", "sedena", "semar",
	"procurement", "production's", "armaments", "acquisition",
	// the nouns of the names of ministries, committees and agencies
	"protection", "struggle", "martyrdom", "sites", "heritage", "religious", "associations", "association", "issues",
	"matters", "property", "projects", "youth", "sports", "culture", "tourism", "agriculture", "labour", "labor",
	"welfare", "social", "employment", "migration", "customs", "revenue", "statistics", "investigation",
	"prosecutor", "prosecutor's", "courts", "police", "rescue", "disaster", "management", "control", "supervision",
	"audit", "chamber", "municipality", "province", "provincial", "foundation", "fund", "authority", "regulatory",
	"legislative", "judicial", "constitutional", "ordnance", "munitions", "shipbuilding", "aeronautics",
	"investment", "housing", "construction", "infrastructure", "transportation", "railways", "fisheries",
	"forestry", "broadcasting", "telecommunications", "religion", "religions", "minorities", "nationalities",
	"diaspora", "compatriots", "refugees", "remembrance", "bundeswehr", "knesset", "duma", "rada", "bundestag",
	"sejm", "mazhilis", "kenesh", "storting", "riksdag", "tatmadaw", "carabinieri", "rosgvardia", "councilor",
	"councillor", "aide", "adjutant", "quartermaster", "comptroller", "mayor", "ombudsman", "senator", "judge", "politics",
	"political", "emiri", "amiri", "imperial", "country", "women", "children", "gender", "equality", "sport",
	// the nouns of units and formations
	"jungle", "mountain", "motorized", "motorised", "rifle", "amphibious", "commando", "commandos", "rangers",
	"paratroopers", "parachute", "cavalry", "armour", "armor", "assault", "reconnaissance", "engineer",
	"expeditionary", "task", "squadron", "squadrons", "wing", "flotilla", "zone", "sector", "theater", "theatre",
	"front", "natl", "intl", "def"}

// moreHeads are nouns of positions beyond lexicon.go's: "State Councilor",
// "Mayor", "Ombudsman".
var moreHeads = []string{"councilor", "councillor", "aide", "adjutant", "quartermaster", "comptroller", "mayor",
	"ombudsman", "senator", "prosecutor", "auditor", "provost", "secretary-general", "attaché", "congressman",
	"congresswoman", "congressmen", "congresswomen", "lawmaker", "parliamentarian"}

// notNameWords are capitalised words that start or continue no name:
// verbs of headlines written in title case ("Hagel Meets With ..."), the
// nouns of geographic names ("Potomac River"), and words of titles.
var notNameWords = []string{
	"meets", "met", "hosts", "hosted", "receives", "received", "visits", "visited", "holds", "held", "signs",
	"signed", "calls", "called", "says", "welcomes", "welcomed", "discusses", "discussed", "pays",
	"paid", "attends", "attended", "lays", "laid", "inks", "agree", "agrees", "talks", "urges", "vows",
	"thanks", "praises", "speaks", "arrives", "leaves", "concludes", "opens", "reviews", "inspects",
	"river", "lake", "island", "islands", "bay", "valley", "airport", "peninsula", "desert", "canal",
	"street", "avenue", "road", "bridge", "castle", "fortress", "stadium", "cathedral", "church", "mosque",
	"temple", "tower", "airfield", "garrison", "station", "mountains", "hills", "coast",
	"co", "chairs", "co-chair", "co-chairs", "pilot", "staff", "rtd", "retd",
	"room", "market", "club", "hospital", "barracks", "plaza", "auditorium", "arena", "terminal",
	// the Malay ruler's title "Yang di-Pertuan (Agong, Besar)"
	"pertuan", "dipertuan", "agong",
}

func mergePeopleWords() bool {
	for _, w := range moreHonorifics {
		honorifics[w] = true
	}
	for _, w := range moreLowerHeads {
		lowerPositionHeads[w] = true
	}
	for _, w := range moreLowerMods {
		lowerPositionMods[w] = true
	}
	for _, w := range morePositionWords {
		positionWords[w] = true
	}
	for _, w := range moreHeads {
		positionHeads[w] = true
		positionWords[w] = true
	}
	for _, w := range notNameWords {
		notNames[w] = true
	}
	honorificPhrases = append(honorificPhrases, moreHonorificPhrases...)
	return true
}

// namedPlaceNouns end the names of places, beyond venueHeads and siteHeads: a
// name followed by one names a place ("the San Martín Palace").
var namedPlaceNouns = setOf("street", "avenue", "road", "airport", "hotel", "room", "stadium", "mosque", "cathedral",
	"church", "bridge", "tower", "port", "airbase", "barracks", "camp", "plaza", "boulevard", "airfield",
	"station", "auditorium", "arena", "lyceum", "foundation", "prize", "award", "medal", "order")
