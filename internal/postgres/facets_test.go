package postgres

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/pgtest"
)

// An UPDATE that changes no faceted column of its rows (a search document,
// a list item) runs no facets trigger, whatever the number of rows; one
// that does moves the facets of the rows it changed, and only theirs.
func TestFacets_UpdateSkipsUnchangedRows(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	genData(t, newService(pool), 21, 30)
	calls := func(stmt string) int {
		tx, err := pool.Begin(ctx)
		require.NoError(t, err)
		defer func() { _ = tx.Rollback(ctx) }()
		var plan []byte
		require.NoError(t, tx.QueryRow(ctx, "EXPLAIN (ANALYZE, FORMAT JSON) "+stmt).Scan(&plan))
		var out []struct {
			Triggers []struct {
				Name  string `json:"Trigger Name"`
				Calls int    `json:"Calls"`
			}
		}
		require.NoError(t, json.Unmarshal(plan, &out))
		n := 0
		for _, tr := range out[0].Triggers {
			if strings.HasPrefix(tr.Name, "meetings_facets") {
				n += tr.Calls
			}
		}
		return n
	}
	assert.Zero(t, calls(`UPDATE meetings SET search = search`), "no faceted column changed")
	assert.Zero(t, calls(`UPDATE meetings SET list_item = list_item, updated_at = updated_at`), "no faceted column changed")
	var changed int
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM meetings WHERE parent_id IS NULL
		AND kind <> 'other'`).Scan(&changed))
	require.Positive(t, changed)
	assert.Equal(t, changed, calls(`UPDATE meetings SET kind = 'other' WHERE parent_id IS NULL`),
		"each row whose kind changed, once")

	// The facets follow every change of a faceted column.
	for _, stmt := range []string{
		`UPDATE meetings SET kind = 'other' WHERE id IN (SELECT id FROM meetings WHERE parent_id IS NULL ORDER BY id LIMIT 5)`,
		`UPDATE meetings SET topics = '{demining}' WHERE id IN (SELECT id FROM meetings WHERE parent_id IS NULL ORDER BY id DESC LIMIT 5)`,
		`UPDATE meetings SET date_year = 1999, date_month = NULL, date_day = NULL WHERE id IN (SELECT id FROM meetings WHERE parent_id IS NULL AND date_year IS NOT NULL ORDER BY id LIMIT 3)`,
		`UPDATE meetings SET countries = '{AZ,TR}' WHERE id IN (SELECT id FROM meetings WHERE parent_id IS NULL ORDER BY title LIMIT 4)`,
		`UPDATE meetings SET deleted_at = now() WHERE id IN (SELECT id FROM meetings WHERE parent_id IS NULL ORDER BY title DESC LIMIT 3)`,
		`UPDATE meetings SET deleted_at = NULL WHERE deleted_at IS NOT NULL AND parent_id IS NULL AND id IN (SELECT id FROM meetings ORDER BY title DESC LIMIT 2)`,
	} {
		_, err := pool.Exec(ctx, stmt)
		require.NoError(t, err, stmt)
		var missing, extra int
		require.NoError(t, pool.QueryRow(ctx, `
			WITH want AS (SELECT f AS facet, m.sort_date, m.id AS meeting_id FROM meetings m,
			    meeting_facets_of(m.countries, m.topics, m.kind) f WHERE m.deleted_at IS NULL AND m.parent_id IS NULL)
			SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT ALL SELECT * FROM meeting_facets) x),
			       (SELECT count(*) FROM (SELECT * FROM meeting_facets EXCEPT ALL SELECT * FROM want) y)`).Scan(&missing, &extra))
		assert.Zero(t, missing, "facets missing after %s", stmt)
		assert.Zero(t, extra, "facets left after %s", stmt)
	}
}
