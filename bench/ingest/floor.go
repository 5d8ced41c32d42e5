package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

// The floor of an import: the rows an import of the file stores (officials
// new to it, meetings with their search documents, delegations, members,
// ceremonies, agreements and parties, sources and links, an audit entry a
// meeting), made in Go and written with COPY into the same schema, chunk by
// chunk in a transaction each, as a plain import writes them; foreign keys
// and the schema's triggers run as they do for the import. Nothing is
// looked up, validated or deduplicated: every meeting, official and source
// of the file is taken to be new (the file's are, in a database that has
// not seen it). The search documents are computed as the import computes
// them: texts made in Go, copied into a staging table, inserted with the
// expression of meeting_search_document.

// floorChunk is the number of meetings a transaction writes, the import's
// default chunk.
const floorChunk = 500

type floorWriter struct {
	conn      *pgx.Conn
	countries map[string]string // alpha-2 -> name and alternative names, as documents read them
	officials map[string]*domain.Official
	now       time.Time
}

// runFloor writes the meetings of the NDJSON file path into the database
// at url and prints the rate.
func runFloor(ctx context.Context, url, path string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	fw := &floorWriter{conn: conn, countries: map[string]string{}, officials: map[string]*domain.Official{},
		now: time.Now().UTC().Truncate(time.Microsecond)}
	rows, err := conn.Query(ctx, `SELECT alpha2::text, name || ' ' || array_to_string(alt_names, ' ') FROM countries`)
	if err != nil {
		return err
	}
	var code, text string
	if _, err := pgx.ForEachRow(rows, []any{&code, &text}, func() error {
		fw.countries[code] = text
		return nil
	}); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	var ms []*domain.Meeting
	for sc.Scan() {
		m := &domain.Meeting{}
		if err := json.Unmarshal(sc.Bytes(), m); err != nil {
			return fmt.Errorf("line %d: %w", len(ms)+1, err)
		}
		ms = append(ms, m)
	}
	if err := sc.Err(); err != nil {
		return err
	}
	// The rows are made before the clock starts: what is timed is writing them.
	chunks, err := fw.rows(ctx, ms)
	if err != nil {
		return err
	}
	start := time.Now()
	for _, r := range chunks {
		if err := fw.write(ctx, r); err != nil {
			return err
		}
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("floor: COPY of %d meetings with their rows and search documents in %.2f s: %.0f meetings/s\n",
		len(ms), secs, float64(len(ms))/secs)
	// The documents hold the lexemes and weights meeting_search_document
	// computes (the order of the words, so their positions, follows the
	// plan of its joins).
	var other int
	last := ms[len(ms)-min(len(ms), floorChunk):]
	var lastIDs []string
	for _, m := range last {
		lastIDs = append(lastIDs, m.ID)
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM meetings m WHERE m.id = ANY($1::uuid[]) AND
		(SELECT array_agg(u.lexeme || ':' || array_to_string(u.weights, '') ORDER BY u.lexeme) FROM unnest(m.search) u)
		IS DISTINCT FROM (SELECT array_agg(u.lexeme || ':' || array_to_string(u.weights, '') ORDER BY u.lexeme)
		FROM unnest(meeting_search_document(m.id)) u)`, lastIDs).Scan(&other); err != nil {
		return err
	}
	if other > 0 {
		return fmt.Errorf("floor: %d of the last %d search documents differ from meeting_search_document in lexemes or weights", other, len(last))
	}
	return nil
}

// rows makes the rows of the meetings, chunk by chunk, delegation ids
// taken from their sequence.
func (fw *floorWriter) rows(ctx context.Context, ms []*domain.Meeting) ([]*floorRows, error) {
	var ndeleg int
	for _, m := range ms {
		ndeleg += len(m.Delegations)
	}
	rows, err := fw.conn.Query(ctx, `SELECT nextval(pg_get_serial_sequence('delegations', 'id')) FROM generate_series(1, $1)`, ndeleg)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	if err := fw.storedOfficials(ctx, ms); err != nil {
		return nil, err
	}
	var out []*floorRows
	for i, m := range ms {
		if i%floorChunk == 0 {
			out = append(out, &floorRows{})
		}
		ids = fw.meeting(m, ids, out[len(out)-1])
	}
	return out, nil
}

// floorRows are the rows of a chunk, by table, in the order they are
// written (a row's references first).
type floorRows struct {
	officials, stage, delegations, members, ceremonies, agreements, parties, sources, links, audit [][]any
}

// storedOfficials notes the officials of the file the database holds
// already (by country and folded name, as the import would find them), so
// that their rows are not written again.
func (fw *floorWriter) storedOfficials(ctx context.Context, ms []*domain.Meeting) error {
	var countries, keys []string
	for _, m := range ms {
		for _, d := range m.Delegations {
			for _, p := range append([]*domain.Participant{d.Head}, ptrs(d.Members)...) {
				countries, keys = append(countries, d.Country), append(keys, domain.Fold(p.Name))
			}
		}
	}
	rows, err := fw.conn.Query(ctx, `SELECT DISTINCT o.id::text, o.name, o.aliases, o.name_keys, o.country::text, o.name_key
		FROM unnest($1::text[], $2::text[]) AS k (country, key)
		JOIN officials o ON o.country = k.country AND o.name_key = k.key`, countries, keys)
	if err != nil {
		return err
	}
	var o domain.Official
	var key string
	_, err = pgx.ForEachRow(rows, []any{&o.ID, &o.Name, &o.Aliases, &o.NameKeys, &o.Country, &key}, func() error {
		c := o
		fw.officials[o.Country+"|"+key] = &c
		o = domain.Official{}
		return nil
	})
	return err
}

func (fw *floorWriter) official(country, name string, out *floorRows) string {
	k := country + "|" + domain.Fold(name)
	if o, ok := fw.officials[k]; ok {
		return o.ID
	}
	keys := domain.NameKeys(name)
	o := &domain.Official{ID: domain.NewID(), Name: name, Aliases: []string{}, Country: country, NameKeys: keys}
	fw.officials[k] = o
	out.officials = append(out.officials, []any{o.ID, name, o.Aliases, keys, keys[0], country, fw.now, fw.now})
	return o.ID
}

// officialText is what a search document takes from an official.
func (fw *floorWriter) officialText(country, name string) string {
	o := fw.officials[country+"|"+domain.Fold(name)]
	return o.Name + " " + strings.Join(o.Aliases, " ") + " " + strings.Join(o.NameKeys, " ")
}

func (fw *floorWriter) write(ctx context.Context, r *floorRows) error {
	return pgx.BeginFunc(ctx, fw.conn, func(tx pgx.Tx) error {
		if err := copyRows(ctx, tx, "officials", []string{"id", "name", "aliases", "name_keys", "name_key", "country",
			"created_at", "updated_at"}, r.officials); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE floor_meetings ON COMMIT DROP AS
			SELECT id, title, date_year, date_month, date_day, host_country, kind, topics, dedupe_key, countries,
			    list_item, created_at, updated_at, ''::text AS doc_a, ''::text AS doc_b, ''::text AS doc_c
			FROM meetings WITH NO DATA`); err != nil {
			return err
		}
		if err := copyRows(ctx, tx, "floor_meetings", []string{"id", "title", "date_year", "date_month", "date_day",
			"host_country", "kind", "topics", "dedupe_key", "countries", "list_item", "created_at", "updated_at",
			"doc_a", "doc_b", "doc_c"}, r.stage); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO meetings (id, title, date_year, date_month, date_day, host_country, kind,
			    topics, dedupe_key, countries, list_item, created_at, updated_at, search)
			SELECT id, title, date_year, date_month, date_day, host_country, kind, topics, dedupe_key, countries,
			    list_item, created_at, updated_at,
			    setweight(to_tsvector('english', unaccent(doc_a)), 'A')
			 || setweight(to_tsvector('english', unaccent(doc_b)), 'B')
			 || setweight(to_tsvector('english', unaccent(doc_c)), 'C')
			FROM floor_meetings`); err != nil {
			return err
		}
		for _, t := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"delegations", []string{"id", "meeting_id", "ord", "country", "role"}, r.delegations},
			{"delegation_members", []string{"delegation_id", "official_id", "ord", "is_head", "rank", "position"}, r.members},
			{"ceremonies", []string{"meeting_id", "ord", "type", "site"}, r.ceremonies},
			{"agreements", []string{"id", "meeting_id", "ord", "title", "type", "period"}, r.agreements},
			{"agreement_parties", []string{"agreement_id", "country", "ord"}, r.parties},
			{"sources", []string{"id", "url", "outlet", "language"}, r.sources},
			{"meeting_sources", []string{"meeting_id", "source_id", "ord"}, r.links},
			{"audit_log", []string{"at", "actor", "action", "meeting_id", "after", "changes"}, r.audit},
		} {
			if err := copyRows(ctx, tx, t.table, t.cols, t.rows); err != nil {
				return err
			}
		}
		return nil
	})
}

func copyRows(ctx context.Context, tx pgx.Tx, table string, cols []string, rows [][]any) error {
	if len(rows) == 0 {
		return nil
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows)); err != nil {
		return fmt.Errorf("copy %s: %w", table, err)
	}
	return nil
}

// meeting adds the rows of one generated meeting (the shape meeting makes:
// delegations with a head and members, ceremonies with a type and a site,
// agreements with parties, sources with a URL, outlet and language).
func (fw *floorWriter) meeting(m *domain.Meeting, ids []int64, r *floorRows) []int64 {
	m.ID, m.CreatedAt, m.UpdatedAt = domain.NewID(), fw.now, fw.now
	var members, countries, ceremonies, agreements, sources []string
	for i := range m.Delegations {
		d := &m.Delegations[i]
		did := ids[0]
		ids = ids[1:]
		r.delegations = append(r.delegations, []any{did, m.ID, i, d.Country, string(d.Role)})
		if d.Role == domain.RoleHost {
			m.HostCountry = &d.Country
		}
		people := append([]*domain.Participant{d.Head}, ptrs(d.Members)...)
		for j, p := range people {
			p.OfficialID = fw.official(d.Country, p.Name, r)
			r.members = append(r.members, []any{did, p.OfficialID, j, j == 0, p.Rank, p.Position})
			members = append(members, fw.officialText(d.Country, p.Name)+" "+deref(p.Rank)+" "+deref(p.Position))
		}
		countries = append(countries, fw.countries[d.Country])
	}
	for i, c := range m.Ceremonies {
		r.ceremonies = append(r.ceremonies, []any{m.ID, i, string(c.Type), c.Site})
		ceremonies = append(ceremonies, strings.ReplaceAll(string(c.Type), "_", " ")+" "+deref(c.Site)+"    ")
	}
	for i := range m.Agreements {
		a := &m.Agreements[i]
		a.ID = domain.NewID()
		r.agreements = append(r.agreements, []any{a.ID, m.ID, i, a.Title, string(a.Type), a.Period})
		for j, p := range a.Parties {
			r.parties = append(r.parties, []any{a.ID, p, j})
		}
		agreements = append(agreements, a.Title+" "+strings.ReplaceAll(string(a.Type), "_", " "))
	}
	for i, s := range m.Sources {
		id := domain.NewID()
		r.sources = append(r.sources, []any{id, s.URL, s.Outlet, s.Language})
		r.links = append(r.links, []any{m.ID, id, i})
		sources = append(sources, " "+deref(s.Outlet)+" ")
	}
	m.DatePrecision = m.Date.Precision()
	m.DedupeKey = domain.DedupeKey(m)
	item := m.ListItem()
	encoded, _ := json.Marshal(item)
	topics := make([]string, len(m.Topics))
	for i, t := range m.Topics {
		topics[i] = string(t)
	}
	r.stage = append(r.stage, []any{m.ID, m.Title, nz(m.Date.Year), nz(m.Date.Month), nz(m.Date.Day), m.HostCountry,
		string(m.Kind), topics, m.DedupeKey, item.Countries, string(encoded), fw.now, fw.now,
		m.Title + " ", strings.Join(members, " ") + " " + strings.Join(countries, " "),
		"   " + strings.ReplaceAll(string(m.Kind), "_", " ") + " " + strings.Join(ceremonies, " ") + " " +
			strings.Join(agreements, " ") + " " + strings.Join(sources, " ")})
	// The audit entry an import writes: the meeting, and every value as a change.
	after, _ := json.Marshal(m)
	var v map[string]any
	_ = json.Unmarshal(after, &v)
	changes, _ := json.Marshal(domain.Diff(nil, v))
	r.audit = append(r.audit, []any{fw.now, "cli", "import", m.ID, string(after), string(changes)})
	return ids
}

func ptrs[T any](s []T) []*T {
	out := make([]*T, len(s))
	for i := range s {
		out[i] = &s[i]
	}
	return out
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func nz(v int) any {
	if v == 0 {
		return nil
	}
	return int16(v)
}
