package postgres

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/milmeet/milmeet/internal/domain"
)

// Sources are stored once: the same URL (or, without one, the same outlet,
// title and date) is the stored source, which keeps what it has and takes
// what it lacked. The sources of many meetings go in one statement for
// those with a URL and one for those without, their alternate titles in one
// and their links in one, whatever the number of meetings.

// A row may not be upserted twice by one statement: the sources of the
// meetings are merged by key first, each value the first one given, which
// is what upserting them one by one in order would store.
const upsertSourcesByURLSQL = `
INSERT INTO sources (id, url, outlet, title, published_at, language)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::date[], $6::text[])
ON CONFLICT (url) DO UPDATE SET
    outlet = coalesce(sources.outlet, EXCLUDED.outlet),
    title = coalesce(sources.title, EXCLUDED.title),
    published_at = coalesce(sources.published_at, EXCLUDED.published_at),
    language = coalesce(sources.language, EXCLUDED.language)
RETURNING id::text, url`

const upsertSourcesNoURLSQL = `
INSERT INTO sources (id, url, outlet, title, published_at, language)
SELECT u.id, NULL, u.outlet, u.title, u.published_at, u.language
FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::text[]) AS u (id, outlet, title, published_at, language)
ON CONFLICT (coalesce(outlet, ''), coalesce(title, ''), coalesce(published_at, '-infinity'::date))
    WHERE url IS NULL
DO UPDATE SET language = coalesce(sources.language, EXCLUDED.language)
RETURNING id::text, coalesce(outlet, ''), coalesce(title, ''), published_at`

// A title in a language the source has already is not replaced.
const insertSourceTitlesSQL = `
INSERT INTO source_titles (source_id, language, title)
SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[])
ON CONFLICT (source_id, language) DO NOTHING`

const insertMeetingSourcesSQL = `
INSERT INTO meeting_sources (meeting_id, source_id, ord)
SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[])
ON CONFLICT (meeting_id, source_id) DO NOTHING`

// sourceRow is a source to upsert, merged from every mention of its key.
type sourceRow struct {
	id                       string
	url, outlet, title, lang *string
	published                *domain.Day
	stored                   string // the id it is stored under
}

// sourceKey is how a source is known: its URL, else its outlet, title and
// date as the unique index of sources without a URL compares them.
func sourceKey(s domain.Source) string {
	if s.URL != nil {
		return "u\x00" + *s.URL
	}
	return noURLKey(deref(s.Outlet), deref(s.Title), dayText(s.PublishedAt))
}

func noURLKey(outlet, title, published string) string {
	return "n\x00" + outlet + "\x00" + title + "\x00" + published
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func dayText(d *domain.Day) string {
	if d == nil {
		return ""
	}
	return d.Format("2006-01-02")
}

func firstOf[T any](a, b *T) *T {
	if a != nil {
		return a
	}
	return b
}

// meetingSources are the sources of meetings, stored: by meeting id, the
// stored ids of its sources in the order given, each once.
type meetingSources struct {
	ids   []string // meetings in order
	links map[string][]string
}

// storeSources upserts the sources of the meetings ms (their own, not their
// child meetings', which hold none) with their alternate titles, in two
// round trips, and returns them by meeting; linkSources links them.
func storeSources(ctx context.Context, q querier, ms []*domain.Meeting) (meetingSources, error) {
	out := meetingSources{links: map[string][]string{}}
	rows := map[string]*sourceRow{}
	var order []*sourceRow
	type mention struct {
		meeting string
		row     *sourceRow
		src     *domain.Source
	}
	var mentions []mention
	for _, m := range ms {
		for i := range m.Sources {
			src := &m.Sources[i]
			k := sourceKey(*src)
			r, ok := rows[k]
			if !ok {
				r = &sourceRow{id: domain.NewID(), url: src.URL}
				if src.URL == nil {
					// Without a URL the key is the outlet, title and date.
					r.outlet, r.title, r.published = src.Outlet, src.Title, src.PublishedAt
				}
				rows[k] = r
				order = append(order, r)
			}
			if src.URL != nil {
				r.outlet, r.title, r.published = firstOf(r.outlet, src.Outlet), firstOf(r.title, src.Title),
					firstOf(r.published, src.PublishedAt)
			}
			r.lang = firstOf(r.lang, src.Language)
			mentions = append(mentions, mention{m.ID, r, src})
		}
	}
	if len(order) == 0 {
		return out, nil
	}
	if err := upsertSources(ctx, q, order); err != nil {
		return out, err
	}
	var tSource, tLang, tTitle []string
	for _, mn := range mentions {
		for _, t := range mn.src.AlternateTitles {
			tSource, tLang, tTitle = append(tSource, mn.row.stored), append(tLang, t.Language), append(tTitle, t.Title)
		}
		prev, ok := out.links[mn.meeting]
		if !ok {
			out.ids = append(out.ids, mn.meeting)
		}
		out.links[mn.meeting] = append(prev, mn.row.stored)
	}
	if len(tSource) > 0 {
		if _, err := q.Exec(ctx, insertSourceTitlesSQL, tSource, tLang, tTitle); err != nil {
			return out, fmt.Errorf("store source titles: %w", formatError(err))
		}
	}
	return out, nil
}

// upsertSources stores the merged sources, with a URL and without, in one
// round trip, and notes the id each is stored under.
func upsertSources(ctx context.Context, q querier, order []*sourceRow) error {
	var u, n struct {
		ids, outlets, titles, langs, urls []*string
		published                         []any
	}
	byURL, byKey := map[string]*sourceRow{}, map[string]*sourceRow{}
	for _, r := range order {
		id := r.id
		if r.url != nil {
			byURL[*r.url] = r
			u.ids, u.urls, u.outlets, u.titles = append(u.ids, &id), append(u.urls, r.url), append(u.outlets, r.outlet),
				append(u.titles, r.title)
			u.published, u.langs = append(u.published, dateArg(r.published)), append(u.langs, r.lang)
			continue
		}
		byKey[noURLKey(deref(r.outlet), deref(r.title), dayText(r.published))] = r
		n.ids, n.outlets, n.titles = append(n.ids, &id), append(n.outlets, r.outlet), append(n.titles, r.title)
		n.published, n.langs = append(n.published, dateArg(r.published)), append(n.langs, r.lang)
	}
	b := &pgx.Batch{}
	if len(u.ids) > 0 {
		b.Queue(upsertSourcesByURLSQL, u.ids, u.urls, u.outlets, u.titles, u.published, u.langs).Query(
			func(rows pgx.Rows) error {
				var id, url string
				_, err := pgx.ForEachRow(rows, []any{&id, &url}, func() error {
					byURL[url].stored = id
					return nil
				})
				return err
			})
	}
	if len(n.ids) > 0 {
		b.Queue(upsertSourcesNoURLSQL, n.ids, n.outlets, n.titles, n.published, n.langs).Query(
			func(rows pgx.Rows) error {
				var id, outlet, title string
				var published pgtype.Date
				_, err := pgx.ForEachRow(rows, []any{&id, &outlet, &title, &published}, func() error {
					day := ""
					if published.Valid {
						day = published.Time.Format("2006-01-02")
					}
					byKey[noURLKey(outlet, title, day)].stored = id
					return nil
				})
				return err
			})
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("store sources: %w", formatError(err))
	}
	return nil
}

// linkSources links meetings to their stored sources, ord counting from 0:
// the meetings written hold no sources yet (they are new, or clearParts
// has cleared them). A source given twice is linked once, at its first.
func linkSources(ctx context.Context, q querier, s meetingSources) error {
	var mids, sids []string
	var ords []int32
	for _, mid := range s.ids {
		for i, sid := range s.links[mid] {
			mids, sids, ords = append(mids, mid), append(sids, sid), append(ords, int32(i))
		}
	}
	if len(mids) == 0 {
		return nil
	}
	if _, err := q.Exec(ctx, insertMeetingSourcesSQL, mids, sids, ords); err != nil {
		return fmt.Errorf("link sources: %w", formatError(err))
	}
	return nil
}
