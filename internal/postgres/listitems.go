package postgres

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/jackc/pgx/v5"
)

// renderBatch is how many meetings RenderListItems renders in a statement.
const renderBatch = 1000

// RenderListItems fills the list columns (countries, list_item; migration
// 000010) of meetings written before the store wrote them, from the tables,
// as the store renders them at each write. It returns how many meetings it
// rendered; with every row rendered it costs one index probe. MigrateUp
// runs it after the SQL migrations.
func RenderListItems(ctx context.Context, conn *pgx.Conn) (int, error) {
	// One process renders at a time; another waits, then finds nothing left.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock(hashtext('milmeet.render_list_items'))`); err != nil {
		return 0, fmt.Errorf("render list items: %w", formatError(err))
	}
	defer func() {
		_, _ = conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock(hashtext('milmeet.render_list_items'))`)
	}()
	n := 0
	for {
		rows, err := conn.Query(ctx, `SELECT id FROM meetings WHERE list_item IS NULL LIMIT $1`, renderBatch)
		if err != nil {
			return n, fmt.Errorf("render list items: %w", formatError(err))
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return n, fmt.Errorf("render list items: %w", formatError(err))
		}
		if len(ids) == 0 {
			return n, nil
		}
		items, err := legacyItems(ctx, conn, ids)
		if err != nil {
			return n, err
		}
		var set []string
		var countries, encoded []string
		for _, id := range ids {
			m, ok := items[id]
			if !ok {
				continue // deleted meanwhile
			}
			set = append(set, id)
			countries = append(countries, strings.Join(m.Countries, ","))
			encoded = append(encoded, string(m.Encoded))
		}
		_, err = conn.Exec(ctx, `UPDATE meetings m
			SET countries = coalesce(string_to_array(nullif(v.countries, ''), ','), '{}')::char(2)[], list_item = v.item::json
			FROM unnest($1::uuid[], $2::text[], $3::text[]) v(id, countries, item)
			WHERE m.id = v.id AND m.list_item IS NULL`, set, countries, encoded)
		if err != nil {
			return n, fmt.Errorf("render list items: %w", formatError(err))
		}
		n += len(ids)
	}
}

// StaleListItems returns those of the meetings ids whose stored list
// columns differ from what the store would render from the tables now (a
// tombstone's item is never read, and is not compared).
func StaleListItems(ctx context.Context, conn *pgx.Conn, ids []string) ([]string, error) {
	want, err := legacyItems(ctx, conn, ids)
	if err != nil {
		return nil, err
	}
	rows, err := conn.Query(ctx, `SELECT id::text, countries::text[], list_item::text, deleted_at IS NOT NULL
		FROM meetings WHERE id = ANY($1)`, ids)
	if err != nil {
		return nil, formatError(err)
	}
	defer rows.Close()
	var stale []string
	for rows.Next() {
		var id string
		var countries []string
		var item *string
		var deleted bool
		if err := rows.Scan(&id, &countries, &item, &deleted); err != nil {
			return nil, formatError(err)
		}
		w := want[id]
		if deleted {
			if len(countries) != 0 {
				stale = append(stale, id)
			}
			continue
		}
		if item == nil || *item != string(w.Encoded) || !slices.Equal(countries, w.Countries) {
			stale = append(stale, id)
		}
	}
	return stale, formatError(rows.Err())
}
