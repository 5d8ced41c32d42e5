// Command minimal answers GET /meetings/{id} with the statements the API
// runs for it (getMeeting in internal/postgres, copied character for
// character) and nothing else: net/http, a pgx pool of pgx's default size
// (as the API's), one batch, and each statement's rows as JSON arrays. No
// router, middleware, domain types or entity tag. bench/run.sh runs it
// beside the API: the API's rate for the same meetings is compared with
// this floor.
//
//	DATABASE_URL=postgres://... go run ./bench/minimal -addr 127.0.0.1:18190
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/http"
	"os"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// statements are getMeeting's batch, in its order.
var statements = [...]struct{ name, sql string }{
	{"meetings", `
SELECT id, title, date_year, date_month, date_day, end_date, city, venue, host_country, kind, summary,
    topics, series_name, series_edition, parent_id, dedupe_key, version, created_at, updated_at
FROM meetings
WHERE (id = $1 OR parent_id = $1) AND deleted_at IS NULL
ORDER BY parent_id NULLS FIRST, sort_date, id`},
	{"members", `
SELECT d.meeting_id, d.country, d.role, dm.official_id, o.name, dm.rank, dm.position, dm.is_head
FROM meetings m
JOIN delegations d ON d.meeting_id = m.id
LEFT JOIN delegation_members dm ON dm.delegation_id = d.id
LEFT JOIN officials o ON o.id = dm.official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY d.meeting_id, d.ord, dm.ord`},
	{"ceremonies", `
SELECT c.meeting_id, c.type, c.site, c.honoured, c.description, c.award, c.recipient_official_id,
    o.name, o.country, c.recipient_rank, c.recipient_position
FROM meetings m
JOIN ceremonies c ON c.meeting_id = m.id
LEFT JOIN officials o ON o.id = c.recipient_official_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY c.meeting_id, c.ord`},
	{"agreements", `
SELECT a.id, a.meeting_id, a.title, a.type, a.period, a.signed_on,
    coalesce((SELECT array_agg(p.country::text ORDER BY p.ord) FROM agreement_parties p
              WHERE p.agreement_id = a.id), '{}'),
    coalesce((SELECT json_agg(json_build_object('official_id', s.official_id, 'name', o.name,
                  'country', o.country) ORDER BY s.ord)
              FROM agreement_signatories s JOIN officials o ON o.id = s.official_id
              WHERE s.agreement_id = a.id), '[]')
FROM agreements a
JOIN meetings m ON m.id = a.meeting_id
WHERE (m.id = $1 OR m.parent_id = $1) AND m.deleted_at IS NULL
ORDER BY a.meeting_id, a.ord`},
	{"sources", `
SELECT s.url, s.outlet, s.title, s.published_at, s.language,
    coalesce((SELECT json_agg(json_build_object('language', t.language, 'title', t.title) ORDER BY t.language)
              FROM source_titles t WHERE t.source_id = s.id), '[]')
FROM meeting_sources ms
JOIN sources s ON s.id = ms.source_id
WHERE ms.meeting_id = $1
ORDER BY ms.ord`},
}

func main() {
	addr := flag.String("addr", "127.0.0.1:18190", "address to listen on")
	flag.Parse()
	pool, err := pgxpool.New(context.Background(), os.Getenv("DATABASE_URL"))
	if err != nil {
		log.Fatal(err)
	}
	defer pool.Close()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /meetings/{id}", func(w http.ResponseWriter, r *http.Request) {
		id := r.PathValue("id")
		out := make(map[string][][]any, len(statements))
		b := &pgx.Batch{}
		for _, st := range statements {
			b.Queue(st.sql, id).Query(func(rows pgx.Rows) error {
				for rows.Next() {
					v, err := rows.Values()
					if err != nil {
						return err
					}
					for i, x := range v {
						if u, ok := x.([16]byte); ok { // a uuid: as text, not 16 numbers
							v[i] = pgxUUID(u)
						}
					}
					out[st.name] = append(out[st.name], v)
				}
				return rows.Err()
			})
		}
		if err := pool.SendBatch(r.Context(), b).Close(); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		if len(out["meetings"]) == 0 {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(out)
	})
	srv := &http.Server{Addr: *addr, Handler: mux}
	log.Fatal(srv.ListenAndServe())
}

// pgxUUID writes a uuid in its text form.
func pgxUUID(u [16]byte) string {
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 36)
	for i, c := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			b = append(b, '-')
		}
		b = append(b, hex[c>>4], hex[c&15])
	}
	return string(b)
}
