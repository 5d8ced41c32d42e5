package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// sameCountries holds for meetings m whose delegations' countries are
// exactly $1.
const sameCountries = `(SELECT array_agg(d.country::text ORDER BY d.country) FROM delegations d WHERE d.meeting_id = m.id)
    = (SELECT array_agg(c ORDER BY c) FROM unnest($1::text[]) c)`

// MeetingIDsBySourceURL implements domain.ArticleStore.
func (s *Store) MeetingIDsBySourceURL(ctx context.Context, url string) ([]string, error) {
	return s.ids(ctx, `SELECT m.id::text FROM sources s
		JOIN meeting_sources ms ON ms.source_id = s.id
		JOIN meetings m ON m.id = ms.meeting_id AND m.deleted_at IS NULL AND m.parent_id IS NULL
		WHERE s.url = $1 ORDER BY m.id`, url)
}

// MeetingIDsNear implements domain.ArticleStore.
func (s *Store) MeetingIDsNear(ctx context.Context, countries []string, from, to time.Time) ([]string, error) {
	return s.ids(ctx, `SELECT m.id::text FROM meetings m
		WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
		  AND m.date_lo <= $3::date AND m.date_hi >= $2::date AND `+sameCountries+` ORDER BY m.id`,
		countries, from, to)
}

// MeetingIDsOnDay implements domain.ArticleStore.
func (s *Store) MeetingIDsOnDay(ctx context.Context, countries []string, month, day int, yearUnknown bool) ([]string, error) {
	return s.ids(ctx, `SELECT m.id::text FROM meetings m
		WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
		  AND m.date_month = $2 AND m.date_day = $3 AND (NOT $4 OR m.date_year IS NULL)
		  AND `+sameCountries+` ORDER BY m.id`,
		countries, month, day, yearUnknown)
}

func (s *Store) ids(ctx context.Context, sql string, args ...any) ([]string, error) {
	rows, err := s.q(ctx).Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("find meetings: %w", formatError(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	return ids, formatError(err)
}
