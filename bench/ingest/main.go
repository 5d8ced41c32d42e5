// Command ingest measures the write path: it generates meetings in the
// POST /meetings shape and either writes them as NDJSON (for api import or
// POST /imports), or posts them one request each to a running API and
// reports the rate; with -floor it writes the meetings of such a file with
// COPY, the floor of an import (floor.go).
package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net/http"
	"os"
	"time"
)

var countries = []string{"TR", "GE", "KZ", "UZ", "PK", "FR", "DE", "IT", "US", "GB", "KG", "TJ", "TM", "IR", "IQ",
	"JO", "EG", "SA", "AE", "QA", "IN", "CN", "JP", "KR", "PL", "RO", "BG", "HU", "CZ", "SK"}

// meeting returns the i-th generated meeting: two delegations with a head
// and 1-2 members, three ceremonies, a source, an agreement in a third.
// The run tag keeps runs' meetings and URLs apart.
func meeting(run string, year, i int, r *rand.Rand) map[string]any {
	guest := countries[i%len(countries)]
	day := time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i/len(countries))
	m := map[string]any{
		"title": fmt.Sprintf("Minister of Defense receives %s delegation (%s %d)", guest, run, i),
		"date":  day.Format("2006-01-02"),
		"kind":  "official_visit",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host",
				"head":    map[string]any{"name": "Zakir Hasanov", "rank": "Colonel General", "position": "Minister of Defense"},
				"members": []any{map[string]any{"name": fmt.Sprintf("Host Aide %d", r.IntN(300))}}},
			map[string]any{"country": guest, "role": "guest",
				"head": map[string]any{"name": fmt.Sprintf("Guest Minister %d", r.IntN(400)), "rank": "General"},
				"members": []any{map[string]any{"name": fmt.Sprintf("Guest Officer %d", r.IntN(2000))},
					map[string]any{"name": fmt.Sprintf("Guest Attache %d", r.IntN(2000))}}},
		},
		"ceremonies": []any{
			map[string]any{"type": "wreath_laying", "site": "Alley of Honor"},
			map[string]any{"type": "guard_of_honour"}, map[string]any{"type": "national_anthems"}},
		"topics":  []any{"military", "military_technical"},
		"sources": []any{map[string]any{"url": fmt.Sprintf("https://ingest.example/%s/%d", run, i), "outlet": "Ingest", "language": "en"}},
	}
	if i%3 == 0 {
		m["agreements"] = []any{map[string]any{"title": "Bilateral military cooperation plan", "type": "cooperation_plan",
			"period": "2026", "parties": []any{"AZ", guest}}}
	}
	return m
}

func main() {
	n := flag.Int("n", 10000, "meetings")
	run := flag.String("run", "r1", "tag that keeps one run's titles and URLs apart from another's")
	year := flag.Int("year", 1950, "first year of the meetings' dates; runs into one database need years apart")
	post := flag.String("post", "", "POST each meeting to this API base URL instead of writing NDJSON")
	token := flag.String("token", "", "write key for -post")
	floorFile := flag.String("floor", "", "write the meetings of this NDJSON file with COPY into -db and report the rate")
	db := flag.String("db", os.Getenv("DATABASE_URL"), "database for -floor (default $DATABASE_URL)")
	flag.Parse()
	if *floorFile != "" {
		if err := runFloor(context.Background(), *db, *floorFile); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		return
	}
	r := rand.New(rand.NewPCG(1, 2))
	if *post == "" {
		w := bufio.NewWriter(os.Stdout)
		enc := json.NewEncoder(w)
		for i := range *n {
			if err := enc.Encode(meeting(*run, *year, i, r)); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(1)
			}
		}
		_ = w.Flush()
		return
	}
	client := &http.Client{Timeout: 30 * time.Second}
	start := time.Now()
	codes := map[int]int{}
	for i := range *n {
		body, _ := json.Marshal(meeting(*run, *year, i, r))
		req, _ := http.NewRequest("POST", *post+"/meetings", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+*token)
		resp, err := client.Do(req)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		resp.Body.Close()
		codes[resp.StatusCode]++
	}
	secs := time.Since(start).Seconds()
	fmt.Printf("posted %d meetings one request each in %.1f s: %.0f meetings/s; statuses %v\n", *n, secs, float64(*n)/secs, codes)
}
