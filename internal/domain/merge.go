package domain

import (
	"context"
	"slices"
)

// CreateOrMerge stores m, or, when the same meeting is stored already and
// merge is true, merges m into it: the stored record gains m's new sources
// and whatever facts it lacked, and keeps everything it had. It returns the
// record and whether it was a merge.
func (s *Service) CreateOrMerge(ctx context.Context, m *Meeting, merge bool) (*Meeting, bool, error) {
	// CreateMeeting readies m in place; a merge starts from what was sent.
	var sent *Meeting
	if merge {
		sent = m.Clone()
	}
	created, err := s.CreateMeeting(ctx, m)
	if !merge || ErrorCode(err) != ECONFLICT {
		return created, false, err
	}
	id, _ := AsError(err).Data["existing_id"].(string)
	merged, err := s.MergeInto(ctx, id, sent)
	return merged, err == nil, err
}

// MergeInto merges m into the stored meeting id. Returns ENOTFOUND, EINVALID
// or EPRECONDITION (the stored meeting changed meanwhile: try again).
func (s *Service) MergeInto(ctx context.Context, id string, m *Meeting) (*Meeting, error) {
	stored, err := s.GetMeeting(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	s.alpha2Codes(m)
	merged := mergeMeetings(stored, m)
	if sameRecord(stored, merged) {
		// Nothing new: no write, so the version, ETag and audit log stay.
		return stored, nil
	}
	return s.replace(ctx, stored, merged, stored.Version, AuditMerge)
}

// sameRecord reports whether a and b hold the same facts.
func sameRecord(a, b *Meeting) bool {
	_, av := snapshot(a)
	_, bv := snapshot(b)
	return len(Diff(av, bv)) == 0
}

// mergeMeetings returns stored with what in adds: values stored lacks,
// topics, delegation members, ceremonies, agreements, child meetings and
// sources not yet in it. Nothing stored is overwritten.
func mergeMeetings(stored, in *Meeting) *Meeting {
	out := *stored
	if out.Date.Year == 0 && in.Date.Year != 0 && in.Date.Month == out.Date.Month && in.Date.Day == out.Date.Day {
		out.Date.Year = in.Date.Year // a report gives the year another left out
		out.DatePrecision = out.Date.Precision()
	}
	fill(&out.City, in.City)
	fill(&out.Venue, in.Venue)
	fill(&out.Summary, in.Summary)
	fill(&out.HostCountry, in.HostCountry)
	if out.EndDate == nil {
		out.EndDate = in.EndDate
	}
	if out.Series == nil {
		out.Series = in.Series
	} else if out.Series.Edition == nil && in.Series != nil {
		s := *out.Series
		s.Edition = in.Series.Edition
		out.Series = &s
	}
	out.Topics = slices.Clone(stored.Topics)
	for _, t := range in.Topics {
		if !slices.Contains(out.Topics, t) {
			out.Topics = append(out.Topics, t)
		}
	}
	out.Delegations = mergeDelegations(stored.Delegations, in.Delegations)
	out.Ceremonies = slices.Clone(stored.Ceremonies)
	for _, c := range in.Ceremonies {
		if !slices.ContainsFunc(out.Ceremonies, func(o Ceremony) bool {
			return o.Type == c.Type && Fold(deref(o.Site)) == Fold(deref(c.Site))
		}) {
			out.Ceremonies = append(out.Ceremonies, c)
		}
	}
	out.Agreements = slices.Clone(stored.Agreements)
	for _, a := range in.Agreements {
		if !slices.ContainsFunc(out.Agreements, func(o Agreement) bool {
			return Fold(o.Title) == Fold(a.Title) || (o.Type == a.Type && deref(o.Period) == deref(a.Period) && a.Period != nil)
		}) {
			out.Agreements = append(out.Agreements, a)
		}
	}
	out.Sources = slices.Clone(stored.Sources)
	for _, src := range in.Sources {
		if !slices.ContainsFunc(out.Sources, func(o Source) bool { return sameSource(o, src) }) {
			out.Sources = append(out.Sources, src)
		}
	}
	out.ChildMeetings = slices.Clone(stored.ChildMeetings)
	for _, c := range in.ChildMeetings {
		i := slices.IndexFunc(out.ChildMeetings, func(o Meeting) bool { return sameChild(&o, &c) })
		if i < 0 {
			out.ChildMeetings = append(out.ChildMeetings, c)
			continue
		}
		o := out.ChildMeetings[i]
		c.Sources, c.ChildMeetings = nil, nil
		merged := mergeMeetings(&o, &c)
		merged.Sources = nil
		out.ChildMeetings[i] = *merged
	}
	return &out
}

// alpha2Codes rewrites the delegations' known country codes as alpha-2, so
// that "GEO" and "GE" compare equal.
func (s *Service) alpha2Codes(m *Meeting) {
	for i := range m.Delegations {
		if c := s.alpha2(nil, "", m.Delegations[i].Country); c != "" {
			m.Delegations[i].Country = c
		}
	}
	for i := range m.ChildMeetings {
		s.alpha2Codes(&m.ChildMeetings[i])
	}
}

func fill(dst **string, v *string) {
	if *dst == nil && v != nil {
		*dst = v
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// mergeDelegations adds the delegations and people in that stored lacks.
func mergeDelegations(stored, in []Delegation) []Delegation {
	out := make([]Delegation, len(stored))
	for i, d := range stored {
		d.Members = slices.Clone(d.Members)
		out[i] = d
	}
	for _, d := range in {
		i := slices.IndexFunc(out, func(o Delegation) bool { return sameCountry(o.Country, d.Country) })
		if i < 0 {
			out = append(out, d)
			continue
		}
		o := &out[i]
		people := func() []Participant {
			ps := slices.Clone(o.Members)
			if o.Head != nil {
				ps = append(ps, *o.Head)
			}
			return ps
		}
		if d.Head != nil && !slices.ContainsFunc(people(), func(p Participant) bool { return samePerson(p, *d.Head) }) {
			if o.Head == nil {
				h := *d.Head
				o.Head = &h
			} else {
				o.Members = append(o.Members, *d.Head)
			}
		}
		for _, p := range d.Members {
			if !slices.ContainsFunc(people(), func(q Participant) bool { return samePerson(q, p) }) {
				o.Members = append(o.Members, p)
			}
		}
	}
	return out
}

func sameCountry(a, b string) bool {
	return Fold(a) == Fold(b)
}

// samePerson reports whether a participant given as in names the stored one.
func samePerson(stored, in Participant) bool {
	if in.OfficialID != "" {
		return in.OfficialID == stored.OfficialID
	}
	return slices.Contains(NameKeys(stored.Name), Fold(in.Name))
}

func sameSource(a, b Source) bool {
	if a.URL != nil || b.URL != nil {
		return a.URL != nil && b.URL != nil && *a.URL == *b.URL
	}
	return deref(a.Outlet) == deref(b.Outlet) && deref(a.Title) == deref(b.Title) &&
		((a.PublishedAt == nil && b.PublishedAt == nil) ||
			(a.PublishedAt != nil && b.PublishedAt != nil && a.PublishedAt.Equal(b.PublishedAt.Time)))
}

// sameChild reports whether two child meetings are the same talks: the same
// date and kind with the same countries.
func sameChild(a, b *Meeting) bool {
	if a.Date != b.Date || a.Kind != b.Kind || len(a.Delegations) != len(b.Delegations) {
		return false
	}
	for _, d := range b.Delegations {
		if !slices.ContainsFunc(a.Delegations, func(o Delegation) bool { return sameCountry(o.Country, d.Country) }) {
			return false
		}
	}
	return true
}
