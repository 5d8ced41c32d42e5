// Command gen fills an empty, migrated milmeet database with a synthetic data
// set for the benchmarks: meetings of the seeds' shape, with everything they
// hold, loaded with COPY.
//
//	go run ./bench/gen -db "$DATABASE_URL" -meetings 1000000 -ids /tmp/ids.txt -terms /tmp/terms.env
//
// How it loads (see docs/benchmarks.md):
//   - The secondary indexes of the tables it fills (those not behind a
//     primary key or unique constraint) are dropped first and rebuilt after,
//     from their own pg_get_indexdef text; the loading sessions run with
//     session_replication_role = replica, so that foreign keys are not
//     checked row by row (the generator makes them consistent, and -verify
//     checks every one with anti-joins after the load).
//   - Meetings are copied into an unlogged staging table together with the
//     three texts meeting_search_document would aggregate for them (weights
//     A, B and C, over the meeting and its child meetings), then inserted
//     into meetings with search = setweight(to_tsvector('english',
//     unaccent(text)), ...) || ..., the expression of the function, in two
//     sessions at once. -verify compares a sample with
//     meeting_search_document(id).
//   - Then ANALYZE (by VACUUM ANALYZE, which also sets the visibility map).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/postgres"
	"golang.org/x/sync/errgroup"
)

// loadTables are the tables the generator fills, in no particular order.
var loadTables = []string{"officials", "meetings", "delegations", "delegation_members", "ceremonies",
	"agreements", "agreement_parties", "agreement_signatories", "sources", "source_titles", "meeting_sources"}

type copyTarget struct {
	table string
	cols  []string
}

var (
	stageTarget = copyTarget{"bench.stage", []string{"n", "id", "title", "date_year", "date_month", "date_day",
		"end_date", "city", "venue", "host_country", "kind", "summary", "topics", "series_name", "series_edition",
		"parent_id", "dedupe_key", "version", "created_at", "updated_at", "deleted_at", "countries", "list_item",
		"doc_a", "doc_b", "doc_c"}}
	delegationsTarget = copyTarget{"delegations", []string{"id", "meeting_id", "ord", "country", "role"}}
	membersTarget     = copyTarget{"delegation_members", []string{"delegation_id", "official_id", "ord", "is_head", "rank", "position"}}
	ceremoniesTarget  = copyTarget{"ceremonies", []string{"id", "meeting_id", "ord", "type", "site", "honoured",
		"description", "award", "recipient_official_id", "recipient_rank", "recipient_position"}}
	agreementsTarget   = copyTarget{"agreements", []string{"id", "meeting_id", "ord", "title", "type", "period", "signed_on"}}
	partiesTarget      = copyTarget{"agreement_parties", []string{"agreement_id", "country", "ord"}}
	signatoriesTarget  = copyTarget{"agreement_signatories", []string{"agreement_id", "official_id", "ord"}}
	sourcesTarget      = copyTarget{"sources", []string{"id", "url", "outlet", "title", "published_at", "language", "created_at"}}
	sourceTitlesTarget = copyTarget{"source_titles", []string{"source_id", "language", "title"}}
	meetingSrcTarget   = copyTarget{"meeting_sources", []string{"meeting_id", "source_id", "ord"}}
)

const stageDDL = `
CREATE SCHEMA IF NOT EXISTS bench;
DROP TABLE IF EXISTS bench.stage;
CREATE UNLOGGED TABLE bench.stage (
    n bigint, id uuid, title text, date_year smallint, date_month smallint, date_day smallint, end_date date,
    city text, venue text, host_country char(2), kind text, summary text, topics text[], series_name text,
    series_edition integer, parent_id uuid, dedupe_key text, version integer, created_at timestamptz,
    updated_at timestamptz, deleted_at timestamptz, countries char(2)[], list_item json,
    doc_a text, doc_b text, doc_c text)`

// insertMeetingsSQL moves one half of the staged meetings into meetings,
// computing search as meeting_search_document does from the same texts.
const insertMeetingsSQL = `
INSERT INTO meetings (id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind,
    summary, topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at,
    deleted_at, countries, list_item, search)
SELECT id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind,
    summary, topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at,
    deleted_at, countries, list_item,
    setweight(to_tsvector('english', unaccent(doc_a)), 'A')
 || setweight(to_tsvector('english', unaccent(doc_b)), 'B')
 || setweight(to_tsvector('english', unaccent(doc_c)), 'C')
FROM bench.stage WHERE n %% %d = %d ORDER BY n`

func main() {
	dbURL := flag.String("db", os.Getenv("DATABASE_URL"), "database URL (default $DATABASE_URL)")
	nMeetings := flag.Int("meetings", 1000000, "top-level meetings to make (child meetings come on top)")
	nOfficials := flag.Int("officials", 50000, "officials to make (about)")
	seed := flag.Uint64("seed", 1, "random seed")
	nIDs := flag.Int("nids", 10000, "meeting ids to sample for the benchmarks")
	idsFile := flag.String("ids", "", "write the sampled ids here, one a line")
	termsFile := flag.String("terms", "", "write search terms found in the data here (shell variables)")
	verify := flag.Bool("verify", true, "check references and search documents after loading")
	reset := flag.Bool("reset", false, "empty the tables first")
	flag.Parse()
	if err := run(context.Background(), *dbURL, *nMeetings, *nOfficials, *seed, *nIDs, *idsFile, *termsFile, *verify, *reset); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

var t0 = time.Now()

func logf(format string, args ...any) {
	fmt.Printf("[%6.1fs] %s\n", time.Since(t0).Seconds(), fmt.Sprintf(format, args...))
}

func connect(ctx context.Context, url string, replica bool) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, err
	}
	cfg.RuntimeParams["maintenance_work_mem"] = "1GB"
	cfg.RuntimeParams["work_mem"] = "256MB"
	cfg.RuntimeParams["synchronous_commit"] = "off"
	if replica {
		// Foreign keys are enforced by triggers, which a replica session does
		// not fire: the generator's rows are consistent, and -verify checks.
		cfg.RuntimeParams["session_replication_role"] = "replica"
	}
	return pgx.ConnectConfig(ctx, cfg)
}

func run(ctx context.Context, url string, nMeetings, nOfficials int, seed uint64, nIDs int, idsFile, termsFile string,
	verify, reset bool) error {
	conn, err := connect(ctx, url, false)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	if reset {
		if _, err := conn.Exec(ctx, `TRUNCATE `+strings.Join(loadTables, ", ")+` CASCADE`); err != nil {
			return err
		}
	}
	var have int64
	if err := conn.QueryRow(ctx, `SELECT (SELECT count(*) FROM meetings) + (SELECT count(*) FROM officials)`).Scan(&have); err != nil {
		return err
	}
	if have != 0 {
		return errors.New("the database holds meetings or officials already: give -reset to empty it")
	}

	// The countries' names as the search documents read them.
	names := map[string][2]string{}
	alt := map[string][]string{}
	crows, err := conn.Query(ctx, `SELECT alpha2, name, alt_names FROM countries`)
	if err != nil {
		return err
	}
	for crows.Next() {
		var code, name string
		var alts []string
		if err := crows.Scan(&code, &name, &alts); err != nil {
			return err
		}
		names[code] = [2]string{name, ""}
		alt[code] = alts
	}
	if err := crows.Err(); err != nil {
		return err
	}

	if err := dropIndexes(ctx, conn); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, stageDDL); err != nil {
		return err
	}

	g, err := newGen(seed, names, alt)
	if err != nil {
		return err
	}
	g.genOfficials(nOfficials)
	logf("%d officials drawn", len(g.officials))
	// Later migrations may add columns the store fills: name_key (000005)
	// is the first name key, the folded name.
	var hasNameKey bool
	if err := conn.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM information_schema.columns
		WHERE table_schema = 'public' AND table_name = 'officials' AND column_name = 'name_key')`).Scan(&hasNameKey); err != nil {
		return err
	}
	ocols := []string{"id", "name", "aliases", "name_keys", "country", "wikidata_id", "created_at", "updated_at"}
	if hasNameKey {
		ocols = append(ocols, "name_key")
	}
	orows := make([][]any, 0, len(g.officials))
	for _, o := range g.officials {
		row := []any{o.id, o.name, o.aliases, o.keys, o.country, o.wikidata, o.created, o.created}
		if hasNameKey {
			row = append(row, o.keys[0])
		}
		orows = append(orows, row)
	}
	oc, err := connect(ctx, url, true)
	if err != nil {
		return err
	}
	if _, err := oc.CopyFrom(ctx, pgx.Identifier{"officials"}, ocols, pgx.CopyFromRows(orows)); err != nil {
		return fmt.Errorf("copy officials: %w", err)
	}
	oc.Close(ctx)
	logf("officials copied")

	sks := g.skeletons(nMeetings)
	logf("%d top-level meetings drawn with unique dedupe keys", len(sks))

	ids, err := copyMeetings(ctx, url, g, sks, nIDs)
	if err != nil {
		return err
	}

	// Stage -> meetings, with the search documents, in two sessions.
	eg, ectx := errgroup.WithContext(ctx)
	for part := 0; part < 2; part++ {
		eg.Go(func() error {
			c, err := connect(ectx, url, true)
			if err != nil {
				return err
			}
			defer c.Close(ctx)
			tag, err := c.Exec(ectx, fmt.Sprintf(insertMeetingsSQL, 2, part))
			if err != nil {
				return fmt.Errorf("insert meetings: %w", err)
			}
			logf("meetings part %d inserted: %d rows", part, tag.RowsAffected())
			return nil
		})
	}
	if err := eg.Wait(); err != nil {
		return err
	}
	if _, err := conn.Exec(ctx, `DROP TABLE bench.stage`); err != nil {
		return err
	}
	// The facets lists read (migration 000010): the triggers that keep them
	// do not fire in the replica sessions that loaded the meetings.
	tag, err := conn.Exec(ctx, `INSERT INTO meeting_facets (facet, sort_date, meeting_id)
		SELECT f, m.sort_date, m.id FROM meetings m, meeting_facets_of(m.countries, m.topics, m.kind) f
		WHERE m.deleted_at IS NULL AND m.parent_id IS NULL`)
	if err != nil {
		return fmt.Errorf("meeting facets: %w", err)
	}
	logf("meeting_facets: %d rows", tag.RowsAffected())
	for _, t := range []string{"delegations", "ceremonies"} {
		if _, err := conn.Exec(ctx, fmt.Sprintf(`SELECT setval(pg_get_serial_sequence('%s', 'id'), (SELECT max(id) FROM %s))`, t, t)); err != nil {
			return err
		}
	}
	if err := restoreIndexes(ctx, url, conn); err != nil {
		return err
	}

	// The ids the benchmarks fetch, for wrk (a file) and pgbench (a table).
	if _, err := conn.Exec(ctx, `DROP TABLE IF EXISTS bench.ids; CREATE TABLE bench.ids (n integer PRIMARY KEY, id uuid NOT NULL)`); err != nil {
		return err
	}
	idRows := make([][]any, len(ids))
	for i, id := range ids {
		idRows[i] = []any{int32(i + 1), id}
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"bench", "ids"}, []string{"n", "id"}, pgx.CopyFromRows(idRows)); err != nil {
		return err
	}
	if idsFile != "" {
		if err := os.WriteFile(idsFile, []byte(strings.Join(ids, "\n")+"\n"), 0o644); err != nil {
			return err
		}
	}

	if err := vacuumAnalyze(ctx, url); err != nil {
		return err
	}
	if termsFile != "" {
		if err := writeTerms(termsFile, g); err != nil {
			return err
		}
	}
	if err := counts(ctx, conn); err != nil {
		return err
	}
	if verify {
		if err := verifyLoad(ctx, conn); err != nil {
			return err
		}
	}
	// run.sh reuses a kept cluster only when the load got this far.
	if _, err := conn.Exec(ctx, fmt.Sprintf(`DROP TABLE IF EXISTS bench.loaded;
CREATE TABLE bench.loaded AS SELECT now() AS at, %d AS meetings, %d AS seed`, nMeetings, seed)); err != nil {
		return err
	}
	logf("done")
	return nil
}

// dropIndexes records and drops the indexes of the load tables that no
// constraint owns; bench.saved_indexes keeps their definitions, so that an
// interrupted load can be finished by running restoreIndexes.
func dropIndexes(ctx context.Context, conn *pgx.Conn) error {
	if _, err := conn.Exec(ctx, `CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.saved_indexes (name text PRIMARY KEY, def text NOT NULL)`); err != nil {
		return err
	}
	_, err := conn.Exec(ctx, `
INSERT INTO bench.saved_indexes
SELECT ci.relname, pg_get_indexdef(i.indexrelid)
FROM pg_index i
JOIN pg_class ci ON ci.oid = i.indexrelid
JOIN pg_class ct ON ct.oid = i.indrelid
JOIN pg_namespace n ON n.oid = ct.relnamespace
WHERE n.nspname = 'public' AND ct.relname = ANY($1)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ON CONFLICT (name) DO NOTHING`, loadTables)
	if err != nil {
		return fmt.Errorf("save indexes: %w", err)
	}
	rows, err := conn.Query(ctx, `SELECT name FROM bench.saved_indexes ORDER BY name`)
	if err != nil {
		return err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return err
	}
	for _, n := range names {
		if _, err := conn.Exec(ctx, `DROP INDEX IF EXISTS public.`+pgx.Identifier{n}.Sanitize()); err != nil {
			return err
		}
	}
	logf("dropped %d secondary indexes for the load: %s", len(names), strings.Join(names, ", "))
	return nil
}

func restoreIndexes(ctx context.Context, url string, conn *pgx.Conn) error {
	rows, err := conn.Query(ctx, `SELECT name, def FROM bench.saved_indexes ORDER BY name`)
	if err != nil {
		return err
	}
	type ix struct{ name, def string }
	var ixs []ix
	for rows.Next() {
		var x ix
		if err := rows.Scan(&x.name, &x.def); err != nil {
			return err
		}
		ixs = append(ixs, x)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	// The GIN index on search is the longest: start it first.
	sort.SliceStable(ixs, func(i, j int) bool { return strings.Contains(ixs[i].def, "gin (search)") })
	work := make(chan ix)
	eg, ectx := errgroup.WithContext(ctx)
	for w := 0; w < 2; w++ {
		eg.Go(func() error {
			c, err := connect(ectx, url, false)
			if err != nil {
				return err
			}
			defer c.Close(ctx)
			for x := range work {
				t := time.Now()
				if _, err := c.Exec(ectx, x.def); err != nil {
					return fmt.Errorf("%s: %w", x.def, err)
				}
				if _, err := c.Exec(ectx, `DELETE FROM bench.saved_indexes WHERE name = $1`, x.name); err != nil {
					return err
				}
				logf("index %s built in %.1fs", x.name, time.Since(t).Seconds())
			}
			return nil
		})
	}
	eg.Go(func() error {
		defer close(work)
		for _, x := range ixs {
			select {
			case work <- x:
			case <-ectx.Done():
				return ectx.Err()
			}
		}
		return nil
	})
	if err := eg.Wait(); err != nil {
		return err
	}
	_, err = conn.Exec(ctx, `DROP TABLE bench.saved_indexes`)
	return err
}

// chanSource feeds CopyFrom from batches of rows.
type chanSource struct {
	ch  <-chan [][]any
	cur [][]any
	i   int
}

func (s *chanSource) Next() bool {
	if s.i+1 < len(s.cur) {
		s.i++
		return true
	}
	for {
		b, ok := <-s.ch
		if !ok {
			return false
		}
		if len(b) > 0 {
			s.cur, s.i = b, 0
			return true
		}
	}
}

func (s *chanSource) Values() ([]any, error) { return s.cur[s.i], nil }
func (s *chanSource) Err() error             { return nil }

// copyMeetings draws every meeting tree and streams its rows into ten COPYs
// at once, one session each. It returns a sample of live top-level ids.
func copyMeetings(ctx context.Context, url string, g *gen, sks []skeleton, nIDs int) ([]string, error) {
	targets := []copyTarget{stageTarget, delegationsTarget, membersTarget, ceremoniesTarget, agreementsTarget,
		partiesTarget, signatoriesTarget, sourcesTarget, sourceTitlesTarget, meetingSrcTarget}
	chans := make([]chan [][]any, len(targets))
	eg, ectx := errgroup.WithContext(ctx)
	var mu sync.Mutex
	copied := map[string]int64{}
	for i, t := range targets {
		ch := make(chan [][]any, 8)
		chans[i] = ch
		eg.Go(func() error {
			c, err := connect(ectx, url, true)
			if err != nil {
				return err
			}
			defer c.Close(ctx)
			ident := pgx.Identifier{t.table}
			if p := strings.SplitN(t.table, ".", 2); len(p) == 2 {
				ident = pgx.Identifier{p[0], p[1]}
			}
			n, err := c.CopyFrom(ectx, ident, t.cols, &chanSource{ch: ch})
			if err != nil {
				// Drain so that the generator does not block.
				go func() {
					for range ch {
					}
				}()
				return fmt.Errorf("copy %s: %w", t.table, err)
			}
			mu.Lock()
			copied[t.table] = n
			mu.Unlock()
			return nil
		})
	}
	var ids []string
	sampler := rand.New(rand.NewPCG(7, 11))
	eg.Go(func() error {
		defer func() {
			for _, ch := range chans {
				close(ch)
			}
		}()
		const batch = 2000
		bufs := make([][][]any, len(targets))
		send := func(i int, force bool) error {
			if len(bufs[i]) == 0 || (!force && len(bufs[i]) < batch) {
				return nil
			}
			select {
			case chans[i] <- bufs[i]:
			case <-ectx.Done():
				return ectx.Err()
			}
			bufs[i] = make([][]any, 0, batch+64)
			return nil
		}
		var rs rows
		var n int64
		live := 0
		for k, sk := range sks {
			rs.reset()
			id, isLive := g.writeTree(sk, &n, &rs)
			if isLive {
				// Reservoir sample of the live top-level meetings.
				live++
				if len(ids) < nIDs {
					ids = append(ids, id)
				} else if j := sampler.IntN(live); j < nIDs {
					ids[j] = id
				}
			}
			for i, part := range [][][]any{rs.stage, rs.delegations, rs.members, rs.ceremonies, rs.agreements,
				rs.parties, rs.signatories, rs.sources, rs.sourceTitles, rs.meetingSources} {
				bufs[i] = append(bufs[i], part...)
				if err := send(i, false); err != nil {
					return err
				}
			}
			if (k+1)%100000 == 0 {
				logf("%d meeting trees streamed (%d meeting rows)", k+1, n)
			}
		}
		for i := range targets {
			if err := send(i, true); err != nil {
				return err
			}
		}
		return nil
	})
	if err := eg.Wait(); err != nil {
		return nil, err
	}
	var parts []string
	for _, t := range targets {
		parts = append(parts, fmt.Sprintf("%s=%d", t.table, copied[t.table]))
	}
	logf("copied: %s", strings.Join(parts, " "))
	return ids, nil
}

func vacuumAnalyze(ctx context.Context, url string) error {
	tables := []string{"meetings", "delegation_members", "ceremonies", "delegations", "sources", "meeting_sources",
		"source_titles", "agreements", "agreement_parties", "agreement_signatories", "officials", "bench.ids"}
	work := make(chan string, len(tables))
	for _, t := range tables {
		work <- t
	}
	close(work)
	eg, ectx := errgroup.WithContext(ctx)
	for w := 0; w < 2; w++ {
		eg.Go(func() error {
			c, err := connect(ectx, url, false)
			if err != nil {
				return err
			}
			defer c.Close(ctx)
			for t := range work {
				start := time.Now()
				if _, err := c.Exec(ectx, `VACUUM (ANALYZE) `+t); err != nil {
					return fmt.Errorf("vacuum %s: %w", t, err)
				}
				logf("VACUUM (ANALYZE) %s: %.1fs", t, time.Since(start).Seconds())
			}
			return nil
		})
	}
	return eg.Wait()
}

func counts(ctx context.Context, conn *pgx.Conn) error {
	var parts []string
	for _, t := range loadTables {
		var n int64
		if err := conn.QueryRow(ctx, `SELECT count(*) FROM `+t).Scan(&n); err != nil {
			return err
		}
		parts = append(parts, fmt.Sprintf("%s=%d", t, n))
	}
	var top, children, deleted, unknownYear int64
	var size string
	if err := conn.QueryRow(ctx, `SELECT count(*) FILTER (WHERE parent_id IS NULL AND deleted_at IS NULL),
		count(*) FILTER (WHERE parent_id IS NOT NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL),
		count(*) FILTER (WHERE date_year IS NULL), pg_size_pretty(pg_database_size(current_database()))
		FROM meetings`).Scan(&top, &children, &deleted, &unknownYear, &size); err != nil {
		return err
	}
	logf("rows: %s", strings.Join(parts, " "))
	logf("meetings: %d live top-level, %d child, %d deleted, %d of unknown year; database %s", top, children,
		deleted, unknownYear, size)
	return nil
}

// verifyLoad checks what the foreign keys would have, and compares the
// stored search documents of a sample with meeting_search_document.
func verifyLoad(ctx context.Context, conn *pgx.Conn) error {
	checks := []struct{ what, sql string }{
		{"meetings.parent_id", `SELECT count(*) FROM meetings m WHERE parent_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM meetings p WHERE p.id = m.parent_id)`},
		{"delegations.meeting_id", `SELECT count(*) FROM delegations d WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = d.meeting_id)`},
		{"delegation_members.delegation_id", `SELECT count(*) FROM delegation_members x WHERE NOT EXISTS (SELECT 1 FROM delegations d WHERE d.id = x.delegation_id)`},
		{"delegation_members.official_id", `SELECT count(*) FROM delegation_members x WHERE NOT EXISTS (SELECT 1 FROM officials o WHERE o.id = x.official_id)`},
		{"ceremonies.meeting_id", `SELECT count(*) FROM ceremonies x WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = x.meeting_id)`},
		{"ceremonies.recipient_official_id", `SELECT count(*) FROM ceremonies x WHERE recipient_official_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM officials o WHERE o.id = x.recipient_official_id)`},
		{"agreements.meeting_id", `SELECT count(*) FROM agreements x WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = x.meeting_id)`},
		{"agreement_parties.agreement_id", `SELECT count(*) FROM agreement_parties x WHERE NOT EXISTS (SELECT 1 FROM agreements a WHERE a.id = x.agreement_id)`},
		{"agreement_signatories.agreement_id", `SELECT count(*) FROM agreement_signatories x WHERE NOT EXISTS (SELECT 1 FROM agreements a WHERE a.id = x.agreement_id)`},
		{"agreement_signatories.official_id", `SELECT count(*) FROM agreement_signatories x WHERE NOT EXISTS (SELECT 1 FROM officials o WHERE o.id = x.official_id)`},
		{"meeting_sources.meeting_id", `SELECT count(*) FROM meeting_sources x WHERE NOT EXISTS (SELECT 1 FROM meetings m WHERE m.id = x.meeting_id)`},
		{"meeting_sources.source_id", `SELECT count(*) FROM meeting_sources x WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = x.source_id)`},
		{"source_titles.source_id", `SELECT count(*) FROM source_titles x WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.id = x.source_id)`},
		{"host_country", `SELECT count(*) FROM meetings m WHERE NOT EXISTS (SELECT 1 FROM countries c WHERE c.alpha2 = m.host_country)`},
		{"empty search", `SELECT count(*) FROM meetings WHERE search = ''::tsvector`},
	}
	for _, c := range checks {
		var n int64
		if err := conn.QueryRow(ctx, c.sql).Scan(&n); err != nil {
			return fmt.Errorf("verify %s: %w", c.what, err)
		}
		if n != 0 {
			return fmt.Errorf("verify: %d rows break %s", n, c.what)
		}
	}
	logf("verify: every reference resolves, every meeting has a search document")
	// The same lexemes with the same weights as meeting_search_document.
	var sample, sameLexemes, identical int64
	err := conn.QueryRow(ctx, `
WITH s AS (
    (SELECT id FROM meetings WHERE parent_id IS NULL ORDER BY md5(id::text) LIMIT 300)
    UNION ALL (SELECT parent_id FROM meetings WHERE parent_id IS NOT NULL ORDER BY md5(id::text) LIMIT 100)
    UNION ALL (SELECT id FROM meetings WHERE parent_id IS NOT NULL ORDER BY md5(id::text) LIMIT 100)),
d AS (SELECT m.search AS stored, meeting_search_document(m.id) AS fresh FROM meetings m JOIN s USING (id)),
l AS (SELECT stored, fresh,
        (SELECT array_agg(lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(weights) w ORDER BY 1), '') ORDER BY lexeme) FROM unnest(stored)) AS a,
        (SELECT array_agg(lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(weights) w ORDER BY 1), '') ORDER BY lexeme) FROM unnest(fresh)) AS b
      FROM d)
SELECT count(*), count(*) FILTER (WHERE a = b), count(*) FILTER (WHERE stored = fresh) FROM l`).Scan(&sample, &sameLexemes, &identical)
	if err != nil {
		return fmt.Errorf("verify search: %w", err)
	}
	// The list columns as the store renders them.
	rows, err := conn.Query(ctx, `(SELECT id::text FROM meetings WHERE parent_id IS NULL ORDER BY md5(id::text) LIMIT 400)
		UNION ALL (SELECT id::text FROM meetings WHERE parent_id IS NOT NULL ORDER BY md5(id::text) LIMIT 100)
		UNION ALL (SELECT id::text FROM meetings WHERE deleted_at IS NOT NULL ORDER BY md5(id::text) LIMIT 20)`)
	if err != nil {
		return fmt.Errorf("verify list items: %w", err)
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("verify list items: %w", err)
	}
	stale, err := postgres.StaleListItems(ctx, conn, ids)
	if err != nil {
		return fmt.Errorf("verify list items: %w", err)
	}
	if len(stale) > 0 {
		return fmt.Errorf("verify: %d of %d sampled list items differ from the store's rendering, e.g. %s", len(stale), len(ids), stale[0])
	}
	logf("verify: the list items of %d sampled meetings are the store's rendering", len(ids))
	logf("verify: search documents of %d sampled meetings (with and without child meetings): %d hold the same lexemes and weights as meeting_search_document(id), %d are identical to it (positions too)",
		sample, sameLexemes, identical)
	if sameLexemes != sample {
		return fmt.Errorf("verify: %d of %d sampled search documents differ from meeting_search_document", sample-sameLexemes, sample)
	}
	return nil
}

var plainWord = regexp.MustCompile(`^[A-Z][a-z]+$`)

// writeTerms picks surnames for the search benchmark: a rare one (in the
// documents of about 50 top-level meetings) and a mid-frequency one (about
// 1%). bench/run.sh counts the actual matches with SQL.
func writeTerms(path string, g *gen) error {
	firsts := map[string]bool{}
	for _, s := range schemes {
		for _, f := range s.first {
			firsts[f] = true
		}
	}
	type cand struct {
		name string
		n    int
	}
	var cs []cand
	for s, n := range g.surnames {
		if plainWord.MatchString(s) && !firsts[s] {
			cs = append(cs, cand{s, n})
		}
	}
	closest := func(target int) cand {
		best := cand{}
		for _, c := range cs {
			if best.name == "" || abs(c.n-target) < abs(best.n-target) || (abs(c.n-target) == abs(best.n-target) && c.name < best.name) {
				best = c
			}
		}
		return best
	}
	rare, mid := closest(50), closest(10000)
	body := fmt.Sprintf("RARE_TERM=%s\nRARE_EST=%d\nMID_TERM=%s\nMID_EST=%d\n", strings.ToLower(rare.name), rare.n,
		strings.ToLower(mid.name), mid.n)
	logf("search terms: rare %q (~%d meetings), mid %q (~%d meetings)", rare.name, rare.n, mid.name, mid.n)
	return os.WriteFile(path, []byte(body), 0o644)
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
