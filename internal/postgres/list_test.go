package postgres

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

func newService(pool *pgxpool.Pool) *domain.Service {
	return serviceOf(NewStore(pool))
}

// serviceOf is the service over st.
func serviceOf(st *Store) *domain.Service {
	return domain.NewService(domain.Stores{Meetings: st, Officials: st, Agreements: st, Countries: st,
		Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st})
}

// genWords are the words of generated titles, so that searches match some
// meetings and not others.
var genWords = []string{"alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel"}

// genMeeting draws a valid meeting: two or three of a few countries, a date
// of any precision (a few without a year), a kind, topics, now and then an
// agreement and a child meeting.
func genMeeting(r *rand.Rand) *domain.Meeting {
	countries := []string{"AZ", "UZ", "TR", "KZ", "GE", "RU"}
	r.Shuffle(len(countries), func(i, j int) { countries[i], countries[j] = countries[j], countries[i] })
	n := 2 + r.IntN(2)
	names := map[string][]string{"AZ": {"Zakir Hasanov", "Kerim Veliyev"}, "UZ": {"Bakhodir Kurbanov"},
		"TR": {"Yasar Guler", "Hulusi Akar"}, "KZ": {"Ruslan Zhaksylykov"}, "GE": {"Irakli Chikovani"},
		"RU": {"Andrei Belousov", "Sergei Shoigu"}}
	m := &domain.Meeting{
		Title: fmt.Sprintf("%s %s meeting %d", genWords[r.IntN(len(genWords))], genWords[r.IntN(len(genWords))],
			r.IntN(1000)),
		Kind: domain.Kinds[r.IntN(len(domain.Kinds))],
	}
	y, mo, d := 2001+r.IntN(25), 1+r.IntN(12), 1+r.IntN(28)
	var ds string
	switch p := r.IntN(20); {
	case p < 14:
		ds = fmt.Sprintf("%04d-%02d-%02d", y, mo, d)
	case p < 16:
		ds = fmt.Sprintf("%04d-%02d", y, mo)
	case p < 18:
		ds = fmt.Sprintf("%04d", y)
	default:
		ds = fmt.Sprintf("--%02d-%02d", mo, d)
	}
	m.Date, _ = domain.ParsePartialDate(ds)
	for i, c := range countries[:n] {
		role := domain.RoleGuest
		if i == 0 {
			role = domain.RoleHost
		}
		dl := domain.Delegation{Country: c, Role: role}
		if r.IntN(5) > 0 {
			dl.Head = &domain.Participant{Name: names[c][r.IntN(len(names[c]))]}
		}
		m.Delegations = append(m.Delegations, dl)
	}
	m.Topics = []domain.Topic{}
	for _, t := range domain.Topics[:5] {
		if r.IntN(3) == 0 {
			m.Topics = append(m.Topics, t)
		}
	}
	if r.IntN(3) == 0 {
		m.Agreements = []domain.Agreement{{Title: "Plan " + genWords[r.IntN(len(genWords))],
			Type: "cooperation_plan", Parties: []string{countries[0], countries[1]}}}
	}
	if r.IntN(6) == 0 {
		m.ChildMeetings = []domain.Meeting{{Title: "Talks " + genWords[r.IntN(len(genWords))], Date: m.Date,
			Kind: "meeting", Delegations: []domain.Delegation{
				{Country: countries[0], Role: domain.RoleHost}, {Country: countries[1], Role: domain.RoleGuest}}}}
	}
	return m
}

// genData stores meetings of every kind of write: created one by one,
// imported, replaced (countries, date, kind and topics changed), deleted.
func genData(t *testing.T, svc *domain.Service, seed uint64, n int) {
	t.Helper()
	ctx := context.Background()
	r := rand.New(rand.NewPCG(seed, 1))
	var ids []string
	for range n {
		m, err := svc.CreateMeeting(ctx, genMeeting(r))
		if domain.ErrorCode(err) == domain.ECONFLICT {
			continue // the same date, kind and countries drawn twice
		}
		require.NoError(t, err)
		ids = append(ids, m.ID)
	}
	var lines []domain.ImportLine
	for i := range n / 2 {
		lines = append(lines, domain.ImportLine{N: i + 1, Meeting: genMeeting(r)})
	}
	rep, err := svc.Import(ctx, linesOf(lines), domain.ImportOptions{Chunk: 17})
	require.NoError(t, err)
	require.Positive(t, rep.Stored)
	for i, id := range ids {
		switch i % 7 {
		case 1: // replaced by another drawn meeting
			old, err := svc.GetMeeting(ctx, id)
			require.NoError(t, err)
			m := genMeeting(r)
			m.ChildMeetings = nil
			if _, err := svc.ReplaceMeeting(ctx, id, m, old.Version); domain.ErrorCode(err) != domain.ECONFLICT {
				require.NoError(t, err)
			}
		case 2:
			require.NoError(t, svc.DeleteMeeting(ctx, id, 0))
		}
	}
}

// referenceIDs lists the ids a filter selects, in its order, by the
// straightforward query: conditions on meetings and EXISTS on delegations,
// no facets, no stored columns, no paging.
func referenceIDs(t *testing.T, pool *pgxpool.Pool, f domain.MeetingFilter) []string {
	t.Helper()
	var args sqlArgs
	w := []string{"m.deleted_at IS NULL"}
	if f.UpdatedSince != nil {
		w = []string{"m.updated_at > " + args.add(*f.UpdatedSince)}
	}
	if !f.IncludeChildren {
		w = append(w, "m.parent_id IS NULL")
	}
	if len(f.Countries) > 0 {
		w = append(w, "EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = ANY("+
			args.add(f.Countries)+"::bpchar[]))")
	}
	if f.Partner != "" {
		w = append(w, "EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = "+args.add(f.Partner)+")")
	}
	if f.Host != "" {
		w = append(w, "m.host_country = "+args.add(f.Host))
	}
	if t0, ok := f.From.First(); ok {
		w = append(w, "m.date_lo >= "+args.add(t0)+"::date")
	}
	if t1, ok := f.To.Last(); ok {
		w = append(w, "m.date_hi <= "+args.add(t1)+"::date")
	}
	if f.Topic != "" {
		w = append(w, "m.topics @> ARRAY["+args.add(string(f.Topic))+"]::text[]")
	}
	if f.Kind != "" {
		w = append(w, "m.kind = "+args.add(string(f.Kind)))
	}
	if f.Q != "" {
		w = append(w, "m.search @@ websearch_to_tsquery('english', unaccent("+args.add(f.Q)+"))")
	}
	col, dir := "m.sort_date", "DESC"
	switch f.Sort {
	case domain.SortDateAsc:
		dir = "ASC"
	case domain.SortUpdatedAsc:
		col, dir = "m.updated_at", "ASC"
	case domain.SortUpdatedDesc:
		col = "m.updated_at"
	}
	rows, err := pool.Query(context.Background(), fmt.Sprintf("SELECT m.id::text FROM meetings m WHERE %s ORDER BY %s %s, m.id %s",
		strings.Join(w, " AND "), col, dir, dir), args...)
	require.NoError(t, err)
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	return ids
}

// pagedIDs lists the ids of a filter as a client paging through it sees them.
func pagedIDs(t *testing.T, svc *domain.Service, f domain.MeetingFilter) []string {
	t.Helper()
	ids := []string{}
	for range 1000 {
		items, next, err := svc.ListMeetings(context.Background(), f)
		require.NoError(t, err)
		for _, m := range items {
			ids = append(ids, m.ID)
		}
		if next == nil {
			return ids
		}
		f.After = next
	}
	t.Fatal("too many pages")
	return nil
}

func date(s string) domain.PartialDate {
	d, err := domain.ParsePartialDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// TestLists_SameRowsAsTheStraightforwardQuery pages through lists of every
// plan the store picks (facets of one or several countries, pairs, topics,
// kinds, date ranges, searches, other orders) over meetings written every
// way, and compares them with the straightforward query.
func TestLists_SameRowsAsTheStraightforwardQuery(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	svc := newService(pool)
	genData(t, svc, 1, 240)
	since := time.Now().Add(-time.Hour)
	filters := []domain.MeetingFilter{
		{},
		{Countries: []string{"UZ"}},
		{Countries: []string{"KZ"}, Sort: domain.SortDateAsc},
		{Countries: []string{"UZ", "GE"}},
		{Countries: []string{"UZ", "GE", "RU"}, Sort: domain.SortDateAsc},
		{Countries: []string{"AZ"}, Partner: "TR"},
		{Countries: []string{"AZ", "UZ"}, Partner: "TR"},
		{Countries: []string{"AZ", "UZ"}, Partner: "UZ"},
		{Countries: []string{"UZ"}, Partner: "UZ"},
		{Topic: "joint_exercises"},
		{Topic: "demining"}, // none
		{Kind: "phone_call"},
		{Kind: "official_visit", Topic: "military", Sort: domain.SortDateAsc},
		{Countries: []string{"AZ"}, Kind: "meeting", Topic: "military_technical"},
		{From: date("2010"), To: date("2012")},
		{From: date("2015-03"), To: date("2015-03")},
		{From: date("2020-01-05")},
		{To: date("2003-06")},
		{Countries: []string{"RU"}, From: date("2005"), To: date("2019-07")},
		{Topic: "regional_security", From: date("2008"), Sort: domain.SortDateAsc},
		{Q: "alpha"},
		{Q: "bravo charlie"},
		{Q: "delta", Countries: []string{"AZ"}},
		{Q: "nothingmatches"},
		{Host: "TR"},
		{IncludeChildren: true},
		{IncludeChildren: true, Countries: []string{"UZ"}},
		{Sort: domain.SortUpdatedDesc, Countries: []string{"GE"}},
		{UpdatedSince: &since},
		{UpdatedSince: &since, Countries: []string{"AZ"}},
	}
	for i, f := range filters {
		for _, limit := range []int{1, 7, 50} {
			f.Limit = limit
			want := referenceIDs(t, pool, withDefaults(f))
			got := pagedIDs(t, svc, f)
			if !assert.Equal(t, want, got, "filter %d %+v, limit %d", i, f, limit) {
				return
			}
		}
	}
}

// withDefaults fills in the order a filter gets by default.
func withDefaults(f domain.MeetingFilter) domain.MeetingFilter {
	if f.Sort == "" {
		f.Sort = domain.SortDateDesc
		if f.UpdatedSince != nil {
			f.Sort = domain.SortUpdatedAsc
		}
	}
	return f
}

// TestListColumns_KeptByEveryWrite checks, after writes of every kind, that
// each meeting's stored list item is the one computed from the tables, and
// that meeting_facets holds exactly the facets of the live top-level
// meetings.
func TestListColumns_KeptByEveryWrite(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	genData(t, newService(pool), 2, 150)
	ctx := context.Background()
	checkListColumns(t, pool)

	// Rows rendered before the store wrote list items are rendered by
	// RenderListItems, as the store would.
	_, err := pool.Exec(ctx, `UPDATE meetings SET list_item = NULL, countries = '{}' WHERE id IN
		(SELECT id FROM meetings ORDER BY id LIMIT 40)`)
	require.NoError(t, err)
	// Until then, lists compute them.
	svc := newService(pool)
	items, _, err := svc.ListMeetings(ctx, domain.MeetingFilter{IncludeChildren: true, Limit: 500})
	require.NoError(t, err)
	for _, it := range items {
		require.NotNil(t, it.Encoded, it.ID)
	}
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	n, err := RenderListItems(ctx, conn.Conn())
	conn.Release()
	require.NoError(t, err)
	assert.Equal(t, 40, n)
	checkListColumns(t, pool)
}

func checkListColumns(t *testing.T, pool *pgxpool.Pool) {
	t.Helper()
	ctx := context.Background()
	rows, err := pool.Query(ctx, `SELECT id::text, countries::text[], list_item::text, deleted_at IS NOT NULL FROM meetings`)
	require.NoError(t, err)
	type stored struct {
		countries []string
		item      string
		deleted   bool
	}
	got := map[string]stored{}
	for rows.Next() {
		var id string
		var s stored
		require.NoError(t, rows.Scan(&id, &s.countries, &s.item, &s.deleted))
		got[id] = s
	}
	require.NoError(t, rows.Err())
	require.NotEmpty(t, got)
	want, err := legacyItems(ctx, pool, slices.Collect(func(yield func(string) bool) {
		for id := range got {
			if !yield(id) {
				return
			}
		}
	}))
	require.NoError(t, err)
	for id, s := range got {
		if s.deleted {
			continue // a tombstone lists as its id alone
		}
		assert.Equal(t, want[id].Countries, s.countries, id)
		assert.Equal(t, string(want[id].Encoded), s.item, id)
	}
	var missing, extra int
	require.NoError(t, pool.QueryRow(ctx, `
		WITH want AS (SELECT f, m.sort_date, m.id FROM meetings m, meeting_facets_of(m.countries, m.topics, m.kind) f
		              WHERE m.deleted_at IS NULL AND m.parent_id IS NULL)
		SELECT (SELECT count(*) FROM (SELECT * FROM want EXCEPT SELECT * FROM meeting_facets) x),
		       (SELECT count(*) FROM (SELECT * FROM meeting_facets EXCEPT SELECT * FROM want) x)`).Scan(&missing, &extra))
	assert.Zero(t, missing, "facets missing")
	assert.Zero(t, extra, "facets left over")
}

// genCluster stores n meetings whose titles hold word, on the dates given
// in turn (a month's days, a year, dates without a year), so that a term's
// matches lie where a search must look for them.
func genCluster(t *testing.T, svc *domain.Service, r *rand.Rand, word string, n int, dates ...string) {
	t.Helper()
	for i := range n {
		m := genMeeting(r)
		m.Title = word + " " + m.Title
		m.Date = date(dates[i%len(dates)])
		m.ChildMeetings = nil
		if _, err := svc.CreateMeeting(context.Background(), m); domain.ErrorCode(err) != domain.ECONFLICT {
			require.NoError(t, err)
		}
	}
}

// TestSearch_SameRowsAsTheStraightforwardQuery pages through searches whose
// matches are recent, old, packed into one month, spread thin or without a
// year, or too many for one scan, with countries, partners and other
// filters, in both orders, each read in every plan of searchPage (the plan
// the estimate picks; one scan of the matches, capped; the walk, then
// years, months and a month's walk; those steps without the walk), and
// compares them with the straightforward query.
func TestSearch_SameRowsAsTheStraightforwardQuery(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	svc := newService(pool)
	genData(t, svc, 3, 160)
	r := rand.New(rand.NewPCG(9, 9))
	var may []string
	for d := 1; d <= 28; d++ {
		may = append(may, fmt.Sprintf("2003-05-%02d", d))
	}
	genCluster(t, svc, r, "zulu", 60, append(may, "2003-05", "2003", "--05-12")...)
	genCluster(t, svc, r, "zulu", 6, "2011-02-03", "2014-07", "2019")
	genCluster(t, svc, r, "yankee", 14, "2009-03-01", "2009-08-17", "2009", "2009-11")
	genCluster(t, svc, r, "xray", 5, "2002-01-01", "2007-07-07", "2013-03-03", "2021-12-31", "--01-01")
	genCluster(t, svc, r, "whiskey", 40, "2024-12-30", "2025-01-02", "2025-06")
	_, err := pool.Exec(context.Background(), "ANALYZE meetings")
	require.NoError(t, err)
	var all int
	require.NoError(t, pool.QueryRow(context.Background(), `SELECT count(*) FROM meetings m WHERE m.deleted_at IS NULL
		AND m.parent_id IS NULL AND m.search @@ websearch_to_tsquery('english', 'meeting')`).Scan(&all))
	require.Greater(t, all, searchRareRows(50), "a term with more matches than one scan reads")
	filters := []domain.MeetingFilter{
		{Q: "zulu"},
		{Q: "zulu", Sort: domain.SortDateAsc},
		{Q: "zulu", To: date("2003-05")},
		{Q: "zulu", From: date("2003-05-10"), To: date("2012")},
		{Q: "zulu", Countries: []string{"AZ"}},
		{Q: "zulu", Countries: []string{"UZ", "GE"}, Sort: domain.SortDateAsc},
		{Q: "zulu", Countries: []string{"UZ"}, Partner: "AZ"},
		{Q: "zulu", Countries: []string{"UZ", "GE"}, Partner: "UZ"},
		{Q: "zulu", Kind: "official_visit"},
		{Q: "yankee"},
		{Q: "yankee", Sort: domain.SortDateAsc},
		{Q: "xray"},
		{Q: "xray", Sort: domain.SortDateAsc},
		{Q: "whiskey"},
		{Q: "whiskey", Sort: domain.SortDateAsc},
		{Q: "whiskey", Countries: []string{"TR"}, Topic: "military"},
		{Q: "alpha"},
		{Q: "bravo charlie", Sort: domain.SortDateAsc},
		{Q: "zulu or yankee"},
		{Q: "zulu -yankee", IncludeChildren: true},
		{Q: "talks", IncludeChildren: true},
		{Q: "meeting"},
		{Q: "meeting", Sort: domain.SortDateAsc},
		{Q: "meeting", Countries: []string{"KZ"}},
		{Q: "meeting", From: date("2004"), To: date("2006-08")},
		{Q: "nothingmatches"},
	}
	for _, plan := range []searchPlan{planAuto, planRare, planWalk, planBuckets} {
		st := NewStore(pool)
		st.searchPlan = plan
		svc := serviceOf(st)
		for i, f := range filters {
			for _, limit := range []int{1, 3, 7, 50} {
				f.Limit = limit
				want := referenceIDs(t, pool, withDefaults(f))
				got := pagedIDs(t, svc, f)
				if !assert.Equal(t, want, got, "plan %d, filter %d %+v, limit %d", plan, i, f, limit) {
					return
				}
			}
		}
	}
}

// listState is what a list shows of a meeting, and its list revision.
type listState struct {
	shown string
	rev   int64
}

func listStates(t *testing.T, pool *pgxpool.Pool) map[string]listState {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT id::text,
		CASE WHEN deleted_at IS NOT NULL THEN 'deleted ' || updated_at::text ELSE coalesce(list_item::text, '') END,
		list_rev FROM meetings`)
	require.NoError(t, err)
	out := map[string]listState{}
	for rows.Next() {
		var id string
		var s listState
		require.NoError(t, rows.Scan(&id, &s.shown, &s.rev))
		out[id] = s
	}
	require.NoError(t, rows.Err())
	return out
}

// TestListRevision_EveryWriter checks that each write that changes what a
// list shows of a meeting (a replacement, even of the same content, a
// deletion, the rendering of missing list items) gives the meeting a new
// list revision, that new meetings (created or imported) take revisions no
// other row has, and that writes which change nothing a list shows (a
// search document refreshed) leave it.
func TestListRevision_EveryWriter(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	svc := newService(pool)
	genData(t, svc, 5, 40)
	before := listStates(t, pool)
	items, _, err := svc.ListMeetings(ctx, domain.MeetingFilter{Sort: domain.SortDateDesc, Limit: 6})
	require.NoError(t, err)
	require.Len(t, items, 6)
	for _, it := range items {
		require.Equal(t, before[it.ID].rev, it.Revision, "a list reads the row's revision")
	}
	// Read for their revisions alone, the same items, without their JSON.
	bare, _, err := svc.ListMeetings(ctx, domain.MeetingFilter{Sort: domain.SortDateDesc, Limit: 6, RevisionsOnly: true})
	require.NoError(t, err)
	require.Len(t, bare, 6)
	for i, it := range bare {
		assert.Equal(t, items[i].ID, it.ID)
		assert.Equal(t, items[i].Revision, it.Revision)
		assert.Nil(t, it.Encoded)
	}
	replaced, deleted, rendered, searched := items[0].ID, items[1].ID, []string{items[2].ID, items[3].ID}, items[4].ID

	old, err := svc.GetMeeting(ctx, replaced)
	require.NoError(t, err)
	same := *old
	same.ChildMeetings = nil
	_, err = svc.ReplaceMeeting(ctx, replaced, &same, old.Version)
	require.NoError(t, err)
	require.NoError(t, svc.DeleteMeeting(ctx, deleted, 0))
	_, err = pool.Exec(ctx, `UPDATE meetings SET list_item = NULL WHERE id = ANY($1)`, rendered)
	require.NoError(t, err)
	conn, err := pool.Acquire(ctx)
	require.NoError(t, err)
	n, err := RenderListItems(ctx, conn.Conn())
	conn.Release()
	require.NoError(t, err)
	require.Equal(t, 2, n)
	require.NoError(t, refreshSearch(ctx, pool, searched))
	r := rand.New(rand.NewPCG(99, 1))
	lines := []domain.ImportLine{{N: 1, Meeting: genMeeting(r)}, {N: 2, Meeting: genMeeting(r)}}
	rep, err := svc.Import(ctx, linesOf(lines), domain.ImportOptions{})
	require.NoError(t, err)
	require.Positive(t, rep.Stored)

	after := listStates(t, pool)
	changed := map[string]bool{replaced: true, deleted: true, rendered[0]: true, rendered[1]: true}
	revs := map[int64]string{}
	for id, b := range before {
		a := after[id]
		if a.shown != b.shown {
			assert.NotEqual(t, b.rev, a.rev, "%s shows otherwise with the same revision", id)
		}
		if changed[id] {
			assert.NotEqual(t, b.rev, a.rev, "%s was written", id)
		} else if !strings.HasPrefix(b.shown, "deleted") {
			// The deleted meeting's child meetings are deleted with it.
			if a.shown == b.shown {
				assert.Equal(t, b.rev, a.rev, "%s: nothing it shows changed", id)
			}
		}
		if a.rev != 1 {
			revs[a.rev] = id
		}
	}
	assert.Equal(t, before[searched].rev, after[searched].rev, "a search document refreshed")
	for id, a := range after {
		if _, ok := before[id]; !ok {
			assert.NotContains(t, revs, a.rev, "imported %s takes a revision of its own", id)
			revs[a.rev] = id
		}
	}
}

// linesOf feeds an import the given lines, in order.
func linesOf(lines []domain.ImportLine) func() (domain.ImportLine, bool) {
	return func() (domain.ImportLine, bool) {
		if len(lines) == 0 {
			return domain.ImportLine{}, false
		}
		l := lines[0]
		lines = lines[1:]
		return l, true
	}
}
