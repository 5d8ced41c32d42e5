package postgres

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/milmeet/milmeet/internal/domain"
)

// estimator says how many rows a list or a search would read, from what
// the last ANALYZE left in pg_stats: the shares of meeting_facets' most
// common facets and of the search documents' most common lexemes (the
// planner's own figures). A Store reads them once every statsTTL, not at
// each request: asking the planner for an estimate (EXPLAIN) costs
// PostgreSQL about as much as a short page, more with the search
// document's larger statistics (migration 000015). A search term's
// lexemes, as websearch_to_tsquery makes them, take one statement the
// first time the term is asked for and are kept (termKeep terms).
//
// It is used for the choice of a plan only: a wrong estimate makes a page
// read more rows, never different ones.
type estimator struct {
	q       querier // untraced: these are no page's statements
	stats   atomic.Pointer[planStats]
	loading atomic.Bool  // a reload is under way
	first   sync.Mutex   // held while the first statistics are read
	terms   sync.Map     // q -> *tsqueryNode
	nterms  atomic.Int64 // entries in terms, about
}

const (
	statsTTL = 5 * time.Minute
	termKeep = 4096 // terms kept; all are dropped when there are more
)

func newEstimator(q querier) *estimator { return &estimator{q: q} }

// planStats are the statistics the estimates are made of.
type planStats struct {
	until time.Time
	// ok is false when ANALYZE has not seen the tables yet: no estimate.
	ok bool
	// meetings is the rows of meetings (all of them); live, the live
	// top-level ones (the rows of the kind facets, each such meeting has
	// one).
	meetings, live float64
	// facets holds the rows of the most common facets; any other is
	// estimated at facetRest rows.
	facets    map[string]float64
	facetRest float64
	// lexemes holds the shares of meetings whose search document holds
	// each of the most common lexemes; any other is estimated at
	// lexemeRest, as the planner does (half the rarest one's share).
	lexemes    map[string]float64
	lexemeRest float64
}

const planStatsSQL = `
SELECT (SELECT reltuples FROM pg_class WHERE oid = 'meetings'::regclass)::float8,
    (SELECT reltuples FROM pg_class WHERE oid = 'meeting_facets'::regclass)::float8,
    f.most_common_vals::text::text[], f.most_common_freqs, f.n_distinct,
    s.most_common_elems::text::text[], s.most_common_elem_freqs
FROM (SELECT 1) one
LEFT JOIN pg_stats f ON f.schemaname = current_schema() AND f.tablename = 'meeting_facets' AND f.attname = 'facet'
LEFT JOIN pg_stats s ON s.schemaname = current_schema() AND s.tablename = 'meetings' AND s.attname = 'search'`

// readPlanStats reads the statistics from pg_stats.
func readPlanStats(ctx context.Context, q querier) (*planStats, error) {
	var meetings, facetRows float64
	var facetVals, lexemes []string
	var facetFreqs, lexemeFreqs []float64
	var nDistinct *float64
	err := q.QueryRow(ctx, planStatsSQL).Scan(&meetings, &facetRows, &facetVals, &facetFreqs, &nDistinct,
		&lexemes, &lexemeFreqs)
	if err != nil {
		return nil, fmt.Errorf("plan statistics: %w", formatError(err))
	}
	st := &planStats{until: time.Now().Add(statsTTL), meetings: meetings}
	// reltuples is -1 (15: never vacuumed nor analyzed) or 0 on a fresh
	// table; without the MCV lists there is nothing to go by.
	if meetings <= 0 || facetRows <= 0 || len(facetVals) == 0 || len(facetVals) != len(facetFreqs) ||
		len(lexemes) == 0 || len(lexemeFreqs) < len(lexemes)+2 {
		return st, nil
	}
	st.ok = true
	st.facets = make(map[string]float64, len(facetVals))
	var sum, least float64
	for i, v := range facetVals {
		n := facetFreqs[i] * facetRows
		st.facets[v] = n
		sum += facetFreqs[i]
		if strings.HasPrefix(v, "k:") {
			st.live += n
		}
		if least == 0 || facetFreqs[i] < least {
			least = facetFreqs[i]
		}
	}
	if st.live == 0 {
		st.live = meetings
	}
	// A facet outside the list: the rest of the rows spread over the other
	// distinct facets, and no more than the least common one.
	rest := least
	if nDistinct != nil {
		d := *nDistinct
		if d < 0 {
			d = -d * facetRows
		}
		if d > float64(len(facetVals)) {
			rest = min(rest, (1-sum)/(d-float64(len(facetVals))))
		}
	}
	st.facetRest = max(rest, 0) * facetRows
	// most_common_elem_freqs ends with the least and the greatest share.
	st.lexemes = make(map[string]float64, len(lexemes))
	for i, l := range lexemes {
		st.lexemes[l] = lexemeFreqs[i]
	}
	st.lexemeRest = lexemeFreqs[len(lexemes)] / 2
	return st, nil
}

// snapshot returns the statistics, reading them on first use and again in
// the background once they are statsTTL old (requests meanwhile use the
// old ones).
func (e *estimator) snapshot(ctx context.Context) (*planStats, error) {
	if st := e.stats.Load(); st != nil {
		if time.Now().After(st.until) && e.loading.CompareAndSwap(false, true) {
			go func() {
				defer e.loading.Store(false)
				ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
				defer cancel()
				if st, err := readPlanStats(ctx, e.q); err == nil {
					e.stats.Store(st)
				}
			}()
		}
		return st, nil
	}
	e.first.Lock()
	defer e.first.Unlock()
	if st := e.stats.Load(); st != nil {
		return st, nil
	}
	st, err := readPlanStats(ctx, e.q)
	if err != nil {
		return nil, err
	}
	e.stats.Store(st)
	return st, nil
}

// current returns the statistics read last (nil: none yet).
func (e *estimator) current() *planStats {
	if e == nil {
		return nil
	}
	return e.stats.Load()
}

// statsFor returns the statistics for a list by f: nil when f filters by
// at most one kind of facet (there is no choice to make) or when they
// cannot be read (the facets' fixed order then).
func (e *estimator) statsFor(ctx context.Context, f domain.MeetingFilter) *planStats {
	n := 0
	for _, set := range []bool{len(f.Countries) > 0, f.Topic != "", f.Kind != ""} {
		if set {
			n++
		}
	}
	if e == nil || n < 2 {
		return nil
	}
	st, err := e.snapshot(ctx)
	if err != nil {
		return nil
	}
	return st
}

// facetRows is the estimated rows of a facet.
func (st *planStats) facetRows(facet string) float64 {
	if n, ok := st.facets[facet]; ok {
		return n
	}
	return st.facetRest
}

// term returns the query websearch_to_tsquery makes of q, read once.
func (e *estimator) term(ctx context.Context, text string) (*tsqueryNode, error) {
	if t, ok := e.terms.Load(text); ok {
		return t.(*tsqueryNode), nil
	}
	var s string
	if err := e.q.QueryRow(ctx, `SELECT websearch_to_tsquery('english', unaccent($1))::text`, text).Scan(&s); err != nil {
		return nil, fmt.Errorf("search terms: %w", formatError(err))
	}
	t, err := parseTsquery(s)
	if err != nil {
		return nil, err
	}
	if e.nterms.Add(1) > termKeep {
		e.terms.Clear()
		e.nterms.Store(1)
	}
	e.terms.Store(text, t)
	return t, nil
}

// tsqueryNode is a parsed tsquery: an operand (lexeme) or an operator
// ('!', '&', '|', or '<' for any phrase operator) over its arguments. A
// nil node is the empty query, which matches nothing.
type tsqueryNode struct {
	op     byte
	lexeme string // of an operand; of a phrase operator, the operator ("<->", "<2>")
	prefix bool
	marks  string // an operand's prefix mark and weights as written (":*AB")
	args   []*tsqueryNode
}

// share estimates the share of the meetings whose search document
// matches t, as the planner does: lexemes independent, a phrase as likely
// as its words together.
func (t *tsqueryNode) share(st *planStats) float64 {
	if t == nil {
		return 0
	}
	switch t.op {
	case 0:
		if t.prefix {
			return min(1, 10*st.lexemeRest) // websearch_to_tsquery makes none
		}
		if p, ok := st.lexemes[t.lexeme]; ok {
			return p
		}
		return st.lexemeRest
	case '!':
		return 1 - t.args[0].share(st)
	case '|':
		a, b := t.args[0].share(st), t.args[1].share(st)
		return a + b - a*b
	default:
		return t.args[0].share(st) * t.args[1].share(st)
	}
}

// String writes t as PostgreSQL writes a tsquery (tests read it back).
func (t *tsqueryNode) String() string {
	if t == nil {
		return ""
	}
	return t.write(0, false)
}

// tsquery operators' priorities, as PostgreSQL's (tsquery.h).
func tsPriority(op byte) int {
	switch op {
	case '|':
		return 1
	case '&':
		return 2
	case '<':
		return 3
	case '!':
		return 4
	}
	return 5
}

// write writes t under an operator of priority parent; rightPhrase: as the
// right argument of a phrase operator, which is not associative.
func (t *tsqueryNode) write(parent int, rightPhrase bool) string {
	var s string
	switch t.op {
	case 0:
		return "'" + strings.NewReplacer("'", "''", `\`, `\\`).Replace(t.lexeme) + "'" + t.marks
	case '!':
		return "!" + t.args[0].write(tsPriority('!'), false)
	case '|':
		s = t.args[0].write(1, false) + " | " + t.args[1].write(1, false)
	case '&':
		s = t.args[0].write(2, false) + " & " + t.args[1].write(2, false)
	default:
		s = t.args[0].write(3, false) + " " + t.lexeme + " " + t.args[1].write(3, true)
	}
	if tsPriority(t.op) < parent || rightPhrase && t.op == '<' {
		return "( " + s + " )"
	}
	return s
}

// parseTsquery reads a tsquery as PostgreSQL writes it ('a' & !( 'b' | 'c'
// ) <-> 'd'); operators of a priority are left-associative.
func parseTsquery(s string) (*tsqueryNode, error) {
	p := &tsParser{s: s}
	if p.skip(); p.i == len(s) {
		return nil, nil
	}
	t, err := p.expr(1)
	if err != nil {
		return nil, err
	}
	if p.skip(); p.i != len(s) {
		return nil, fmt.Errorf("tsquery %q: unexpected text at %d", s, p.i)
	}
	return t, nil
}

type tsParser struct {
	s string
	i int
}

func (p *tsParser) skip() {
	for p.i < len(p.s) && p.s[p.i] == ' ' {
		p.i++
	}
}

// expr reads operands joined by operators of priority prio or more.
func (p *tsParser) expr(prio int) (*tsqueryNode, error) {
	if prio > 3 {
		return p.unary()
	}
	left, err := p.expr(prio + 1)
	if err != nil {
		return nil, err
	}
	for {
		p.skip()
		if p.i == len(p.s) {
			return left, nil
		}
		op, text := p.s[p.i], ""
		switch {
		case op == '|' && prio == 1, op == '&' && prio == 2:
			p.i++
		case op == '<' && prio == 3:
			end := strings.IndexByte(p.s[p.i:], '>')
			if end < 0 {
				return nil, fmt.Errorf("tsquery %q: unclosed phrase operator", p.s)
			}
			text = p.s[p.i : p.i+end+1]
			p.i += end + 1
		default:
			return left, nil
		}
		right, err := p.expr(prio + 1)
		if err != nil {
			return nil, err
		}
		left = &tsqueryNode{op: op, lexeme: text, args: []*tsqueryNode{left, right}}
	}
}

func (p *tsParser) unary() (*tsqueryNode, error) {
	p.skip()
	if p.i == len(p.s) {
		return nil, fmt.Errorf("tsquery %q: operand missing", p.s)
	}
	switch p.s[p.i] {
	case '!':
		p.i++
		a, err := p.unary()
		if err != nil {
			return nil, err
		}
		return &tsqueryNode{op: '!', args: []*tsqueryNode{a}}, nil
	case '(':
		p.i++
		t, err := p.expr(1)
		if err != nil {
			return nil, err
		}
		if p.skip(); p.i == len(p.s) || p.s[p.i] != ')' {
			return nil, fmt.Errorf("tsquery %q: unclosed parenthesis", p.s)
		}
		p.i++
		return t, nil
	case '\'':
		var b strings.Builder
		for p.i++; ; p.i++ {
			if p.i == len(p.s) {
				return nil, fmt.Errorf("tsquery %q: unclosed lexeme", p.s)
			}
			c := p.s[p.i]
			if c == '\'' {
				if p.i+1 < len(p.s) && p.s[p.i+1] == '\'' {
					p.i++
				} else {
					p.i++
					break
				}
			} else if c == '\\' && p.i+1 < len(p.s) {
				p.i++
				c = p.s[p.i]
			}
			b.WriteByte(c)
		}
		t := &tsqueryNode{lexeme: b.String()}
		// Weights and prefix: ":*", ":AB", ":*AB".
		if p.i < len(p.s) && p.s[p.i] == ':' {
			start := p.i
			for p.i++; p.i < len(p.s) && strings.IndexByte("*ABCDabcd", p.s[p.i]) >= 0; p.i++ {
				t.prefix = t.prefix || p.s[p.i] == '*'
			}
			t.marks = p.s[start:p.i]
		}
		return t, nil
	}
	return nil, fmt.Errorf("tsquery %q: unexpected %q at %d", p.s, p.s[p.i], p.i)
}
