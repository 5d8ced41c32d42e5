package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// estimateThreshold is where an estimated count stops being counted exactly:
// below it COUNT(*) is cheap, above it the planner's estimate is returned.
const estimateThreshold = 100_000

// CountMeetings implements domain.StatsStore.
func (s *Store) CountMeetings(ctx context.Context, f domain.MeetingFilter, exact bool) (int64, bool, error) {
	var args sqlArgs
	where := strings.Join(meetingWhere(f, &args), " AND ")
	if !exact {
		var plan []struct {
			Plan struct {
				Rows float64 `json:"Plan Rows"`
			} `json:"Plan"`
		}
		var raw []byte
		if err := s.pool.QueryRow(ctx, `EXPLAIN (FORMAT JSON) SELECT 1 FROM meetings m WHERE `+where, args...).
			Scan(&raw); err != nil {
			return 0, false, fmt.Errorf("estimate meetings: %w", formatError(err))
		}
		if err := json.Unmarshal(raw, &plan); err == nil && len(plan) == 1 && plan[0].Plan.Rows >= estimateThreshold {
			return int64(plan[0].Plan.Rows), false, nil
		}
	}
	// An exact count may walk every meeting: bulk work. A small one that an
	// estimate gave up on is not.
	q := s.pool
	if exact {
		q = s.bulk
	}
	var n int64
	if err := q.QueryRow(ctx, `SELECT count(*) FROM meetings m WHERE `+where, args...).Scan(&n); err != nil {
		return 0, false, fmt.Errorf("count meetings: %w", formatError(err))
	}
	return n, true, nil
}

// TimelineCounts implements domain.StatsStore.
func (s *Store) TimelineCounts(ctx context.Context, country, by string) ([]domain.PeriodCount, int64, error) {
	var args sqlArgs
	where := []string{"m.deleted_at IS NULL", "m.parent_id IS NULL"}
	if country != "" {
		where = append(where, "EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = "+args.add(country)+")")
	}
	period, dated := `lpad(m.date_year::text, 4, '0')`, `m.date_year IS NOT NULL`
	if by == "month" {
		period = `lpad(m.date_year::text, 4, '0') || '-' || lpad(m.date_month::text, 2, '0')`
		dated = `m.date_year IS NOT NULL AND m.date_month IS NOT NULL`
	}
	cond := strings.Join(where, " AND ")
	rows, err := s.bulk.Query(ctx, `SELECT `+period+`, count(*) FROM meetings m WHERE `+cond+` AND `+dated+
		` GROUP BY 1 ORDER BY 1`, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", formatError(err))
	}
	periods, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.PeriodCount, error) {
		var p domain.PeriodCount
		return p, row.Scan(&p.Period, &p.Count)
	})
	if err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", formatError(err))
	}
	var undated int64
	if err := s.bulk.QueryRow(ctx, `SELECT count(*) FROM meetings m WHERE `+cond+` AND NOT (`+dated+`)`, args...).
		Scan(&undated); err != nil {
		return nil, 0, fmt.Errorf("timeline: %w", formatError(err))
	}
	return periods, undated, nil
}

// PartnerCounts implements domain.StatsStore.
func (s *Store) PartnerCounts(ctx context.Context, country string) ([]domain.Partner, error) {
	rows, err := s.bulk.Query(ctx, `
SELECT d2.country, count(*)
FROM meetings m
JOIN delegations d1 ON d1.meeting_id = m.id AND d1.country = $1
JOIN delegations d2 ON d2.meeting_id = m.id AND d2.country <> $1
WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
GROUP BY 1 ORDER BY 2 DESC, 1`, country)
	if err != nil {
		return nil, fmt.Errorf("partners: %w", formatError(err))
	}
	ps, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Partner, error) {
		var p domain.Partner
		return p, row.Scan(&p.Country, &p.Count)
	})
	return ps, formatError(err)
}

// EdgeCounts implements domain.StatsStore.
func (s *Store) EdgeCounts(ctx context.Context) ([]domain.Edge, error) {
	rows, err := s.bulk.Query(ctx, `
SELECT d1.country, d2.country, count(*)
FROM meetings m
JOIN delegations d1 ON d1.meeting_id = m.id
JOIN delegations d2 ON d2.meeting_id = m.id AND d2.country > d1.country
WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2`)
	if err != nil {
		return nil, fmt.Errorf("edges: %w", formatError(err))
	}
	es, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.Edge, error) {
		var e domain.Edge
		return e, row.Scan(&e.A, &e.B, &e.Count)
	})
	return es, formatError(err)
}

// CountryCounts implements domain.StatsStore.
func (s *Store) CountryCounts(ctx context.Context, country string) (int64, int64, error) {
	var meetings, hosted int64
	err := s.pool.QueryRow(ctx, `
SELECT count(*), count(*) FILTER (WHERE m.host_country = $1)
FROM meetings m
WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
  AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = $1)`, country).
		Scan(&meetings, &hosted)
	if err != nil {
		return 0, 0, fmt.Errorf("country counts: %w", formatError(err))
	}
	return meetings, hosted, nil
}
