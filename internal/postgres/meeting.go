package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// New officials go in one statement. One whose folded name a concurrent
// write stored first is that one: the stored row comes back, found by its
// country and folded name.
const insertOfficialsSQL = `
INSERT INTO officials (id, name, aliases, name_keys, name_key, country, wikidata_id, created_at, updated_at)
SELECT u.id, u.name, u.aliases, u.name_keys, u.name_key, u.country, u.wikidata_id, u.created_at, u.created_at
FROM jsonb_to_recordset($1::jsonb) AS u (id uuid, name text, aliases text[], name_keys text[], name_key text,
    country text, wikidata_id text, created_at timestamptz)
ON CONFLICT (country, name_key) DO UPDATE SET updated_at = officials.updated_at
RETURNING id::text, name, country::text, name_key`

// CreateMeeting implements domain.MeetingStore.
func (s *Store) CreateMeeting(ctx context.Context, m *domain.Meeting, news []domain.Official, audit domain.AuditOf) error {
	return s.writeTx(ctx, m.ID, true, func(tx pgx.Tx) error {
		moved, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		domain.RepointOfficials(m, moved)
		if err := insertMeeting(ctx, tx, m); err != nil {
			return err
		}
		return insertAudit(ctx, tx, auditOf(audit, m))
	})
}

// auditOf is the audit entry audit makes of m as stored (none when nil).
func auditOf(audit domain.AuditOf, m *domain.Meeting) *domain.AuditEntry {
	if audit == nil {
		return nil
	}
	return audit(m)
}

// insertOfficials stores new officials and returns, by the id given, those
// that a concurrent write stored first: the stored official's id and name.
func insertOfficials(ctx context.Context, q querier, news []domain.Official) (map[string]domain.StoredOfficial, error) {
	if len(news) == 0 {
		return nil, nil
	}
	type row struct {
		ID         string    `json:"id"`
		Name       string    `json:"name"`
		Aliases    []string  `json:"aliases"`
		NameKeys   []string  `json:"name_keys"`
		NameKey    string    `json:"name_key"`
		Country    string    `json:"country"`
		WikidataID *string   `json:"wikidata_id"`
		CreatedAt  time.Time `json:"created_at"`
	}
	// Given twice, a country and folded name is stored once, as the first:
	// a statement may not upsert a row twice.
	given := map[[2]string][]string{}
	var rows []row
	for _, o := range news {
		key := ""
		if len(o.NameKeys) > 0 {
			key = o.NameKeys[0] // the folded name itself
		}
		k := [2]string{o.Country, key}
		if _, dup := given[k]; !dup {
			rows = append(rows, row{o.ID, o.Name, o.Aliases, o.NameKeys, key, o.Country, o.WikidataID,
				o.CreatedAt.Truncate(time.Microsecond)})
		}
		given[k] = append(given[k], o.ID)
	}
	arg, err := json.Marshal(rows)
	if err != nil {
		return nil, fmt.Errorf("insert officials: %w", err)
	}
	res, err := q.Query(ctx, insertOfficialsSQL, arg)
	if err != nil {
		return nil, fmt.Errorf("insert officials: %w", formatError(err))
	}
	moved := map[string]domain.StoredOfficial{}
	var id, name string
	var k [2]string
	_, err = pgx.ForEachRow(res, []any{&id, &name, &k[0], &k[1]}, func() error {
		for _, g := range given[k] {
			if g != id {
				moved[g] = domain.StoredOfficial{ID: id, Name: name}
			}
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("insert officials: %w", formatError(err))
	}
	return moved, nil
}

// insertMeeting stores m and its child meetings with all they hold.
func insertMeeting(ctx context.Context, q querier, m *domain.Meeting) error {
	if err := writeMeetings(ctx, q, []*domain.Meeting{m}, nil); err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	if err := writeSources(ctx, q, m); err != nil {
		return err
	}
	return refreshSearch(ctx, q, m.ID)
}

// refreshSearch recomputes the search documents of a meeting, its child
// meetings and its parent, whose documents include what their children hold.
func refreshSearch(ctx context.Context, q querier, id string) error {
	_, err := q.Exec(ctx, `UPDATE meetings SET search = meeting_search_document(id)
		WHERE id = $1 OR parent_id = $1 OR id = (SELECT parent_id FROM meetings WHERE id = $1)`, id)
	if err != nil {
		return fmt.Errorf("refresh search: %w", formatError(err))
	}
	return nil
}

// writeSources stores the sources of the meetings ms and links them.
func writeSources(ctx context.Context, q querier, ms ...*domain.Meeting) error {
	srcs, err := storeSources(ctx, q, ms)
	if err != nil {
		return err
	}
	return linkSources(ctx, q, srcs)
}

// lockMeeting locks the live meeting id and checks its version (0: any).
func lockMeeting(ctx context.Context, q querier, id string, version int) error {
	var current int
	err := q.QueryRow(ctx, `SELECT version FROM meetings WHERE id = $1 AND deleted_at IS NULL FOR UPDATE`, id).
		Scan(&current)
	if err != nil {
		if e := formatError(err); domain.ErrorCode(e) == domain.ENOTFOUND {
			return domain.Errorf(domain.ENOTFOUND, "There is no meeting %s.", id)
		}
		return formatError(err)
	}
	if version != 0 && current != version {
		return domain.Errorf(domain.EPRECONDITION, "The meeting has changed since it was read.")
	}
	return nil
}

// clearParts deletes what the meetings hold, but not the meetings.
func clearParts(ctx context.Context, q querier, ids []string) error {
	b := &pgx.Batch{}
	for _, t := range []string{"delegations", "ceremonies", "agreements", "meeting_sources"} {
		b.Queue(`DELETE FROM `+t+` WHERE meeting_id = ANY($1)`, ids)
	}
	return formatError(q.SendBatch(ctx, b).Close())
}

// ReplaceMeeting implements domain.MeetingStore.
func (s *Store) ReplaceMeeting(ctx context.Context, m *domain.Meeting, news []domain.Official, version int,
	audit domain.AuditOf) error {
	return s.writeTx(ctx, m.ID, false, func(tx pgx.Tx) error {
		if err := lockMeeting(ctx, tx, m.ID, version); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id FROM meetings WHERE parent_id = $1 AND deleted_at IS NULL`, m.ID)
		if err != nil {
			return formatError(err)
		}
		oldChildren, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return formatError(err)
		}
		moved, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		domain.RepointOfficials(m, moved)
		keep := map[string]bool{}
		for _, c := range m.ChildMeetings {
			keep[c.ID] = true
		}
		var gone []string
		for _, id := range oldChildren {
			if !keep[id] {
				gone = append(gone, id)
			}
		}
		if err := tombstone(ctx, tx, gone, m.UpdatedAt); err != nil {
			return err
		}
		if err := clearParts(ctx, tx, append([]string{m.ID}, oldChildren...)); err != nil {
			return err
		}
		stored := func(id string) bool { return id == m.ID || slices.Contains(oldChildren, id) }
		if err := writeMeetings(ctx, tx, []*domain.Meeting{m}, stored); err != nil {
			return fmt.Errorf("replace meeting: %w", err)
		}
		if err := writeSources(ctx, tx, m); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, m.ID); err != nil {
			return err
		}
		return insertAudit(ctx, tx, auditOf(audit, m))
	})
}

// tombstone marks meetings deleted and drops what they held; the row stays
// so that feeds of changes can tell clients it is gone.
func tombstone(ctx context.Context, q querier, ids []string, at time.Time) error {
	if len(ids) == 0 {
		return nil
	}
	if err := clearParts(ctx, q, ids); err != nil {
		return err
	}
	// A tombstone holds no delegations, so no countries (lists of changes
	// filtered by country leave it out, as they always have).
	_, err := q.Exec(ctx, `UPDATE meetings SET deleted_at = $2, updated_at = $2, version = version + 1,
		countries = '{}' WHERE id = ANY($1) AND deleted_at IS NULL`, ids, at)
	return formatError(err)
}

// DeleteMeeting implements domain.MeetingStore.
func (s *Store) DeleteMeeting(ctx context.Context, id string, version int, at time.Time, audit *domain.AuditEntry) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		if err := lockMeeting(ctx, tx, id, version); err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT id FROM meetings WHERE parent_id = $1 AND deleted_at IS NULL`, id)
		if err != nil {
			return formatError(err)
		}
		ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			return formatError(err)
		}
		if err := tombstone(ctx, tx, append(ids, id), at); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}

// FindMeetingID implements domain.MeetingStore.
func (s *Store) FindMeetingID(ctx context.Context, key string) (string, error) {
	var id string
	err := s.q(ctx).QueryRow(ctx, `SELECT id FROM meetings WHERE dedupe_key = $1 AND deleted_at IS NULL`, key).Scan(&id)
	return id, formatError(err)
}
