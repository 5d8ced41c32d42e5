package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// An import writes each meeting with its search document, built from the
// meeting as written, rather than computing it afterwards meeting by
// meeting with meeting_search_document(id) (an UPDATE that rewrote each
// row it had just written, most of an import's time). The three texts are
// those meeting_search_text (migration 000006) gathers from the stored rows,
// joined as it joins them, over the meeting and its child meetings; what
// comes from other tables is read with the very expressions it applies.
// The database turns the texts into the document with the function's
// expression (searchDocSQL).

// searchDocSQL is the document of texts a, b and c, as
// meeting_search_document weighs them.
const searchDocSQL = `setweight(to_tsvector('english', unaccent(doc_a)), 'A')
 || setweight(to_tsvector('english', unaccent(doc_b)), 'B')
 || setweight(to_tsvector('english', unaccent(doc_c)), 'C')`

const (
	officialTextsSQL = `SELECT o.id::text,
    o.name || ' ' || array_to_string(o.aliases, ' ') || ' ' || array_to_string(o.name_keys, ' '), o.name
FROM officials o WHERE o.id = ANY($1::uuid[])`
	countryTextsSQL = `SELECT co.alpha2::text, co.name || ' ' || array_to_string(co.alt_names, ' ')
FROM countries co WHERE co.alpha2 = ANY($1::text[])`
	sourceTextsSQL = `SELECT s.id::text, coalesce(s.title, '') || ' ' || coalesce(s.outlet, '') || ' ' ||
    coalesce((SELECT string_agg(st.title, ' ') FROM source_titles st WHERE st.source_id = s.id), '')
FROM sources s WHERE s.id = ANY($1::uuid[])`
)

// searchText is the three texts of a search document, weights A, B, C.
type searchText struct{ a, b, c string }

// docTexts are the stored texts a meeting's document takes from other
// tables: an official's (and its name, for award recipients), a country's
// and a source's, by id or code.
type docTexts struct {
	officials, names, countries, sources map[string]string
}

// readDocTexts reads, in one round trip, the stored texts the documents of
// ms take from other tables.
func readDocTexts(ctx context.Context, q querier, ms []*domain.Meeting, srcs meetingSources) (docTexts, error) {
	t := docTexts{officials: map[string]string{}, names: map[string]string{}, countries: map[string]string{},
		sources: map[string]string{}}
	var officials, countries, sources []string
	seen := map[string]bool{}
	add := func(list *[]string, k string) {
		if k != "" && !seen[k] {
			seen[k] = true
			*list = append(*list, k)
		}
	}
	var walk func(m *domain.Meeting)
	walk = func(m *domain.Meeting) {
		for _, d := range m.Delegations {
			add(&countries, d.Country)
			if d.Head != nil {
				add(&officials, d.Head.OfficialID)
			}
			for _, p := range d.Members {
				add(&officials, p.OfficialID)
			}
		}
		for _, c := range m.Ceremonies {
			if c.Recipient != nil {
				add(&officials, c.Recipient.OfficialID)
			}
		}
		for _, sid := range srcs.links[m.ID] {
			add(&sources, sid)
		}
		for i := range m.ChildMeetings {
			walk(&m.ChildMeetings[i])
		}
	}
	for _, m := range ms {
		walk(m)
	}
	b := &pgx.Batch{}
	b.Queue(officialTextsSQL, officials).Query(func(rows pgx.Rows) error {
		var id, text, name string
		_, err := pgx.ForEachRow(rows, []any{&id, &text, &name}, func() error {
			t.officials[id], t.names[id] = text, name
			return nil
		})
		return err
	})
	for _, r := range []struct {
		sql  string
		keys []string
		into map[string]string
	}{{countryTextsSQL, countries, t.countries}, {sourceTextsSQL, sources, t.sources}} {
		b.Queue(r.sql, r.keys).Query(func(rows pgx.Rows) error {
			var k, text string
			_, err := pgx.ForEachRow(rows, []any{&k, &text}, func() error {
				r.into[k] = text
				return nil
			})
			return err
		})
	}
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return t, fmt.Errorf("search texts: %w", formatError(err))
	}
	return t, nil
}

// searchTexts returns the texts of the documents of ms and of their child
// meetings, by meeting id. A meeting's document covers it and the written
// meetings whose parent it is.
func searchTexts(ms []*domain.Meeting, srcs meetingSources, t docTexts) map[string]searchText {
	var all []*domain.Meeting
	for _, m := range ms {
		all = append(all, m)
		for i := range m.ChildMeetings {
			all = append(all, &m.ChildMeetings[i])
		}
	}
	own := make(map[string]searchText, len(all))
	children := map[string][]string{}
	for _, m := range all {
		own[m.ID] = t.meeting(m, srcs.links[m.ID])
		if m.ParentID != nil {
			children[*m.ParentID] = append(children[*m.ParentID], m.ID)
		}
	}
	out := make(map[string]searchText, len(all))
	for _, m := range all {
		tree := []searchText{own[m.ID]}
		for _, c := range children[m.ID] {
			tree = append(tree, own[c])
		}
		var a, b, c []string
		for _, s := range tree {
			a, b, c = append(a, s.a), append(b, s.b), append(c, s.c)
		}
		out[m.ID] = searchText{strings.Join(a, " "), strings.Join(b, " "), strings.Join(c, " ")}
	}
	return out
}

// meeting returns the texts of one meeting alone, as meeting_search_text
// does; sources are the ids of the sources it links.
func (t docTexts) meeting(m *domain.Meeting, sources []string) searchText {
	var members, countries, ceremonies, agreements, srcs []string
	for _, d := range m.Delegations {
		person := func(p domain.Participant) {
			members = append(members, t.officials[p.OfficialID]+" "+deref(p.Rank)+" "+deref(p.Position))
		}
		if d.Head != nil {
			person(*d.Head)
		}
		for _, p := range d.Members {
			person(p)
		}
		countries = append(countries, t.countries[d.Country])
	}
	for _, c := range m.Ceremonies {
		recipient := ""
		if c.Recipient != nil {
			recipient = t.names[c.Recipient.OfficialID]
		}
		ceremonies = append(ceremonies, strings.ReplaceAll(string(c.Type), "_", " ")+" "+deref(c.Site)+" "+
			deref(c.Honoured)+" "+deref(c.Award)+" "+deref(c.Description)+" "+recipient)
	}
	for _, a := range m.Agreements {
		agreements = append(agreements, a.Title+" "+strings.ReplaceAll(string(a.Type), "_", " "))
	}
	linked := map[string]bool{}
	for _, sid := range sources {
		if !linked[sid] {
			linked[sid] = true
			srcs = append(srcs, t.sources[sid])
		}
	}
	series := ""
	if m.Series != nil {
		series = m.Series.Name
	}
	return searchText{
		a: m.Title + " " + series,
		b: strings.Join(members, " ") + " " + strings.Join(countries, " "),
		c: deref(m.Summary) + " " + deref(m.City) + " " + deref(m.Venue) + " " +
			strings.ReplaceAll(string(m.Kind), "_", " ") + " " + strings.Join(ceremonies, " ") + " " +
			strings.Join(agreements, " ") + " " + strings.Join(srcs, " "),
	}
}
