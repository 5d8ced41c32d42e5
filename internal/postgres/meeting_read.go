package postgres

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"github.com/milmeet/milmeet/internal/domain"
)

// The queries that read one meeting: the meeting and its child meetings,
// then what they hold, sent together in one batch.
const (
	selectMeetingsSQL = `
SELECT id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind, summary,
    topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at
FROM meetings
WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL
ORDER BY parent_id NULLS FIRST, sort_date, id`

	selectMembersSQL = `
SELECT d.meeting_id, d.country, d.role, dm.official_id, o.name, dm.rank, dm.position, dm.is_head
FROM meetings m
JOIN delegations d ON d.meeting_id = m.id
LEFT JOIN delegation_members dm ON dm.delegation_id = d.id
LEFT JOIN officials o ON o.id = dm.official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY d.meeting_id, d.ord, dm.ord`

	selectCeremoniesSQL = `
SELECT c.meeting_id, c.type, c.site, c.honoured, c.description, c.award, c.recipient_official_id,
    o.name, o.country, c.recipient_rank, c.recipient_position
FROM meetings m
JOIN ceremonies c ON c.meeting_id = m.id
LEFT JOIN officials o ON o.id = c.recipient_official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY c.meeting_id, c.ord`

	selectAgreementsSQL = `
SELECT a.id, a.meeting_id, a.title, a.type, a.period, a.signed_on,
    coalesce((SELECT array_agg(p.country::text ORDER BY p.ord) FROM agreement_parties p
              WHERE p.agreement_id = a.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('official_id', s.official_id, 'name', o.name,
                  'country', o.country) ORDER BY s.ord)
              FROM agreement_signatories s JOIN officials o ON o.id = s.official_id
              WHERE s.agreement_id = a.id), '[]')
FROM agreements a
JOIN meetings m ON m.id = a.meeting_id
WHERE %s
ORDER BY a.meeting_id, a.ord`

	selectSourcesSQL = `
SELECT s.url, s.outlet, s.title, s.published_at, s.language,
    coalesce((SELECT json_agg(json_build_object('language', t.language, 'title', t.title) ORDER BY t.language)
              FROM source_titles t WHERE t.source_id = s.id), '[]')
FROM meeting_sources ms
JOIN sources s ON s.id = ms.source_id
WHERE ms.meeting_id = $1
ORDER BY ms.ord`
)

// GetMeeting implements domain.MeetingStore.
func (s *Store) GetMeeting(ctx context.Context, id string) (*domain.Meeting, error) {
	return getMeeting(ctx, s.q(ctx), id)
}

// getMeeting reads a whole meeting with q, in or out of a transaction.
func getMeeting(ctx context.Context, q querier, id string) (*domain.Meeting, error) {
	b := &pgx.Batch{}
	var ms []*domain.Meeting
	byID := map[string]*domain.Meeting{}
	b.Queue(selectMeetingsSQL, id).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			m, err := scanMeeting(rows)
			if err != nil {
				return err
			}
			ms = append(ms, m)
			byID[m.ID] = m
		}
		return rows.Err()
	})
	b.Queue(selectMembersSQL, id).Query(func(rows pgx.Rows) error {
		return scanMembers(rows, byID)
	})
	b.Queue(selectCeremoniesSQL, id).Query(func(rows pgx.Rows) error {
		return scanCeremonies(rows, byID)
	})
	b.Queue(fmt.Sprintf(selectAgreementsSQL, `(m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL`), id).
		Query(func(rows pgx.Rows) error {
			for rows.Next() {
				a, err := scanAgreement(rows)
				if err != nil {
					return err
				}
				if m := byID[a.MeetingID]; m != nil {
					a.MeetingID = ""
					m.Agreements = append(m.Agreements, *a)
				}
			}
			return rows.Err()
		})
	var sources []domain.Source
	b.Queue(selectSourcesSQL, id).Query(func(rows pgx.Rows) error {
		for rows.Next() {
			var src domain.Source
			var pub pgtype.Date
			if err := rows.Scan(&src.URL, &src.Outlet, &src.Title, &pub, &src.Language, &src.AlternateTitles); err != nil {
				return err
			}
			src.PublishedAt = day(pub)
			sources = append(sources, src)
		}
		return rows.Err()
	})
	if err := q.SendBatch(ctx, b).Close(); err != nil {
		return nil, fmt.Errorf("get meeting: %w", formatError(err))
	}
	if len(ms) == 0 || ms[0].ID != id {
		return nil, domain.Errorf(domain.ENOTFOUND, "There is no meeting %s.", id)
	}
	root := ms[0]
	root.Sources = sources
	if root.Sources == nil {
		root.Sources = []domain.Source{}
	}
	root.ChildMeetings = []domain.Meeting{}
	for _, c := range ms[1:] {
		root.ChildMeetings = append(root.ChildMeetings, *c)
	}
	return root, nil
}

func scanMeeting(rows pgx.Rows) (*domain.Meeting, error) {
	var m domain.Meeting
	var y, mo, d *int16
	var edition *int32
	var end pgtype.Date
	var seriesName *string
	err := rows.Scan(&m.ID, &m.Title, &y, &mo, &d, &end, &m.City, &m.Venue, &m.HostCountry, &m.Kind,
		&m.Summary, &m.Topics, &seriesName, &edition, &m.ParentID, &m.DedupeKey, &m.Version,
		&m.CreatedAt, &m.UpdatedAt)
	if err != nil {
		return nil, err
	}
	m.Date = partial(y, mo, d)
	m.DatePrecision = m.Date.Precision()
	m.EndDate = day(end)
	if seriesName != nil {
		m.Series = &domain.Series{Name: *seriesName}
		if edition != nil {
			e := int(*edition)
			m.Series.Edition = &e
		}
	}
	m.CreatedAt, m.UpdatedAt = m.CreatedAt.UTC(), m.UpdatedAt.UTC()
	m.Delegations, m.Ceremonies, m.Agreements = []domain.Delegation{}, []domain.Ceremony{}, []domain.Agreement{}
	return &m, nil
}

func scanMembers(rows pgx.Rows, byID map[string]*domain.Meeting) error {
	for rows.Next() {
		var meetingID, country string
		var role domain.Role
		var officialID, name *string
		var p domain.Participant
		var head *bool
		if err := rows.Scan(&meetingID, &country, &role, &officialID, &name, &p.Rank, &p.Position, &head); err != nil {
			return err
		}
		m := byID[meetingID]
		if m == nil {
			continue
		}
		n := len(m.Delegations)
		if n == 0 || m.Delegations[n-1].Country != country {
			m.Delegations = append(m.Delegations, domain.Delegation{Country: country, Role: role, Members: []domain.Participant{}})
			n++
		}
		if officialID == nil {
			continue // a delegation nobody of which is named
		}
		p.OfficialID, p.Name = *officialID, *name
		d := &m.Delegations[n-1]
		if head != nil && *head {
			d.Head = &p
		} else {
			d.Members = append(d.Members, p)
		}
	}
	return rows.Err()
}

func scanCeremonies(rows pgx.Rows, byID map[string]*domain.Meeting) error {
	for rows.Next() {
		var meetingID string
		var c domain.Ceremony
		var rid, rname, rcountry, rrank, rpos *string
		if err := rows.Scan(&meetingID, &c.Type, &c.Site, &c.Honoured, &c.Description, &c.Award,
			&rid, &rname, &rcountry, &rrank, &rpos); err != nil {
			return err
		}
		if rid != nil {
			c.Recipient = &domain.Recipient{OfficialID: *rid, Name: *rname, Country: *rcountry, Rank: rrank, Position: rpos}
		}
		if m := byID[meetingID]; m != nil {
			m.Ceremonies = append(m.Ceremonies, c)
		}
	}
	return rows.Err()
}

func scanAgreement(rows pgx.CollectableRow) (*domain.Agreement, error) {
	var a domain.Agreement
	var signed pgtype.Date
	if err := rows.Scan(&a.ID, &a.MeetingID, &a.Title, &a.Type, &a.Period, &signed, &a.Parties, &a.Signatories); err != nil {
		return nil, err
	}
	a.SignedOn = day(signed)
	return &a, nil
}

// listSQL reads list items: the stored JSON of each (see
// migration 000010), and what paging needs beside it. The FROM clause (and
// the rest) is appended; the sort key's expression is %s.
const listSQL = `
SELECT m.id, %s AS sort_key, m.updated_at, m.deleted_at IS NOT NULL AS deleted, m.list_item`

// revisionsSQL is listSQL without the item (see
// domain.MeetingFilter.RevisionsOnly).
const revisionsSQL = `
SELECT m.id, %s AS sort_key, m.updated_at, m.deleted_at IS NOT NULL AS deleted, NULL::json AS list_item`

// legacyListSQL computes list items from the tables, for rows whose item is
// not rendered yet (see RenderListItems); WHERE is appended.
const legacyListSQL = `
SELECT m.id, m.title, m.date_year, m.date_month, m.date_day, m.kind, m.city, m.host_country, m.topics,
    m.series_name, m.series_edition, m.parent_id, m.updated_at, m.deleted_at IS NOT NULL, m.sort_date::text,
    coalesce((SELECT array_agg(d.country::text ORDER BY d.ord) FROM delegations d WHERE d.meeting_id = m.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('country', d.country, 'role', d.role, 'official_id', dm.official_id,
                  'name', o.name, 'position', dm.position) ORDER BY d.ord)
              FROM delegations d
              JOIN delegation_members dm ON dm.delegation_id = d.id AND dm.is_head
              JOIN officials o ON o.id = dm.official_id
              WHERE d.meeting_id = m.id), '[]'),
    coalesce((SELECT array_agg(a.title ORDER BY a.ord) FROM agreements a WHERE a.meeting_id = m.id), '{}')
FROM meetings m`

// sortSpec is how one order reads, compares and resumes.
type sortSpec struct {
	key     string // the sort value as text, for cursors
	cast    string // the type the cursor's text is read back as
	column  string
	order   string // ASC or DESC
	compare string // < or >, for rows after the cursor
}

var sorts = map[domain.MeetingSort]sortSpec{
	domain.SortDateDesc:    {"m.sort_date::text", "date", "m.sort_date", "DESC", "<"},
	domain.SortDateAsc:     {"m.sort_date::text", "date", "m.sort_date", "ASC", ">"},
	domain.SortUpdatedDesc: {"m.updated_at::text", "timestamptz", "m.updated_at", "DESC", "<"},
	domain.SortUpdatedAsc:  {"m.updated_at::text", "timestamptz", "m.updated_at", "ASC", ">"},
}

// sqlArgs collects query arguments as $n placeholders.
type sqlArgs []any

func (a *sqlArgs) add(v any) string {
	*a = append(*a, v)
	return fmt.Sprintf("$%d", len(*a))
}

// meetingQuery builds the SQL and arguments of a filtered list. User input
// reaches the SQL only as arguments.
//
// A list of live top-level meetings by date that filters by country,
// partner, topic or kind reads meeting_facets first: one ordered index scan
// for each facet asked for (several countries: one each, merged; of the
// countries, the topic and the kind, the one with the fewest rows), joined
// to the meetings, which other conditions then filter. Without such a
// filter the list walks meetings_live_sort_idx (or, for other lists, the
// order's index), a date range bounding the walk. Either way a page reads
// about a page of rows whatever the filter's share of the meetings, as
// long as the conditions left for the meeting rows are not rare.
//
// After listSQL's columns comes the row's list revision (migration 000014);
// with f.RevisionsOnly, the item is not read, and the revision of a row
// whose item is not rendered yet reads 0.
func meetingQuery(f domain.MeetingFilter) (string, []any) { return pageQuery(f, nil) }

// pageQuery is meetingQuery with the facet to read chosen by st (see
// drivingFacets; nil: the fixed order).
func pageQuery(f domain.MeetingFilter, st *planStats) (string, []any) {
	var args sqlArgs
	rev := column{"m.list_rev", "list_rev"}
	if f.RevisionsOnly {
		rev.expr = "CASE WHEN m.list_item IS NULL THEN 0 ELSE m.list_rev END"
	}
	sql := buildMeetingQuery(f, st, &args, []column{rev})
	return sql, args
}

// column is an expression over meetings m that a list query selects
// besides listSQL's columns, named alias.
type column struct{ expr, alias string }

// buildMeetingQuery is meetingQuery with its arguments added to args and
// extra columns after the list's; st chooses among the facets (see
// drivingFacets).
func buildMeetingQuery(f domain.MeetingFilter, st *planStats, args *sqlArgs, extra []column) string {
	facets, implied := drivingFacets(f, st)
	if len(facets) > 1 && f.NoLimit {
		// A whole export reads every match anyway.
		facets = nil
	}
	sp := sorts[f.Sort]
	var where []string
	if len(facets) == 0 {
		where = meetingWhere(f, args)
	} else {
		// Left out: the conditions the facets imply. The planner would take
		// them for independent of the facet, expect few of its rows to pass
		// and sort every row the facet holds for a page.
		where = meetingWhere(implied, args)
	}
	var cols, outer string
	for _, c := range extra {
		cols += ", " + c.expr + " AS " + c.alias
		outer += ", u." + c.alias
	}
	head := listSQL
	if f.RevisionsOnly {
		head = revisionsSQL
	}
	var sql string
	if len(facets) == 0 {
		where = append(where, keyset(f, args)...)
		sql = fmt.Sprintf(head, sp.key) + cols + "\nFROM meetings m\nWHERE " + strings.Join(where, "\n  AND ") + "\n" + orderBy(f)
	} else {
		// The facet rows' own conditions: the date range and the cursor, so
		// that each scan starts where the page does.
		var fw []string
		if t, ok := f.From.First(); ok {
			fw = append(fw, "f.sort_date >= "+args.add(t)+"::date")
		}
		if t, ok := f.To.Last(); ok {
			fw = append(fw, "f.sort_date <= "+args.add(t)+"::date")
		}
		if f.After != nil {
			fw = append(fw, fmt.Sprintf("(f.sort_date, f.meeting_id) %s (%s::date, %s::uuid)", sp.compare,
				args.add(f.After.Key), args.add(f.After.ID)))
		}
		scan := func(facet, extra string) string {
			return fmt.Sprintf(head, "f.sort_date::text") + cols + extra +
				"\nFROM meeting_facets f\nJOIN meetings m ON m.id = f.meeting_id\nWHERE " +
				strings.Join(append(append([]string{"f.facet = " + args.add(facet)}, fw...), where...), "\n  AND ") +
				fmt.Sprintf("\nORDER BY f.sort_date %s, f.meeting_id %s", sp.order, sp.order)
		}
		if len(facets) == 1 {
			sql = scan(facets[0], "")
		} else {
			// Several facets (countries): the page is among the first
			// page of each, read by one ordered scan each; a meeting under
			// two of them comes once.
			var branches []string
			limit := args.add(f.Limit)
			for _, fc := range facets {
				branches = append(branches, "("+scan(fc, ", f.sort_date")+"\nLIMIT "+limit+")")
			}
			sql = "SELECT DISTINCT ON (u.sort_date, u.id) u.id, u.sort_key, u.updated_at, u.deleted, u.list_item" + outer +
				" FROM (\n" + strings.Join(branches, "\nUNION ALL\n") +
				fmt.Sprintf("\n) u\nORDER BY u.sort_date %s, u.id %s", sp.order, sp.order)
		}
	}
	if !f.NoLimit {
		sql += "\nLIMIT " + args.add(f.Limit)
	}
	return sql
}

// keyset is the condition that resumes the filter's order after its
// cursor, if any.
func keyset(f domain.MeetingFilter, args *sqlArgs) []string {
	if f.After == nil {
		return nil
	}
	sp := sorts[f.Sort]
	return []string{fmt.Sprintf("(%s, m.id) %s (%s::%s, %s::uuid)", sp.column, sp.compare,
		args.add(f.After.Key), sp.cast, args.add(f.After.ID))}
}

// drivingFacets returns the meeting_facets keys a list can be read from (see
// meetingQuery), any of which a meeting must have, and the filter without
// the conditions they imply; no keys when the list is not one the facets
// hold (deleted or child meetings, other orders), filters by none of them,
// or is best read from meetings_live_kind_sort_idx (the kind: a meeting
// row a candidate, not a facet row and a meeting row). A filter by several
// of the countries (or pairs), the topic and the kind is read from the one
// whose candidates cost fewest rows by st (nil, or no statistics: the
// countries, then the topic, then the kind): those rows are walked until
// the other conditions have passed a page, so the fewer there are, the
// shorter the walk (a kind of 3% of the meetings with a country of a
// third: about three rows a match, against thirty the other way round).
func drivingFacets(f domain.MeetingFilter, st *planStats) ([]string, domain.MeetingFilter) {
	choices := facetChoices(f)
	if len(choices) == 0 {
		return nil, f
	}
	best := 0
	if st != nil && st.ok {
		for i := 1; i < len(choices); i++ {
			if choices[i].cost(st) < choices[best].cost(st) {
				best = i
			}
		}
	}
	c := choices[best]
	if c.kind {
		return nil, f
	}
	return c.facets, c.rest
}

// facetChoice is a way to read a list (see drivingFacets): the facets to
// read, any of which a meeting must have, and the filter left for the
// meeting rows; kind: the kind's facet read from meetings_live_kind_sort_idx.
type facetChoice struct {
	facets []string
	rest   domain.MeetingFilter
	kind   bool
}

// rows is the estimated rows of the choice's facets.
func (c facetChoice) rows(st *planStats) float64 {
	var n float64
	for _, fc := range c.facets {
		n += st.facetRows(fc)
	}
	return n
}

// cost is the estimated rows the choice walks for each candidate.
func (c facetChoice) cost(st *planStats) float64 {
	if c.kind {
		return c.rows(st)
	}
	return 2 * c.rows(st)
}

// facetChoices lists the ways to read a list by f in the fixed order:
// the countries, the topic, the kind.
func facetChoices(f domain.MeetingFilter) []facetChoice {
	if f.UpdatedSince != nil || f.IncludeChildren || (f.Sort != domain.SortDateDesc && f.Sort != domain.SortDateAsc) {
		return nil
	}
	var choices []facetChoice
	rest := f
	var out []string
	switch {
	case len(f.Countries) > 0 && f.Partner != "" && slices.Contains(f.Countries, f.Partner):
		// The partner is one of the countries: every meeting of the
		// partner qualifies.
		out = []string{"c:" + f.Partner}
		rest.Countries, rest.Partner = nil, ""
	case len(f.Countries) > 0 && f.Partner != "":
		for _, c := range f.Countries {
			out = append(out, "p:"+c+":"+f.Partner)
		}
		rest.Countries, rest.Partner = nil, ""
	case len(f.Countries) > 0:
		for _, c := range f.Countries {
			out = append(out, "c:"+c)
		}
		rest.Countries = nil
	}
	if out != nil {
		slices.Sort(out)
		choices = append(choices, facetChoice{facets: slices.Compact(out), rest: rest})
	}
	if f.Topic != "" {
		rest := f
		rest.Topic = ""
		choices = append(choices, facetChoice{facets: []string{"t:" + string(f.Topic)}, rest: rest})
	}
	if f.Kind != "" {
		choices = append(choices, facetChoice{facets: []string{"k:" + string(f.Kind)}, rest: f, kind: true})
	}
	return choices
}

// listRows estimates the rows of the list by f (its conditions on facets
// alone) with st, taking the facets for independent, as the planner does.
func listRows(f domain.MeetingFilter, st *planStats) float64 {
	n := st.live
	for _, c := range facetChoices(f) {
		n *= min(1, c.rows(st)/st.live)
	}
	return n
}

// orderBy is the ORDER BY clause of the filter's order over meetings m.
func orderBy(f domain.MeetingFilter) string {
	sp := sorts[f.Sort]
	return fmt.Sprintf("ORDER BY %s %s, m.id %s", sp.column, sp.order, sp.order)
}

// meetingWhere returns the conditions on meetings m that the filter sets,
// paging aside.
func meetingWhere(f domain.MeetingFilter, args *sqlArgs) []string {
	var where []string
	arg := args.add
	if f.UpdatedSince == nil {
		where = append(where, "m.deleted_at IS NULL")
	} else {
		where = append(where, "m.updated_at > "+arg(*f.UpdatedSince))
	}
	if !f.IncludeChildren {
		where = append(where, "m.parent_id IS NULL")
	}
	if len(f.Countries) > 0 {
		where = append(where, "m.countries && "+arg(f.Countries)+"::bpchar[]")
	}
	if f.Partner != "" {
		// @>, not = ANY: meetings_search_idx holds the countries for it.
		where = append(where, "m.countries @> ARRAY["+arg(f.Partner)+"]::bpchar[]")
	}
	if f.Host != "" {
		where = append(where, "m.host_country = "+arg(f.Host))
	}
	if f.Guest != "" {
		where = append(where, "EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.role = 'guest' AND d.country = "+arg(f.Guest)+")")
	}
	// sort_date is date_lo where the year is known (and where it is not, the
	// range excludes the meeting anyway): bounding it lets the list's index
	// scan start and stop at the range.
	if t, ok := f.From.First(); ok {
		a := arg(t)
		where = append(where, "m.date_lo >= "+a+"::date", "m.sort_date >= "+a+"::date")
	}
	if t, ok := f.To.Last(); ok {
		a := arg(t)
		where = append(where, "m.date_hi <= "+a+"::date", "m.sort_date <= "+a+"::date")
	}
	if f.Official != "" {
		a := arg(f.Official)
		where = append(where, `(EXISTS (SELECT 1 FROM delegations d JOIN delegation_members dm ON dm.delegation_id = d.id
			WHERE d.meeting_id = m.id AND dm.official_id = `+a+`)
		OR EXISTS (SELECT 1 FROM agreements a JOIN agreement_signatories s ON s.agreement_id = a.id
			WHERE a.meeting_id = m.id AND s.official_id = `+a+`)
		OR EXISTS (SELECT 1 FROM ceremonies c WHERE c.meeting_id = m.id AND c.recipient_official_id = `+a+`))`)
	}
	if f.Topic != "" {
		where = append(where, "m.topics @> ARRAY["+arg(string(f.Topic))+"]::text[]")
	}
	if f.Kind != "" {
		where = append(where, "m.kind = "+arg(string(f.Kind)))
	}
	if f.Series != "" {
		where = append(where, "lower(m.series_name) = lower("+arg(f.Series)+")")
	}
	if f.HasAgreement != nil {
		not := ""
		if !*f.HasAgreement {
			not = "NOT "
		}
		where = append(where, not+"EXISTS (SELECT 1 FROM agreements a WHERE a.meeting_id = m.id)")
	}
	if f.AgreementType != "" {
		where = append(where, "EXISTS (SELECT 1 FROM agreements a WHERE a.meeting_id = m.id AND a.type = "+arg(string(f.AgreementType))+")")
	}
	if f.Ceremony != "" {
		where = append(where, "EXISTS (SELECT 1 FROM ceremonies c WHERE c.meeting_id = m.id AND c.type = "+arg(string(f.Ceremony))+")")
	}
	if f.Q != "" {
		where = append(where, "m.search @@ websearch_to_tsquery('english', unaccent("+arg(f.Q)+"))")
	}
	return where
}

// ListMeetings implements domain.MeetingStore.
func (s *Store) ListMeetings(ctx context.Context, f domain.MeetingFilter) ([]domain.MeetingSummary, error) {
	if usesSearchSteps(f) {
		f.RevisionsOnly = false // a search page's items carry no revision
		return s.searchPage(ctx, f)
	}
	out := make([]domain.MeetingSummary, 0, max(f.Limit, 0))
	err := s.EachMeeting(ctx, f, func(m *domain.MeetingSummary) error {
		out = append(out, *m)
		return nil
	})
	return out, err
}

// exportBatch is how many meetings an export reads in one query.
const exportBatch = 2000

// EachMeeting calls fn for each meeting that passes the filter, in order.
// A page is one query. An export (f.NoLimit) reads keyset batches of
// exportBatch meetings on the bulk pool, one after the other, and calls fn
// with each batch once it is read: a connection is held only while a
// batch is read, so a client slow to take an export holds nothing of the
// database, and one batch sits in memory. Each meeting that passes the
// filter throughout appears once; one changed while an export runs may
// appear as it was or as it became (sorted by updated_at, both).
func (s *Store) EachMeeting(ctx context.Context, f domain.MeetingFilter, fn func(*domain.MeetingSummary) error) error {
	if !f.NoLimit {
		sql, args := pageQuery(f, s.est.statsFor(ctx, f))
		if f.RevisionsOnly {
			return eachRevision(ctx, s.traced(s.pool), sql, args, fn)
		}
		return eachMeeting(ctx, s.traced(s.pool), sql, args, fn)
	}
	f.NoLimit, f.Limit, f.After = false, exportBatch, nil
	// The slice is reused; the item bytes are not (each batch has blocks
	// of its own), since fn may keep what it is given.
	items := make([]domain.MeetingSummary, 0, exportBatch)
	for {
		items = items[:0]
		sql, args := meetingQuery(f)
		err := eachMeeting(ctx, s.traced(s.bulk), sql, args, func(m *domain.MeetingSummary) error {
			items = append(items, *m)
			return nil
		})
		if err != nil {
			return err
		}
		for i := range items {
			if err := fn(&items[i]); err != nil {
				return err
			}
		}
		if len(items) < exportBatch {
			return nil
		}
		last := items[len(items)-1]
		f.After = &domain.Cursor{Key: last.SortKey, ID: last.ID}
	}
}

func eachMeeting(ctx context.Context, q querier, sql string, args []any, fn func(*domain.MeetingSummary) error) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("list meetings: %w", formatError(err))
	}
	defer rows.Close()
	var m domain.MeetingSummary
	var items itemArena
	var pending []domain.MeetingSummary // rows whose item is not rendered yet
	for rows.Next() {
		if err := scanSummaryTo(rows, &m, &items); err != nil {
			return fmt.Errorf("list meetings: %w", formatError(err))
		}
		if m.Encoded == nil && !m.Deleted || pending != nil {
			// Kept, in order, until the rest of the items can be read.
			pending = append(pending, m)
			continue
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list meetings: %w", formatError(err))
	}
	rows.Close()
	if pending == nil {
		return nil
	}
	return renderPending(ctx, q, pending, fn)
}

// eachRevision is eachMeeting for a query of f.RevisionsOnly: the items
// are left out, and none is computed.
func eachRevision(ctx context.Context, q querier, sql string, args []any, fn func(*domain.MeetingSummary) error) error {
	rows, err := q.Query(ctx, sql, args...)
	if err != nil {
		return fmt.Errorf("list meetings: %w", formatError(err))
	}
	defer rows.Close()
	var m domain.MeetingSummary
	var none itemArena
	for rows.Next() {
		if err := scanSummaryTo(rows, &m, &none); err != nil {
			return fmt.Errorf("list meetings: %w", formatError(err))
		}
		if err := fn(&m); err != nil {
			return err
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("list meetings: %w", formatError(err))
	}
	return nil
}

// renderPending passes on items whose stored JSON is missing (rows written
// before migration 000010 by a process that did not render it), computing
// them from the tables.
func renderPending(ctx context.Context, q querier, items []domain.MeetingSummary, fn func(*domain.MeetingSummary) error) error {
	var ids []string
	for _, m := range items {
		if m.Encoded == nil && !m.Deleted {
			ids = append(ids, m.ID)
		}
	}
	legacy, err := legacyItems(ctx, q, ids)
	if err != nil {
		return err
	}
	for i := range items {
		m := &items[i]
		if l, ok := legacy[m.ID]; ok {
			l.SortKey = m.SortKey
			*m = l
		}
		if err := fn(m); err != nil {
			return err
		}
	}
	return nil
}

// legacyItems computes the list items of meetings from the tables, with
// their JSON.
func legacyItems(ctx context.Context, q querier, ids []string) (map[string]domain.MeetingSummary, error) {
	out := make(map[string]domain.MeetingSummary, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	rows, err := q.Query(ctx, legacyListSQL+"\nWHERE m.id = ANY($1)", ids)
	if err != nil {
		return nil, fmt.Errorf("list items: %w", formatError(err))
	}
	defer rows.Close()
	for rows.Next() {
		var m domain.MeetingSummary
		if err := scanLegacySummary(rows, &m); err != nil {
			return nil, fmt.Errorf("list items: %w", formatError(err))
		}
		if m.Encoded, err = json.Marshal(m); err != nil {
			return nil, err
		}
		out[m.ID] = m
	}
	return out, formatError(rows.Err())
}

// scanSummary reads a row of listSQL.
func scanSummary(rows pgx.Rows, m *domain.MeetingSummary) error {
	var updated time.Time
	var item []byte
	*m = domain.MeetingSummary{}
	if err := rows.Scan(&m.ID, &m.SortKey, &updated, &m.Deleted, &item); err != nil {
		return err
	}
	m.UpdatedAt = updated.UTC()
	if !m.Deleted {
		m.Encoded = item
	}
	return nil
}

// itemArena holds the stored items of a read in a few large blocks rather
// than an allocation each. What it hands out is never overwritten.
type itemArena struct{ buf []byte }

// itemBlock is the size of an arena's blocks: a page of items or so.
const itemBlock = 48 << 10

// copy returns a copy of b in the arena (nil for nil).
func (a *itemArena) copy(b []byte) []byte {
	if b == nil {
		return nil
	}
	if cap(a.buf)-len(a.buf) < len(b) {
		a.buf = make([]byte, 0, max(itemBlock, len(b)))
	}
	n := len(a.buf)
	a.buf = append(a.buf, b...)
	return a.buf[n:len(a.buf):len(a.buf)]
}

// scanSummaryTo reads a row of meetingQuery: listSQL's columns and the
// list revision, with the item copied into items (the stored JSON, json,
// whose text and binary forms are the same, taken as the row holds it).
func scanSummaryTo(rows pgx.Rows, m *domain.MeetingSummary, items *itemArena) error {
	var updated time.Time
	*m = domain.MeetingSummary{}
	if err := rows.Scan(&m.ID, &m.SortKey, &updated, &m.Deleted, nil, &m.Revision); err != nil {
		return err
	}
	m.UpdatedAt = updated.UTC()
	if !m.Deleted {
		m.Encoded = items.copy(rows.RawValues()[4])
	}
	return nil
}

// scanSummaryInto reads a row of listSQL followed by further columns.
func scanSummaryInto(rows pgx.Rows, m *domain.MeetingSummary, more ...any) error {
	var updated time.Time
	var item []byte
	*m = domain.MeetingSummary{}
	if err := rows.Scan(append([]any{&m.ID, &m.SortKey, &updated, &m.Deleted, &item}, more...)...); err != nil {
		return err
	}
	m.UpdatedAt = updated.UTC()
	if !m.Deleted {
		m.Encoded = item
	}
	return nil
}

// scanLegacySummary reads a row of legacyListSQL.
func scanLegacySummary(rows pgx.Rows, m *domain.MeetingSummary) error {
	var y, mo, d *int16
	var edition *int32
	var seriesName *string
	var updated time.Time
	*m = domain.MeetingSummary{}
	err := rows.Scan(&m.ID, &m.Title, &y, &mo, &d, &m.Kind, &m.City, &m.HostCountry, &m.Topics, &seriesName,
		&edition, &m.ParentID, &updated, &m.Deleted, &m.SortKey, &m.Countries, &m.Heads, &m.Agreements)
	if err != nil {
		return err
	}
	m.Date = partial(y, mo, d)
	m.DatePrecision = m.Date.Precision()
	m.UpdatedAt = updated.UTC()
	if seriesName != nil {
		m.Series = &domain.Series{Name: *seriesName}
		if edition != nil {
			e := int(*edition)
			m.Series.Edition = &e
		}
	}
	return nil
}
