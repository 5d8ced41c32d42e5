package main

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/google/uuid"

	"github.com/milmeet/milmeet/internal/domain"
)

// country is a participating country as the generator uses it.
type country struct {
	code, name, short, capital, scheme string
	docText                            string // c.name || ' ' || array_to_string(c.alt_names, ' ')
	officials                          []*official
	seniors                            int // officials[:seniors] head delegations
}

type official struct {
	id       [16]byte
	name     string
	surname  string
	aliases  []string
	keys     []string
	country  string
	created  time.Time
	wikidata any
	docText  string // o.name || ' ' || aliases || ' ' || name_keys, as meeting_search_document reads it
	rank     any    // the rank it usually holds (nil: a civilian)
	pos      string // the position it usually holds
}

// gen holds the generator's state. All randomness comes from one seeded
// source, so that a run is reproducible.
type gen struct {
	r         *rand.Rand
	countries []*country
	cum       []float64 // cumulative Zipf weights over countries
	officials []*official
	kindCum   []float64
	topicCum  []float64
	yearCum   []float64
	surnames  map[string]int // top-level meetings whose documents hold the surname
	nextDeleg int64
	nextCer   int64
	nextSrc   int64
	series    map[string]int
	noURLKeys map[string]bool
}

const (
	firstYear = 2001
	lastYear  = 2025
)

func newGen(seed uint64, names map[string][2]string, alt map[string][]string) (*gen, error) {
	g := &gen{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), surnames: map[string]int{},
		series: map[string]int{}, noURLKeys: map[string]bool{}}
	total := 0.0
	for i, cs := range rankedCountries {
		nm, ok := names[cs.code]
		if !ok {
			return nil, fmt.Errorf("country %s is not in the countries table", cs.code)
		}
		c := &country{code: cs.code, name: nm[0], short: nm[0], capital: cs.capital, scheme: cs.scheme,
			docText: nm[0] + " " + strings.Join(alt[cs.code], " ")}
		if s, ok := shortNames[cs.code]; ok {
			c.short = s
		}
		if _, ok := schemes[cs.scheme]; !ok {
			return nil, fmt.Errorf("country %s: no naming scheme %q", cs.code, cs.scheme)
		}
		g.countries = append(g.countries, c)
		total += 1 / float64(i+1) // Zipf, s = 1
		g.cum = append(g.cum, total)
	}
	acc := 0.0
	for _, k := range kinds {
		acc += k.w
		g.kindCum = append(g.kindCum, acc)
	}
	acc = 0
	for _, t := range topicList {
		acc += t.w
		g.topicCum = append(g.topicCum, acc)
	}
	acc = 0
	for y := firstYear; y <= lastYear; y++ {
		acc += 1 + float64(y-firstYear)*0.08 // more meetings reported in later years
		g.yearCum = append(g.yearCum, acc)
	}
	return g, nil
}

func pick(r *rand.Rand, cum []float64) int {
	x := r.Float64() * cum[len(cum)-1]
	return sort.SearchFloat64s(cum, x)
}

func (g *gen) pickCountry() int { return min(pick(g.r, g.cum), len(g.countries)-1) }

func (g *gen) chance(p float64) bool { return g.r.Float64() < p }

func oneOf[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// newID returns a UUIDv7 for the instant t, as domain.NewID makes at t.
func (g *gen) newID(t time.Time) [16]byte {
	var b [16]byte
	ms := uint64(t.UnixMilli())
	for i := 0; i < 6; i++ {
		b[i] = byte(ms >> (40 - 8*i))
	}
	x, y := g.r.Uint64(), g.r.Uint64()
	for i := 6; i < 16; i++ {
		if i < 11 {
			b[i] = byte(x >> (8 * (i - 6)))
		} else {
			b[i] = byte(y >> (8 * (i - 11)))
		}
	}
	b[6] = 0x70 | b[6]&0x0f
	b[8] = 0x80 | b[8]&0x3f
	return b
}

func idString(b [16]byte) string { return uuid.UUID(b).String() }

// genOfficials makes about n officials, shared among the countries by their
// Zipf weight (at least 15 each), with names of their country's scheme,
// unique within the country.
func (g *gen) genOfficials(n int) {
	total := g.cum[len(g.cum)-1]
	base := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	wikidata := 100000
	for i, c := range g.countries {
		count := max(15, int(math.Round(float64(n)/float64(i+1)/total)))
		sc := schemes[c.scheme]
		seen := map[string]bool{}
		for j := 0; j < count; j++ {
			var name, surname string
			for try := 0; ; try++ {
				first, last := oneOf(g.r, sc.first), oneOf(g.r, sc.last)
				if g.chance(0.5) {
					// Half the surnames are the scheme's common ones; the rest
					// make a long tail, as real name lists have.
					last = synthSurname(g.r, sc.last)
				}
				name, surname = first+" "+last, last
				if try > 20 {
					name = first + " " + oneOf(g.r, sc.first) + " " + last
				}
				if try > 200 {
					name = fmt.Sprintf("%s %c. %s", first, 'A'+rune(g.r.IntN(26)), last)
				}
				// Unique by folded name within the country, as the schema
				// (officials_country_name_key_idx, migration 000005) wants.
				if !seen[domain.Fold(name)] {
					break
				}
			}
			seen[domain.Fold(name)] = true
			created := base.Add(time.Duration(g.r.Int64N(int64(365 * 24 * time.Hour))))
			o := &official{id: g.newID(created), name: name, surname: surname, country: c.code,
				created: created, aliases: []string{}}
			if g.chance(0.1) {
				// Reports spell names differently: an ASCII folding or an initial.
				parts := strings.Fields(name)
				alias := string([]rune(parts[0])[0]) + ". " + parts[len(parts)-1]
				if f := domain.Fold(name); f != strings.ToLower(name) && g.chance(0.5) {
					alias = strings.ToUpper(f[:1]) + f[1:]
				}
				o.aliases = []string{alias}
			}
			o.keys = domain.NameKeys(append([]string{name}, o.aliases...)...)
			if g.chance(0.05) {
				wikidata += 1 + g.r.IntN(5000)
				o.wikidata = fmt.Sprintf("Q%d", wikidata)
			}
			o.docText = o.name + " " + strings.Join(o.aliases, " ") + " " + strings.Join(o.keys, " ")
			c.officials = append(c.officials, o)
			g.officials = append(g.officials, o)
		}
		c.seniors = max(8, count/25)
		for j, o := range c.officials {
			if j < c.seniors {
				o.pos = fmt.Sprintf(seniorPositions[j%len(seniorPositions)], c.name)
				if j%len(seniorPositions) == 0 || j%len(seniorPositions) == 7 {
					o.pos = fmt.Sprintf(seniorPositions[0], c.name)
				}
			} else {
				o.pos = fmt.Sprintf(memberPositions[j%len(memberPositions)], c.name)
			}
			if j%5 != 4 { // one in five holds no military rank
				rk := ranks[j%len(ranks)]
				if j < c.seniors {
					rk = ranks[j%5]
				}
				o.rank = rk
			}
		}
	}
}

// skeleton is what makes a meeting unique (its dedupe key) and where it
// goes in the load order; the rest is drawn when the meeting is written.
type skeleton struct {
	date        domain.PartialDate
	kind        string
	host, guest int
	created     time.Time
	key         string
}

func (g *gen) drawDate() domain.PartialDate {
	y := firstYear + pick(g.r, g.yearCum)
	doy := g.r.IntN(365)
	t := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, doy)
	x := g.r.Float64()
	switch {
	case x < 0.88:
		return domain.PartialDate{Year: y, Month: int(t.Month()), Day: t.Day()}
	case x < 0.95:
		return domain.PartialDate{Year: y, Month: int(t.Month())}
	case x < 0.99:
		return domain.PartialDate{Year: y}
	default: // a few reports give no year
		return domain.PartialDate{Month: int(t.Month()), Day: t.Day()}
	}
}

func (g *gen) drawKind() string { return kinds[pick(g.r, g.kindCum)].kind }

func dedupeKey(d domain.PartialDate, kind, a, b, parent string) string {
	m := &domain.Meeting{Date: d, Kind: domain.Kind(kind),
		Delegations: []domain.Delegation{{Country: a}, {Country: b}}}
	if parent != "" {
		m.ParentID = &parent
	}
	return domain.DedupeKey(m)
}

// skeletons draws n top-level meetings with unique dedupe keys and orders
// them as they would have been entered: most soon after the meeting, a
// quarter in a backfill of 2024-2025.
func (g *gen) skeletons(n int) []skeleton {
	seen := make(map[string]bool, n)
	out := make([]skeleton, 0, n)
	backfill0 := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	for len(out) < n {
		h := g.pickCountry()
		gu := g.pickCountry()
		for gu == h {
			gu = g.pickCountry()
		}
		kind := g.drawKind()
		var d domain.PartialDate
		var key string
		ok := false
		for try := 0; try < 50; try++ {
			d = g.drawDate()
			key = dedupeKey(d, kind, g.countries[h].code, g.countries[gu].code, "")
			if !seen[key] {
				ok = true
				break
			}
		}
		if !ok {
			continue // the pair is saturated on that kind: draw another meeting
		}
		seen[key] = true
		var created time.Time
		if lo, known := d.First(); known && !g.chance(0.25) {
			created = lo.Add(time.Duration(g.r.Int64N(int64(72 * time.Hour))))
			if d.Precision() != domain.PrecisionDay {
				hi, _ := d.Last()
				created = hi.Add(time.Duration(g.r.Int64N(int64(72 * time.Hour))))
			}
		} else {
			created = backfill0.Add(time.Duration(g.r.Int64N(int64(2 * 365 * 24 * time.Hour))))
		}
		out = append(out, skeleton{date: d, kind: kind, host: h, guest: gu, created: created, key: key})
	}
	slices.SortStableFunc(out, func(a, b skeleton) int { return a.created.Compare(b.created) })
	return out
}

// The rows of one meeting tree, as COPY takes them.
type rows struct {
	stage, delegations, members, ceremonies, agreements, parties, signatories,
	sources, sourceTitles, meetingSources [][]any
	// items are the list items of the stage rows, in their order: the
	// columns countries and list_item, as the store renders them.
	items []*domain.MeetingSummary
}

func (rs *rows) reset() {
	*rs = rows{stage: rs.stage[:0], delegations: rs.delegations[:0], members: rs.members[:0],
		ceremonies: rs.ceremonies[:0], agreements: rs.agreements[:0], parties: rs.parties[:0],
		signatories: rs.signatories[:0], sources: rs.sources[:0], sourceTitles: rs.sourceTitles[:0],
		meetingSources: rs.meetingSources[:0], items: rs.items[:0]}
}

// item returns the list item of the stage row of meeting id.
func (rs *rows) item(id [16]byte) *domain.MeetingSummary {
	for i, row := range rs.stage {
		if row[1] == id {
			return rs.items[i]
		}
	}
	panic("no stage row for the meeting")
}

// renderItems sets the list columns of the stage rows (before the three
// search texts): the countries, and the item as the store renders it; a
// deleted meeting has no countries, as a tombstone the store writes.
func (rs *rows) renderItems() {
	for i, row := range rs.stage {
		it := rs.items[i]
		enc, err := json.Marshal(it)
		if err != nil {
			panic(err)
		}
		countries := it.Countries
		if row[20] != nil {
			countries = []string{}
		}
		row[len(row)-5], row[len(row)-4] = countries, string(enc)
	}
}

// docs accumulates the text of a meeting's search document the way
// meeting_search_document aggregates it: each part a string_agg(..., ' ')
// over the meeting tree.
type docs struct {
	a, members, countries, meetings, ceremonies, agreements, sources []string
}

func (d *docs) text() (a, b, c string) {
	a = strings.Join(d.a, " ")
	b = strings.Join(d.members, " ") + " " + strings.Join(d.countries, " ")
	c = strings.Join(d.meetings, " ") + " " + strings.Join(d.ceremonies, " ") + " " +
		strings.Join(d.agreements, " ") + " " + strings.Join(d.sources, " ")
	return
}

func orEmpty(v any) string {
	if s, ok := v.(string); ok {
		return s
	}
	return ""
}

func dateOf(d domain.PartialDate) time.Time {
	return time.Date(d.Year, time.Month(d.Month), d.Day, 0, 0, 0, 0, time.UTC)
}

func nz16(v int) any {
	if v == 0 {
		return nil
	}
	return int16(v)
}

// part is one delegation as drawn: its head (nil when the report names
// nobody) and members with the rank and position each held.
type part struct {
	c       *country
	role    string
	people  []*official
	rank    []any
	pos     []any
	hasHead bool
}

func (g *gen) head(c *country, year int, era bool) *official {
	if era && year != 0 {
		// The minister of the day: eight of them over the 25 years.
		i := (year - firstYear) * 8 / (lastYear - firstYear + 1)
		return c.officials[min(i, c.seniors-1)]
	}
	return c.officials[g.r.IntN(c.seniors)]
}

func (g *gen) member(c *country, taken []*official) *official {
	for {
		o := c.officials[c.seniors+g.r.IntN(len(c.officials)-c.seniors)]
		if !slices.Contains(taken, o) {
			return o
		}
	}
}

func (g *gen) delegation(c *country, role string, year int, headed bool, eraHead bool, nMembers int) part {
	p := part{c: c, role: role}
	if headed {
		h := g.head(c, year, eraHead)
		p.hasHead = true
		p.people = append(p.people, h)
		p.rank = append(p.rank, h.rank)
		p.pos = append(p.pos, h.pos)
	}
	for i := 0; i < nMembers; i++ {
		m := g.member(c, p.people)
		p.people = append(p.people, m)
		p.rank = append(p.rank, m.rank)
		var pos any = m.pos
		if g.chance(0.1) {
			pos = nil
		}
		p.pos = append(p.pos, pos)
	}
	return p
}

func (g *gen) topics() []string {
	ts := []string{"military"}
	for n := g.r.IntN(4); n > 0; n-- {
		t := topicList[pick(g.r, g.topicCum)].topic
		if !slices.Contains(ts, t) {
			ts = append(ts, t)
		}
	}
	return ts
}

func topicWords(ts []string) string {
	var ws []string
	for _, t := range ts {
		if t == "military" {
			ws = append(ws, "military")
			continue
		}
		for _, x := range topicList {
			if x.topic == t {
				ws = append(ws, x.words)
			}
		}
	}
	if len(ws) == 1 {
		return ws[0]
	}
	return strings.Join(ws[:len(ws)-1], ", ") + " and " + ws[len(ws)-1]
}

// writeTree appends the rows of the top-level meeting sk (and its child
// meetings) to rs, numbering stage rows from *n. It returns the id of the
// top-level meeting and whether it is live.
func (g *gen) writeTree(sk skeleton, n *int64, rs *rows) (string, bool) {
	host, guest := g.countries[sk.host], g.countries[sk.guest]
	year := sk.date.Year
	d := &docs{}
	surnames := map[*official]bool{}

	// The meeting.
	mid := g.newID(sk.created)
	midStr := idString(mid)
	title := fmt.Sprintf(oneOf(g.r, titleTemplates), host.short, guest.short, host.capital)
	var city, venue any
	if g.chance(0.6) {
		city = host.capital
	}
	if g.chance(0.5) {
		venue = oneOf(g.r, []string{"Ministry of Defense of " + host.name, "General Staff of the Armed Forces",
			host.short + " Defense Ministry", "National Defense University", "Presidential Palace"})
	}
	var seriesName, seriesEdition any
	if sk.kind == "high_level_dialogue" || (sk.kind == "official_visit" && g.chance(0.03)) {
		s := fmt.Sprintf("%s-%s High-Level Military Dialogue Meeting", host.short, guest.short)
		g.series[s]++
		seriesName, seriesEdition = s, int32(g.series[s])
	}
	remote := sk.kind == "phone_call" || sk.kind == "video_conference"
	if remote {
		city, venue = nil, nil
	}
	hostD := g.delegation(host, "host", year, true, g.chance(0.6), g.r.IntN(3))
	guestD := g.delegation(guest, "guest", year, true, g.chance(0.6), g.r.IntN(3))
	parts := []part{hostD, guestD}
	if g.chance(0.5) { // the guests are listed first as often as not
		parts[0], parts[1] = parts[1], parts[0]
	}
	topics := g.topics()
	summary := fmt.Sprintf(oneOf(g.r, summaryOpeners), host.short, guest.short,
		hostD.pos[0].(string)+" "+hostD.people[0].name, guestD.people[0].name, topicWords(topics))
	for k := g.r.IntN(3); k > 0; k-- {
		summary += oneOf(g.r, summaryExtras)
	}
	var end any
	if sk.date.Precision() == domain.PrecisionDay && !remote && g.chance(0.2) {
		end = dateOf(sk.date).AddDate(0, 0, 1+g.r.IntN(3))
	}
	updated := sk.created
	if g.chance(0.1) {
		updated = sk.created.Add(time.Duration(g.r.Int64N(int64(300 * 24 * time.Hour))))
	}
	var deleted any
	live := true
	if g.chance(0.002) {
		deleted, live = updated, false
	}
	g.meetingRow(rs, n, mid, title, sk.date, end, city, venue, host.code, sk.kind, summary, topics,
		seriesName, seriesEdition, nil, sk.key, sk.created, updated, deleted)
	d.a = append(d.a, title+" "+orEmpty(seriesName))
	d.meetings = append(d.meetings, summary+" "+orEmpty(city)+" "+orEmpty(venue)+" "+strings.ReplaceAll(sk.kind, "_", " "))
	g.writeParts(rs, d, mid, parts, surnames)

	// Ceremonies: 3-5 at a meeting in person.
	if !remote {
		nc := 3 + g.r.IntN(3)
		types := []string{"wreath_laying", "guard_of_honour", "national_anthems", "book_of_honour"}
		for i := 0; i < nc; i++ {
			var typ string
			switch {
			case i < len(types) && i < nc-1:
				typ = types[i]
			case g.chance(0.15):
				typ = "award"
			default:
				typ = oneOf(g.r, []string{"wreath_laying", "monument_visit", "other", "book_of_honour"})
			}
			g.ceremony(rs, d, mid, int16(i), typ, host, guestD, surnames)
		}
	}

	// An agreement in about 30% of meetings.
	if g.chance(0.3) {
		g.agreement(rs, d, mid, sk, host, guest, hostD, guestD)
	}

	// Child meetings: talks held within about one visit in six.
	if (sk.kind == "official_visit" || sk.kind == "state_visit" || sk.kind == "working_visit") && g.chance(0.172) {
		cd := &docs{}
		csurnames := map[*official]bool{}
		created := sk.created.Add(time.Minute)
		cid := g.newID(created)
		ctitle := fmt.Sprintf(oneOf(g.r, childTitleTemplates), host.short, guest.short)
		ckey := dedupeKey(sk.date, "meeting", host.code, guest.code, midStr)
		ctopics := []string{"military", oneOf(g.r, []string{"joint_exercises", "military_educational", "military_technical"})}
		csummary := fmt.Sprintf("The %s delegation was received at the General Staff of %s; the sides discussed the present status and future of military cooperation.", guest.short, host.short)
		var cvenue any = "General Staff of the Armed Forces of " + host.name
		g.meetingRow(rs, n, cid, ctitle, sk.date, nil, city, cvenue, host.code, "meeting", csummary, ctopics,
			nil, nil, mid, ckey, created, created, deleted)
		hd := g.delegation(host, "host", year, true, false, g.r.IntN(2))
		named := g.chance(0.5)
		gd := g.delegation(guest, "guest", year, named, false, 0)
		if named {
			gd = guestD
			gd.people, gd.rank, gd.pos = gd.people[:1], gd.rank[:1], gd.pos[:1]
		}
		cparts := []part{hd, gd}
		for _, dd := range []*docs{cd, d} {
			dd.a = append(dd.a, ctitle+" ")
			dd.meetings = append(dd.meetings, csummary+" "+orEmpty(city)+" "+orEmpty(cvenue)+" meeting")
		}
		// The child's members count in its own document and its parent's.
		g.writeParts(rs, cd, cid, cparts, csurnames)
		d.members = append(d.members, cd.members...)
		d.countries = append(d.countries, cd.countries...)
		if g.chance(0.3) {
			before := len(cd.ceremonies)
			g.ceremony(rs, cd, cid, 0, "award", host, gd, csurnames)
			d.ceremonies = append(d.ceremonies, cd.ceremonies[before:]...)
		}
		for s := range csurnames {
			surnames[s] = true
		}
		a, b, c := cd.text()
		last := rs.stage[len(rs.stage)-1]
		last[len(last)-3], last[len(last)-2], last[len(last)-1] = a, b, c
	}

	// Sources: 1-3 reports, of the top-level meeting only.
	ns := 1 + g.r.IntN(3)
	for i := 0; i < ns; i++ {
		g.source(rs, d, mid, int16(i), sk, title)
	}

	a, b, c := d.text()
	// The top-level meeting's stage row is the first this tree wrote.
	for _, row := range rs.stage {
		if row[1] == mid {
			row[len(row)-3], row[len(row)-2], row[len(row)-1] = a, b, c
		}
	}
	rs.renderItems()
	seen := map[string]bool{}
	for o := range surnames {
		seen[o.surname] = true
	}
	for s := range seen {
		g.surnames[s]++
	}
	return midStr, live
}

func (g *gen) meetingRow(rs *rows, n *int64, id [16]byte, title string, date domain.PartialDate, end, city, venue any,
	host, kind, summary string, topics []string, seriesName, seriesEdition, parent any, key string,
	created, updated time.Time, deleted any) {
	*n++
	if p, ok := parent.([16]byte); ok {
		parent = p
	}
	// The database keeps microseconds.
	created, updated = created.Truncate(time.Microsecond), updated.Truncate(time.Microsecond)
	if d, ok := deleted.(time.Time); ok {
		deleted = d.Truncate(time.Microsecond)
	}
	rs.stage = append(rs.stage, []any{*n, id, title, nz16(date.Year), nz16(date.Month), nz16(date.Day), end,
		city, venue, host, kind, summary, topics, seriesName, seriesEdition, parent, key, int32(1), created,
		updated, deleted, nil, nil, "", "", ""})
	it := &domain.MeetingSummary{ID: idString(id), Title: title, Date: date, DatePrecision: date.Precision(),
		Kind: domain.Kind(kind), HostCountry: &host, Countries: []string{}, Heads: []domain.DelegationHead{},
		Agreements: []string{}, Topics: []domain.Topic{}, UpdatedAt: updated}
	if c, ok := city.(string); ok {
		it.City = &c
	}
	for _, t := range topics {
		it.Topics = append(it.Topics, domain.Topic(t))
	}
	if sn, ok := seriesName.(string); ok {
		it.Series = &domain.Series{Name: sn}
		if e, ok := seriesEdition.(int32); ok {
			ed := int(e)
			it.Series.Edition = &ed
		}
	}
	if p, ok := parent.([16]byte); ok {
		ps := idString(p)
		it.ParentID = &ps
	}
	rs.items = append(rs.items, it)
}

func (g *gen) writeParts(rs *rows, d *docs, mid [16]byte, parts []part, surnames map[*official]bool) {
	for i, p := range parts {
		g.nextDeleg++
		rs.delegations = append(rs.delegations, []any{g.nextDeleg, mid, int16(i), p.c.code, p.role})
		it := rs.item(mid)
		it.Countries = append(it.Countries, p.c.code)
		if p.hasHead {
			h := domain.DelegationHead{Country: p.c.code, Role: domain.Role(p.role), OfficialID: idString(p.people[0].id),
				Name: p.people[0].name}
			if pos, ok := p.pos[0].(string); ok {
				h.Position = &pos
			}
			it.Heads = append(it.Heads, h)
		}
		for j, o := range p.people {
			isHead := p.hasHead && j == 0
			rs.members = append(rs.members, []any{g.nextDeleg, o.id, int16(j), isHead, p.rank[j], p.pos[j]})
			d.members = append(d.members, o.docText+" "+orEmpty(p.rank[j])+" "+orEmpty(p.pos[j]))
			surnames[o] = true
		}
		d.countries = append(d.countries, p.c.docText)
	}
}

func (g *gen) ceremony(rs *rows, d *docs, mid [16]byte, ord int16, typ string, host *country, guests part,
	surnames map[*official]bool) {
	var site, honoured, desc, award, rid, rrank, rpos any
	rname := ""
	switch typ {
	case "wreath_laying":
		site = oneOf(g.r, ceremonySites)
		if g.chance(0.3) {
			honoured = "National Leader " + oneOf(g.r, host.officials[:host.seniors]).name + " and the heroes who gave their lives for " + host.short
		}
		desc = "The guests visited the " + site.(string) + ", laid wreaths and flowers and paid tribute to the memory of the fallen."
	case "guard_of_honour":
		site = "Ministry of Defense"
		desc = "During the official welcoming ceremony the guests passed along the guard of honour."
	case "national_anthems":
		site = "Ministry of Defense"
		desc = "The national anthems of " + host.short + " and " + guests.c.short + " were performed."
	case "book_of_honour":
		site = "Ministry of Defense"
		desc = "In accordance with protocol, the Book of Honour was signed."
	case "monument_visit":
		site = oneOf(g.r, ceremonySites)
		desc = "The delegation visited the " + site.(string) + "."
	case "award":
		award = oneOf(g.r, awards)
		o := g.member(host, nil)
		rid, rrank, rpos, rname = o.id, o.rank, o.pos, o.name
		desc = "At the end of the meeting, the " + guests.c.short + " delegation awarded " + o.name + " the medal \"" + award.(string) + "\"."
		surnames[o] = true
	default:
		desc = "The delegation got acquainted with the activities of a military unit."
	}
	g.nextCer++
	rs.ceremonies = append(rs.ceremonies, []any{g.nextCer, mid, ord, typ, site, honoured, desc, award, rid, rrank, rpos})
	d.ceremonies = append(d.ceremonies, strings.ReplaceAll(typ, "_", " ")+" "+orEmpty(site)+" "+orEmpty(honoured)+" "+
		orEmpty(award)+" "+orEmpty(desc)+" "+rname)
}

func (g *gen) agreement(rs *rows, d *docs, mid [16]byte, sk skeleton, host, guest *country, hostD, guestD part) {
	aid := g.newID(sk.created)
	var typ, title string
	var period any
	y := sk.date.Year
	switch x := g.r.Float64(); {
	case x < 0.6:
		typ = "cooperation_plan"
		if y != 0 {
			title = fmt.Sprintf("Plan of bilateral military cooperation between the Ministries of Defense of %s and %s for %d", host.short, guest.short, y+1)
			period = fmt.Sprint(y + 1)
		} else {
			title = fmt.Sprintf("Plan of bilateral military cooperation between the Ministries of Defense of %s and %s", host.short, guest.short)
		}
	case x < 0.8:
		typ = "memorandum"
		title = fmt.Sprintf("Memorandum of understanding on military education between %s and %s", host.short, guest.short)
		if y != 0 && g.chance(0.5) {
			period = fmt.Sprintf("%d-%d", y, y+4)
		}
	case x < 0.93:
		typ = "agreement"
		title = fmt.Sprintf("Agreement on military-technical cooperation between %s and %s", host.short, guest.short)
	default:
		typ = "protocol"
		title = fmt.Sprintf("Protocol of the meeting of the joint working group of %s and %s", host.short, guest.short)
		if y != 0 {
			period = fmt.Sprint(y)
		}
	}
	var signed any
	if sk.date.Precision() == domain.PrecisionDay {
		signed = dateOf(sk.date)
	}
	rs.agreements = append(rs.agreements, []any{aid, mid, int16(0), title, typ, period, signed})
	rs.item(mid).Agreements = append(rs.item(mid).Agreements, title)
	a, b := guest.code, host.code
	if g.chance(0.5) {
		a, b = b, a
	}
	rs.parties = append(rs.parties, []any{aid, a, int16(0)}, []any{aid, b, int16(1)})
	if g.chance(0.5) {
		rs.signatories = append(rs.signatories, []any{aid, hostD.people[0].id, int16(0)},
			[]any{aid, guestD.people[0].id, int16(1)})
	}
	d.agreements = append(d.agreements, title+" "+strings.ReplaceAll(typ, "_", " "))
}

func (g *gen) source(rs *rows, d *docs, mid [16]byte, ord int16, sk skeleton, title string) {
	g.nextSrc++
	out := outlets[g.r.IntN(len(outlets))]
	var published any
	if lo, ok := sk.date.First(); ok {
		if sk.date.Precision() == domain.PrecisionDay {
			published = lo.AddDate(0, 0, g.r.IntN(3))
		} else if g.chance(0.7) {
			hi, _ := sk.date.Last()
			published = hi.AddDate(0, 0, g.r.IntN(5))
		}
	}
	lang := "en"
	switch x := g.r.Float64(); {
	case x < 0.1:
		lang = "ru"
	case x < 0.15:
		lang = "az"
	case x < 0.2:
		lang = "tr"
	}
	var stitle any = title
	if ord > 0 {
		stitle = title + " (" + out.name + ")"
	}
	if g.chance(0.1) {
		stitle = nil
	}
	var url any = fmt.Sprintf("https://%s/news/%d-%s", out.host, 1000000+g.nextSrc, strings.ToLower(strings.ReplaceAll(title[:min(len(title), 24)], " ", "-")))
	if g.chance(0.05) {
		// Some reports are known by outlet, title and date only.
		k := fmt.Sprint(out.name, "|", orEmpty(stitle), "|", published)
		if !g.noURLKeys[k] {
			g.noURLKeys[k] = true
			url = nil
		}
	}
	sid := g.newID(sk.created)
	rs.sources = append(rs.sources, []any{sid, url, out.name, stitle, published, lang, sk.created})
	rs.meetingSources = append(rs.meetingSources, []any{mid, sid, ord})
	var alts []string
	if g.chance(0.2) {
		used := map[string]bool{lang: true}
		for k := 1 + g.r.IntN(2); k > 0; k-- {
			at := oneOf(g.r, altTitles)
			if used[at.lang] {
				continue
			}
			used[at.lang] = true
			rs.sourceTitles = append(rs.sourceTitles, []any{sid, at.lang, at.title})
			alts = append(alts, at.title)
		}
	}
	// string_agg(st.title, ' ') has no ORDER BY: the primary key's order
	// (language) is what the index scan gives; the lexemes are the same either way.
	slices.Sort(alts)
	d.sources = append(d.sources, orEmpty(stitle)+" "+out.name+" "+strings.Join(alts, " "))
}

// synthSurname joins the first half of one of the scheme's single-word
// surnames with the second half of another ("Hasanov" and "Valiyev" give
// "Hasayev"): thousands of plausible surnames per scheme.
func synthSurname(r *rand.Rand, lasts []string) string {
	for {
		a, b := []rune(oneOf(r, lasts)), []rune(oneOf(r, lasts))
		if len(a) < 4 || len(b) < 4 || strings.ContainsAny(string(a)+string(b), " -'") {
			continue
		}
		return string(a[:len(a)/2]) + string(b[len(b)/2:])
	}
}
