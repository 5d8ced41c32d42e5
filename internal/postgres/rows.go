package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// rowQueries read a child table flat, every column as text, for the
// meetings m that pass a filter.
var rowQueries = map[string]struct {
	columns []string
	sql     string
	order   string
}{
	domain.TableDelegationMembers: {
		columns: []string{"meeting_id", "country", "role", "is_head", "official_id", "name", "rank", "position"},
		sql: `SELECT m.id::text, d.country::text, d.role, dm.is_head::text, dm.official_id::text, o.name,
    coalesce(dm.rank, ''), coalesce(dm.position, '')
FROM meetings m
JOIN delegations d ON d.meeting_id = m.id
JOIN delegation_members dm ON dm.delegation_id = d.id
JOIN officials o ON o.id = dm.official_id`,
		order: "d.ord, dm.ord",
	},
	domain.TableAgreements: {
		columns: []string{"meeting_id", "agreement_id", "title", "type", "period", "signed_on", "parties", "signatories"},
		sql: `SELECT m.id::text, a.id::text, a.title, a.type, coalesce(a.period, ''), coalesce(a.signed_on::text, ''),
    coalesce((SELECT string_agg(p.country, ';' ORDER BY p.ord) FROM agreement_parties p WHERE p.agreement_id = a.id), ''),
    coalesce((SELECT string_agg(o.name, ';' ORDER BY s.ord) FROM agreement_signatories s
              JOIN officials o ON o.id = s.official_id WHERE s.agreement_id = a.id), '')
FROM meetings m
JOIN agreements a ON a.meeting_id = m.id`,
		order: "a.ord",
	},
	domain.TableCeremonies: {
		columns: []string{"meeting_id", "type", "site", "honoured", "award", "recipient_official_id",
			"recipient_name", "recipient_rank", "recipient_position", "description"},
		sql: `SELECT m.id::text, c.type, coalesce(c.site, ''), coalesce(c.honoured, ''), coalesce(c.award, ''),
    coalesce(c.recipient_official_id::text, ''), coalesce(o.name, ''), coalesce(c.recipient_rank, ''),
    coalesce(c.recipient_position, ''), coalesce(c.description, '')
FROM meetings m
JOIN ceremonies c ON c.meeting_id = m.id
LEFT JOIN officials o ON o.id = c.recipient_official_id`,
		order: "c.ord",
	},
}

// EachRow implements domain.RowStore. Like an export of meetings it reads
// in batches, of exportBatch meetings and their rows, on the bulk pool, and
// calls fn with no connection held.
func (s *Store) EachRow(ctx context.Context, f domain.MeetingFilter, table string, fn func([]string) error) error {
	q, ok := rowQueries[table]
	if !ok {
		return domain.Errorf(domain.EINVALID, "There is no table %q.", table)
	}
	if err := fn(q.columns); err != nil {
		return err
	}
	sp := sorts[f.Sort]
	rowsSQL := q.sql + "\nWHERE m.id = ANY($1::uuid[])\n" + orderBy(f) + ", " + q.order
	f.After = nil
	var rows [][]string
	for {
		var args sqlArgs
		where := append(meetingWhere(f, &args), keyset(f, &args)...)
		idsSQL := fmt.Sprintf("SELECT m.id, %s FROM meetings m\nWHERE %s\n%s\nLIMIT %s", sp.key,
			strings.Join(where, " AND "), orderBy(f), args.add(exportBatch))
		var ids []string
		var lastKey string
		err := s.bulkRead(ctx, func(tx pgx.Tx) error {
			r, err := tx.Query(ctx, idsSQL, args...)
			if err != nil {
				return err
			}
			var id, key string
			if _, err := pgx.ForEachRow(r, []any{&id, &key}, func() error {
				ids, lastKey = append(ids, id), key
				return nil
			}); err != nil {
				return err
			}
			rows, err = readRows(ctx, tx, rowsSQL, ids, len(q.columns), rows[:0])
			return err
		})
		if err != nil {
			return fmt.Errorf("export %s: %w", table, err)
		}
		for _, row := range rows {
			if err := fn(row); err != nil {
				return err
			}
		}
		if len(ids) < exportBatch {
			return nil
		}
		f.After = &domain.Cursor{Key: lastKey, ID: ids[len(ids)-1]}
	}
}

// bulkRead runs fn in a read-only transaction on the bulk pool, so that a
// batch's statements see one state of the database.
func (s *Store) bulkRead(ctx context.Context, fn func(pgx.Tx) error) error {
	return formatError(pgx.BeginTxFunc(ctx, s.bulk, pgx.TxOptions{AccessMode: pgx.ReadOnly,
		IsoLevel: pgx.RepeatableRead}, fn))
}

// readRows appends the rows of a child table's query to out.
func readRows(ctx context.Context, q querier, sql string, ids []string, ncols int, out [][]string) ([][]string, error) {
	rows, err := q.Query(ctx, sql, ids)
	if err != nil {
		return out, err
	}
	defer rows.Close()
	for rows.Next() {
		row := make([]string, ncols)
		ptrs := make([]any, ncols)
		for i := range row {
			ptrs[i] = &row[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return out, err
		}
		out = append(out, row)
	}
	return out, rows.Err()
}
