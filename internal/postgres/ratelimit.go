package postgres

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// TakeRequest counts one request of client in the current window of the
// given length, unless the requests of the last window would then be over
// limit (the current window's count plus the previous window's, weighted by
// how much of it still falls in the last window: httprate's sliding
// window). It returns whether the request was counted, that rate before
// it, and how long until the current window ends. The windows are on the
// database's clock, so that every instance agrees; it runs on the primary,
// whatever the context. The count is taken and given back, rather than read
// and then taken, so that instances counting at once never pass the limit
// together.
func (s *Store) TakeRequest(ctx context.Context, client string, limit int, window time.Duration) (bool, float64, time.Duration, error) {
	var count, prev int
	var start time.Time
	var elapsed float64
	secs := window.Seconds()
	err := s.primary.QueryRow(ctx, `
INSERT INTO rate_limit_counts AS c (client, window_start, count)
VALUES ($1, to_timestamp(floor(extract(epoch FROM now()) / $2) * $2), 1)
ON CONFLICT (client, window_start) DO UPDATE SET count = c.count + 1
RETURNING c.count, c.window_start,
  coalesce((SELECT p.count FROM rate_limit_counts p
            WHERE p.client = $1 AND p.window_start = c.window_start - make_interval(secs => $2)), 0),
  extract(epoch FROM now() - c.window_start)::float8`, client, secs).Scan(&count, &start, &prev, &elapsed)
	if err != nil {
		return false, 0, 0, fmt.Errorf("count request: %w", formatError(err))
	}
	rate := float64(prev)*(secs-elapsed)/secs + float64(count-1)
	reset := time.Duration((secs - elapsed) * float64(time.Second))
	if int(math.Round(rate))+1 > limit {
		if _, err := s.primary.Exec(ctx, `UPDATE rate_limit_counts SET count = count - 1 WHERE client = $1 AND window_start = $2`,
			client, start); err != nil {
			return false, 0, 0, fmt.Errorf("count request: %w", formatError(err))
		}
		return false, rate, reset, nil
	}
	// Now and then, forget the windows that are over.
	if rand.IntN(100) == 0 {
		_, _ = s.primary.Exec(ctx, `DELETE FROM rate_limit_counts WHERE window_start < now() - make_interval(secs => $1)`, 2*secs)
	}
	return true, rate, reset, nil
}
