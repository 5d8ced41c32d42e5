package extract

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/milmeet/milmeet/internal/domain"
)

// source fills the report's source: URL, outlet, title, publication date,
// language and titles in other languages.
func (b *builder) source(m *domain.Meeting) {
	d := b.d
	src := domain.Source{AlternateTitles: []domain.AltTitle{}}
	p := "/sources/0"
	// the evidence counts only if the source is kept
	kept := len(b.res.Evidence)
	if b.opt.URL != nil {
		u := strings.TrimSpace(*b.opt.URL)
		pu, err := url.Parse(u)
		if err == nil && (pu.Scheme == "http" || pu.Scheme == "https") && pu.Host != "" && len(u) <= 2000 && cleanValue(u) == u {
			src.URL = &u
		} else {
			b.warn("the URL given is not an absolute http or https URL and was left out")
		}
	}
	switch {
	case b.opt.Outlet != nil && cleanValue(*b.opt.Outlet) != "":
		src.Outlet = strp(clip(cleanValue(*b.opt.Outlet), 200))
	default:
		if n, st, en := d.outletIn(); n != "" {
			src.Outlet = strp(clip(cleanValue(n), 200))
			b.evSpan(p+"/outlet", *src.Outlet, st, en, 0.85)
		} else if len(d.outletLines) > 0 {
			l := d.lines[d.outletLines[0]]
			src.Outlet = strp(outletOfLine(l.text))
			b.evSpan(p+"/outlet", *src.Outlet, l.start, l.end, 0.8)
		} else if n := outletForms[strings.ToLower(dlOutlet(d.dl))]; n != "" {
			src.Outlet = strp(n)
			b.evSpan(p+"/outlet", n, d.dl.start, d.dl.end, 0.75)
		} else if n, st, en := d.outletToken(); n != "" {
			src.Outlet = strp(n)
			b.evSpan(p+"/outlet", n, st, en, 0.7)
		} else if src.URL != nil {
			if pu, err := url.Parse(*src.URL); err == nil {
				if n := outletOfHost(pu.Host); n != "" {
					src.Outlet = strp(n)
				}
			}
		}
	}
	if d.headline >= 0 {
		l := d.lines[d.headline]
		ht, ho := d.headlineText()
		t := clip(ht, 1000)
		src.Title = &t
		b.evSpan(p+"/title", t, l.start, l.end, 0.85)
		if src.Outlet == nil && ho != "" {
			src.Outlet = &ho
			b.evSpan(p+"/outlet", ho, l.start, l.end, 0.8)
		}
	}
	if b.pub != nil {
		day := domain.Day{Time: *b.pub}
		src.PublishedAt = &day
		if b.pubText {
			b.evSpan(p+"/published_at", day.String(), b.pubStart, b.pubEnd, 0.8, b.pubW)
		}
	}
	lang := strings.ToLower(strings.TrimSpace(b.opt.Language))
	if lang == "" {
		lang = "en"
	}
	if len(lang) < 2 || len(lang) > 3 || strings.Trim(lang, "abcdefghijklmnopqrstuvwxyz") != "" {
		b.warn("the language %q is not an ISO 639 code and was left out", b.opt.Language)
	} else {
		src.Language = &lang
	}
	seen := map[string]bool{}
	for _, li := range d.alts {
		l := d.lines[li]
		t := clip(cleanValue(l.text), 1000)
		lg := scriptOf(l.text)
		if t == "" || lg == "" || seen[t] || lg == lang {
			continue
		}
		seen[t] = true
		b.evSpan(fmt.Sprintf("%s/alternate_titles/%d", p, len(src.AlternateTitles)), t, l.start, l.end, 0.7)
		src.AlternateTitles = append(src.AlternateTitles, domain.AltTitle{Language: lg, Title: t})
	}
	if src.URL == nil && src.Outlet == nil && src.Title == nil {
		b.res.Evidence = b.res.Evidence[:kept]
		if len(d.sents) > 0 {
			b.warn("the report's outlet, URL and title are unknown, so the draft names no source")
		}
		return
	}
	m.Sources = []domain.Source{src}
}

// title sets the meeting's title: the headline, else one made from what was
// found.
func (b *builder) title(m *domain.Meeting, main *meetingDraft) {
	d := b.d
	if d.headline >= 0 {
		l := d.lines[d.headline]
		ht, _ := d.headlineText()
		m.Title = clip(ht, 500)
		b.evSpan("/title", m.Title, l.start, l.end, 0.85)
		return
	}
	m.Title = clip(b.madeTitle(m, main), 500)
	if b.hasMain {
		b.evSent("/title", m.Title, main.anchor.s, 0.5)
	}
}

// shortPosition shortens a position for a title: "Minister of Defense of the
// Republic of Azerbaijan" is "Defense Minister"; "First Deputy Minister of
// Defense – Chief of the General Staff of the Azerbaijan Army" is "Chief of
// the General Staff of the Azerbaijan Army".
func shortPosition(pos string, dropCountry bool) string {
	for _, sep := range []string{" – ", " — ", " - ", ", ", " and "} {
		if i := strings.LastIndex(pos, sep); i >= 0 {
			rest := pos[i+len(sep):]
			w := strings.Fields(rest)
			if len(w) > 0 && (positionHeads[foldWord(w[0])] || positionStarts[foldWord(w[0])]) {
				pos = rest
			}
		}
	}
	low := strings.ToLower(pos)
	for _, p := range []string{"minister of defense", "minister of defence", "minister of national defense", "minister of national defence"} {
		if strings.HasPrefix(low, p) {
			w := "Defense"
			if strings.Contains(low, "defence") {
				w = "Defence"
			}
			return w + " Minister"
		}
	}
	if dropCountry {
		// "... of the Republic of Türkiye", "... of the Azerbaijan Army"
		toks := tokenize(pos, 0, len(pos))
		for i := 1; i < len(toks); i++ {
			if toks[i].low != "of" {
				continue
			}
			only, country := true, false
			for k := i + 1; k < len(toks); k++ {
				if c, j := countryAt(toks, k); c != "" && c != "-" {
					country = true
					k = j - 1
					continue
				}
				if !officialFormWords[toks[k].low] && toks[k].s != "'s" {
					only = false
					break
				}
			}
			if only && country {
				return strings.TrimSpace(pos[:toks[i].start])
			}
		}
		for i := len(toks) - 1; i > 0; i-- {
			if toks[i].low != "of" {
				continue
			}
			for k := i + 1; k < len(toks); k++ {
				if c, _ := countryAt(toks, k); c != "" && c != "-" {
					return strings.TrimSpace(pos[:toks[i].start])
				}
			}
		}
	}
	return pos
}

func (b *builder) headTitle(x domain.Delegation, withName bool) string {
	adj := countryAdjs[x.Country]
	if x.Head == nil {
		return adj + " delegation"
	}
	if x.Head.Position != nil {
		sp := shortPosition(*x.Head.Position, true)
		if withName {
			return strings.TrimSpace(adj + " " + sp + " " + x.Head.Name)
		}
		return strings.TrimSpace(adj + " " + sp)
	}
	if x.Head.Rank != nil {
		return strings.TrimSpace(adj + " " + *x.Head.Rank + " " + x.Head.Name)
	}
	return x.Head.Name
}

func (b *builder) madeTitle(m *domain.Meeting, main *meetingDraft) string {
	var host *domain.Delegation
	var guests []domain.Delegation
	for i := range m.Delegations {
		if m.Delegations[i].Role == domain.RoleHost {
			host = &m.Delegations[i]
		} else {
			guests = append(guests, m.Delegations[i])
		}
	}
	ledBy := func(g domain.Delegation) string {
		s := countryAdjs[g.Country] + " delegation"
		if g.Head != nil {
			s += " led by "
			if g.Head.Rank != nil {
				s += *g.Head.Rank + " "
			}
			s += g.Head.Name
		}
		return s
	}
	switch {
	case m.Kind == "phone_call" && len(m.Delegations) >= 2:
		return b.headTitle(m.Delegations[0], true) + " holds phone call with " + b.headTitle(m.Delegations[1], true)
	case m.Kind == "video_conference" && len(m.Delegations) >= 2:
		return b.headTitle(m.Delegations[0], true) + " holds video conference with " + b.headTitle(m.Delegations[1], true)
	case host != nil && len(guests) > 0 && main.anchor.class == aGuest && guests[0].Head != nil:
		g := b.headTitle(guests[0], true)
		T := b.d.st(main.anchor.s)
		if findWord(T, main.anchor.i, main.anchor.j, "called", "calls", "call") >= 0 && host.Head != nil {
			return g + " calls on " + b.headTitle(*host, true)
		}
		if string(m.Kind) != "meeting" {
			return g + " pays " + strings.ReplaceAll(strings.TrimSuffix(string(m.Kind), "_visit"), "_", " ") + " visit to " + countryNames[host.Country]
		}
		return g + " visits " + countryNames[host.Country]
	case host != nil && len(guests) > 0 && main.anchor.class == aNeutral && host.Head != nil:
		return b.headTitle(*host, true) + " meets " + b.headTitle(guests[0], true)
	case host != nil && len(guests) > 0:
		h := b.headTitle(*host, false)
		if host.Head == nil {
			h = countryNames[host.Country]
		}
		return h + " receives " + ledBy(guests[0])
	case len(m.Delegations) >= 2:
		return b.headTitle(m.Delegations[0], true) + " meets " + b.headTitle(m.Delegations[1], true)
	case len(m.Delegations) == 1:
		return "Meeting of the " + ledBy(m.Delegations[0])
	}
	return "Defence meeting (details not found)"
}

func (b *builder) childTitle(c *meetingDraft, m *domain.Meeting) string {
	var host *domain.Delegation
	var others []string
	for i := range m.Delegations {
		x := m.Delegations[i]
		if x.Head != nil && host == nil && (x.Role == domain.RoleHost || len(m.Delegations) == 1) {
			host = &m.Delegations[i]
			continue
		}
		others = append(others, countryAdjs[x.Country])
	}
	if host == nil && len(m.Delegations) > 0 && m.Delegations[0].Head != nil {
		host = &m.Delegations[0]
		others = others[:0]
		for _, x := range m.Delegations[1:] {
			others = append(others, countryAdjs[x.Country])
		}
	}
	who := "Meeting"
	if host != nil {
		who = host.Head.Name
		if host.Head.Position != nil {
			who = shortPosition(*host.Head.Position, false) + " " + host.Head.Name
		}
	}
	if len(others) == 0 {
		return who + " holds talks"
	}
	return who + " meets " + strings.Join(others, " and ") + " delegation"
}

func dlOutlet(dl *dline) string {
	if dl == nil {
		return ""
	}
	return dl.outlet
}
