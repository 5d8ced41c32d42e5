package domain

import "slices"

// Clone returns a deep copy of m, sharing no pointer or slice with it: the
// service readies a meeting in place, and a clone keeps what was sent.
func (m *Meeting) Clone() *Meeting {
	c := *m
	c.EndDate = clonePtr(m.EndDate)
	c.City, c.Venue, c.HostCountry, c.Summary, c.ParentID = clonePtr(m.City), clonePtr(m.Venue),
		clonePtr(m.HostCountry), clonePtr(m.Summary), clonePtr(m.ParentID)
	c.Topics = slices.Clone(m.Topics)
	if m.Series != nil {
		c.Series = &Series{Name: m.Series.Name, Edition: clonePtr(m.Series.Edition)}
	}
	c.Delegations = cloneEach(m.Delegations, func(d Delegation) Delegation {
		if d.Head != nil {
			h := d.Head.clone()
			d.Head = &h
		}
		d.Members = cloneEach(d.Members, Participant.clone)
		return d
	})
	c.Ceremonies = cloneEach(m.Ceremonies, func(x Ceremony) Ceremony {
		x.Site, x.Honoured, x.Description, x.Award = clonePtr(x.Site), clonePtr(x.Honoured),
			clonePtr(x.Description), clonePtr(x.Award)
		if x.Recipient != nil {
			r := *x.Recipient
			r.Rank, r.Position = clonePtr(r.Rank), clonePtr(r.Position)
			x.Recipient = &r
		}
		return x
	})
	c.Agreements = cloneEach(m.Agreements, func(a Agreement) Agreement {
		a.Period, a.SignedOn = clonePtr(a.Period), clonePtr(a.SignedOn)
		a.Parties, a.Signatories = slices.Clone(a.Parties), slices.Clone(a.Signatories)
		return a
	})
	c.Sources = cloneEach(m.Sources, func(s Source) Source {
		s.URL, s.Outlet, s.Title, s.PublishedAt, s.Language = clonePtr(s.URL), clonePtr(s.Outlet),
			clonePtr(s.Title), clonePtr(s.PublishedAt), clonePtr(s.Language)
		s.AlternateTitles = slices.Clone(s.AlternateTitles)
		return s
	})
	c.ChildMeetings = cloneEach(m.ChildMeetings, func(x Meeting) Meeting { return *x.Clone() })
	return &c
}

func (p Participant) clone() Participant {
	p.Rank, p.Position = clonePtr(p.Rank), clonePtr(p.Position)
	return p
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// cloneEach copies a slice, each element by clone; nil stays nil.
func cloneEach[T any](xs []T, clone func(T) T) []T {
	if xs == nil {
		return nil
	}
	out := make([]T, len(xs))
	for i, x := range xs {
		out[i] = clone(x)
	}
	return out
}
