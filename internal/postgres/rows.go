package postgres

import (
	"context"
	"fmt"
	"strings"

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

// EachRow implements domain.RowStore.
func (s *Store) EachRow(ctx context.Context, f domain.MeetingFilter, table string, fn func([]string) error) error {
	q, ok := rowQueries[table]
	if !ok {
		return domain.Errorf(domain.EINVALID, "There is no table %q.", table)
	}
	if err := fn(q.columns); err != nil {
		return err
	}
	var args sqlArgs
	where := meetingWhere(f, &args)
	sql := q.sql + "\nWHERE " + strings.Join(where, " AND ") + "\n" + orderBy(f) + ", " + q.order
	return s.streaming(ctx, func(tx querier) error { return eachRow(ctx, tx, table, sql, args, len(q.columns), fn) })
}

func eachRow(ctx context.Context, q querier, table, sql string, args []any, ncols int, fn func([]string) error) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("export %s: %w", table, formatError(err))
	}
	defer rows.Close()
	row := make([]string, ncols)
	ptrs := make([]any, len(row))
	for i := range row {
		ptrs[i] = &row[i]
	}
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return fmt.Errorf("export %s: %w", table, formatError(err))
		}
		if err := fn(row); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("export %s: %w", table, formatError(err))
	}
	return nil
}
