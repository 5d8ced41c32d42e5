package domain

import (
	"context"
	"fmt"
	"slices"
)

// prepare readies a validated meeting for the store: country codes become
// alpha-2, officials are resolved or made new, and ids, dedupe keys and
// timestamps are set, for m and its child meetings. old is the stored
// record m replaces, or nil. It returns the officials to create.
func (s *Service) prepare(ctx context.Context, m *Meeting, old *Meeting) ([]Official, error) {
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	return s.newResolver().prepare(ctx, m, old)
}

func (s *Service) newResolver() *resolver {
	return &resolver{s: s, news: map[string]*Official{}, byKey: map[string][]*Official{}, byID: map[string]*Official{},
		seq: map[*Official]int{}, stored: map[string]bool{}, found: map[string][]Official{}}
}

// prepare readies m with this resolver and returns the new officials m
// names that are not stored yet.
func (r *resolver) prepare(ctx context.Context, m *Meeting, old *Meeting) ([]Official, error) {
	s := r.s
	r.p = nil
	r.touched = r.touched[:0]
	now := s.Now()
	if old == nil {
		m.ID = NewID()
		m.CreatedAt = now
	} else {
		m.CreatedAt = old.CreatedAt
	}
	m.UpdatedAt = now
	if err := r.meeting(ctx, m, "", old); err != nil {
		return nil, err
	}
	oldChildren := map[string]*Meeting{}
	if old != nil {
		for i := range old.ChildMeetings {
			oldChildren[old.ChildMeetings[i].ID] = &old.ChildMeetings[i]
		}
	}
	keys := map[string]int{}
	for i := range m.ChildMeetings {
		c := &m.ChildMeetings[i]
		at := fmt.Sprintf("/child_meetings/%d", i)
		oc := oldChildren[c.ID]
		if oc == nil {
			c.ID = NewID()
			c.CreatedAt = now
		} else {
			c.CreatedAt = oc.CreatedAt
		}
		c.UpdatedAt = now
		c.ParentID = &m.ID
		if err := r.meeting(ctx, c, at, oc); err != nil {
			return nil, err
		}
		if j, ok := keys[c.DedupeKey]; ok {
			r.p.Add(at, "is the same meeting as child_meetings/%d (same date, kind and countries)", j)
		}
		keys[c.DedupeKey] = i
	}
	if err := r.p.Err("The meeting is not valid."); err != nil {
		return nil, err
	}
	used := map[string]bool{}
	eachPerson(m, func(_, id, _ string) { used[id] = true })
	// Only the new officials this meeting's resolution touched can be
	// among those it uses: the rest of the import's are not looked at, so
	// that a line costs the same at line 20,000 as at line 1.
	slices.SortFunc(r.touched, func(a, b *Official) int { return r.seq[a] - r.seq[b] })
	out := []Official{}
	for i, o := range r.touched {
		if i > 0 && r.touched[i-1] == o {
			continue
		}
		if used[o.ID] && !r.stored[o.ID] {
			out = append(out, *o)
		}
	}
	return out, nil
}

// resolver finds the officials a meeting names, and makes new ones for the
// people it has not seen before, once each.
type resolver struct {
	s    *Service
	p    Problems
	news map[string]*Official // by country and folded name
	// byKey are the new officials by country and each of their name keys,
	// in the order they were made; byID by id; seq is that order.
	byKey map[string][]*Official
	byID  map[string]*Official
	seq   map[*Official]int
	// touched are the new officials resolved for the meeting being
	// prepared, each once or more.
	touched []*Official
	// members are the officials of the meeting being resolved, for
	// signatories and recipients named without a country.
	members []resolvedPerson
	// names are the canonical names of stored officials resolved so far.
	names map[string]string
	// stored marks new officials that an import has stored since.
	stored map[string]bool
	// found caches lookups by country and folded name.
	found map[string][]Official
}

type resolvedPerson struct {
	id, country string
	keys        []string
}

// meeting readies one meeting (not its child meetings): codes become
// alpha-2, the people it names become officials, the host is settled,
// agreements get ids, and empty lists are lists. Problems are gathered in
// r.p; the error is a failure to look officials up.
func (r *resolver) meeting(ctx context.Context, m *Meeting, at string, old *Meeting) error {
	m.DatePrecision = m.Date.Precision()
	r.members = nil
	if err := r.delegations(ctx, m, at); err != nil {
		return err
	}
	r.host(m, at)
	for i := range m.Ceremonies {
		rc := m.Ceremonies[i].Recipient
		if rc == nil {
			continue
		}
		pp := fmt.Sprintf("%s/ceremonies/%d/recipient", at, i)
		id, name, country, err := r.person(ctx, pp, rc.Country, rc.OfficialID, rc.Name)
		if err != nil {
			return err
		}
		rc.OfficialID, rc.Name, rc.Country = id, name, country
	}
	if err := r.agreements(ctx, m, at, old); err != nil {
		return err
	}
	if m.Topics == nil {
		m.Topics = []Topic{}
	}
	if m.Ceremonies == nil {
		m.Ceremonies = []Ceremony{}
	}
	if m.Agreements == nil {
		m.Agreements = []Agreement{}
	}
	for i := range m.Sources {
		if m.Sources[i].AlternateTitles == nil {
			m.Sources[i].AlternateTitles = []AltTitle{}
		}
	}
	m.DedupeKey = DedupeKey(m)
	return nil
}

// delegations resolves the delegations' countries and people: one
// delegation a country, each official once in it.
func (r *resolver) delegations(ctx context.Context, m *Meeting, at string) error {
	countries := map[string]bool{}
	for i := range m.Delegations {
		d := &m.Delegations[i]
		dp := fmt.Sprintf("%s/delegations/%d", at, i)
		d.Country = r.s.alpha2(&r.p, dp+"/country", d.Country)
		if d.Country != "" && countries[d.Country] {
			r.p.Add(dp+"/country", "a country has one delegation per meeting")
		}
		countries[d.Country] = true
		if d.Members == nil {
			d.Members = []Participant{}
		}
		seen := map[string]string{}
		add := func(pt *Participant, pp string) error {
			id, name, err := r.official(ctx, pp, d.Country, pt.OfficialID, pt.Name)
			if err != nil || id == "" {
				return err
			}
			pt.OfficialID, pt.Name = id, name
			if prev, dup := seen[id]; dup {
				r.p.Add(pp, "names the same official as %s", prev)
			}
			seen[id] = pp
			r.members = append(r.members, resolvedPerson{id: id, country: d.Country, keys: NameKeys(name)})
			return nil
		}
		if d.Head != nil {
			if err := add(d.Head, dp+"/head"); err != nil {
				return err
			}
		}
		for j := range d.Members {
			if err := add(&d.Members[j], fmt.Sprintf("%s/members/%d", dp, j)); err != nil {
				return err
			}
		}
	}
	return nil
}

// host resolves host_country, or takes it from the host delegation, and
// checks that the two agree.
func (r *resolver) host(m *Meeting, at string) {
	if m.HostCountry != nil {
		h := r.s.alpha2(&r.p, at+"/host_country", *m.HostCountry)
		m.HostCountry = &h
	}
	for i, d := range m.Delegations {
		if d.Role != RoleHost || d.Country == "" {
			continue
		}
		switch {
		case m.HostCountry == nil:
			c := d.Country
			m.HostCountry = &c
		case *m.HostCountry != "" && *m.HostCountry != d.Country:
			r.p.Add(fmt.Sprintf("%s/delegations/%d/role", at, i), "the host delegation is not of host_country %s", *m.HostCountry)
		}
	}
}

// agreements gives new agreements ids (a stored one, of old, keeps its
// own) and resolves their parties and signatories.
func (r *resolver) agreements(ctx context.Context, m *Meeting, at string, old *Meeting) error {
	oldAgreements := map[string]bool{}
	if old != nil {
		for _, a := range old.Agreements {
			oldAgreements[a.ID] = true
		}
	}
	for i := range m.Agreements {
		a := &m.Agreements[i]
		ap := fmt.Sprintf("%s/agreements/%d", at, i)
		if !oldAgreements[a.ID] {
			a.ID = NewID()
		}
		a.MeetingID = m.ID
		for j := range a.Parties {
			a.Parties[j] = r.s.alpha2(&r.p, fmt.Sprintf("%s/parties/%d", ap, j), a.Parties[j])
		}
		if a.Parties == nil {
			a.Parties = []string{}
		} else if len(slices.Compact(slices.Sorted(slices.Values(a.Parties)))) != len(a.Parties) {
			r.p.Add(ap+"/parties", "names a country twice")
		}
		if a.Signatories == nil {
			a.Signatories = []Signatory{}
		}
		seen := map[string]bool{}
		for j := range a.Signatories {
			sg := &a.Signatories[j]
			sp := fmt.Sprintf("%s/signatories/%d", ap, j)
			id, name, country, err := r.person(ctx, sp, sg.Country, sg.OfficialID, sg.Name)
			if err != nil {
				return err
			}
			sg.OfficialID, sg.Name, sg.Country = id, name, country
			if id != "" && seen[id] {
				r.p.Add(sp, "names a signatory twice")
			}
			seen[id] = true
		}
	}
	return nil
}

// person resolves a signatory or award recipient: a member of the meeting's
// delegations by name, else an official of the given country.
func (r *resolver) person(ctx context.Context, at, country, id, name string) (string, string, string, error) {
	if id == "" && name != "" {
		key := Fold(name)
		var found []resolvedPerson
		for _, mem := range r.members {
			if slices.Contains(mem.keys, key) && !slices.ContainsFunc(found, func(f resolvedPerson) bool { return f.id == mem.id }) {
				found = append(found, mem)
			}
		}
		if len(found) == 1 && (country == "" || r.s.alpha2(nil, "", country) == found[0].country) {
			o := r.lookupName(found[0].id)
			return found[0].id, o, found[0].country, nil
		}
	}
	if country == "" && id == "" {
		r.p.Add(at+"/country", "is required for a person who is not a member of the meeting's delegations")
		return "", name, "", nil
	}
	c := ""
	if country != "" {
		c = r.s.alpha2(&r.p, at+"/country", country)
		if c == "" {
			return "", name, "", nil
		}
	}
	oid, oname, err := r.official(ctx, at, c, id, name)
	if err != nil || oid == "" {
		return "", name, c, err
	}
	if c == "" {
		if o, err := r.s.officials.GetOfficial(ctx, oid); err == nil {
			c = o.Country
		}
	}
	return oid, oname, c, nil
}

// lookupName returns the canonical name of an official resolved earlier.
func (r *resolver) lookupName(id string) string {
	if o, ok := r.byID[id]; ok {
		return o.Name
	}
	return r.names[id]
}

// official resolves one official of country: by id, else by name or alias,
// else as a new official. A problem is recorded, and "" returned, when the id
// is unknown or the name matches more than one official.
func (r *resolver) official(ctx context.Context, at, country, id, name string) (string, string, error) {
	if country == "" && id == "" {
		return "", name, nil // the country's own problem is recorded already
	}
	if id != "" {
		o, err := r.s.officials.GetOfficial(ctx, id)
		if ErrorCode(err) == ENOTFOUND {
			r.p.Add(at+"/official_id", "there is no official %s", id)
			return "", name, nil
		}
		if err != nil {
			return "", "", err
		}
		if country != "" && o.Country != country {
			r.p.Add(at+"/official_id", "official %s is of %s, not %s", id, o.Country, country)
			return "", name, nil
		}
		r.remember(o.ID, o.Name)
		return o.ID, o.Name, nil
	}
	key := Fold(name)
	if o, ok := r.news[country+"|"+key]; ok {
		r.touched = append(r.touched, o)
		return o.ID, o.Name, nil
	}
	// Officials new in this request are found as stored ones are: by any of
	// their name keys ("Z. Hasanov" after "Zakir Hasanov").
	var fresh []Official
	for _, o := range r.byKey[country+"|"+key] {
		fresh = append(fresh, *o)
	}
	found, ok := r.found[country+"|"+key]
	if !ok {
		var err error
		found, err = r.s.officials.FindOfficials(ctx, country, key)
		if err != nil {
			return "", "", fmt.Errorf("resolve official: %w", err)
		}
		r.found[country+"|"+key] = found
	}
	found = append(slices.Clip(found), fresh...)
	if len(found) > 1 {
		// A full name beats an initial: "Z. Hasanov" may be two people, but
		// "Zakir Hasanov" is the one whose name it is.
		var exact []Official
		for _, o := range found {
			if Fold(o.Name) == key {
				exact = append(exact, o)
			}
		}
		found = exact
		if len(found) != 1 {
			r.p.Add(at+"/name", "%q matches several officials of %s: give official_id", name, country)
			return "", name, nil
		}
	}
	if len(found) == 1 {
		if o, ok := r.byID[found[0].ID]; ok {
			r.touched = append(r.touched, o)
		}
		r.remember(found[0].ID, found[0].Name)
		return found[0].ID, found[0].Name, nil
	}
	o := &Official{ID: NewID(), Name: name, Aliases: []string{}, Country: country,
		NameKeys: NameKeys(name), CreatedAt: r.s.Now(), UpdatedAt: r.s.Now()}
	r.addNew(country+"|"+key, o)
	return o.ID, o.Name, nil
}

// addNew records a new official under its country and folded name, and
// under each of its name keys.
func (r *resolver) addNew(k string, o *Official) {
	r.seq[o] = len(r.seq)
	r.news[k] = o
	r.byID[o.ID] = o
	for _, nk := range o.NameKeys {
		r.byKey[o.Country+"|"+nk] = append(r.byKey[o.Country+"|"+nk], o)
	}
	r.touched = append(r.touched, o)
}

// reassign notes that the new official made with id from is the official
// to, which a concurrent write stored first.
func (r *resolver) reassign(from string, to StoredOfficial) {
	if o, ok := r.byID[from]; ok {
		delete(r.byID, from)
		o.ID, o.Name = to.ID, to.Name
		r.byID[to.ID] = o
	}
}

func (r *resolver) remember(id, name string) {
	if r.names == nil {
		r.names = map[string]string{}
	}
	r.names[id] = name
}

// prefetch looks up, in one call to the store, the officials that the
// people named without an id in ms may be, so that resolving them one by
// one finds them cached. A failed lookup is left to that resolution, which
// asks again and reports it.
func (r *resolver) prefetch(ctx context.Context, ms []*Meeting) {
	var keys []OfficialKey
	seen := map[OfficialKey]bool{}
	add := func(country, id, name string) {
		if id != "" || name == "" || country == "" {
			return
		}
		c := r.s.alpha2(nil, "", country)
		key := Fold(name)
		k := OfficialKey{Country: c, Key: key}
		if c == "" || key == "" || seen[k] {
			return
		}
		seen[k] = true
		if _, ok := r.news[c+"|"+key]; ok {
			return
		}
		if _, ok := r.found[c+"|"+key]; ok {
			return
		}
		keys = append(keys, k)
	}
	for _, m := range ms {
		if m != nil {
			eachPerson(m, add)
		}
	}
	if len(keys) == 0 {
		return
	}
	found, err := r.s.officials.FindOfficialsByKeys(ctx, keys)
	if err != nil {
		return
	}
	for k, os := range found {
		r.found[k.Country+"|"+k.Key] = os
	}
}

// eachPerson calls fn with the country (as given, perhaps empty), official
// id and name of every person a meeting and its child meetings name: heads,
// members, award recipients and signatories.
func eachPerson(m *Meeting, fn func(country, id, name string)) {
	for _, d := range m.Delegations {
		if d.Head != nil {
			fn(d.Country, d.Head.OfficialID, d.Head.Name)
		}
		for _, p := range d.Members {
			fn(d.Country, p.OfficialID, p.Name)
		}
	}
	for _, c := range m.Ceremonies {
		if c.Recipient != nil {
			fn(c.Recipient.Country, c.Recipient.OfficialID, c.Recipient.Name)
		}
	}
	for _, a := range m.Agreements {
		for _, sg := range a.Signatories {
			fn(sg.Country, sg.OfficialID, sg.Name)
		}
	}
	for i := range m.ChildMeetings {
		eachPerson(&m.ChildMeetings[i], fn)
	}
}
