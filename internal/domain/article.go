package domain

import (
	"context"
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
