package postgres

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// importTx writes meetings in bulk with COPY.
type importTx struct {
	tx      pgx.Tx
	written int // meetings written since the statistics were last taken
}

// BeginImport implements domain.ImportStore, on the bulk pool.
func (s *Store) BeginImport(ctx context.Context) (domain.ImportTx, error) {
	tx, err := s.bulk.Begin(ctx)
	if err != nil {
		return nil, fmt.Errorf("begin import: %w", formatError(err))
	}
	return &importTx{tx: tx}, nil
}

func (t *importTx) Commit(ctx context.Context) error { return commitError(t.tx.Commit(ctx)) }

func (t *importTx) Rollback(ctx context.Context) error { return formatError(t.tx.Rollback(ctx)) }

// FindMeetingIDs implements domain.ImportTx.
func (t *importTx) FindMeetingIDs(ctx context.Context, keys []string) (map[string]string, error) {
	rows, err := t.tx.Query(ctx, `SELECT dedupe_key, id FROM meetings WHERE dedupe_key = ANY($1) AND deleted_at IS NULL`, keys)
	if err != nil {
		return nil, fmt.Errorf("find meetings: %w", formatError(err))
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var k, id string
		if err := rows.Scan(&k, &id); err != nil {
			return nil, formatError(err)
		}
		out[k] = id
	}
	return out, formatError(rows.Err())
}

// copyRows gathers the rows of one table for COPY.
type copyRows struct {
	table   string
	columns []string
	rows    [][]any
}

func (c *copyRows) add(vals ...any) { c.rows = append(c.rows, vals) }

// WriteMeetings implements domain.ImportTx. New officials are upserted (one
// stored meanwhile by a concurrent write is used instead); the rows go in
// with COPY, delegation ids taken from their sequence first so that members
// can name them; sources, which may be stored already, are upserted one
// statement each.
func (t *importTx) WriteMeetings(ctx context.Context, ms []*domain.Meeting, news []domain.Official,
	audits []*domain.AuditEntry) (map[string]string, error) {
	remap, err := insertOfficials(ctx, t.tx, news)
	if err != nil {
		return nil, err
	}
	for _, m := range ms {
		remapOfficials(m, remap)
	}
	return remap, t.write(ctx, ms, audits)
}

func (t *importTx) write(ctx context.Context, ms []*domain.Meeting, audits []*domain.AuditEntry) error {
	var all []*domain.Meeting
	ndeleg := 0
	for _, m := range ms {
		all = append(all, m)
		ndeleg += len(m.Delegations)
		for i := range m.ChildMeetings {
			all = append(all, &m.ChildMeetings[i])
			ndeleg += len(m.ChildMeetings[i].Delegations)
		}
	}
	rows, err := t.tx.Query(ctx, `SELECT nextval(pg_get_serial_sequence('delegations', 'id')) FROM generate_series(1, $1)`, ndeleg)
	if err != nil {
		return fmt.Errorf("reserve delegation ids: %w", formatError(err))
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return fmt.Errorf("reserve delegation ids: %w", formatError(err))
	}

	meetings := &copyRows{table: "meetings", columns: []string{"id", "title", "date_year", "date_month", "date_day",
		"end_date", "city", "venue", "host_country", "kind", "summary", "topics", "series_name", "series_edition",
		"parent_id", "dedupe_key", "created_at", "updated_at"}}
	delegations := &copyRows{table: "delegations", columns: []string{"id", "meeting_id", "ord", "country", "role"}}
	members := &copyRows{table: "delegation_members", columns: []string{"delegation_id", "official_id", "ord",
		"is_head", "rank", "position"}}
	ceremonies := &copyRows{table: "ceremonies", columns: []string{"meeting_id", "ord", "type", "site", "honoured",
		"description", "award", "recipient_official_id", "recipient_rank", "recipient_position"}}
	agreements := &copyRows{table: "agreements", columns: []string{"id", "meeting_id", "ord", "title", "type",
		"period", "signed_on"}}
	parties := &copyRows{table: "agreement_parties", columns: []string{"agreement_id", "country", "ord"}}
	signatories := &copyRows{table: "agreement_signatories", columns: []string{"agreement_id", "official_id", "ord"}}
	audit := &copyRows{table: "audit_log", columns: []string{"at", "actor", "action", "meeting_id", "before",
		"after", "changes"}}

	next := 0
	meetingIDs := make([]string, 0, len(all))
	for _, m := range all {
		meetingIDs = append(meetingIDs, m.ID)
		args := meetingArgs(m)
		args[9] = string(m.Kind)
		args[11] = topicStrings(m.Topics)
		meetings.add(append(args, m.CreatedAt, m.UpdatedAt)...)
		for i, d := range m.Delegations {
			did := ids[next]
			next++
			delegations.add(did, m.ID, i, d.Country, string(d.Role))
			ord := 0
			if d.Head != nil {
				members.add(did, d.Head.OfficialID, ord, true, d.Head.Rank, d.Head.Position)
				ord++
			}
			for _, p := range d.Members {
				members.add(did, p.OfficialID, ord, false, p.Rank, p.Position)
				ord++
			}
		}
		for i, c := range m.Ceremonies {
			var rid, rrank, rpos any
			if c.Recipient != nil {
				rid, rrank, rpos = c.Recipient.OfficialID, c.Recipient.Rank, c.Recipient.Position
			}
			ceremonies.add(m.ID, i, string(c.Type), c.Site, c.Honoured, c.Description, c.Award, rid, rrank, rpos)
		}
		for i, a := range m.Agreements {
			agreements.add(a.ID, m.ID, i, a.Title, string(a.Type), a.Period, dateArg(a.SignedOn))
			for j, c := range a.Parties {
				parties.add(a.ID, c, j)
			}
			for j, sg := range a.Signatories {
				signatories.add(a.ID, sg.OfficialID, j)
			}
		}
	}
	for _, e := range audits {
		changes, err := json.Marshal(e.Changes)
		if err != nil {
			return err
		}
		audit.add(e.At, e.Actor, string(e.Action), e.MeetingID, rawOrNil(e.Before), rawOrNil(e.After), changes)
	}
	for _, c := range []*copyRows{meetings, delegations, members, ceremonies, agreements, parties,
		signatories, audit} {
		if len(c.rows) == 0 {
			continue
		}
		if _, err := t.tx.CopyFrom(ctx, pgx.Identifier{c.table}, c.columns, pgx.CopyFromRows(c.rows)); err != nil {
			return fmt.Errorf("copy %s: %w", c.table, formatError(err))
		}
	}
	for _, m := range ms {
		if err := linkSources(ctx, t.tx, m); err != nil {
			return err
		}
	}
	t.written += len(meetingIDs)
	if err := t.analyzeIfGrown(ctx); err != nil {
		return err
	}
	if _, err := t.tx.Exec(ctx, `UPDATE meetings SET search = meeting_search_document(id) WHERE id = ANY($1)`,
		meetingIDs); err != nil {
		return fmt.Errorf("refresh search: %w", formatError(err))
	}
	return nil
}

func topicStrings(ts []domain.Topic) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = string(t)
	}
	return out
}

// analyzeIfGrown refreshes the planner's statistics when the meetings
// table has more than doubled since they were taken: an import into an
// empty or small database outgrows them at once, and the search documents'
// lookups then plan as sequential scans. Taken at each doubling, the cost
// stays a small share of the import.
func (t *importTx) analyzeIfGrown(ctx context.Context) error {
	// The row count of the statistics views lags the rows this transaction
	// wrote, which are added.
	var reltuples, live float64
	err := t.tx.QueryRow(ctx, `SELECT c.reltuples, coalesce(s.n_live_tup, 0)
		FROM pg_class c LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
		WHERE c.oid = 'meetings'::regclass`).Scan(&reltuples, &live)
	if err != nil {
		return fmt.Errorf("statistics: %w", formatError(err))
	}
	if live+float64(t.written) <= 2*max(reltuples, 0)+1000 {
		return nil
	}
	t.written = 0
	_, err = t.tx.Exec(ctx, `ANALYZE meetings, delegations, delegation_members, ceremonies, agreements,
		meeting_sources, sources, officials`)
	if err != nil {
		return fmt.Errorf("statistics: %w", formatError(err))
	}
	return nil
}
