// Command plan reads one page of GET /meetings with the store's own code and
// prints, for each statement it ran, the statement, its arguments and its
// plan (EXPLAIN (ANALYZE, BUFFERS), run on a second connection just before
// the store runs the statement), then the rows walked and the buffers of
// the page, and the page's ids in order. Rows walked count, like
// bench/capture.py, the rows each scan returned plus those its filter or
// recheck removed, times its loops.
//
//	go run ./bench/plan -db "$DATABASE_URL" -q semlov -country AZ
//	go run ./bench/plan -db "$DATABASE_URL" -country UZ -partner AZ -ids=false
//	go run ./bench/plan -db "$DATABASE_URL" -q abduaya -plans=false -pgbench rare.sql
//	pgbench -n -M simple -c 8 -T 15 -f rare.sql "$DATABASE_URL"   # the page's statements, as one transaction
//
// The page is read as the API reads it: the default sort -date, top-level
// live meetings, the limit and one more row (which tells the service
// whether there is a next page). Countries are alpha-2 codes, as ?country=
// resolves them.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/postgres"
)

func main() {
	dbURL := flag.String("db", os.Getenv("DATABASE_URL"), "database URL (default $DATABASE_URL)")
	q := flag.String("q", "", "full-text query (?q=)")
	countries := flag.String("country", "", "alpha-2 codes, comma-separated (?country=)")
	partner := flag.String("partner", "", "alpha-2 code (?partner=)")
	topic := flag.String("topic", "", "topic (?topic=)")
	kind := flag.String("kind", "", "kind (?kind=)")
	from := flag.String("from", "", "partial date (?from=)")
	to := flag.String("to", "", "partial date (?to=)")
	sort := flag.String("sort", string(domain.SortDateDesc), "sort (?sort=)")
	limit := flag.Int("limit", 50, "page size (?limit=)")
	afterKey := flag.String("after-key", "", "sort key of the row the page starts after")
	afterID := flag.String("after-id", "", "id of the row the page starts after")
	plans := flag.Bool("plans", true, "print each statement and its plan")
	ids := flag.Bool("ids", true, "print the page's ids")
	script := flag.String("pgbench", "", "also write the statements, their values inlined, to this file: a pgbench script of the page")
	flag.Parse()

	f := domain.MeetingFilter{Q: *q, Partner: *partner, Topic: domain.Topic(*topic), Kind: domain.Kind(*kind),
		Sort: domain.MeetingSort(*sort), Limit: *limit + 1} // one more, as domain.Service asks
	if *countries != "" {
		f.Countries = strings.Split(*countries, ",")
	}
	var err error
	if *from != "" {
		if f.From, err = domain.ParsePartialDate(*from); err != nil {
			fail(2, "-from: %v", err)
		}
	}
	if *to != "" {
		if f.To, err = domain.ParsePartialDate(*to); err != nil {
			fail(2, "-to: %v", err)
		}
	}
	if *afterKey != "" {
		f.After = &domain.Cursor{Key: *afterKey, ID: *afterID}
	}

	ctx := context.Background()
	pool, err := postgres.Open(ctx, *dbURL, postgres.Options{MaxConns: 2})
	if err != nil {
		fail(1, "%v", err)
	}
	defer pool.Close()
	explain, err := pgx.Connect(ctx, *dbURL)
	if err != nil {
		fail(1, "%v", err)
	}
	defer explain.Close(ctx)

	var bench []string
	var statements, rows, buffers int
	byRel := map[string]int{}
	var execMS float64
	store := postgres.NewStore(pool).Traced(func(sql string, args []any) {
		statements++
		var params []any
		for _, a := range args {
			if _, ok := a.(pgx.QueryExecMode); !ok {
				params = append(params, a)
			}
		}
		bench = append(bench, inline(sql, params)+";")
		if strings.HasPrefix(sql, "EXPLAIN") {
			// The store's estimate: planned, not run; no rows, no buffers.
			if *plans {
				fmt.Printf("==== statement %d (planned only)\n%s\n", statements, strings.TrimSpace(sql))
			}
			return
		}
		var out []byte
		err := explain.QueryRow(ctx, "EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) "+sql, params...).Scan(&out)
		if err != nil {
			fail(1, "explain statement %d: %v\n%s", statements, err, sql)
		}
		var doc []struct {
			Plan          node    `json:"Plan"`
			ExecutionTime float64 `json:"Execution Time"`
		}
		if err := json.Unmarshal(out, &doc); err != nil || len(doc) != 1 {
			fail(1, "explain statement %d: %v", statements, err)
		}
		p := doc[0].Plan
		execMS += doc[0].ExecutionTime
		buffers += p.Hit + p.Read
		var lines []string
		rows += p.walk(0, byRel, &lines)
		if *plans {
			fmt.Printf("==== statement %d (%.3f ms)\n%s\n", statements, doc[0].ExecutionTime, strings.TrimSpace(sql))
			for i, a := range params {
				fmt.Printf("$%d = %v\n", i+1, a)
			}
			fmt.Println(strings.Join(lines, "\n"))
		}
	})
	page, err := store.ListMeetings(ctx, f)
	if err != nil {
		fail(1, "list: %v", err)
	}
	if *script != "" {
		// pgbench reads a statement a line.
		var lines []string
		for _, b := range bench {
			lines = append(lines, strings.Join(strings.Fields(b), " "))
		}
		if err := os.WriteFile(*script, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			fail(1, "%v", err)
		}
	}
	fmt.Printf("statements %d, rows walked %d (%.1fx limit), buffers %d, executor %.2f ms, page %d rows; rows by relation %v\n",
		statements, rows, float64(rows)/float64(*limit), buffers, execMS, len(page), byRel)
	if *ids {
		for _, m := range page[:min(len(page), *limit)] {
			fmt.Println(m.SortKey, m.ID)
		}
	}
}

// inline writes the values of sql's $n placeholders into it as literals.
func inline(sql string, params []any) string {
	for i := len(params); i >= 1; i-- { // $12 before $1
		sql = strings.ReplaceAll(sql, fmt.Sprintf("$%d", i), literal(params[i-1]))
	}
	return sql
}

// literal is a as an SQL literal.
func literal(a any) string {
	switch v := a.(type) {
	case int, int64, int32:
		return fmt.Sprint(v)
	case []int:
		s := make([]string, len(v))
		for i, x := range v {
			s[i] = fmt.Sprint(x)
		}
		return "'{" + strings.Join(s, ",") + "}'"
	case []string:
		return "'{" + strings.Join(v, ",") + "}'"
	case time.Time:
		return "'" + v.Format(time.RFC3339Nano) + "'"
	default:
		return "'" + strings.ReplaceAll(fmt.Sprint(v), "'", "''") + "'"
	}
}

// node is a plan node of EXPLAIN (FORMAT JSON).
type node struct {
	Type      string  `json:"Node Type"`
	Relation  string  `json:"Relation Name"`
	Index     string  `json:"Index Name"`
	Rows      int     `json:"Actual Rows"`
	Loops     int     `json:"Actual Loops"`
	Filtered  int     `json:"Rows Removed by Filter"`
	Rechecked int     `json:"Rows Removed by Index Recheck"`
	Time      float64 `json:"Actual Total Time"`
	Hit       int     `json:"Shared Hit Blocks"`
	Read      int     `json:"Shared Read Blocks"`
	IndexCond string  `json:"Index Cond"`
	Recheck   string  `json:"Recheck Cond"`
	Filter    string  `json:"Filter"`
	SortKey   []string
	Plans     []node `json:"Plans"`
}

var scans = map[string]bool{"Seq Scan": true, "Index Scan": true, "Index Only Scan": true,
	"Bitmap Heap Scan": true, "Tid Scan": true, "Sample Scan": true}

// walk adds the node's lines to lines and returns the rows its scans
// walked, adding them to byRel by relation.
func (n node) walk(depth int, byRel map[string]int, lines *[]string) int {
	what := n.Type
	if n.Index != "" {
		what += " using " + n.Index
	}
	if n.Relation != "" {
		what += " on " + n.Relation
	}
	pad := strings.Repeat("  ", depth)
	line := fmt.Sprintf("%s-> %s (rows=%d loops=%d", pad, what, n.Rows, n.Loops)
	if r := n.Filtered + n.Rechecked; r > 0 {
		line += fmt.Sprintf(" removed=%d", r)
	}
	line += fmt.Sprintf(" time=%.3f buffers=%d)", n.Time, n.Hit+n.Read)
	for _, c := range []struct{ k, v string }{{"Index Cond", n.IndexCond}, {"Recheck Cond", n.Recheck}, {"Filter", n.Filter}} {
		if c.v != "" {
			line += fmt.Sprintf("\n%s     %s: %s", pad, c.k, c.v)
		}
	}
	*lines = append(*lines, line)
	walked := 0
	if scans[n.Type] {
		loops := max(n.Loops, 1)
		walked = (n.Rows + n.Filtered + n.Rechecked) * loops
		byRel[n.Relation] += walked
	}
	for _, c := range n.Plans {
		walked += c.walk(depth+1, byRel, lines)
	}
	return walked
}

func fail(code int, format string, args ...any) {
	fmt.Fprintf(os.Stderr, "plan: "+format+"\n", args...)
	os.Exit(code)
}
