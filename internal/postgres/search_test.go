package postgres

import (
	"context"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// TestSearch_CountryYearsFromTheIndex checks that the year and month steps
// of a search with countries or a partner ask meetings_search_idx for the
// keys of each country and year (migration 000017), not for the countries'
// own entries: the store's expressions are the index's. Each step's
// statement is planned with the scans of a row of meetings by other means
// than a bitmap turned off, so that the plan shows which conditions the
// index takes.
func TestSearch_CountryYearsFromTheIndex(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	genData(t, newService(pool), 5, 60)
	_, err := pool.Exec(ctx, "ANALYZE meetings")
	require.NoError(t, err)
	for _, f := range []domain.MeetingFilter{
		{Q: "meeting", Countries: []string{"AZ"}, Limit: 2},
		{Q: "meeting", Countries: []string{"UZ", "GE"}, Partner: "AZ", Limit: 2, Sort: domain.SortDateAsc},
	} {
		var sqls []string
		var args [][]any
		st := NewStore(pool).Traced(func(sql string, a []any) {
			sqls = append(sqls, sql)
			args = append(args, a)
		})
		st.searchPlan = planBuckets
		_, err := st.ListMeetings(ctx, withDefaults(f))
		require.NoError(t, err)
		var steps int
		for i, sql := range sqls {
			if !strings.Contains(sql, "meeting_country_years(") {
				continue
			}
			steps++
			tx, err := pool.Begin(ctx)
			require.NoError(t, err)
			_, err = tx.Exec(ctx, "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off")
			require.NoError(t, err)
			rows, err := tx.Query(ctx, "EXPLAIN (COSTS OFF) "+sql, args[i]...)
			require.NoError(t, err)
			var lines []string
			for rows.Next() {
				var line string
				require.NoError(t, rows.Scan(&line))
				lines = append(lines, line)
			}
			require.NoError(t, rows.Err())
			require.NoError(t, tx.Rollback(ctx))
			text := strings.Join(lines, "\n")
			var cond string
			for j, line := range lines {
				if strings.Contains(line, "Bitmap Index Scan on meetings_search_idx") && j+1 < len(lines) {
					cond = lines[j+1]
				}
			}
			assert.Contains(t, cond, "meeting_country_years(countries", "%+v: the keys are not read from the index\n%s\n%s", f, sql, text)
			assert.NotContains(t, cond, "(countries &&", "%+v: the countries' own entries are read\n%s", f, text)
			assert.NotContains(t, cond, "(countries @>", "%+v: the partner's own entries are read\n%s", f, text)
		}
		assert.Positive(t, steps, "%+v: no step by country and year\n%s", f, strings.Join(sqls, "\n"))
	}
}
