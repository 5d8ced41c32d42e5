package postgres

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// TestParseTsquery_ReadsWhatPostgreSQLWrites parses the queries PostgreSQL
// makes of search texts and of tsquery literals, and writes them back as
// PostgreSQL wrote them.
func TestParseTsquery_ReadsWhatPostgreSQLWrites(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	for _, q := range []string{
		"semlov", "semlov cooperation", `"joint exercise" or -drill`, "the", "", "a -(b or c)",
		`o'neil back\slash`, `"a b c" d`, "Şəmkir Mühafizə", "-cooperation", "x or y or z -w",
	} {
		var s string
		require.NoError(t, pool.QueryRow(ctx, `SELECT websearch_to_tsquery('english', unaccent($1))::text`, q).Scan(&s))
		got, err := parseTsquery(s)
		require.NoError(t, err, q)
		assert.Equal(t, s, got.String(), q)
	}
	for _, lit := range []string{
		`!('a' | 'b') & 'c' <2> !'d'`, `('a' | 'b') <-> 'c'`, `!!'a'`, `'a' & ('b' | 'c') & 'd'`,
		`'a':* & 'b':AB`, `'it''s' | 'x\\y'`, `'a' <-> ('b' <-> 'c')`,
	} {
		var s string
		require.NoError(t, pool.QueryRow(ctx, `SELECT $1::tsquery::text`, lit).Scan(&s))
		got, err := parseTsquery(s)
		require.NoError(t, err, lit)
		assert.Equal(t, s, got.String(), lit)
	}
	for _, bad := range []string{"'a' &", "('a'", "'a", "'a' 'b'", "& 'a'"} {
		_, err := parseTsquery(bad)
		assert.Error(t, err, bad)
	}
}

func TestTsquery_Share(t *testing.T) {
	t.Parallel()
	st := &planStats{lexemes: map[string]float64{"a": 0.5, "b": 0.2}, lexemeRest: 0.001}
	for s, want := range map[string]float64{
		"'a'": 0.5, "'zz'": 0.001, "'a' & 'b'": 0.1, "'a' | 'b'": 0.6, "!'b'": 0.8, "'a' <-> 'b'": 0.1,
		"'a' & !( 'b' | 'zz' )": 0.5 * (1 - (0.2 + 0.001 - 0.0002)), "": 0,
	} {
		q, err := parseTsquery(s)
		require.NoError(t, err, s)
		assert.InDelta(t, want, q.share(st), 1e-9, s)
	}
}

// TestEstimator_ReadsStatistics checks the figures an estimator reads from
// pg_stats against the data ANALYZE saw whole.
func TestEstimator_ReadsStatistics(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	est := newEstimator(pool)
	st, err := est.snapshot(ctx)
	require.NoError(t, err)
	assert.False(t, st.ok, "no statistics before ANALYZE")

	genData(t, newService(pool), 5, 200)
	_, err = pool.Exec(ctx, "ANALYZE meetings; ANALYZE meeting_facets")
	require.NoError(t, err)
	st, err = newEstimator(pool).snapshot(ctx)
	require.NoError(t, err)
	require.True(t, st.ok)
	var meetings, live, phone, alpha float64
	require.NoError(t, pool.QueryRow(ctx, `SELECT count(*), count(*) FILTER (WHERE deleted_at IS NULL AND parent_id IS NULL),
		count(*) FILTER (WHERE deleted_at IS NULL AND parent_id IS NULL AND kind = 'phone_call'),
		count(*) FILTER (WHERE search @@ 'alpha'::tsquery) FROM meetings`).Scan(&meetings, &live, &phone, &alpha))
	assert.Equal(t, meetings, st.meetings)
	assert.InDelta(t, live, st.live, 0.5)
	assert.InDelta(t, phone, st.facetRows("k:phone_call"), 0.5)
	assert.Less(t, st.facetRows("p:ZZ:YY"), phone, "a facet no meeting has")
	q, err := est.term(ctx, "Alpha")
	require.NoError(t, err)
	assert.InDelta(t, alpha/meetings, q.share(st), 0.02)
}

// TestEstimator_Refreshes checks that statistics past their time are read
// again, while the old ones still answer.
func TestEstimator_Refreshes(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	est := newEstimator(pool)
	old := &planStats{until: time.Now().Add(-time.Second)}
	est.stats.Store(old)
	st, err := est.snapshot(ctx)
	require.NoError(t, err)
	assert.Same(t, old, st)
	require.Eventually(t, func() bool { return est.current() != old }, 10*time.Second, 10*time.Millisecond)
}

// TestLists_EachFacetDrives pages through lists by several facets read
// from each in turn (the estimates set so that it has the fewest rows),
// and compares them with the straightforward query.
func TestLists_EachFacetDrives(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	genData(t, newService(pool), 4, 240)
	countries := []string{"AZ", "UZ", "TR", "KZ", "GE", "RU"}
	// Each filter with the facet read first when the countries, the topic,
	// the kind has the fewest rows ("": the kind's index).
	type test struct {
		f     domain.MeetingFilter
		reads [3]string
	}
	tests := []test{
		{domain.MeetingFilter{Countries: []string{"AZ"}, Kind: "official_visit"}, [3]string{"c:", "", ""}},
		{domain.MeetingFilter{Countries: []string{"UZ", "GE"}, Kind: "meeting", Sort: domain.SortDateAsc}, [3]string{"c:", "", ""}},
		{domain.MeetingFilter{Countries: []string{"AZ"}, Partner: "TR", Kind: "working_visit"}, [3]string{"p:", "", ""}},
		{domain.MeetingFilter{Countries: []string{"AZ", "KZ"}, Partner: "KZ", Kind: "official_visit"}, [3]string{"c:", "", ""}},
		{domain.MeetingFilter{Countries: []string{"RU"}, Topic: "military"}, [3]string{"c:", "t:", "c:"}},
		{domain.MeetingFilter{Topic: "military", Kind: "official_visit", Sort: domain.SortDateAsc}, [3]string{"", "t:", ""}},
		{domain.MeetingFilter{Countries: []string{"KZ"}, Topic: "military_technical", Kind: "meeting",
			From: date("2005"), To: date("2020")}, [3]string{"c:", "t:", ""}},
		{domain.MeetingFilter{Kind: "phone_call"}, [3]string{"", "", ""}},
		{domain.MeetingFilter{Kind: "official_visit", From: date("2010-03"), To: date("2016")}, [3]string{"", "", ""}},
		{domain.MeetingFilter{Q: "alpha", Countries: []string{"AZ"}, Kind: "official_visit"}, [3]string{"c:", "", ""}},
		{domain.MeetingFilter{Q: "meeting", Topic: "military", Kind: "meeting", Sort: domain.SortDateAsc}, [3]string{"", "t:", ""}},
	}
	for _, drive := range []string{"c:", "t:", "k:"} {
		st := &planStats{ok: true, until: time.Now().Add(time.Hour), meetings: 1e6, live: 1e6, facetRest: 1e5,
			facets: map[string]float64{}, lexemes: map[string]float64{}, lexemeRest: 0.5}
		rows := func(facet string) float64 {
			if strings.HasPrefix(facet, drive) || drive == "c:" && strings.HasPrefix(facet, "p:") {
				return 10
			}
			return 1e5
		}
		for _, a := range countries {
			st.facets["c:"+a] = rows("c:" + a)
			for _, b := range countries {
				st.facets["p:"+a+":"+b] = rows("p:" + a + ":" + b)
			}
		}
		for _, tp := range domain.Topics {
			st.facets["t:"+string(tp)] = rows("t:" + string(tp))
		}
		for _, k := range domain.Kinds {
			st.facets["k:"+string(k)] = rows("k:" + string(k))
		}
		var sqls []string
		var args [][]any
		store := NewStore(pool).Traced(func(sql string, a []any) {
			sqls = append(sqls, sql)
			args = append(args, a)
		})
		store.est.stats.Store(st)
		store.searchPlan = planWalk
		svc := serviceOf(store)
		for i, tc := range tests {
			f := tc.f
			for _, limit := range []int{1, 7, 50} {
				f.Limit = limit
				sqls, args = nil, nil
				want := referenceIDs(t, pool, withDefaults(f))
				got := pagedIDs(t, svc, f)
				if !assert.Equal(t, want, got, "drive %s, filter %d %+v, limit %d", drive, i, f, limit) {
					return
				}
				// The first statement reads the facet expected.
				var facet string
				for _, a := range args[0] {
					if s, ok := a.(string); ok && len(s) > 2 && s[1] == ':' {
						facet = s
						break
					}
				}
				expect := tc.reads[slices.Index([]string{"c:", "t:", "k:"}, drive)]
				assert.True(t, expect == "" && facet == "" || expect != "" && strings.HasPrefix(facet, expect),
					"drive %s, filter %d: read %q, want %q\n%s", drive, i, facet, expect, sqls[0])
			}
		}
	}
}
