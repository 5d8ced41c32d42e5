package domain

import (
	"context"
	"fmt"
)

// PeriodCount is the number of meetings in a year ("2025") or month
// ("2025-12").
type PeriodCount struct {
	Period string `json:"period"`
	Count  int64  `json:"count"`
}

// Timeline counts meetings by period; meetings whose date is too coarse for
// the period, or whose year is unknown, are counted apart.
type Timeline struct {
	Country   *string       `json:"country"`
	By        string        `json:"by"`
	Periods   []PeriodCount `json:"periods"`
	Undated   int64         `json:"undated"`
	Total     int64         `json:"total"`
	Precision string        `json:"note"`
}

// Partner is a country that met another, and how often.
type Partner struct {
	Country string `json:"country"`
	Count   int64  `json:"count"`
}

// Edge is a pair of countries that met, and how often: an edge of the
// network of meetings.
type Edge struct {
	A     string `json:"a"`
	B     string `json:"b"`
	Count int64  `json:"count"`
}

// CountryProfile is a country with its meetings counted and its partners.
type CountryProfile struct {
	Country
	Meetings int64     `json:"meetings"`
	Hosted   int64     `json:"hosted"`
	Partners []Partner `json:"partners"`
}

// StatsStore counts meetings. Child meetings are not counted: they are part
// of their parent.
type StatsStore interface {
	// CountMeetings counts the meetings that pass the filter; exact false
	// may return the planner's estimate, and says which it returned.
	CountMeetings(ctx context.Context, f MeetingFilter, exact bool) (n int64, isExact bool, err error)
	// TimelineCounts counts the meetings of country ("" for all) by year or
	// month, and those whose date is too coarse or has no year.
	TimelineCounts(ctx context.Context, country, by string) ([]PeriodCount, int64, error)
	// PartnerCounts counts, for each other country, the meetings it had with
	// country.
	PartnerCounts(ctx context.Context, country string) ([]Partner, error)
	// EdgeCounts counts the meetings of every pair of countries.
	EdgeCounts(ctx context.Context) ([]Edge, error)
	// CountryCounts returns how many meetings country took part in and how
	// many it hosted.
	CountryCounts(ctx context.Context, country string) (meetings, hosted int64, err error)
}

// CountMeetings counts the meetings that pass the filter.
func (s *Service) CountMeetings(ctx context.Context, f MeetingFilter, exact bool) (int64, bool, error) {
	f.After, f.NoLimit = nil, true
	if err := s.CheckFilter(ctx, &f); err != nil {
		return 0, false, err
	}
	return s.stats.CountMeetings(ctx, f, exact)
}

// TimelineFilter selects the meetings a timeline counts.
type TimelineFilter struct {
	// Country took part; "" for all meetings.
	Country string
	// By is "year" (the default) or "month".
	By string
}

// Validate resolves the country code and fills in the period.
func (f *TimelineFilter) Validate(codes CountryCodes) error {
	var p Problems
	codes.resolveGiven(&p, "Country", &f.Country)
	if f.By == "" {
		f.By = "year"
	}
	if f.By != "year" && f.By != "month" {
		p.AddField("By", "must be year or month")
	}
	return p.Err(errFilter)
}

// PartnerFilter names the country whose partners are counted; "" for
// every pair of countries.
type PartnerFilter struct {
	Country string
}

// Validate resolves the country code.
func (f *PartnerFilter) Validate(codes CountryCodes) error {
	var p Problems
	codes.resolveGiven(&p, "Country", &f.Country)
	return p.Err(errFilter)
}

// Timeline counts the meetings that pass the filter by year or month.
func (s *Service) Timeline(ctx context.Context, f TimelineFilter) (*Timeline, error) {
	if err := s.CheckFilter(ctx, &f); err != nil {
		return nil, err
	}
	country, by := f.Country, f.By
	periods, undated, err := s.stats.TimelineCounts(ctx, country, by)
	if err != nil {
		return nil, fmt.Errorf("timeline: %w", err)
	}
	t := &Timeline{By: by, Periods: periods, Undated: undated,
		Precision: "undated counts meetings whose date gives no " + by + " (a year alone, or no year)"}
	if t.Periods == nil {
		t.Periods = []PeriodCount{}
	}
	if country != "" {
		t.Country = &country
	}
	t.Total = undated
	for _, p := range periods {
		t.Total += p.Count
	}
	return t, nil
}

// Partners counts the meetings country had with each other country.
func (s *Service) Partners(ctx context.Context, country string) ([]Partner, error) {
	ps, err := s.stats.PartnerCounts(ctx, country)
	if err != nil {
		return nil, fmt.Errorf("partners: %w", err)
	}
	if ps == nil {
		ps = []Partner{}
	}
	return ps, nil
}

// Edges counts the meetings of every pair of countries.
func (s *Service) Edges(ctx context.Context) ([]Edge, error) {
	es, err := s.stats.EdgeCounts(ctx)
	if err != nil {
		return nil, fmt.Errorf("edges: %w", err)
	}
	if es == nil {
		es = []Edge{}
	}
	return es, nil
}

// CountryProfile returns the country with the code, its meeting counts and
// partners. Returns ENOTFOUND.
func (s *Service) CountryProfile(ctx context.Context, code string) (*CountryProfile, error) {
	c, err := s.Country(ctx, code)
	if err != nil {
		return nil, err
	}
	p := &CountryProfile{Country: *c}
	if p.Meetings, p.Hosted, err = s.stats.CountryCounts(ctx, c.Alpha2); err != nil {
		return nil, fmt.Errorf("country profile: %w", err)
	}
	if p.Partners, err = s.Partners(ctx, c.Alpha2); err != nil {
		return nil, err
	}
	return p, nil
}
