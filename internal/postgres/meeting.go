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
RETURNING id`

const insertMeetingSQL = `
INSERT INTO meetings (id, title, date_year, date_month, date_day, end_date, city, venue, host_country,
    kind, summary, topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1, $17, $18)`

const updateMeetingSQL = `
UPDATE meetings SET title = $2, date_year = $3, date_month = $4, date_day = $5, end_date = $6, city = $7,
    venue = $8, host_country = $9, kind = $10, summary = $11, topics = $12, series_name = $13,
    series_edition = $14, parent_id = $15, dedupe_key = $16, version = version + 1, updated_at = $17
WHERE id = $1`

const insertDelegationSQL = `
INSERT INTO delegations (meeting_id, ord, country, role) VALUES ($1, $2, $3, $4)`

// Members find their delegation by meeting and country, so that a whole
// meeting goes to the server in one batch.
const insertMemberSQL = `
INSERT INTO delegation_members (delegation_id, official_id, ord, is_head, rank, position)
SELECT d.id, $3, $4, $5, $6, $7 FROM delegations d WHERE d.meeting_id = $1 AND d.country = $2`

const insertCeremonySQL = `
INSERT INTO ceremonies (meeting_id, ord, type, site, honoured, description, award,
    recipient_official_id, recipient_rank, recipient_position)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`

const insertAgreementSQL = `
INSERT INTO agreements (id, meeting_id, ord, title, type, period, signed_on)
VALUES ($1, $2, $3, $4, $5, $6, $7)`

const insertPartySQL = `INSERT INTO agreement_parties (agreement_id, country, ord) VALUES ($1, $2, $3)`

const insertSignatorySQL = `INSERT INTO agreement_signatories (agreement_id, official_id, ord) VALUES ($1, $2, $3)`

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
	return s.inTx(ctx, func(tx pgx.Tx) error {
		remap, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		remapOfficials(m, remap)
		if err := insertMeeting(ctx, tx, m); err != nil {
			return err
		}
		return insertAudit(ctx, tx, audit)
	})
}

// insertOfficials stores new officials and returns, for any that a
// concurrent write stored first, the stored id by the id given.
func insertOfficials(ctx context.Context, q querier, news []domain.Official) (map[string]string, error) {
	if len(news) == 0 {
		return nil, nil
	}
	remap := map[string]string{}
	b := &pgx.Batch{}
	for _, o := range news {
		given := o.ID
		key := ""
		if len(o.NameKeys) > 0 {
			key = o.NameKeys[0] // the folded name itself
		}
		b.Queue(insertOfficialSQL, o.ID, o.Name, o.Aliases, o.NameKeys, key, o.Country, o.WikidataID,
			o.CreatedAt).QueryRow(func(row pgx.Row) error {
			var id string
			if err := row.Scan(&id); err != nil {
				return err
			}
			if id != given {
				remap[given] = id
			}
			return nil
		})
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("insert officials: %w", formatError(err))
	}
	return remap, nil
}

// remapOfficials points m's references to officials at the stored ids.
func remapOfficials(m *domain.Meeting, remap map[string]string) {
	if len(remap) == 0 {
		return
	}
	fix := func(id *string) {
		if to, ok := remap[*id]; ok {
			*id = to
		}
	}
	for i := range m.Delegations {
		d := &m.Delegations[i]
		if d.Head != nil {
			fix(&d.Head.OfficialID)
		}
		for j := range d.Members {
			fix(&d.Members[j].OfficialID)
		}
	}
	for i := range m.Ceremonies {
		if r := m.Ceremonies[i].Recipient; r != nil {
			fix(&r.OfficialID)
		}
	}
	for i := range m.Agreements {
		for j := range m.Agreements[i].Signatories {
			fix(&m.Agreements[i].Signatories[j].OfficialID)
		}
	}
	for i := range m.ChildMeetings {
		remapOfficials(&m.ChildMeetings[i], remap)
	}
}

// insertMeeting stores m and its child meetings with all they hold.
func insertMeeting(ctx context.Context, q querier, m *domain.Meeting) error {
	b := &pgx.Batch{}
	b.Queue(insertMeetingSQL, append(meetingArgs(m), m.CreatedAt, m.UpdatedAt)...)
	queueParts(b, m)
	for i := range m.ChildMeetings {
		c := &m.ChildMeetings[i]
		b.Queue(insertMeetingSQL, append(meetingArgs(c), c.CreatedAt, c.UpdatedAt)...)
		queueParts(b, c)
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("insert meeting: %w", formatError(err))
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

func meetingArgs(m *domain.Meeting) []any {
	var seriesName *string
	var seriesEdition *int
	if m.Series != nil {
		seriesName, seriesEdition = &m.Series.Name, m.Series.Edition
	}
	return []any{m.ID, m.Title, nz(m.Date.Year), nz(m.Date.Month), nz(m.Date.Day), dateArg(m.EndDate),
		m.City, m.Venue, m.HostCountry, m.Kind, m.Summary, m.Topics, seriesName, seriesEdition,
		m.ParentID, m.DedupeKey}
}

// queueParts queues the delegations, ceremonies and agreements of m.
func queueParts(b *pgx.Batch, m *domain.Meeting) {
	for i, d := range m.Delegations {
		b.Queue(insertDelegationSQL, m.ID, i, d.Country, d.Role)
		ord := 0
		if d.Head != nil {
			b.Queue(insertMemberSQL, m.ID, d.Country, d.Head.OfficialID, ord, true, d.Head.Rank, d.Head.Position)
			ord++
		}
		for _, p := range d.Members {
			b.Queue(insertMemberSQL, m.ID, d.Country, p.OfficialID, ord, false, p.Rank, p.Position)
			ord++
		}
	}
	for i, c := range m.Ceremonies {
		var rid, rrank, rpos any
		if c.Recipient != nil {
			rid, rrank, rpos = c.Recipient.OfficialID, c.Recipient.Rank, c.Recipient.Position
		}
		b.Queue(insertCeremonySQL, m.ID, i, c.Type, c.Site, c.Honoured, c.Description, c.Award, rid, rrank, rpos)
	}
	for i, a := range m.Agreements {
		b.Queue(insertAgreementSQL, a.ID, m.ID, i, a.Title, a.Type, a.Period, dateArg(a.SignedOn))
		for j, c := range a.Parties {
			b.Queue(insertPartySQL, a.ID, c, j)
		}
		for j, sg := range a.Signatories {
			b.Queue(insertSignatorySQL, a.ID, sg.OfficialID, j)
		}
	}
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
	return s.inTx(ctx, func(tx pgx.Tx) error {
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
		remap, err := insertOfficials(ctx, tx, news)
		if err != nil {
			return err
		}
		remapOfficials(m, remap)
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
		b := &pgx.Batch{}
		b.Queue(updateMeetingSQL, append(meetingArgs(m), m.UpdatedAt)...)
		queueParts(b, m)
		for i := range m.ChildMeetings {
			c := &m.ChildMeetings[i]
			if slices.Contains(oldChildren, c.ID) {
				b.Queue(updateMeetingSQL, append(meetingArgs(c), c.UpdatedAt)...)
			} else {
				b.Queue(insertMeetingSQL, append(meetingArgs(c), c.CreatedAt, c.UpdatedAt)...)
			}
			queueParts(b, c)
		}
		if err := tx.SendBatch(ctx, b).Close(); err != nil {
			return fmt.Errorf("replace meeting: %w", formatError(err))
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
	_, err := q.Exec(ctx, `UPDATE meetings SET deleted_at = $2, updated_at = $2, version = version + 1
		WHERE id = ANY($1) AND deleted_at IS NULL`, ids, at)
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
	err := s.pool.QueryRow(ctx, `SELECT id FROM meetings WHERE dedupe_key = $1 AND deleted_at IS NULL`, key).Scan(&id)
	return id, formatError(err)
}
