package extract

import (
	"fmt"
	"slices"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// emit turns a draft into a domain meeting, recording the evidence of each
// value under the JSON pointer prefix at.
func (b *builder) emit(m *meetingDraft, at string) domain.Meeting {
	d := b.d
	out := domain.Meeting{
		Kind: m.kind, Date: b.date, Topics: []domain.Topic{}, Delegations: []domain.Delegation{},
		Ceremonies: []domain.Ceremony{}, Agreements: []domain.Agreement{},
	}
	if out.Kind == "" {
		out.Kind = "meeting"
	}
	out.DatePrecision = b.date.Precision()
	if !b.date.IsZero() {
		conf := b.dateConf
		if m.child {
			conf *= 0.9
		}
		if b.dateGiven {
			b.evGiven(at+"/date", b.date.String(), conf)
		} else {
			b.evSpan(at+"/date", b.date.String(), b.dateStart, b.dateEnd, conf, b.dateW)
		}
	}
	if !m.child && b.endDate != nil {
		out.EndDate = b.endDate
		b.evSpan(at+"/end_date", b.endDate.String(), b.dateStart, b.dateEnd, b.dateConf*0.9, b.dateW)
	}
	switch {
	case m.kindS >= 0:
		b.evSent(at+"/kind", string(out.Kind), m.kindS, 0.85)
	case out.Kind == "phone_call" || out.Kind == "video_conference":
		b.evSent(at+"/kind", string(out.Kind), m.anchor.s, 0.85)
	case m.hasAnc:
		b.evSent(at+"/kind", string(out.Kind), m.anchor.s, 0.5, d.tokSpan(m.anchor.s, m.anchor.i, m.anchor.j))
	}
	if m.host != "" {
		h := m.host
		out.HostCountry = &h
		b.evHost(at+"/host_country", h, m)
	}
	for i, x := range m.dlgs {
		p := fmt.Sprintf("%s/delegations/%d", at, i)
		role := domain.RoleGuest
		if x.code == m.host {
			role = domain.RoleHost
		}
		del := domain.Delegation{Country: x.code, Role: role, Members: []domain.Participant{}}
		if x.s >= 0 {
			b.evSent(p+"/country", x.code, x.s, x.conf)
		} else if d.headline >= 0 {
			l := d.lines[d.headline]
			b.evSpan(p+"/country", x.code, l.start, l.end, x.conf)
		}
		if role == domain.RoleHost {
			b.evHost(p+"/role", string(role), m)
		} else if x.s >= 0 {
			b.evSent(p+"/role", string(role), x.s, min(x.conf, 0.8), b.roleWords(m, x.s, x.code))
		}
		if x.head >= 0 {
			pt := b.participant(x.head, p+"/head")
			del.Head = &pt
		}
		for j, idx := range x.members {
			del.Members = append(del.Members, b.participant(idx, fmt.Sprintf("%s/members/%d", p, j)))
		}
		out.Delegations = append(out.Delegations, del)
	}
	// topics, in the vocabulary's order
	type topicAt struct{ s, i int }
	topicS := map[domain.Topic]topicAt{}
	for _, s := range m.sents {
		for _, h := range topicsIn(d.st(s)) {
			if _, ok := topicS[h.t]; !ok {
				topicS[h.t] = topicAt{s, h.i}
			}
		}
	}
	for _, t := range domain.Topics {
		if at2, ok := topicS[t]; ok {
			b.evSent(fmt.Sprintf("%s/topics/%d", at, len(out.Topics)), string(t), at2.s, 0.8, d.wordPair(at2.s, at2.i))
			out.Topics = append(out.Topics, t)
		}
	}
	if !m.child {
		for _, s := range m.sents {
			if name, ed, ok := d.seriesIn(s); ok {
				e := ed
				out.Series = &domain.Series{Name: clip(name, 300), Edition: &e}
				b.evSent(at+"/series", *out.Series, s, 0.85)
				break
			}
		}
	}
	b.place(m, &out, at)
	for _, c := range d.ceremonies(m.sents) {
		p := fmt.Sprintf("%s/ceremonies/%d", at, len(out.Ceremonies))
		dc := domain.Ceremony{Type: c.typ}
		b.evSent(p+"/type", string(c.typ), c.s, c.conf, d.ceremonyWords(c))
		if c.site != "" {
			dc.Site = strp(clip(c.site, 300))
			b.evSent(p+"/site", *dc.Site, c.siteS, c.conf*0.95)
		}
		if c.honoured != "" {
			dc.Honoured = strp(clip(c.honoured, 1000))
			b.evSent(p+"/honoured", *dc.Honoured, c.s, 0.7)
		}
		if c.award != "" {
			dc.Award = strp(clip(c.award, 500))
			b.evSent(p+"/award", *dc.Award, c.s, 0.85)
		}
		if c.recipient >= 0 {
			rm := d.people[c.recipient]
			rank, pos, posS := d.bestDetails(c.recipient)
			r := &domain.Recipient{Name: clip(rm.name, 200)}
			r.Country, _ = d.countryOf(c.recipient)
			if rank != "" {
				r.Rank = strp(rank)
				b.evSent(p+"/recipient/rank", rank, rm.sent, 0.85)
			}
			if pos != "" {
				r.Position = strp(clip(pos, 500))
				b.evSent(p+"/recipient/position", *r.Position, posS, 0.8)
			}
			b.evSent(p+"/recipient/name", r.Name, rm.sent, 0.85)
			if r.Country != "" {
				b.evSent(p+"/recipient/country", r.Country, rm.sent, 0.8)
			} else {
				b.warn("could not tell the country of %s, who received %s", r.Name, orWord(c.award, "an award"))
			}
			dc.Recipient = r
		}
		out.Ceremonies = append(out.Ceremonies, dc)
	}
	var dayp *domain.Day
	if b.date.Precision() == domain.PrecisionDay {
		t, _ := b.date.First()
		dd := domain.Day{Time: t}
		dayp = &dd
	}
	for _, a := range b.agreementsOf(m.sents) {
		p := fmt.Sprintf("%s/agreements/%d", at, len(out.Agreements))
		ag := domain.Agreement{Title: clip(a.title, 500), Type: a.typ, Parties: []string{}, Signatories: []domain.Signatory{}}
		b.evSent(p+"/title", ag.Title, a.s, a.conf)
		b.evSent(p+"/type", string(ag.Type), a.s, a.conf, d.tokSpan(a.s, a.dn, a.dn+1))
		if a.period != "" {
			ag.Period = strp(a.period)
			b.evSent(p+"/period", a.period, a.s, 0.9)
		}
		if dayp != nil {
			ag.SignedOn = dayp
			conf := 0.6
			if hasPhrase(d.st(a.s), "end of the meeting") || hasPhrase(d.st(a.s), "following the meeting") ||
				hasPhrase(d.st(a.s), "during the meeting") || hasPhrase(d.st(a.s), "following the talks") {
				conf = 0.85
			}
			if b.dateGiven {
				b.evGiven(p+"/signed_on", dayp.String(), conf)
			} else {
				b.evSent(p+"/signed_on", dayp.String(), a.s, conf, b.dateW)
			}
		}
		var parties []string
		for _, c := range a.parties {
			if slices.ContainsFunc(out.Delegations, func(x domain.Delegation) bool { return x.Country == c }) {
				parties = append(parties, c)
			}
		}
		if len(parties) < 2 {
			parties = nil
			for _, x := range out.Delegations {
				parties = append(parties, x.Country)
			}
		}
		ag.Parties = parties
		if ag.Parties == nil {
			ag.Parties = []string{}
		}
		b.evSent(p+"/parties", ag.Parties, a.s, 0.75, d.tokSpan(a.s, a.cs, a.ce))
		for _, idx := range a.signatories {
			sg := domain.Signatory{Name: clip(d.people[idx].name, 200)}
			sg.Country, _ = d.countryOf(idx)
			b.evSent(fmt.Sprintf("%s/signatories/%d/name", p, len(ag.Signatories)), sg.Name, d.people[idx].sent, 0.8)
			ag.Signatories = append(ag.Signatories, sg)
		}
		out.Agreements = append(out.Agreements, ag)
	}
	if m.child {
		out.Title = clip(b.childTitle(m, &out), 500)
		b.evSent(at+"/title", out.Title, m.anchor.s, 0.5)
	} else if b.hasMain {
		sum := clip(cleanValue(d.sentText(m.anchor.s)), 2000)
		if sum != "" {
			out.Summary = &sum
			b.evSent(at+"/summary", sum, m.anchor.s, 0.5)
		}
	}
	return out
}

func orWord(s, alt string) string {
	if s == "" {
		return alt
	}
	return fmt.Sprintf("%q", s)
}

func (b *builder) evHost(field, v string, m *meetingDraft) {
	var w wspan
	if strings.HasSuffix(field, "/role") {
		w = b.roleWords(m, m.hostS, m.host)
	}
	if m.hostS >= 0 {
		b.evSent(field, v, m.hostS, m.hostConf, w)
	} else if b.d.headline >= 0 {
		l := b.d.lines[b.d.headline]
		b.evSpan(field, v, l.start, l.end, m.hostConf)
	}
}

// roleWords returns the words that tell a delegation's role in sentence s:
// the verb of the meeting when it says who hosts ("received", "paid a visit
// to"), else the country's name.
func (b *builder) roleWords(m *meetingDraft, s int, code string) wspan {
	d := b.d
	if s < 0 || s >= len(d.sents) {
		return wspan{}
	}
	if m.hasAnc && s == m.anchor.s && m.anchor.class != aNeutral && m.anchor.j > m.anchor.i {
		return d.tokSpan(s, m.anchor.i, m.anchor.j)
	}
	if w := countryWords(d.st(s), code); w.ok() {
		return w
	}
	return d.personOf(s, code)
}

// participant returns the person of a mention as a delegation member, and
// records the evidence.
func (b *builder) participant(idx int, p string) domain.Participant {
	d := b.d
	m := d.people[idx]
	rank, pos, posS := d.bestDetails(idx)
	pt := domain.Participant{Name: clip(m.name, 200)}
	conf := 0.9
	if !m.strong {
		conf = 0.6
	}
	b.evSent(p+"/name", pt.Name, m.sent, conf)
	if rank != "" {
		pt.Rank = strp(rank)
		b.evSent(p+"/rank", rank, m.sent, 0.9)
	}
	if pos != "" {
		pt.Position = strp(clip(pos, 500))
		b.evSent(p+"/position", *pt.Position, posS, 0.85)
	}
	if m.inits > 0 && m.name == m.written && d.isInitial(m.sent, m.i) {
		b.warn("only the initials of %s are given", m.name)
	}
	return pt
}

// place sets the city and venue of a meeting.
func (b *builder) place(m *meetingDraft, out *domain.Meeting, at string) {
	d := b.d
	meetingy := func(T []tok) bool {
		return hasWord(T, "meeting", "meetings", "talks", "met", "held", "convened", "visit", "discussions", "received", "hosted") &&
			!hasWord(T, "ceremony", "wreath", "wreaths", "graves", "tribute")
	}
	future := func(T []tok) bool {
		return hasWord(T, "next", "will", "upcoming", "forthcoming", "invited", "invitation")
	}
	city, cityS := "", -1
	var cityAt0 *dline // the city is the dateline's
	if m.hasAnc {
		if c, _, ok := d.cityIn(m.anchor.s); ok {
			city, cityS = c, m.anchor.s
		}
	}
	if city == "" && !m.child {
		if name, code, ok := d.dateline(); ok && name != "" && code == m.host && m.host != "" {
			city, cityS = name, 0
			cityAt0 = d.dl
		}
	}
	if city == "" {
		for _, s := range m.sents {
			if T := d.st(s); meetingy(T) && !future(T) {
				if c, code, ok := d.cityIn(s); ok && (m.host == "" || code == m.host) {
					city, cityS = c, s
					break
				}
			}
		}
	}
	if city != "" {
		out.City = strp(city)
		if cityAt0 != nil {
			b.evSpan(at+"/city", city, cityAt0.start, cityAt0.end, 0.75)
		} else {
			b.evSent(at+"/city", city, cityS, 0.75)
		}
	} else if !m.child {
		if d.headline >= 0 {
			l := d.lines[d.headline]
			toks := tokenize(d.text, l.start, l.end)
			for i := range toks {
				if name, _, j := cityAt(toks, i); name != "" && (j < len(toks) && (toks[j].low == "hosts" || toks[j].low == "welcomes") || (i > 0 && toks[i-1].low == "in")) {
					out.City = strp(name)
					b.evSpan(at+"/city", name, l.start, l.end, 0.7)
					break
				}
			}
		}
	}
	// venue
	venue, venueS := "", -1
	if m.hasAnc {
		if v := d.venueAfterAt(m.anchor.s, m.anchor.j); v != "" {
			venue, venueS = v, m.anchor.s
		}
	}
	if venue == "" {
		for _, s := range m.sents {
			T := d.st(s)
			if !meetingy(T) || future(T) {
				continue
			}
			if s != m.anchor.s && hasWord(T, "meeting", "talks", "negotiations") && hasWord(T, "held", "convened", "took", "hosted") {
				if v := d.venueAfterAt(s, 0); v != "" && (m.child || strings.ToLower(v) != v) {
					venue, venueS = v, s
					break
				}
			}
			if a, ok := d.anchorIn(s); ok && a.class == aHost && s != m.anchor.s && hasWord(T, "meeting", "talks") {
				subj, _ := d.sidePeople(a)
				if len(subj) == 0 {
					if v := d.orgBefore(s, a.i); v != "" {
						venue, venueS = v, s
						break
					}
				}
			}
		}
	}
	if venue != "" {
		out.Venue = strp(clip(venue, 300))
		b.evSent(at+"/venue", *out.Venue, venueS, 0.7)
	}
}
