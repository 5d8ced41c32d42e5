package postgres

import (
	"context"
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

// StoreOfficials implements domain.ImportTx: new officials are upserted,
// and one a concurrent write stored first is returned.
func (t *importTx) StoreOfficials(ctx context.Context, news []domain.Official) (map[string]domain.StoredOfficial, error) {
	return insertOfficials(ctx, t.tx, news)
}

// WriteMeetings implements domain.ImportTx. Sources, which may be stored
// already, are upserted in one statement; the meetings go in with their
// search documents (searchdoc.go) and their rows with COPY, delegation ids
// taken from their sequence first so that members can name them. The
// statements are as many for a chunk of 500 meetings as for one.
func (t *importTx) WriteMeetings(ctx context.Context, ms []*domain.Meeting, audits []*domain.AuditEntry) error {
	return t.write(ctx, ms, audits)
}

func (t *importTx) write(ctx context.Context, ms []*domain.Meeting, audits []*domain.AuditEntry) error {
	// Sources first: the meetings' search documents hold what is stored of
	// them; the links follow the meetings.
	srcs, err := storeSources(ctx, t.tx, ms)
	if err != nil {
		return err
	}
	texts, err := readDocTexts(ctx, t.tx, ms, srcs)
	if err != nil {
		return err
	}
	if err := writeMeetingsWith(ctx, t.tx, ms, nil, searchTexts(ms, srcs, texts)); err != nil {
		return err
	}
	if err := linkSources(ctx, t.tx, srcs); err != nil {
		return err
	}
	if err := insertAudit(ctx, t.tx, audits...); err != nil {
		return err
	}
	for _, m := range ms {
		t.written += 1 + len(m.ChildMeetings)
	}
	return t.analyzeIfGrown(ctx)
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
