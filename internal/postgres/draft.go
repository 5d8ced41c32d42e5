package postgres

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/milmeet/milmeet/internal/domain"
)

const insertArticleSQL = `
INSERT INTO articles (id, url, outlet, title, published_at, language, text, content_hash, created_at, created_by, search)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
        to_tsvector('english', unaccent(coalesce($4, '') || ' ' || $7)))
ON CONFLICT DO NOTHING`

const insertDraftSQL = `
INSERT INTO drafts (id, article_id, status, meeting, evidence, warnings, confidence, edited, extractor,
    countries, date_lo, date_hi, version, created_at, created_by, updated_at, updated_by)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, ` + draftCountriesSQL + `, $11, $12, $13, $14, $15, $14, $15)`

// draftCountriesSQL turns the country codes of argument $10, alpha-2 or
// alpha-3, into the alpha-2 codes of known countries.
const draftCountriesSQL = `coalesce((SELECT array_agg(DISTINCT c.alpha2 ORDER BY c.alpha2) FROM countries c
    JOIN unnest($10::text[]) x ON upper(x) IN (c.alpha2, c.alpha3)), '{}')`

const updateDraftSQL = `
UPDATE drafts SET status = $3, meeting = $4, evidence = $5, warnings = $6, confidence = $7, edited = $8,
    extractor = $9, countries = ` + draftCountriesSQL + `, date_lo = $11, date_hi = $12, meeting_id = $13, outcome = $14,
    auto = $15, decided_by = $16, decided_at = $17, reason = $18, updated_at = $19, updated_by = $20,
    version = version + 1
WHERE id = $1 AND version = $2`

const selectDraftSQL = `
SELECT d.id, d.status, d.meeting, d.evidence, d.warnings, d.confidence, d.edited, d.extractor, d.meeting_id,
    d.outcome, d.auto, d.decided_by, d.decided_at, d.reason, d.version, d.created_at, d.created_by,
    d.updated_at, d.updated_by,
    a.id, a.url, a.outlet, a.title, a.published_at, a.language, a.text, a.content_hash, a.created_at, a.created_by
FROM drafts d JOIN articles a ON a.id = d.article_id
WHERE d.id = $1`

// CreateDraft implements domain.DraftStore.
func (s *Store) CreateDraft(ctx context.Context, a *domain.Article, d *domain.Draft) (string, bool, error) {
	hash, err := hex.DecodeString(a.ContentHash)
	if err != nil {
		return "", false, fmt.Errorf("create draft: content hash: %w", err)
	}
	args, err := draftArgs(d)
	if err != nil {
		return "", false, err
	}
	created := false
	err = s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, insertArticleSQL, a.ID, a.URL, a.Outlet, a.Title, dateArg(a.PublishedAt), a.Language,
			a.Text, hash, a.CreatedAt, a.CreatedBy)
		if err != nil {
			return fmt.Errorf("insert article: %w", formatError(err))
		}
		if tag.RowsAffected() == 0 {
			return nil // stored meanwhile, by URL or text
		}
		created = true
		_, err = tx.Exec(ctx, insertDraftSQL, d.ID, a.ID, d.Status, args.meeting, args.evidence, args.warnings,
			d.Confidence, d.Edited, d.Extractor, args.countries, args.lo, args.hi, d.Version, d.CreatedAt, d.CreatedBy)
		if err != nil {
			return fmt.Errorf("insert draft: %w", formatError(err))
		}
		return nil
	})
	if err != nil {
		return "", false, err
	}
	if created {
		return d.ID, true, nil
	}
	id, err := s.FindDraftID(ctx, a.URL, a.ContentHash)
	return id, false, err
}

// draftColumns are the values of a draft's JSON and filter columns.
type draftColumns struct {
	meeting, evidence, warnings []byte
	countries                   []string
	lo, hi                      any
}

func draftArgs(d *domain.Draft) (draftColumns, error) {
	var c draftColumns
	var err error
	if c.meeting, err = json.Marshal(d.Meeting); err != nil {
		return c, fmt.Errorf("draft meeting: %w", err)
	}
	if c.evidence, err = json.Marshal(d.Evidence); err != nil {
		return c, fmt.Errorf("draft evidence: %w", err)
	}
	if c.warnings, err = json.Marshal(d.Warnings); err != nil {
		return c, fmt.Errorf("draft warnings: %w", err)
	}
	c.countries = d.Meeting.Countries()
	if c.countries == nil {
		c.countries = []string{}
	}
	if d.Meeting.Date.Err() == nil {
		if t, ok := d.Meeting.Date.First(); ok {
			c.lo = t
		}
		if t, ok := d.Meeting.Date.Last(); ok {
			c.hi = t
		}
	}
	return c, nil
}

// FindDraftID implements domain.DraftStore.
func (s *Store) FindDraftID(ctx context.Context, url *string, contentHash string) (string, error) {
	hash, err := hex.DecodeString(contentHash)
	if err != nil {
		return "", fmt.Errorf("find draft: content hash: %w", err)
	}
	var id string
	err = s.q(ctx).QueryRow(ctx, `SELECT d.id::text FROM drafts d JOIN articles a ON a.id = d.article_id
		WHERE a.url = $1 OR a.content_hash = $2 ORDER BY (a.url IS NOT DISTINCT FROM $1) DESC LIMIT 1`, url, hash).Scan(&id)
	if err != nil {
		return "", formatError(err)
	}
	return id, nil
}

// GetDraft implements domain.DraftStore.
func (s *Store) GetDraft(ctx context.Context, id string, lock bool) (*domain.Draft, error) {
	sql := selectDraftSQL
	// The lock is for a transaction InTx began: outside one it would end
	// with the statement, and the reads of a request that writes nothing
	// may run on a replica, which takes no locks.
	if _, inTx := ctx.Value(txKey{}).(pgx.Tx); lock && inTx {
		sql += " FOR UPDATE OF d"
	}
	var d domain.Draft
	var a domain.Article
	var meeting, evidence, warnings, hash []byte
	var pub pgtype.Date
	err := s.q(ctx).QueryRow(ctx, sql, id).Scan(&d.ID, &d.Status, &meeting, &evidence, &warnings, &d.Confidence,
		&d.Edited, &d.Extractor, &d.MeetingID, &d.Outcome, &d.Auto, &d.DecidedBy, &d.DecidedAt, &d.Reason,
		&d.Version, &d.CreatedAt, &d.CreatedBy, &d.UpdatedAt, &d.UpdatedBy,
		&a.ID, &a.URL, &a.Outlet, &a.Title, &pub, &a.Language, &a.Text, &hash, &a.CreatedAt, &a.CreatedBy)
	if err != nil {
		if domain.ErrorCode(formatError(err)) == domain.ENOTFOUND {
			return nil, domain.Errorf(domain.ENOTFOUND, "There is no draft %s.", id)
		}
		return nil, fmt.Errorf("get draft: %w", formatError(err))
	}
	if err := json.Unmarshal(meeting, &d.Meeting); err != nil {
		return nil, fmt.Errorf("get draft: meeting: %w", err)
	}
	if err := json.Unmarshal(evidence, &d.Evidence); err != nil {
		return nil, fmt.Errorf("get draft: evidence: %w", err)
	}
	if err := json.Unmarshal(warnings, &d.Warnings); err != nil {
		return nil, fmt.Errorf("get draft: warnings: %w", err)
	}
	a.PublishedAt = day(pub)
	a.ContentHash = hex.EncodeToString(hash)
	a.CreatedAt, d.CreatedAt, d.UpdatedAt = a.CreatedAt.UTC(), d.CreatedAt.UTC(), d.UpdatedAt.UTC()
	if d.DecidedAt != nil {
		t := d.DecidedAt.UTC()
		d.DecidedAt = &t
	}
	d.ArticleID, d.Article = a.ID, &a
	return &d, nil
}

// UpdateDraft implements domain.DraftStore.
func (s *Store) UpdateDraft(ctx context.Context, d *domain.Draft, version int, audit *domain.AuditEntry) error {
	args, err := draftArgs(d)
	if err != nil {
		return err
	}
	return s.inTx(ctx, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, updateDraftSQL, d.ID, version, d.Status, args.meeting, args.evidence, args.warnings,
			d.Confidence, d.Edited, d.Extractor, args.countries, args.lo, args.hi, d.MeetingID, d.Outcome, d.Auto,
			d.DecidedBy, d.DecidedAt, d.Reason, d.UpdatedAt, d.UpdatedBy)
		if err != nil {
			return fmt.Errorf("update draft: %w", formatError(err))
		}
		if tag.RowsAffected() == 0 {
			var v int
			if err := tx.QueryRow(ctx, `SELECT version FROM drafts WHERE id = $1`, d.ID).Scan(&v); err != nil {
				return domain.Errorf(domain.ENOTFOUND, "There is no draft %s.", d.ID)
			}
			return domain.Errorf(domain.EPRECONDITION, "The draft has changed since it was read: read it again.")
		}
		d.Version = version + 1
		return insertAudit(ctx, tx, audit)
	})
}

// ListDrafts implements domain.DraftStore.
func (s *Store) ListDrafts(ctx context.Context, f domain.DraftFilter) ([]domain.DraftSummary, error) {
	var args sqlArgs
	where := []string{"true"}
	if f.Status != "" {
		where = append(where, "d.status = "+args.add(string(f.Status)))
	}
	if f.Country != "" {
		where = append(where, "d.countries @> ARRAY["+args.add(f.Country)+"::text]")
	}
	if t, ok := f.From.First(); ok {
		where = append(where, "d.date_lo >= "+args.add(t)+"::date")
	}
	if t, ok := f.To.Last(); ok {
		where = append(where, "d.date_hi <= "+args.add(t)+"::date")
	}
	if f.Q != "" {
		where = append(where, "a.search @@ websearch_to_tsquery('english', unaccent("+args.add(f.Q)+"))")
	}
	if f.After != "" {
		where = append(where, "d.id < "+args.add(f.After)+"::uuid")
	}
	rows, err := s.pool.Query(ctx, `
		SELECT d.id, d.status, d.meeting->>'title', d.meeting->>'date', d.meeting->>'kind', d.countries,
		       d.confidence, jsonb_array_length(d.warnings), a.url, a.outlet, a.published_at, d.meeting_id,
		       d.created_at, d.updated_at
		FROM drafts d JOIN articles a ON a.id = d.article_id
		WHERE `+strings.Join(where, " AND ")+`
		ORDER BY d.id DESC LIMIT `+args.add(f.Limit), args...)
	if err != nil {
		return nil, fmt.Errorf("list drafts: %w", formatError(err))
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.DraftSummary, error) {
		var d domain.DraftSummary
		var title, date, kind *string
		var pub pgtype.Date
		if err := row.Scan(&d.ID, &d.Status, &title, &date, &kind, &d.Countries, &d.Confidence, &d.Warnings,
			&d.URL, &d.Outlet, &pub, &d.MeetingID, &d.CreatedAt, &d.UpdatedAt); err != nil {
			return d, err
		}
		if title != nil {
			d.Title = *title
		}
		if kind != nil {
			d.Kind = domain.Kind(*kind)
		}
		if date != nil {
			d.Date, _ = domain.ParsePartialDate(*date)
		}
		d.PublishedAt = day(pub)
		d.CreatedAt, d.UpdatedAt = d.CreatedAt.UTC(), d.UpdatedAt.UTC()
		return d, nil
	})
	return out, formatError(err)
}

// DraftIDs implements domain.DraftStore.
func (s *Store) DraftIDs(ctx context.Context, status domain.DraftStatus) ([]string, error) {
	return s.ids(ctx, `SELECT id::text FROM drafts WHERE status = $1 ORDER BY id`, string(status))
}

// MeetingIDsBySeries implements domain.DraftStore.
func (s *Store) MeetingIDsBySeries(ctx context.Context, name string, edition int) ([]string, error) {
	return s.ids(ctx, `SELECT m.id::text FROM meetings m
		WHERE m.deleted_at IS NULL AND m.parent_id IS NULL
		  AND lower(m.series_name) = lower($1) AND m.series_edition = $2 ORDER BY m.id`, name, edition)
}

// findSourceSQL finds the stored source of a meeting that is the given
// report: by URL, or without one by outlet, title and date.
const findSourceSQL = `
SELECT s.id FROM meeting_sources ms JOIN sources s ON s.id = ms.source_id
WHERE ms.meeting_id = $1
  AND (CASE WHEN $2::text IS NOT NULL THEN s.url = $2
       ELSE s.url IS NULL AND s.outlet IS NOT DISTINCT FROM $3 AND s.title IS NOT DISTINCT FROM $4
            AND s.published_at IS NOT DISTINCT FROM $5 END)`

// AddEvidence implements domain.DraftStore.
func (s *Store) AddEvidence(ctx context.Context, meetingID string, d *domain.Draft, src domain.Source, ev []domain.Evidence) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		var sourceID string
		err := tx.QueryRow(ctx, findSourceSQL, meetingID, src.URL, src.Outlet, src.Title, dateArg(src.PublishedAt)).Scan(&sourceID)
		if err != nil {
			if domain.ErrorCode(formatError(err)) == domain.ENOTFOUND {
				return &domain.Error{Code: domain.EINVALID, Message: "The meeting does not cite the draft's article.",
					Fields: []domain.FieldError{{Pointer: "/sources", Detail: "must cite the article the draft was read from"}}}
			}
			return fmt.Errorf("find source: %w", formatError(err))
		}
		if _, err := tx.Exec(ctx, `UPDATE articles SET source_id = $2 WHERE id = $1`, d.ArticleID, sourceID); err != nil {
			return fmt.Errorf("link article: %w", formatError(err))
		}
		rows := make([][]any, 0, len(ev))
		for _, e := range ev {
			v, err := json.Marshal(e.Value)
			if err != nil {
				return fmt.Errorf("evidence value: %w", err)
			}
			rows = append(rows, []any{meetingID, e.Field, v, d.ID, d.ArticleID, sourceID, e.Offset, e.Length,
				e.UTF16Offset, e.UTF16Length, e.Words, e.Confidence})
		}
		_, err = tx.CopyFrom(ctx, pgx.Identifier{"meeting_evidence"}, []string{"meeting_id", "field", "value", "draft_id",
			"article_id", "source_id", "byte_offset", "byte_length", "utf16_offset", "utf16_length", "words", "confidence"},
			pgx.CopyFromRows(rows))
		if err != nil {
			return fmt.Errorf("insert evidence: %w", formatError(err))
		}
		return nil
	})
}

// MeetingEvidence implements domain.DraftStore.
func (s *Store) MeetingEvidence(ctx context.Context, meetingID string) ([]domain.MeetingEvidence, error) {
	rows, err := s.q(ctx).Query(ctx, `
		SELECT e.field, e.value, e.byte_offset, e.byte_length, e.utf16_offset, e.utf16_length, e.words, e.confidence,
		       e.draft_id, e.article_id, s.url, s.outlet, s.title, s.published_at, s.language
		FROM meeting_evidence e LEFT JOIN sources s ON s.id = e.source_id
		WHERE e.meeting_id = $1 ORDER BY e.id`, meetingID)
	if err != nil {
		return nil, fmt.Errorf("meeting evidence: %w", formatError(err))
	}
	out, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (domain.MeetingEvidence, error) {
		var e domain.MeetingEvidence
		var value []byte
		var url, outlet, title, lang *string
		var pub pgtype.Date
		if err := row.Scan(&e.Field, &value, &e.Offset, &e.Length, &e.UTF16Offset, &e.UTF16Length, &e.Words,
			&e.Confidence, &e.DraftID, &e.ArticleID, &url, &outlet, &title, &pub, &lang); err != nil {
			return e, err
		}
		if err := json.Unmarshal(value, &e.Value); err != nil {
			return e, err
		}
		if url != nil || outlet != nil || title != nil {
			e.Source = &domain.Source{URL: url, Outlet: outlet, Title: title, PublishedAt: day(pub), Language: lang,
				AlternateTitles: []domain.AltTitle{}}
		}
		return e, nil
	})
	return out, formatError(err)
}
