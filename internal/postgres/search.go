package postgres

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// A page of a search (q), newest or oldest first, reads about a page of
// rows whatever the term's frequency and wherever in time its matches lie.
// No single plan does: walking the list's order finds a common term's
// matches at once but reads the whole table for a term whose matches are
// old, and reading every match through the GIN index and sorting them
// reads all 10,000 matches of a mid-frequency term for a page of 50. So the
// plan is chosen for each request from an estimate of the term's matches
// under the filter (searchChoose, estimator), and the page is found in
// steps, each reading at most about a page of rows:
//
//  0. A rare term (the estimate within searchRareRows, or the term's
//     alone within twice that): every match in one bitmap scan of
//     meetings_search_idx and a top-N sort, the scan capped at
//     searchRareRows rows; should the term have more matches than that
//     after all, the steps below.
//  1. A term frequent in the list (the estimate puts half a page within
//     the walk): walk the list's order for searchWalk pages of rows,
//     keeping the matches (a common term: done). Otherwise no walk: in
//     the list's first rows it would find next to nothing.
//  2. From where the walk stopped (or the page starts), read the matches
//     year by year through meetings_search_idx, a GIN index over the search
//     document, the countries, a key of each country and the year, and the
//     year and month of the date (btree_gin), which intersects the term's
//     entries with a year's (with a country, with that country's in that
//     year: searchCountryYears) inside the index: a year without matches
//     costs no row.
//     Reading stops once a page and one more row are read: the years read
//     whole hold the page (done), or the year the reading stopped in holds
//     what is missing.
//  3. The same month by month within that year;
//  4. and, within the month the reading stopped in (one that holds more
//     than the page), a walk of the month in the list's order. Dates without
//     a year (year 0) all sort alike, by id alone: that year is walked
//     instead of read by month.
//
// The steps are one to six statements. The estimate runs none, but for the
// first search of a term (its lexemes; see estimator).
const searchWalk = 2

// The year and month buckets of meetings_search_idx (migrations 000011,
// 000013, 000017); the expressions must be the index's own. A date without a year
// is in year 0.
const (
	searchYear  = "coalesce(m.date_year, 0)"
	searchMonth = "(coalesce(m.date_year, 0) * 12 + coalesce(m.date_month, 1) - 1)"
)

// searchCountryYears returns the conditions of the filter's countries and
// partner on meetings m in a year (an int, or an SQL expression), as keys of
// meetings_search_idx (migration 000017): one for each of a meeting's
// countries and the year of its date, by meeting_country_years, which
// matches a key of the search only for the same country and year. A common
// country's key of a year is a 25th of its entry in the index, where the
// country and the year apart made the index intersect the whole of both.
func searchCountryYears(f domain.MeetingFilter, args *sqlArgs, year any) []string {
	const keys = "meeting_country_years(m.countries, coalesce(m.date_year, 0))"
	if len(f.Countries) == 0 && f.Partner == "" {
		return nil
	}
	y, ok := year.(string)
	if !ok {
		y = args.add(year)
	}
	var w []string
	if len(f.Countries) > 0 {
		w = append(w, keys+" && meeting_country_years("+args.add(f.Countries)+"::bpchar[], "+y+")")
	}
	if f.Partner != "" {
		w = append(w, keys+" @> meeting_country_years(ARRAY["+args.add(f.Partner)+"]::bpchar[], "+y+")")
	}
	return w
}

// searchPlan is how a search page is read (see above).
type searchPlan int

const (
	planAuto    searchPlan = iota // chosen by the estimate
	planRare                      // one scan of the matches, capped; the buckets if over the cap
	planWalk                      // the walk, then the buckets
	planBuckets                   // the buckets alone
)

// searchRareRows is how many matches a search reads in one scan and sorts
// for a page of need rows: four pages' worth, and no fewer than 100.
func searchRareRows(need int) int { return max(4*need, 100) }

// usesSearchSteps reports whether a list is a search page searchPage reads.
func usesSearchSteps(f domain.MeetingFilter) bool {
	return f.Q != "" && !f.NoLimit && f.UpdatedSince == nil &&
		(f.Sort == domain.SortDateDesc || f.Sort == domain.SortDateAsc)
}

// searchPage reads a page of a search in the steps above.
func (s *Store) searchPage(ctx context.Context, f domain.MeetingFilter) ([]domain.MeetingSummary, error) {
	q := s.traced(s.pool)
	out, err := searchSteps(ctx, q, s.est, f, s.searchPlan)
	if err != nil {
		return nil, fmt.Errorf("search: %w", err)
	}
	var pending bool
	for _, m := range out {
		pending = pending || m.Encoded == nil && !m.Deleted
	}
	if !pending {
		return out, nil
	}
	var filled []domain.MeetingSummary
	err = renderPending(ctx, q, out, func(m *domain.MeetingSummary) error {
		filled = append(filled, *m)
		return nil
	})
	return filled, err
}

func searchSteps(ctx context.Context, q querier, est *estimator, f domain.MeetingFilter,
	plan searchPlan) ([]domain.MeetingSummary, error) {
	need := f.Limit
	desc := f.Sort == domain.SortDateDesc
	if plan == planAuto {
		var err error
		if plan, err = searchChoose(ctx, q, est, f); err != nil {
			return nil, err
		}
	}

	// 0. A rare term.
	if plan == planRare {
		got, ok, err := searchRareScan(ctx, q, f)
		if err != nil || ok {
			return got, err
		}
		plan = planBuckets // more matches than the estimate said, none of them near the top
	}

	// 1. The walk.
	var got []domain.MeetingSummary
	boundary := f.After
	if plan == planWalk {
		walk := need * searchWalk
		var args sqlArgs
		hit := "m.search @@ websearch_to_tsquery('english', unaccent(" + args.add(f.Q) + "))"
		noQ := f
		noQ.Q, noQ.Limit = "", walk
		inner := buildMeetingQuery(noQ, est.current(), &args, []column{{hit, "hit"}})
		sql := "SELECT w.id, w.sort_key, w.updated_at, w.deleted, w.list_item, w.hit, w.rn\nFROM (SELECT x.*, row_number() OVER () AS rn FROM (\n" +
			inner + "\n) x) w\nWHERE w.hit OR w.rn = " + args.add(walk) + "\nLIMIT " + args.add(need+1)
		boundary = nil
		err := queryRows(ctx, q, sql, args, func(rows pgx.Rows) error {
			var m domain.MeetingSummary
			var isHit bool
			var rn int64
			if err := scanSummaryInto(rows, &m, &isHit, &rn); err != nil {
				return err
			}
			if isHit && len(got) < need {
				got = append(got, m)
			}
			if rn == int64(walk) {
				boundary = &domain.Cursor{Key: m.SortKey, ID: m.ID}
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
		if len(got) >= need || boundary == nil {
			return got, nil // a page, or the list ended within the walk
		}
	}

	// Conditions of the steps that follow: the filter, after the walk (or
	// the page's own start), in a year (see searchCountryYears).
	after := f
	after.After = boundary
	stepWhere := func(args *sqlArgs, year any) []string {
		rest := after
		rest.Countries, rest.Partner = nil, ""
		w := append(meetingWhere(rest, args), keyset(after, args)...)
		return append(w, searchCountryYears(after, args, year)...)
	}
	inYear := func(y int) func(*sqlArgs) []string {
		return func(args *sqlArgs) []string {
			return append(stepWhere(args, y), searchYear+" = "+args.add(y))
		}
	}

	// 2. Years. A key of country and year is the year too.
	years, err := searchYears(ctx, q, f, boundary, desc)
	if err != nil {
		return nil, err
	}
	yearly := func(args *sqlArgs) []string {
		w := stepWhere(args, "b.v")
		if len(f.Countries) == 0 && f.Partner == "" {
			w = append(w, searchYear+" = b.v")
		}
		return w
	}
	complete, partial, err := searchBuckets(ctx, q, yearly, years, need-len(got)+1)
	if err != nil {
		return nil, err
	}
	got = append(got, complete...)
	if partial < 0 || len(got) >= need {
		return finish(got, need, desc), nil
	}

	// 3. Months of the year the reading stopped in. Dates without a year
	// all sort alike, by id alone, whatever their month: that year is
	// walked.
	y := years[partial]
	if y == 0 {
		return searchWalkBucket(ctx, q, f, inYear(0), got, need, desc)
	}
	first, last := 0, 11
	if boundary != nil {
		if by, bm := keyYearMonth(boundary.Key); by == y {
			if desc {
				last = bm - 1
			} else {
				first = bm - 1
			}
		}
	}
	var months []int
	for mo := first; mo <= last; mo++ {
		months = append(months, y*12+mo)
	}
	if desc {
		slices.Reverse(months)
	}
	monthly := func(args *sqlArgs) []string {
		return append(stepWhere(args, y), searchMonth+" = b.v")
	}
	complete, partial, err = searchBuckets(ctx, q, monthly, months, need-len(got)+1)
	if err != nil {
		return nil, err
	}
	got = append(got, complete...)
	if partial < 0 || len(got) >= need {
		return finish(got, need, desc), nil
	}

	// 4. The month the reading stopped in, in the list's order.
	month := months[partial]
	return searchWalkBucket(ctx, q, f, func(args *sqlArgs) []string {
		return append(inYear(y)(args), searchMonth+" = "+args.add(month))
	}, got, need, desc)
}

// searchChoose picks the plan of a search page from estimates (see
// estimator) of the rows that match the page's conditions, of the rows of
// the list without the term (whose first rows the walk would read), and of
// the term's matches alone. The list's rows are those of its facets (the
// conditions left aside make the estimate higher: the plan of a more
// common term, which reads a few more rows).
func searchChoose(ctx context.Context, q querier, est *estimator, f domain.MeetingFilter) (searchPlan, error) {
	st, err := est.snapshot(ctx)
	if err != nil {
		return 0, err
	}
	if !st.ok {
		return planWalk, nil // no statistics yet: the walk, which suits any term
	}
	t, err := est.term(ctx, f.Q)
	if err != nil {
		return 0, err
	}
	share := t.share(st)
	list := listRows(f, st)
	matches, alone := share*list, share*st.meetings
	capRows := float64(searchRareRows(f.Limit))
	switch {
	case matches <= capRows || alone <= 2*capRows:
		// The term alone within twice the cap: a lexeme outside the most
		// common ones ANALYZE keeps is estimated at half the rarest one's
		// frequency, so may have up to twice as many matches (or none). A
		// wrong guess costs the one capped scan.
		return planRare, nil
	case list <= 0 || matches*float64(searchWalk*f.Limit) >= list*float64(f.Limit)/2:
		return planWalk, nil
	default:
		return planBuckets, nil
	}
}

// searchRareScan reads the page from every match of the filter, at most
// searchRareRows of them, in one scan and a sort. ok is false when there
// are more matches than that (and the page is to be read otherwise).
func searchRareScan(ctx context.Context, q querier, f domain.MeetingFilter) ([]domain.MeetingSummary, bool, error) {
	sp := sorts[f.Sort]
	capRows := searchRareRows(f.Limit)
	var args sqlArgs
	where := append(meetingWhere(f, &args), keyset(f, &args)...)
	// The inner LIMIT caps what the scan reads; count(*) OVER () tells
	// whether the cap was reached (the window is computed before the
	// sort and its LIMIT).
	sql := "SELECT r.id, r.sort_key, r.updated_at, r.deleted, r.list_item, count(*) OVER () AS n\nFROM (" +
		fmt.Sprintf(listSQL, sp.key) + ", m.sort_date\nFROM meetings m\nWHERE " + strings.Join(where, "\n  AND ") +
		"\nLIMIT " + args.add(capRows+1) + ") r\n" +
		fmt.Sprintf("ORDER BY r.sort_date %s, r.id %s", sp.order, sp.order) + "\nLIMIT " + args.add(f.Limit)
	var got []domain.MeetingSummary
	var n int64
	err := queryRows(ctx, q, sql, args, func(rows pgx.Rows) error {
		var m domain.MeetingSummary
		if err := scanSummaryInto(rows, &m, &n); err != nil {
			return err
		}
		got = append(got, m)
		return nil
	})
	if err != nil || n > int64(capRows) {
		return nil, false, err
	}
	return got, true, nil
}

// searchWalkBucket adds to got the rows of one bucket (the rows that pass
// where) in the list's order, as many as the page lacks, and returns the
// page.
func searchWalkBucket(ctx context.Context, q querier, f domain.MeetingFilter, where func(*sqlArgs) []string,
	got []domain.MeetingSummary, need int, desc bool) ([]domain.MeetingSummary, error) {
	var args sqlArgs
	w := where(&args)
	sql := fmt.Sprintf(listSQL, sorts[f.Sort].key) + "\nFROM meetings m\nWHERE " + strings.Join(w, "\n  AND ") + "\n" +
		orderBy(f) + "\nLIMIT " + args.add(need-len(got))
	err := queryRows(ctx, q, sql, args, func(rows pgx.Rows) error {
		var m domain.MeetingSummary
		if err := scanSummary(rows, &m); err != nil {
			return err
		}
		got = append(got, m)
		return nil
	})
	if err != nil {
		return nil, err
	}
	return finish(got, need, desc), nil
}

// searchYears lists the years a search reads after the walk, in the list's
// order: from the walk's last row (boundary; nil: the list's start) to the
// earliest (or latest) year a live meeting has, within the filter's range;
// year 0 holds the dates without a year, which come last newest first and
// first oldest first.
func searchYears(ctx context.Context, q querier, f domain.MeetingFilter, boundary *domain.Cursor, desc bool) ([]int, error) {
	var lo, hi *int
	err := q.QueryRow(ctx, `SELECT extract(year FROM min(sort_date))::int, extract(year FROM max(sort_date))::int
		FROM meetings WHERE deleted_at IS NULL AND sort_date > '-infinity'`).Scan(&lo, &hi)
	if err != nil {
		return nil, formatError(err)
	}
	undated := f.From.IsZero() && f.To.IsZero() // a date range leaves out dates without a year
	by := -1                                    // no boundary: every year
	if boundary != nil {
		by, _ = keyYearMonth(boundary.Key)
	}
	var years []int
	if lo != nil {
		from, to := *lo, *hi
		if f.From.Year != 0 {
			from = max(from, f.From.Year)
		}
		if f.To.Year != 0 {
			to = min(to, f.To.Year)
		}
		if by > 0 {
			if desc {
				to = min(to, by)
			} else {
				from = max(from, by)
			}
		} else if by == 0 && desc {
			from, to = 1, 0 // the walk reached the dates without a year: none left
		}
		for y := from; y <= to; y++ {
			years = append(years, y)
		}
	}
	if desc {
		slices.Reverse(years)
		if undated {
			years = append(years, 0)
		}
	} else if undated && by <= 0 {
		years = append([]int{0}, years...)
	}
	return years, nil
}

// searchBuckets reads, bucket after bucket in the order given, the rows
// that pass where, the conditions of the bucket b.v (built afresh for each
// statement), until limit rows are read. It returns the rows of the buckets
// read whole and the index of the bucket it stopped in (-1: every bucket
// was read whole).
func searchBuckets(ctx context.Context, q querier, where func(*sqlArgs) []string, buckets []int,
	limit int) ([]domain.MeetingSummary, int, error) {
	if len(buckets) == 0 {
		return nil, -1, nil
	}
	var args sqlArgs
	w := where(&args)
	bs := args.add(buckets)
	// The nested loop reads the buckets in the array's order, each through
	// the index (a bucket without matches costs no row), and stops at the
	// limit. OFFSET 0 keeps the subquery a subquery, run for each bucket in
	// turn: flattened into a join, it could be hashed and lose the order.
	sql := "SELECT b.i, m.id, m.sort_date::text, m.updated_at, m.deleted_at IS NOT NULL, m.list_item\n" +
		"FROM unnest(" + bs + "::int[]) WITH ORDINALITY AS b(v, i)\nCROSS JOIN LATERAL (SELECT m.* FROM meetings m WHERE " +
		strings.Join(w, "\n  AND ") + "\n  OFFSET 0) m\nLIMIT " + args.add(limit)
	var rows []domain.MeetingSummary
	var bucket []int64
	err := queryRows(ctx, q, sql, args, func(r pgx.Rows) error {
		var i int64
		var m domain.MeetingSummary
		var updated time.Time
		var item []byte
		if err := r.Scan(&i, &m.ID, &m.SortKey, &updated, &m.Deleted, &item); err != nil {
			return err
		}
		if n := len(bucket); n > 0 && i < bucket[n-1] {
			return fmt.Errorf("search: buckets read out of order")
		}
		m.UpdatedAt = updated.UTC()
		if !m.Deleted {
			m.Encoded = item
		}
		rows = append(rows, m)
		bucket = append(bucket, i)
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	if len(rows) < limit {
		return rows, -1, nil
	}
	stop := bucket[len(bucket)-1]
	n := 0
	for n < len(rows) && bucket[n] < stop {
		n++
	}
	return rows[:n], int(stop - 1), nil
}

// finish orders the rows a search gathered and keeps the page.
func finish(rows []domain.MeetingSummary, need int, desc bool) []domain.MeetingSummary {
	slices.SortFunc(rows, func(a, b domain.MeetingSummary) int {
		c := strings.Compare(a.SortKey, b.SortKey)
		if c == 0 {
			c = strings.Compare(a.ID, b.ID)
		}
		if desc {
			return -c
		}
		return c
	})
	return rows[:min(need, len(rows))]
}

// keyYearMonth reads the year and month of a date sort key (0, 0 for
// -infinity, a date without a year).
func keyYearMonth(key string) (int, int) {
	if len(key) < 7 || key[4] != '-' {
		return 0, 0
	}
	y, _ := strconv.Atoi(key[:4])
	m, _ := strconv.Atoi(key[5:7])
	return y, m
}

// queryRows runs a step's query and calls fn for each row. The steps go as
// unnamed statements, planned with their values each time: a plan cached
// for one term (walk the order, or read the index) can be ruinous for
// another.
func queryRows(ctx context.Context, q querier, sql string, args []any, fn func(pgx.Rows) error) error {
	rows, err := q.Query(ctx, sql, append([]any{pgx.QueryExecModeCacheDescribe}, args...)...)
	if err != nil {
		return formatError(err)
	}
	defer rows.Close()
	for rows.Next() {
		if err := fn(rows); err != nil {
			return err
		}
	}
	return formatError(rows.Err())
}
