package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

const officialColumns = `o.id, o.name, o.aliases, o.country, o.wikidata_id, o.name_keys, o.created_at, o.updated_at`

// The ranks and positions an official held, meeting by meeting.
const selectRolesSQL = `
SELECT m.id, m.date_year, m.date_month, m.date_day, dm.rank, dm.position
FROM delegation_members dm
JOIN delegations d ON d.id = dm.delegation_id
JOIN meetings m ON m.id = d.meeting_id AND m.deleted_at IS NULL
WHERE dm.official_id = $1
ORDER BY m.sort_date, m.id`

func scanOfficial(row pgx.CollectableRow) (domain.Official, error) {
	var o domain.Official
	err := row.Scan(&o.ID, &o.Name, &o.Aliases, &o.Country, &o.WikidataID, &o.NameKeys, &o.CreatedAt, &o.UpdatedAt)
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return o, err
}

// FindOfficials implements domain.OfficialStore.
func (s *Store) FindOfficials(ctx context.Context, country, key string) ([]domain.Official, error) {
	rows, err := s.q(ctx).Query(ctx, `SELECT `+officialColumns+` FROM officials o
		WHERE o.country = $1 AND o.name_keys @> ARRAY[$2]::text[] ORDER BY o.id`, country, key)
	if err != nil {
		return nil, fmt.Errorf("find officials: %w", formatError(err))
	}
	os, err := pgx.CollectRows(rows, scanOfficial)
	return os, formatError(err)
}

// findOfficialsByKeysSQL looks each (country, key) pair up on its own in
// the name keys' index: the subquery is kept apart (OFFSET 0) so that it
// runs once a pair as an index lookup. One scan of the index for all the
// keys (name_keys && $keys) costs the product of the keys and the
// officials they match, and grows with the officials stored.
const findOfficialsByKeysSQL = `
SELECT k.country, k.key, ` + officialColumns + `
FROM unnest($1::text[], $2::text[]) AS k (country, key)
CROSS JOIN LATERAL (SELECT * FROM officials o
    WHERE o.name_keys @> ARRAY[k.key] AND o.country = k.country OFFSET 0) o
ORDER BY k.country, k.key, o.id`

// FindOfficialsByKeys implements domain.OfficialStore, in one statement
// that looks each pair up in the name keys' index.
func (s *Store) FindOfficialsByKeys(ctx context.Context, keys []domain.OfficialKey) (map[domain.OfficialKey][]domain.Official, error) {
	out := make(map[domain.OfficialKey][]domain.Official, len(keys))
	if len(keys) == 0 {
		return out, nil
	}
	var countries, names []string
	for _, k := range keys {
		if _, dup := out[k]; dup {
			continue
		}
		out[k] = nil
		countries = append(countries, k.Country)
		names = append(names, k.Key)
	}
	rows, err := s.q(ctx).Query(ctx, findOfficialsByKeysSQL, countries, names)
	if err != nil {
		return nil, fmt.Errorf("find officials: %w", formatError(err))
	}
	var k domain.OfficialKey
	var o domain.Official
	_, err = pgx.ForEachRow(rows, []any{&k.Country, &k.Key, &o.ID, &o.Name, &o.Aliases, &o.Country, &o.WikidataID,
		&o.NameKeys, &o.CreatedAt, &o.UpdatedAt}, func() error {
		o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
		out[k] = append(out[k], o)
		o = domain.Official{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("find officials: %w", formatError(err))
	}
	return out, nil
}

// GetOfficial implements domain.OfficialStore.
func (s *Store) GetOfficial(ctx context.Context, id string) (*domain.Official, error) {
	rows, err := s.q(ctx).Query(ctx, `SELECT `+officialColumns+` FROM officials o WHERE o.id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("get official: %w", formatError(err))
	}
	o, err := pgx.CollectExactlyOneRow(rows, scanOfficial)
	if err != nil {
		if domain.ErrorCode(formatError(err)) == domain.ENOTFOUND {
			return nil, domain.Errorf(domain.ENOTFOUND, "There is no official %s.", id)
		}
		return nil, fmt.Errorf("get official: %w", formatError(err))
	}
	rows, err = s.q(ctx).Query(ctx, selectRolesSQL, id)
	if err != nil {
		return nil, fmt.Errorf("get official roles: %w", formatError(err))
	}
	o.Roles, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.OfficialRole, error) {
		var r domain.OfficialRole
		var y, m, d *int16
		err := row.Scan(&r.MeetingID, &y, &m, &d, &r.Rank, &r.Position)
		r.Date = partial(y, m, d)
		return r, err
	})
	if err != nil {
		return nil, fmt.Errorf("get official roles: %w", formatError(err))
	}
	if o.Roles == nil {
		o.Roles = []domain.OfficialRole{}
	}
	return &o, nil
}

// ListOfficials implements domain.OfficialStore.
func (s *Store) ListOfficials(ctx context.Context, f domain.OfficialFilter) ([]domain.Official, error) {
	var where []string
	var args []any
	arg := func(v any) string {
		args = append(args, v)
		return fmt.Sprintf("$%d", len(args))
	}
	where = append(where, "true")
	if f.Country != "" {
		where = append(where, "o.country = "+arg(f.Country))
	}
	if f.Q != "" {
		where = append(where, "array_to_string(o.name_keys, '|') LIKE "+arg("%"+likeEscape(f.Q)+"%"))
	}
	if f.After != "" {
		where = append(where, "o.id > "+arg(f.After)+"::uuid")
	}
	sql := `SELECT ` + officialColumns + ` FROM officials o WHERE ` + strings.Join(where, " AND ") +
		` ORDER BY o.id LIMIT ` + arg(f.Limit)
	rows, err := s.pool.Query(ctx, sql, args...)
	if err != nil {
		return nil, fmt.Errorf("list officials: %w", formatError(err))
	}
	os, err := pgx.CollectRows(rows, scanOfficial)
	return os, formatError(err)
}

// likeEscape makes s match itself in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}
