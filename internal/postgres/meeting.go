package postgres

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// A new official whose folded name a concurrent write stored first is that
// one: the stored id comes back.
const insertOfficialSQL = `
INSERT INTO officials (id, name, aliases, name_keys, name_key, country, wikidata_id, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
ON CONFLICT (country, name_key) DO UPDATE SET updated_at = officials.updated_at
RETURNING id, name`

// A report is stored once: the same URL (or, without one, the same outlet,
// title and date) links the stored source and fills what it lacked.
const upsertSourceByURLSQL = `
INSERT INTO sources (id, url, outlet, title, published_at, language) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (url) DO UPDATE SET
    outlet = coalesce(sources.outlet, EXCLUDED.outlet),
    title = coalesce(sources.title, EXCLUDED.title),
    published_at = coalesce(sources.published_at, EXCLUDED.published_at),
    language = coalesce(sources.language, EXCLUDED.language)
RETURNING id`

const upsertSourceNoURLSQL = `
INSERT INTO sources (id, url, outlet, title, published_at, language) VALUES ($1, NULL, $2, $3, $4, $5)
ON CONFLICT (coalesce(outlet, ''), coalesce(title, ''), coalesce(published_at, '-infinity'::date))
    WHERE url IS NULL
DO UPDATE SET language = coalesce(sources.language, EXCLUDED.language)
RETURNING id`

const insertSourceTitleSQL = `
INSERT INTO source_titles (source_id, language, title) VALUES ($1, $2, $3)
ON CONFLICT (source_id, language) DO NOTHING`

const insertMeetingSourceSQL = `
INSERT INTO meeting_sources (meeting_id, source_id, ord) VALUES ($1, $2, $3)
ON CONFLICT (meeting_id, source_id) DO NOTHING`

// CreateMeeting implements domain.MeetingStore.
func (s *Store) CreateMeeting(ctx context.Context, m *domain.Meeting, news []domain.Official, audit *domain.AuditEntry) error {
	return s.writeTx(ctx, m.ID, true, func(tx pgx.Tx) error {
		remap, names, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		remapOfficials(m, remap, names)
		if err := insertMeeting(ctx, tx, m); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}

// insertOfficials stores new officials and returns, for any that a
// concurrent write stored first, the stored id by the id given, and the
// stored official's name by its id.
func insertOfficials(ctx context.Context, q querier, news []domain.Official) (map[string]string, map[string]string, error) {
	if len(news) == 0 {
		return nil, nil, nil
	}
	remap, names := map[string]string{}, map[string]string{}
	b := &pgx.Batch{}
	for _, o := range news {
		given := o.ID
		key := ""
		if len(o.NameKeys) > 0 {
			key = o.NameKeys[0] // the folded name itself
		}
		b.Queue(insertOfficialSQL, o.ID, o.Name, o.Aliases, o.NameKeys, key, o.Country, o.WikidataID,
			o.CreatedAt).QueryRow(func(row pgx.Row) error {
			var id, name string
			if err := row.Scan(&id, &name); err != nil {
				return err
			}
			if id != given {
				remap[given], names[id] = id, name
			}
			return nil
		})
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, nil, fmt.Errorf("insert officials: %w", formatError(err))
	}
	return remap, names, nil
}

// remapOfficials points m's references to officials at the stored ids,
// with the stored names (which lists show).
func remapOfficials(m *domain.Meeting, remap, names map[string]string) {
	if len(remap) == 0 {
		return
	}
	fix := func(id, name *string) {
		if to, ok := remap[*id]; ok {
			*id = to
			if n, ok := names[to]; ok {
				*name = n
			}
		}
	}
	for i := range m.Delegations {
		d := &m.Delegations[i]
		if d.Head != nil {
			fix(&d.Head.OfficialID, &d.Head.Name)
		}
		for j := range d.Members {
			fix(&d.Members[j].OfficialID, &d.Members[j].Name)
		}
	}
	for i := range m.Ceremonies {
		if r := m.Ceremonies[i].Recipient; r != nil {
			fix(&r.OfficialID, &r.Name)
		}
	}
	for i := range m.Agreements {
		for j := range m.Agreements[i].Signatories {
			sg := &m.Agreements[i].Signatories[j]
			fix(&sg.OfficialID, &sg.Name)
		}
	}
	for i := range m.ChildMeetings {
		remapOfficials(&m.ChildMeetings[i], remap, names)
	}
}

// insertMeeting stores m and its child meetings with all they hold.
func insertMeeting(ctx context.Context, q querier, m *domain.Meeting) error {
	if err := writeMeetings(ctx, q, []*domain.Meeting{m}, nil); err != nil {
		return fmt.Errorf("insert meeting: %w", err)
	}
	if err := linkSources(ctx, q, m); err != nil {
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

// linkSources stores m's sources, or finds them stored, and links them to m
// after the sources it has already.
func linkSources(ctx context.Context, q querier, m *domain.Meeting) error {
	if len(m.Sources) == 0 {
		return nil
	}
	var next int
	if err := q.QueryRow(ctx, `SELECT coalesce(max(ord) + 1, 0) FROM meeting_sources WHERE meeting_id = $1`,
		m.ID).Scan(&next); err != nil {
		return fmt.Errorf("link sources: %w", formatError(err))
	}
	b := &pgx.Batch{}
	for i, src := range m.Sources {
		var id string
		var err error
		if src.URL != nil {
			err = q.QueryRow(ctx, upsertSourceByURLSQL, domain.NewID(), src.URL, src.Outlet, src.Title,
				dateArg(src.PublishedAt), src.Language).Scan(&id)
		} else {
			err = q.QueryRow(ctx, upsertSourceNoURLSQL, domain.NewID(), src.Outlet, src.Title,
				dateArg(src.PublishedAt), src.Language).Scan(&id)
		}
		if err != nil {
			return fmt.Errorf("store source: %w", formatError(err))
		}
		for _, t := range src.AlternateTitles {
			b.Queue(insertSourceTitleSQL, id, t.Language, t.Title)
		}
		b.Queue(insertMeetingSourceSQL, m.ID, id, next+i)
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("link sources: %w", formatError(err))
	}
	return nil
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
	audit *domain.AuditEntry) error {
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
		remap, names, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		remapOfficials(m, remap, names)
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
		if err := linkSources(ctx, tx, m); err != nil {
			return err
		}
		if err := refreshSearch(ctx, tx, m.ID); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
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
