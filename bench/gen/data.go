package main

// The fixed vocabularies the generator draws from. Countries are listed in
// the order of their Zipf rank: the first takes part in the most meetings.

type countrySpec struct {
	code    string
	scheme  string // naming scheme of its officials
	capital string
}

var rankedCountries = []countrySpec{
	{"AZ", "turkic", "Baku"}, {"TR", "turkic", "Ankara"}, {"RU", "slavic", "Moscow"},
	{"US", "western", "Washington"}, {"KZ", "turkic", "Astana"}, {"GE", "caucasus", "Tbilisi"},
	{"PK", "southasian", "Islamabad"}, {"CN", "eastasian", "Beijing"}, {"FR", "western", "Paris"},
	{"DE", "western", "Berlin"}, {"GB", "western", "London"}, {"IN", "southasian", "New Delhi"},
	{"IT", "western", "Rome"}, {"BY", "slavic", "Minsk"}, {"UA", "slavic", "Kyiv"},
	{"SA", "arabic", "Riyadh"}, {"AE", "arabic", "Abu Dhabi"}, {"EG", "arabic", "Cairo"},
	{"IR", "persian", "Tehran"}, {"PL", "slavic", "Warsaw"}, {"JP", "eastasian", "Tokyo"},
	{"KR", "eastasian", "Seoul"}, {"KG", "turkic", "Bishkek"}, {"TM", "turkic", "Ashgabat"},
	{"UZ", "turkic", "Tashkent"}, {"TJ", "persian", "Dushanbe"}, {"RS", "slavic", "Belgrade"},
	{"HU", "western", "Budapest"}, {"RO", "western", "Bucharest"}, {"BG", "slavic", "Sofia"},
	{"GR", "western", "Athens"}, {"ES", "iberian", "Madrid"}, {"BR", "iberian", "Brasília"},
	{"QA", "arabic", "Doha"}, {"JO", "arabic", "Amman"}, {"ID", "eastasian", "Jakarta"},
	{"MY", "eastasian", "Kuala Lumpur"}, {"VN", "eastasian", "Hanoi"}, {"MN", "eastasian", "Ulaanbaatar"},
	{"AM", "caucasus", "Yerevan"}, {"MD", "western", "Chișinău"}, {"CZ", "slavic", "Prague"},
	{"SK", "slavic", "Bratislava"}, {"LT", "western", "Vilnius"}, {"LV", "western", "Riga"},
	{"EE", "western", "Tallinn"}, {"FI", "western", "Helsinki"}, {"SE", "western", "Stockholm"},
	{"NO", "western", "Oslo"}, {"DK", "western", "Copenhagen"}, {"NL", "western", "Amsterdam"},
	{"BE", "western", "Brussels"}, {"AT", "western", "Vienna"}, {"CH", "western", "Bern"},
	{"PT", "iberian", "Lisbon"}, {"IE", "western", "Dublin"}, {"CA", "western", "Ottawa"},
	{"MX", "iberian", "Mexico City"}, {"AR", "iberian", "Buenos Aires"}, {"CL", "iberian", "Santiago"},
	{"CO", "iberian", "Bogotá"}, {"PE", "iberian", "Lima"}, {"VE", "iberian", "Caracas"},
	{"CU", "iberian", "Havana"}, {"DZ", "arabic", "Algiers"}, {"MA", "arabic", "Rabat"},
	{"TN", "arabic", "Tunis"}, {"LY", "arabic", "Tripoli"}, {"IQ", "arabic", "Baghdad"},
	{"KW", "arabic", "Kuwait City"}, {"BH", "arabic", "Manama"}, {"OM", "arabic", "Muscat"},
	{"LB", "arabic", "Beirut"}, {"SY", "arabic", "Damascus"}, {"YE", "arabic", "Sanaa"},
	{"SD", "arabic", "Khartoum"}, {"AF", "southasian", "Kabul"}, {"BD", "southasian", "Dhaka"},
	{"LK", "southasian", "Colombo"}, {"NP", "southasian", "Kathmandu"}, {"TH", "eastasian", "Bangkok"},
	{"PH", "eastasian", "Manila"}, {"SG", "eastasian", "Singapore"}, {"KH", "eastasian", "Phnom Penh"},
	{"LA", "eastasian", "Vientiane"}, {"MM", "eastasian", "Naypyidaw"}, {"KP", "eastasian", "Pyongyang"},
	{"AU", "western", "Canberra"}, {"NZ", "western", "Wellington"}, {"ZA", "african", "Pretoria"},
	{"NG", "african", "Abuja"}, {"KE", "african", "Nairobi"}, {"ET", "african", "Addis Ababa"},
	{"GH", "african", "Accra"}, {"TZ", "african", "Dodoma"}, {"UG", "african", "Kampala"},
	{"RW", "african", "Kigali"}, {"SN", "african", "Dakar"}, {"ML", "african", "Bamako"},
	{"NE", "african", "Niamey"}, {"BF", "african", "Ouagadougou"}, {"CI", "african", "Yamoussoukro"},
	{"CM", "african", "Yaoundé"}, {"AO", "iberian", "Luanda"}, {"MZ", "iberian", "Maputo"},
	{"ZM", "african", "Lusaka"}, {"ZW", "african", "Harare"}, {"BW", "african", "Gaborone"},
	{"NA", "african", "Windhoek"}, {"SO", "arabic", "Mogadishu"}, {"DJ", "arabic", "Djibouti"},
	{"ER", "african", "Asmara"}, {"TD", "arabic", "N'Djamena"}, {"MR", "arabic", "Nouakchott"},
	{"HR", "slavic", "Zagreb"}, {"SI", "slavic", "Ljubljana"}, {"BA", "slavic", "Sarajevo"},
	{"ME", "slavic", "Podgorica"}, {"MK", "slavic", "Skopje"}, {"AL", "western", "Tirana"},
	{"CY", "western", "Nicosia"}, {"MT", "western", "Valletta"}, {"LU", "western", "Luxembourg"},
	{"IS", "western", "Reykjavík"}, {"EC", "iberian", "Quito"}, {"BO", "iberian", "La Paz"},
	{"PY", "iberian", "Asunción"}, {"UY", "iberian", "Montevideo"}, {"GT", "iberian", "Guatemala City"},
	{"HN", "iberian", "Tegucigalpa"}, {"SV", "iberian", "San Salvador"}, {"NI", "iberian", "Managua"},
	{"CR", "iberian", "San José"}, {"PA", "iberian", "Panama City"}, {"DO", "iberian", "Santo Domingo"},
	{"JM", "western", "Kingston"}, {"TT", "western", "Port of Spain"}, {"BN", "eastasian", "Bandar Seri Begawan"},
	{"TL", "iberian", "Dili"}, {"PG", "western", "Port Moresby"}, {"FJ", "western", "Suva"},
	{"MV", "southasian", "Malé"}, {"BT", "southasian", "Thimphu"}, {"GA", "african", "Libreville"},
	{"CG", "african", "Brazzaville"}, {"CD", "african", "Kinshasa"}, {"BJ", "african", "Porto-Novo"},
	{"TG", "african", "Lomé"}, {"GN", "african", "Conakry"}, {"SL", "african", "Freetown"},
}

// shortNames replaces the ISO short name in generated titles and summaries
// where reports use another.
var shortNames = map[string]string{"RU": "Russia", "CD": "DR Congo", "BN": "Brunei", "CZ": "Czech Republic"}

type nameScheme struct{ first, last []string }

var schemes = map[string]nameScheme{
	"turkic": {
		first: []string{"Zakir", "Karim", "Elchin", "Ramiz", "Vugar", "Anar", "Rashad", "Farid", "Ilham", "Kamran",
			"Tural", "Murad", "Orkhan", "Elnur", "Rauf", "Nijat", "Sultan", "Bakhtiyar", "Aziz", "Timur", "Yusuf",
			"Mehmet", "Ahmet", "Levent", "Hulusi", "Yaşar", "Selçuk", "İsmail", "Musa", "Arif", "Nurlan", "Yerlan",
			"Daniyar", "Rustam", "Shukhrat", "Bakhodir", "Abdulla", "Dauren", "Serik", "Marat", "Emin", "Ruslan",
			"Samir", "Rovshan", "Fuad", "Elshad", "Hikmet", "Cemal", "Kerem", "Onur", "Zaur", "Hikmat", "Mübariz",
			"Kanat", "Asylbek", "Erlan", "Bekzat", "Jahongir", "Otabek", "Sherzod", "Begench", "Annageldi"},
		last: []string{"Hasanov", "Valiyev", "Aliyev", "Mammadov", "Huseynov", "Guliyev", "Ismayilov", "Karimov",
			"Abbasov", "Jafarov", "Rzayev", "Safarov", "Ergün", "Akar", "Güler", "Yıldız", "Demir", "Kaya", "Çelik",
			"Şahin", "Öztürk", "Aydın", "Kamaletdinov", "Nurmagambetov", "Zhaksylykov", "Tasbulatov",
			"Khalmukhamedov", "Kurbanov", "Tursunov", "Yusupov", "Rakhimov", "Nazarov", "Sadykov", "Toktogulov",
			"Orazov", "Atayev", "Berdiyev", "Bayramov", "Gasimov", "Nabiyev", "Qurbanov", "Sultanov", "Rahimov",
			"Mirzayev", "Askarov", "Ibragimov", "Zeynalov", "Novruzov", "Efendiyev", "Bağcı", "Farhadov",
			"Mahmudov", "Ermekbayev", "Bekmurzayev", "Kadyrov", "Allaberdiyev", "Muratov", "Yolchiyev", "Dursun",
			"Koç", "Arslan", "Doğan", "Kılıç", "Aslan", "Çetin", "Kara", "Koçak", "Kurt", "Özdemir", "Polat"},
	},
	"slavic": {
		first: []string{"Sergei", "Viktor", "Alexander", "Dmitry", "Andrei", "Oleg", "Igor", "Vladimir", "Mikhail",
			"Yuri", "Pavel", "Nikolai", "Valery", "Anatoly", "Roman", "Vadim", "Stanislav", "Bogdan", "Miroslav",
			"Tomasz", "Piotr", "Marek", "Jan", "Milan", "Dragan", "Zoran", "Goran", "Ivan", "Petr", "Boris",
			"Konstantin", "Evgeny", "Gennady", "Maxim", "Ruslan", "Leonid", "Grigory", "Arkady", "Aleksandar",
			"Nenad", "Dušan", "Branko", "Krzysztof", "Mariusz", "Wojciech", "Jiří", "Tomáš", "Ladislav",
			"Oleksii", "Valerii", "Serhii", "Mykola", "Volodymyr", "Andrzej", "Radoslav", "Stefan"},
		last: []string{"Ivanov", "Petrov", "Sidorov", "Volkov", "Kozlov", "Morozov", "Novikov", "Lebedev", "Sokolov",
			"Popov", "Kuznetsov", "Fedorov", "Orlov", "Belov", "Gerasimov", "Khrenin", "Volfovich", "Zaluzhny",
			"Reznikov", "Kowalski", "Nowak", "Wiśniewski", "Wójcik", "Kamiński", "Jovanović", "Petrović",
			"Nikolić", "Marković", "Đorđević", "Horvat", "Novák", "Dvořák", "Černý", "Procházka", "Smirnov",
			"Vasiliev", "Pavlov", "Semenov", "Golubev", "Vinogradov", "Bogdanov", "Vorobiev", "Mikhailov",
			"Zaitsev", "Solovyov", "Borisov", "Yakovlev", "Grigoriev", "Romanov", "Vorontsov", "Shevchenko",
			"Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Oliynyk", "Lewandowski", "Zieliński",
			"Szymański", "Woźniak", "Dąbrowski", "Stojanović", "Ilić", "Pavlović", "Dimitrov", "Georgiev",
			"Todorov", "Stoyanov", "Kolar", "Babić", "Kovačević", "Svoboda", "Kučera", "Veselý"},
	},
	"arabic": {
		first: []string{"Mohammed", "Ahmed", "Khalid", "Abdullah", "Saud", "Faisal", "Hamad", "Sultan", "Ali", "Omar",
			"Yousef", "Tariq", "Nasser", "Salem", "Majid", "Rashid", "Mansour", "Hassan", "Ibrahim", "Abdulaziz",
			"Fahd", "Turki", "Bandar", "Mishal", "Saeed", "Hamdan", "Zayed", "Tamim", "Jassim", "Mubarak",
			"Karim", "Mustafa", "Mahmoud", "Youssef", "Said", "Hicham", "Rachid", "Mourad", "Nabil", "Walid",
			"Samir", "Adel", "Ayman", "Hisham", "Bilal", "Ziad", "Fares", "Anwar", "Osama", "Qasim"},
		last: []string{"Al-Saud", "Al-Nahyan", "Al-Thani", "Al-Sabah", "Al-Khalifa", "Al-Busaidi", "Zaki", "Mansour",
			"Al-Masri", "Al-Otaibi", "Al-Harbi", "Al-Ghamdi", "Al-Qahtani", "Al-Shehri", "Al-Dosari", "Haddad",
			"Khoury", "Benali", "Bensaid", "Chanegriha", "Ben Ammar", "Al-Mutairi", "Al-Anazi", "Al-Zahrani",
			"Al-Shammari", "Al-Rashidi", "Al-Hashimi", "Al-Amiri", "Al-Kaabi", "Al-Mazrouei", "Al-Suwaidi",
			"Al-Marri", "Al-Kuwari", "Al-Attiyah", "Al-Hajri", "Al-Ajmi", "Al-Enezi", "Al-Jaber", "Abdelrahman",
			"El-Sayed", "Farouk", "Hamdi", "Naguib", "Sabry", "Tantawi", "Benjelloun", "El Alami", "Bouazza",
			"Belkacem", "Mebarki", "Ouali", "Trabelsi", "Jebali", "Hammami", "Saleh", "Al-Jubouri", "Al-Obeidi"},
	},
	"western": {
		first: []string{"John", "James", "Robert", "Michael", "William", "David", "Richard", "Thomas", "Mark", "Paul",
			"Pierre", "Jean", "François", "Philippe", "Thierry", "Hans", "Klaus", "Jürgen", "Wolfgang", "Boris",
			"Giuseppe", "Marco", "Lorenzo", "Lars", "Erik", "Henrik", "Jens", "Anders", "Pieter", "Willem",
			"Sébastien", "Émile", "Søren", "Christopher", "Daniel", "Matthew", "Andrew", "Stephen", "Patrick",
			"Bernard", "Olivier", "Nicolas", "Laurent", "Stefan", "Andreas", "Markus", "Frank", "Luca", "Matteo",
			"Giorgos", "Nikos", "Dimitris", "Mihai", "Ion", "Gheorghe", "László", "Péter", "Zoltán", "Jonas",
			"Mindaugas", "Raimonds", "Martin", "Mikael", "Jukka", "Antti", "Kristian", "Ola", "Bjørn"},
		last: []string{"Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "Anderson",
			"Taylor", "Martin", "Bernard", "Dubois", "Durand", "Lefèvre", "Müller", "Schmidt", "Schneider",
			"Fischer", "Weber", "Meyer", "Wagner", "Becker", "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi",
			"Jensen", "Nielsen", "Hansen", "Johansson", "Andersson", "de Jong", "Jansen", "de Vries",
			"van den Berg", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young",
			"Allen", "Wright", "Scott", "Moreau", "Laurent", "Simon", "Michel", "Leroy", "Roux", "Hoffmann",
			"Schäfer", "Koch", "Richter", "Klein", "Wolf", "Romano", "Colombo", "Ricci", "Marino", "Greco",
			"Papadopoulos", "Georgiou", "Popescu", "Ionescu", "Nagy", "Kovács", "Tóth", "Kazlauskas", "Bērziņš",
			"Tamm", "Virtanen", "Korhonen", "Nilsson", "Larsen", "Olsen", "Berg", "Peeters", "Janssens"},
	},
	"iberian": {
		first: []string{"Carlos", "José", "Juan", "Luis", "Jorge", "Fernando", "Ricardo", "Eduardo", "Sergio",
			"Andrés", "João", "Paulo", "Marcelo", "Rodrigo", "Gustavo", "Diego", "Alejandro", "Manuel", "Rafael",
			"Héctor", "Francisco", "Antonio", "Javier", "Miguel", "Pedro", "Raúl", "Óscar", "Roberto", "Alberto",
			"Enrique", "Álvaro", "Gonzalo", "Ignacio", "Pablo", "Tiago", "Rui", "Nuno", "Bruno", "Hugo", "Mário",
			"Augusto", "Ernesto", "Vicente", "Julio", "César", "Arturo", "Felipe", "Sebastián", "Martín", "Tomás"},
		last: []string{"Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Almeida", "García", "Martínez",
			"Rodríguez", "Hernández", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores",
			"Rivera", "Gómez", "Díaz", "Morales", "Ortiz", "Castro", "Vargas", "Rojas", "Mendoza", "Herrera",
			"Fernández", "Ruiz", "Jiménez", "Moreno", "Muñoz", "Álvarez", "Romero", "Navarro", "Domínguez",
			"Gil", "Vázquez", "Serrano", "Blanco", "Suárez", "Molina", "Ferreira", "Rodrigues", "Carvalho",
			"Gomes", "Martins", "Araújo", "Ribeiro", "Lima", "Barbosa", "Cardoso", "Teixeira", "Medina", "Aguilar"},
	},
	"southasian": {
		first: []string{"Sahir", "Asim", "Qamar", "Bilal", "Imran", "Nadeem", "Rajesh", "Anil", "Manoj", "Vijay",
			"Sunil", "Arjun", "Rahul", "Amit", "Sanjay", "Ashfaq", "Zubair", "Tariq", "Shamshad", "Abdul",
			"Mohammad", "Syed", "Kamal", "Rohan", "Vikram", "Harish", "Deepak", "Ravi", "Suresh", "Naveed",
			"Javed", "Faisal", "Aamir", "Waqar", "Shahid", "Anwar", "Kabir", "Aziz", "Mahmud", "Nasir", "Rajnath",
			"Bipin", "Manoj", "Upendra", "Hari", "Prakash", "Gotabaya", "Shavendra", "Kamal", "Tshering"},
		last: []string{"Mirza", "Munir", "Bajwa", "Sharif", "Khan", "Qureshi", "Hussain", "Chaudhry", "Malik",
			"Butt", "Sharma", "Singh", "Kumar", "Rawat", "Pande", "Naravane", "Chauhan", "Gupta", "Patel",
			"Reddy", "Nair", "Iyer", "Menon", "Ahmed", "Rahman", "Chowdhury", "Islam", "Haque", "Perera",
			"Fernando", "Jayasuriya", "Rajapaksa", "Thapa", "Shrestha", "Karki", "Gurung", "Dorji", "Wangchuk",
			"Abbasi", "Raja", "Awan", "Niazi", "Durrani", "Yousafzai", "Joshi", "Mehta", "Verma", "Mishra",
			"Bhatt", "Kapoor", "Saxena", "Bose", "Das", "Sen", "Hossain", "Karim", "Shah", "Zia", "Hamid"},
	},
	"eastasian": {
		first: []string{"Wei", "Jun", "Hao", "Qiang", "Lei", "Bin", "Hiroshi", "Takeshi", "Kenji", "Yasukazu",
			"Minoru", "Nobuo", "Taro", "Min-ho", "Jong-sup", "Sung-jin", "Kyung-doo", "Suk-joon", "Van", "Duc",
			"Quang", "Minh", "Tuan", "Somchai", "Prayut", "Apirat", "Budi", "Agus", "Prabowo", "Hishammuddin",
			"Mohamad", "Ng", "Delfin", "Gilberto", "Tea", "Chhum", "Khamliang", "Min Aung", "Batbayar",
			"Saikhanbayar", "Xiaoming", "Zhigang", "Yong", "Guang", "Haruki", "Shinji", "Dong-hwan", "Hyun-woo"},
		last: []string{"Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun",
			"Ma", "Zhu", "Hu", "Guo", "Tanaka", "Suzuki", "Takahashi", "Watanabe", "Hamada", "Kishi", "Kono",
			"Onodera", "Yamamoto", "Nakamura", "Kobayashi", "Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Cho",
			"Yoon", "Jang", "Nguyen", "Tran", "Le", "Pham", "Phan", "Vu", "Dang", "Bui", "Wongsuwan",
			"Chan-o-cha", "Songkitti", "Santoso", "Hidayat", "Wijaya", "Kusuma", "Hussein", "Abdullah",
			"Lorenzana", "Teodoro", "Banh", "Seiha", "Hlaing", "Enkhbayar", "Ganbaatar", "Bold", "Sato", "Ito"},
	},
	"african": {
		first: []string{"Olusegun", "Chukwuemeka", "Babatunde", "Kwame", "Kofi", "Yaw", "Thabo", "Sipho", "Jomo",
			"Uhuru", "Abiy", "Samuel", "Emmanuel", "Joseph", "Peter", "Moses", "Daniel", "Musa", "Ibrahim",
			"Amadou", "Moussa", "Ousmane", "Mamadou", "Cheikh", "Adebayo", "Chinedu", "Tunde", "Kwesi", "Nana",
			"Mandla", "Themba", "Kipchoge", "Wafula", "Tesfaye", "Getachew", "Yoweri", "Paul", "Jean-Pierre",
			"Faure", "Idriss", "Boubacar", "Salif", "Alassane", "Denis", "Félix", "Hage", "Lazarus", "Emmerson"},
		last: []string{"Obasanjo", "Adeyemi", "Okafor", "Okonkwo", "Mensah", "Boateng", "Asante", "Owusu",
			"Mthembu", "Dlamini", "Nkosi", "Ndlovu", "Kenyatta", "Odhiambo", "Kiprop", "Mwangi", "Tesfaye",
			"Bekele", "Girma", "Diallo", "Traoré", "Keïta", "Coulibaly", "Touré", "Sow", "Ba", "Ndiaye", "Diop",
			"Mugisha", "Museveni", "Kagame", "Kabila", "Tshisekedi", "Sassou", "Gnassingbé", "Déby", "Ouattara",
			"Kaboré", "Sankara", "Magufuli", "Kikwete", "Mnangagwa", "Chiwenga", "Masisi", "Geingob", "Lungu",
			"Hichilema", "Nyusi", "Lourenço", "Biya", "Talon", "Condé", "Bio", "Koroma", "Ogunleye", "Eze"},
	},
	"caucasus": {
		first: []string{"Juansher", "Levan", "Giorgi", "David", "Irakli", "Zurab", "Armen", "Arshak", "Suren",
			"Tigran", "Davit", "Vakhtang", "Nikoloz", "Tamaz", "Lasha", "Gocha", "Mamuka", "Vigen", "Seyran",
			"Artak", "Movses", "Onik", "Vagharshak", "Gagik", "Hayk", "Karen", "Aram", "Mher", "Ruben", "Shota"},
		last: []string{"Burchuladze", "Chikovani", "Beridze", "Kapanadze", "Gelashvili", "Papikyan", "Harutyunyan",
			"Grigoryan", "Sargsyan", "Hovhannisyan", "Karapetyan", "Petrosyan", "Avetisyan", "Gasparyan",
			"Davtyan", "Tonoyan", "Khachaturov", "Ohanyan", "Matiashvili", "Tskhovrebadze", "Gogoladze",
			"Abashidze", "Lomidze", "Japaridze", "Kiknadze", "Maisuradze", "Nozadze", "Tsiklauri", "Bakradze",
			"Khutsishvili", "Mirzoyan", "Vardanyan", "Martirosyan", "Simonyan", "Asatryan", "Babayan"},
	},
	"persian": {
		first: []string{"Hossein", "Mohammad", "Ali", "Reza", "Mehdi", "Amir", "Hassan", "Abdolrahim", "Mohsen",
			"Gholamreza", "Aziz", "Kioumars", "Sherali", "Emomali", "Rustam", "Abdurahmon", "Saidjon", "Jamshed",
			"Farhod", "Davlat", "Bahrom", "Hamid", "Majid", "Saeed", "Javad", "Masoud", "Abbas", "Nasrullo"},
		last: []string{"Bagheri", "Ashtiani", "Rezaei", "Ahmadi", "Hosseini", "Mousavi", "Heydari", "Nasirzadeh",
			"Hatami", "Dehghan", "Salami", "Soleimani", "Ghorbani", "Karimi", "Jafari", "Rahimi", "Sadeghi",
			"Mirzo", "Rahmonov", "Nazarzoda", "Sharifzoda", "Rahimzoda", "Davlatov", "Mahmadov", "Saidov",
			"Safarzoda", "Qodirov", "Khairulloev", "Abdulloev", "Nematov", "Shirinov", "Tehrani", "Esfahani"},
	},
}

var ranks = []string{"General", "Army General", "Colonel General", "Lieutenant General", "Major General",
	"Brigadier General", "Colonel", "Lieutenant Colonel", "Admiral", "Vice Admiral", "Rear Admiral",
	"Air Marshal", "Major"}

// seniorPositions are those held by delegation heads; %s is the country.
var seniorPositions = []string{
	"Minister of Defense of %s",
	"Chief of the General Staff of the Armed Forces of %s",
	"First Deputy Minister of Defense of %s",
	"Deputy Minister of Defense of %s",
	"Commander of the Land Forces of %s",
	"Commander of the Air Force of %s",
	"Commander of the Naval Forces of %s",
	"Secretary of the Security Council of %s",
	"Chairman of the Joint Chiefs of Staff of %s",
	"State Secretary of the Ministry of Defense of %s",
}

// memberPositions are those of other members; %s is the country.
var memberPositions = []string{
	"Head of the International Military Cooperation Department of the Ministry of Defense of %s",
	"Military attaché of %s",
	"Ambassador of %s",
	"Deputy Chief of the General Staff of %s",
	"Head of the Main Department of Military Education of %s",
	"Head of the Defense Industry Department of %s",
	"Commander of the Special Forces of %s",
	"Head of the Military Medical Department of %s",
	"Head of the Logistics Department of the Ministry of Defense of %s",
	"Adviser to the Minister of Defense of %s",
	"Head of the Department of Military Intelligence of %s",
	"Director of the Defense Procurement Agency of %s",
}

var kinds = []struct {
	kind string
	w    float64
}{{"official_visit", 35}, {"working_visit", 20}, {"meeting", 20}, {"high_level_dialogue", 5},
	{"phone_call", 8}, {"video_conference", 4}, {"state_visit", 3}, {"other", 5}}

var topicList = []struct {
	topic, words string
	w            float64
}{
	{"military_technical", "military-technical", 60},
	{"military_educational", "military-educational", 45},
	{"regional_security", "regional security", 40},
	{"joint_exercises", "joint exercises", 25},
	{"defence_industry", "defence industry", 20},
	{"border_situation", "the situation on the border", 8},
	{"military_medicine", "military medicine", 6},
	{"peacekeeping", "peacekeeping", 6},
	{"counter_terrorism", "the fight against terrorism", 8},
	{"cyber_security", "cyber security", 5},
	{"demining", "demining", 3},
	{"intelligence", "intelligence sharing", 3},
	{"other", "other issues of mutual interest", 10},
}

var titleTemplates = []string{
	"Defense Minister of %[1]s receives delegation of %[2]s",
	"%[1]s and %[2]s discuss military cooperation",
	"%[1]s and %[2]s sign military cooperation plan",
	"Military cooperation between %[1]s and %[2]s discussed in %[3]s",
	"%[2]s delegation on official visit to %[1]s",
	"%[3]s hosts talks on military cooperation between %[1]s and %[2]s",
	"%[1]s, %[2]s bolster military cooperation prospects",
	"Defense ministers of %[1]s and %[2]s meet in %[3]s",
	"%[1]s and %[2]s review defence cooperation",
	"Chief of the General Staff of %[1]s meets delegation of %[2]s",
}

var childTitleTemplates = []string{
	"Chief of the General Staff of %[1]s meets %[2]s delegation",
	"Deputy Minister of Defense of %[1]s holds talks with %[2]s delegation",
	"%[2]s delegation visits military academy of %[1]s",
	"Commander of the Land Forces of %[1]s receives %[2]s delegation",
}

var summaryOpeners = []string{
	"On an official visit to %[1]s, the %[2]s delegation led by %[4]s met %[3]s, and the sides discussed cooperation in the %[5]s fields.",
	"%[3]s received the delegation of %[2]s headed by %[4]s. The sides exchanged views on cooperation in the %[5]s fields.",
	"During the meeting between %[3]s and %[4]s, the sides discussed the current state and prospects of cooperation between %[1]s and %[2]s in the %[5]s fields.",
	"%[4]s, on a working visit to %[1]s, held talks with %[3]s on cooperation in the %[5]s fields.",
}

var summaryExtras = []string{
	" The importance of joint exercises and the exchange of experience was stressed.",
	" The sides noted that bilateral relations are developing successfully in all areas.",
	" Issues of regional security and the situation in the region were also discussed.",
	" The parties discussed the training of military personnel in the higher military schools of both countries.",
	" Prospects for cooperation in the field of the defence industry were considered.",
	" The meeting took place in a friendly atmosphere.",
	" Other issues of mutual interest were also discussed.",
	" The guests were informed about the reforms carried out in the armed forces.",
}

var ceremonySites = []string{"Alley of Honor", "Alley of Martyrs", "Victory Park", "Ministry of Defense",
	"Tomb of the Unknown Soldier", "National Military Cemetery", "Memorial to the Fallen Heroes",
	"Eternal Flame Memorial", "General Staff Headquarters", "Military Academy", "Monument of Independence"}

var outlets = []struct{ name, host string }{
	{"Report", "report.az"}, {"News.Az", "news.az"}, {"Azernews", "azernews.az"}, {"TurkicWorld", "turkic.world"},
	{"APA", "apa.az"}, {"Trend", "trend.az"}, {"TASS", "tass.com"}, {"Anadolu Agency", "aa.com.tr"},
	{"Kazinform", "inform.kz"}, {"UzDaily", "uzdaily.uz"}, {"Xinhua", "news.cn"}, {"Defense News", "defensenews.com"},
	{"Army Recognition", "armyrecognition.com"}, {"Daily Sabah", "dailysabah.com"}, {"Interfax", "interfax.com"},
	{"BelTA", "belta.by"}, {"Ukrinform", "ukrinform.net"}, {"Dawn", "dawn.com"}, {"The Hindu", "thehindu.com"},
	{"Arab News", "arabnews.com"}, {"WAM", "wam.ae"}, {"Ahram Online", "ahram.org.eg"}, {"IRNA", "irna.ir"},
	{"Yonhap", "yna.co.kr"}, {"Kyodo", "kyodonews.net"}, {"Agenzia Nova", "agenzianova.com"},
	{"Agência Brasil", "agenciabrasil.ebc.com.br"}, {"Georgia Today", "georgiatoday.ge"}, {"Armenpress", "armenpress.am"},
	{"24.kg", "24.kg"}, {"Turkmenistan Today", "tdh.gov.tm"}, {"Khovar", "khovar.tj"}, {"Ministry of Defense", "mod.gov.az"},
	{"Vietnam News", "vietnamnews.vn"}, {"Bernama", "bernama.com"}, {"Antara", "antaranews.com"},
	{"Premium Times", "premiumtimesng.com"}, {"Daily Nation", "nation.africa"}, {"Xinhua Silk Road", "xinhuasilkroad.net"},
}

var altTitles = []struct{ lang, title string }{
	{"ru", "Обсуждены вопросы военного сотрудничества"},
	{"ru", "Министры обороны провели переговоры"},
	{"az", "Hərbi əməkdaşlıq məsələləri müzakirə olunub"},
	{"az", "Müdafiə nazirləri görüşüb"},
	{"tr", "Askeri iş birliği konuları görüşüldü"},
	{"fr", "Les ministres de la Défense ont discuté de la coopération militaire"},
	{"de", "Verteidigungsminister erörtern militärische Zusammenarbeit"},
	{"es", "Ministros de Defensa analizan la cooperación militar"},
}

var awards = []string{"For contribution in the development of international cooperation",
	"For Military Merit", "For Strengthening Military Cooperation", "Order of Friendship",
	"Medal of Honour of the Ministry of Defense", "For Services to the Fatherland"}
