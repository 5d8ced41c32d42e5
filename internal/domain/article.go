package domain

import (
	"context"
	"fmt"
	"time"
)

// ArticleStore finds the stored meetings a new report may be about.
type ArticleStore interface {
	// MeetingIDsBySourceURL returns the live top-level meetings that rest on
	// the report at url.
	MeetingIDsBySourceURL(ctx context.Context, url string) ([]string, error)
	// MeetingIDsNear returns the live top-level meetings whose countries are
	// exactly countries and whose date may fall between from and to.
	MeetingIDsNear(ctx context.Context, countries []string, from, to time.Time) ([]string, error)
	// MeetingIDsOnDay returns the live top-level meetings whose countries are
	// exactly countries, on the month and day: of any year, or with
	// yearUnknown only of those whose year is unknown.
	MeetingIDsOnDay(ctx context.Context, countries []string, month, day int, yearUnknown bool) ([]string, error)
}

// ArticleOutcome says what a report did to the records.
type ArticleOutcome string

// The outcomes of storing a report.
const (
	ArticleCreated   ArticleOutcome = "created"
	ArticleMerged    ArticleOutcome = "merged"
	ArticleUnchanged ArticleOutcome = "unchanged"
)

// ArticleResult is what storing a report did, and why.
type ArticleResult struct {
	Status  ArticleOutcome `json:"status"`
	Reason  string         `json:"reason"`
	Meeting *Meeting       `json:"meeting"`
}

// IngestArticle stores the draft meeting extracted from a report: a report
// already stored (by URL) changes nothing; a stored meeting of the same
// countries within a day of the draft's date gains the report as a source
// and what it lacked; else the draft becomes a new meeting. Returns EINVALID
// when the draft cannot be stored (no date, say) and ECONFLICT when more
// than one stored meeting could be the one reported.
func (s *Service) IngestArticle(ctx context.Context, draft *Meeting) (*ArticleResult, error) {
	if err := s.loadCountries(ctx); err != nil {
		return nil, err
	}
	for _, src := range draft.Sources {
		if src.URL == nil {
			continue
		}
		ids, err := s.articles.MeetingIDsBySourceURL(ctx, *src.URL)
		if err != nil {
			return nil, fmt.Errorf("ingest article: %w", err)
		}
		if len(ids) > 0 {
			m, err := s.GetMeeting(ctx, ids[0])
			if err != nil {
				return nil, err
			}
			return &ArticleResult{Status: ArticleUnchanged, Meeting: m,
				Reason: fmt.Sprintf("the report %s is stored already, as a source of meeting %s", *src.URL, ids[0])}, nil
		}
	}
	if err := draft.Validate(); err != nil {
		return nil, err
	}
	s.alpha2Codes(draft)
	countries := draft.Countries()
	var ids []string
	var err error
	if first, ok := draft.Date.First(); ok {
		last, _ := draft.Date.Last()
		ids, err = s.articles.MeetingIDsNear(ctx, countries, first.AddDate(0, 0, -1), last.AddDate(0, 0, 1))
		if err == nil && len(ids) == 0 && draft.Date.Day != 0 {
			// A stored report may have given the day but not the year.
			ids, err = s.articles.MeetingIDsOnDay(ctx, countries, draft.Date.Month, draft.Date.Day, true)
		}
	} else {
		ids, err = s.articles.MeetingIDsOnDay(ctx, countries, draft.Date.Month, draft.Date.Day, false)
	}
	if err != nil {
		return nil, fmt.Errorf("ingest article: %w", err)
	}
	switch len(ids) {
	case 0:
		m, err := s.CreateMeeting(ctx, draft)
		if err != nil {
			return nil, err
		}
		return &ArticleResult{Status: ArticleCreated, Meeting: m,
			Reason: "no stored meeting of the same countries within a day of " + draft.Date.String()}, nil
	case 1:
		m, err := s.MergeInto(ctx, ids[0], draft)
		if err != nil {
			return nil, err
		}
		return &ArticleResult{Status: ArticleMerged, Meeting: m,
			Reason: fmt.Sprintf("meeting %s has the same countries (%v) within a day of %s", ids[0], countries, draft.Date)}, nil
	}
	return nil, &Error{Code: ECONFLICT, Data: map[string]any{"existing_id": ids[0]},
		Message: fmt.Sprintf("%d stored meetings of the same countries fall within a day of %s: merge by hand", len(ids), draft.Date)}
}
