package domain

import (
	"context"
	"slices"
)

// Tables of rows a meeting holds, exported flat for researchers to join on
// meeting_id.
const (
	TableDelegationMembers = "delegation_members"
	TableAgreements        = "agreements"
	TableCeremonies        = "ceremonies"
)

// RowTables lists the child tables an export can hold.
var RowTables = []string{TableDelegationMembers, TableAgreements, TableCeremonies}

// RowStore reads the rows meetings hold, flat.
type RowStore interface {
	// EachRow calls fn with the column names, then with each row of table for
	// the meetings that pass the filter, in the filter's order.
	EachRow(ctx context.Context, f MeetingFilter, table string, fn func(row []string) error) error
}

// ExportRows calls fn with the header and rows of a child table of the
// meetings that pass the filter. Returns EINVALID for an unknown table.
func (s *Service) ExportRows(ctx context.Context, f MeetingFilter, table string, fn func([]string) error) error {
	f.NoLimit, f.After = true, nil
	if !slices.Contains(RowTables, table) {
		var p Problems
		p.AddField("Table", "must be one of delegation_members, agreements, ceremonies")
		return p.Err(errFilter)
	}
	if err := s.CheckFilter(ctx, &f); err != nil {
		return err
	}
	return s.rows.EachRow(ctx, f, table, fn)
}
