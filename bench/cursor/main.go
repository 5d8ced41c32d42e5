// Command cursor prints the cursor GET /meetings gives for the page that
// starts after the row at a given offset, without walking the pages: it
// finds the row with SQL and builds the cursor with the API's own
// domain.Cursors, signed with the API's CURSOR_SECRET, and
// MeetingFilter.Fingerprint.
//
//	go run ./bench/cursor -db "$DATABASE_URL" -offset 500000            # ?limit=50&cursor=...
//	go run ./bench/cursor -db "$DATABASE_URL" -offset 5000 -country UZ # ?country=UZ&limit=50&cursor=...
//
// It prints three lines: the cursor, the sort key and id of the row at
// offset (the last row of the page before), for pgbench.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
)

func main() {
	dbURL := flag.String("db", os.Getenv("DATABASE_URL"), "database URL (default $DATABASE_URL)")
	offset := flag.Int("offset", 500000, "rows before the page: the cursor is that of the offset-th row")
	countryCode := flag.String("country", "", "alpha-2 code, as ?country= resolves it (one country)")
	secret := flag.String("cursor-secret", os.Getenv("CURSOR_SECRET"), "the API's CURSOR_SECRET (default $CURSOR_SECRET)")
	flag.Parse()
	cursors, err := domain.NewCursors([]byte(*secret))
	if err != nil {
		fmt.Fprintln(os.Stderr, "cursor: -cursor-secret:", err)
		os.Exit(2)
	}
	if *offset < 1 {
		fmt.Fprintln(os.Stderr, "cursor: -offset must be at least 1")
		os.Exit(2)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, *dbURL)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cursor:", err)
		os.Exit(1)
	}
	defer conn.Close(ctx)

	// The filter the API builds for the same query after normalize: the
	// default sort is -date, and top-level live meetings only.
	f := domain.MeetingFilter{Sort: domain.SortDateDesc}
	where := "m.deleted_at IS NULL AND m.parent_id IS NULL"
	args := []any{*offset - 1}
	if *countryCode != "" {
		f.Countries = []string{*countryCode}
		where += " AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = ANY($2::bpchar[]))"
		args = append(args, f.Countries)
	}
	var key, id string
	err = conn.QueryRow(ctx, `SELECT m.sort_date::text, m.id::text FROM meetings m WHERE `+where+`
		ORDER BY m.sort_date DESC, m.id DESC OFFSET $1 LIMIT 1`, args...).Scan(&key, &id)
	if err != nil {
		fmt.Fprintln(os.Stderr, "cursor: the row at that offset:", err)
		os.Exit(1)
	}
	c := domain.Cursor{Sort: string(f.Sort), Key: key, ID: id, Filter: f.Fingerprint()}
	fmt.Println(cursors.Encode(c))
	fmt.Println(key)
	fmt.Println(id)
}
