// Command soak drives a running milmeet API with concurrent clients for a
// fixed time, mixing reads and writes, and reports throughput, latency
// percentiles, answers by status, and the API process's memory over time.
// At the end it checks that every write acknowledged with a 2xx is readable
// and, given the database URL, that no meeting was stored without its
// delegations. bench/soak/run.sh runs it against a dedicated cluster that it
// kills and restarts midway; docs/reliability.md has the figures.
//
//	go run ./bench/soak -url http://127.0.0.1:8080 -token mm_... -clients 16 -duration 60s \
//	    -pid $(pgrep -nf 'api serve') -database-url postgres://...
//
// Writes carry an Idempotency-Key; a write answered 503, 429, 409 "in
// progress" or not at all is sent again with the same key (backing off)
// until it gets an answer for good, also past the end for -retry-for. Only
// 127.0.0.1, ::1 or localhost are accepted as targets.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

type config struct {
	base       string
	token      string
	clients    int
	duration   time.Duration
	writeShare float64
	pid        int
	dbURL      string
	timeout    time.Duration
	retryFor   time.Duration
	jsonOut    string
}

func main() {
	var c config
	flag.StringVar(&c.base, "url", "http://127.0.0.1:8080", "the API's base URL (loopback only)")
	flag.StringVar(&c.token, "token", os.Getenv("SOAK_TOKEN"), "API key with the write scope (env SOAK_TOKEN)")
	flag.IntVar(&c.clients, "clients", 16, "concurrent clients")
	flag.DurationVar(&c.duration, "duration", 60*time.Second, "how long to send traffic")
	flag.Float64Var(&c.writeShare, "writes", 0.2, "share of requests that are writes")
	flag.IntVar(&c.pid, "pid", 0, "the API's process id, to sample its memory (VmRSS) every second")
	flag.StringVar(&c.dbURL, "database-url", "", "the API's database, to count meetings stored without delegations")
	flag.DurationVar(&c.timeout, "timeout", 5*time.Second, "timeout of one request")
	flag.DurationVar(&c.retryFor, "retry-for", 30*time.Second, "how long past the end unanswered writes are retried")
	flag.StringVar(&c.jsonOut, "json", "", "also write the report as JSON to this file")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		os.Exit(1)
	}
}

// op kinds.
const (
	opList  = "GET /meetings?country="
	opGet   = "GET /meetings/{id}"
	opWrite = "POST /meetings"
)

var (
	countries = []string{"AZ", "TR", "GE", "KZ", "UZ", "PK"}
	guests    = []string{"TR", "GE", "KZ", "UZ", "PK"}
	kinds     = []string{"official_visit", "working_visit", "meeting", "phone_call", "video_conference", "other",
		"high_level_dialogue", "state_visit"}
)

// sample is one request's outcome.
type sample struct {
	op      string
	at      time.Time // start
	latency time.Duration
	status  int // 0: no answer (network error or timeout)
}

type soak struct {
	cfg    config
	client *http.Client
	runID  string
	start  time.Time

	next atomic.Int64 // write counter: picks a distinct meeting

	mu      sync.Mutex
	samples []sample
	ids     []string // meetings known to exist: read by id
	acked   map[string]bool
	stuck   []string // writes never answered for good
	rejects []string // writes refused for good (4xx other than a duplicate)
}

type rssPoint struct {
	T          float64 `json:"t"`
	RSSKiB     int     `json:"rss_kib"`
	FDs        int     `json:"fds"`
	Goroutines int     `json:"goroutines"`
}

func run(c config) error {
	u, err := url.Parse(c.base)
	if err != nil || u.Host == "" {
		return fmt.Errorf("-url %q is not a URL", c.base)
	}
	host := u.Hostname()
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return fmt.Errorf("-url %s: the soak only targets 127.0.0.1, ::1 or localhost", c.base)
	}
	if c.token == "" {
		return errors.New("-token is required (a key with the write scope: api keys create --name soak --scope write)")
	}
	s := &soak{cfg: c, acked: map[string]bool{}, runID: strconv.FormatInt(time.Now().UnixNano()%1e9, 36),
		client: &http.Client{Timeout: c.timeout, Transport: &http.Transport{MaxIdleConnsPerHost: c.clients * 2}}}

	// The officials the writes name, stored one at a time first: concurrent
	// writes naming the same new official store it twice (a known bug).
	fmt.Printf("warming up: %d sequential writes\n", len(guests))
	for range guests {
		if err := s.writeOnce(context.Background(), time.Now().Add(30*time.Second)); err != nil {
			return fmt.Errorf("warm-up write: %w", err)
		}
	}
	s.loadIDs()

	ctx, cancel := context.WithTimeout(context.Background(), c.duration)
	defer cancel()
	s.start = time.Now()
	var rss []rssPoint
	rssDone := make(chan struct{})
	go func() {
		defer close(rssDone)
		rss = s.sampleProcess(ctx)
	}()
	progressDone := make(chan struct{})
	go func() { defer close(progressDone); s.progress(ctx) }()

	var wg sync.WaitGroup
	for i := range c.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s.client1(ctx, rand.New(rand.NewPCG(uint64(i), uint64(time.Now().UnixNano()))))
		}()
	}
	wg.Wait() // writes in progress at the end are retried to their answer first
	// Only requests sent before the end are counted.
	elapsed := min(time.Since(s.start), c.duration)
	<-rssDone
	<-progressDone
	return s.report(elapsed, rss)
}

// client1 is one client's loop until ctx ends; a write in progress at the
// end is finished (retried) for up to -retry-for.
func (s *soak) client1(ctx context.Context, rng *rand.Rand) {
	for ctx.Err() == nil {
		switch r := rng.Float64(); {
		case r < s.cfg.writeShare:
			_ = s.writeOnce(ctx, time.Now().Add(s.cfg.duration+s.cfg.retryFor))
		case r < s.cfg.writeShare+(1-s.cfg.writeShare)/2:
			s.get(opList, "/meetings?country="+countries[rng.IntN(len(countries))]+"&limit=20")
		default:
			s.mu.Lock()
			id := ""
			if len(s.ids) > 0 {
				id = s.ids[rng.IntN(len(s.ids))]
			}
			s.mu.Unlock()
			if id != "" {
				s.get(opGet, "/meetings/"+id)
			}
		}
	}
}

func (s *soak) record(op string, at time.Time, status int) {
	s.mu.Lock()
	s.samples = append(s.samples, sample{op: op, at: at, latency: time.Since(at), status: status})
	s.mu.Unlock()
}

func (s *soak) get(op, path string) {
	at := time.Now()
	resp, err := s.client.Get(s.cfg.base + path)
	if err != nil {
		s.record(op, at, 0)
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s.record(op, at, resp.StatusCode)
}

// writeOnce posts one new meeting, retrying it with the same
// Idempotency-Key until it is answered for good or until giveUp. Retries
// after the traffic's end are not counted in the throughput.
func (s *soak) writeOnce(ctx context.Context, giveUp time.Time) error {
	n := int(s.next.Add(1))
	body := s.meeting(n)
	key := fmt.Sprintf("soak-%s-%d", s.runID, n)
	backoff := 100 * time.Millisecond
	for attempt := 1; ; attempt++ {
		at := time.Now()
		req, _ := http.NewRequest("POST", s.cfg.base+"/meetings", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+s.cfg.token)
		req.Header.Set("Idempotency-Key", key)
		resp, err := s.client.Do(req)
		status := 0
		var raw []byte
		if err == nil {
			raw, _ = io.ReadAll(resp.Body)
			resp.Body.Close()
			status = resp.StatusCode
		}
		if ctx.Err() == nil {
			s.record(opWrite, at, status)
		}
		var answer struct {
			ID         string `json:"id"`
			ExistingID string `json:"existing_id"`
			Detail     string `json:"detail"`
		}
		_ = json.Unmarshal(raw, &answer)
		switch {
		case status == http.StatusCreated || status == http.StatusOK:
			s.ack(answer.ID)
			return nil
		case status == http.StatusConflict && answer.ExistingID != "":
			// Stored by an earlier attempt whose answer was lost.
			s.ack(answer.ExistingID)
			return nil
		case status == 0, status == http.StatusServiceUnavailable, status == http.StatusTooManyRequests,
			status == http.StatusConflict: // in progress
		default:
			s.mu.Lock()
			s.rejects = append(s.rejects, fmt.Sprintf("%s: %d %.200s", key, status, raw))
			s.mu.Unlock()
			return fmt.Errorf("%s: %d %.300s", key, status, raw)
		}
		if time.Now().After(giveUp) {
			s.mu.Lock()
			s.stuck = append(s.stuck, fmt.Sprintf("%s: last answer %d %.200s (%d attempts)", key, status, raw, attempt))
			s.mu.Unlock()
			return fmt.Errorf("%s: no answer for good after %d attempts", key, attempt)
		}
		time.Sleep(backoff + time.Duration(rand.Int64N(int64(backoff/2))))
		backoff = min(2*backoff, time.Second)
	}
}

func (s *soak) ack(id string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if id != "" && !s.acked[id] {
		s.acked[id] = true
		s.ids = append(s.ids, id)
	}
}

// meeting returns the n-th distinct meeting of this run: its date, kind and
// guest country make its dedupe key, and the run's id spreads runs apart.
func (s *soak) meeting(n int) []byte {
	seed, _ := strconv.ParseInt(s.runID, 36, 64)
	slot := int(seed%20000) + n
	guest := guests[slot%len(guests)]
	kind := kinds[(slot/len(guests))%len(kinds)]
	day := time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, slot/(len(guests)*len(kinds)))
	m := map[string]any{
		"title": fmt.Sprintf("Soak %s meeting %d", s.runID, n),
		"date":  day.Format("2006-01-02"),
		"kind":  kind,
		"city":  "Baku",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov",
				"position": "Minister of Defense"}},
			map[string]any{"country": guest, "role": "guest", "head": map[string]any{"name": "Soak Guest of " + guest,
				"rank": "General"}},
		},
		"topics":     []any{"military", "military_technical"},
		"ceremonies": []any{map[string]any{"type": "wreath_laying", "site": "Alley of Honor"}},
		"sources":    []any{map[string]any{"url": fmt.Sprintf("https://example.org/soak/%s/%d", s.runID, n), "outlet": "Soak"}},
	}
	raw, _ := json.Marshal(m)
	return raw
}

// loadIDs reads the first page of meetings, so that reads by id have
// something to read from the start.
func (s *soak) loadIDs() {
	resp, err := s.client.Get(s.cfg.base + "/meetings?limit=100")
	if err != nil {
		return
	}
	defer resp.Body.Close()
	var p struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	if json.NewDecoder(resp.Body).Decode(&p) == nil {
		s.mu.Lock()
		for _, m := range p.Data {
			s.ids = append(s.ids, m.ID)
		}
		s.mu.Unlock()
	}
}

// sampleProcess reads the API process's VmRSS and open files every second,
// and its goroutines (from /metrics) every fifth, until ctx ends.
func (s *soak) sampleProcess(ctx context.Context) []rssPoint {
	if s.cfg.pid == 0 {
		return nil
	}
	var out []rssPoint
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	goroutines := 0
	for i := 0; ; i++ {
		p := rssPoint{T: time.Since(s.start).Seconds(), RSSKiB: vmRSS(s.cfg.pid), FDs: openFiles(s.cfg.pid)}
		if i%5 == 0 {
			if g := s.metric("go_goroutines"); g >= 0 {
				goroutines = g
			}
		}
		p.Goroutines = goroutines
		out = append(out, p)
		select {
		case <-ctx.Done():
			return out
		case <-tick.C:
		}
	}
}

func vmRSS(pid int) int {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return -1
	}
	for _, l := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return -1
}

func openFiles(pid int) int {
	es, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		return -1
	}
	return len(es)
}

// metric reads one gauge from the API's /metrics, -1 when it cannot.
func (s *soak) metric(name string) int {
	resp, err := s.client.Get(s.cfg.base + "/metrics")
	if err != nil {
		return -1
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	for _, l := range strings.Split(string(raw), "\n") {
		if v, ok := strings.CutPrefix(l, name+" "); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
			if err == nil {
				return int(f)
			}
		}
	}
	return -1
}

// progress prints a line every 5 seconds: requests, errors, RSS.
func (s *soak) progress(ctx context.Context) {
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	last := 0
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
		s.mu.Lock()
		window := s.samples[last:]
		last = len(s.samples)
		counts := map[int]int{}
		for _, x := range window {
			counts[x.status]++
		}
		acked := len(s.acked)
		s.mu.Unlock()
		rss := ""
		if s.cfg.pid != 0 {
			rss = fmt.Sprintf(", API RSS %d MiB", vmRSS(s.cfg.pid)/1024)
		}
		fmt.Printf("t=%3.0fs  %5.0f req/s  by status %v  writes acknowledged %d%s\n",
			time.Since(s.start).Seconds(), float64(len(window))/5, sortedCounts(counts), acked, rss)
	}
}

func sortedCounts(m map[int]int) string {
	keys := make([]int, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var b strings.Builder
	for _, k := range keys {
		name := strconv.Itoa(k)
		if k == 0 {
			name = "neterr"
		}
		fmt.Fprintf(&b, "%s:%d ", name, m[k])
	}
	return strings.TrimSpace(b.String())
}

// opReport is one kind of request's figures.
type opReport struct {
	Requests int            `json:"requests"`
	PerSec   float64        `json:"per_second"`
	P50ms    float64        `json:"p50_ms"`
	P90ms    float64        `json:"p90_ms"`
	P99ms    float64        `json:"p99_ms"`
	MaxMs    float64        `json:"max_ms"`
	ByStatus map[string]int `json:"by_status"`
}

type report struct {
	Clients          int                 `json:"clients"`
	Seconds          float64             `json:"seconds"`
	Requests         int                 `json:"requests"`
	PerSec           float64             `json:"per_second"`
	Ops              map[string]opReport `json:"ops"`
	ByStatus         map[string]int      `json:"by_status"`
	WritesAcked      int                 `json:"writes_acknowledged"`
	WritesStuck      []string            `json:"writes_never_answered"`
	WritesRejected   []string            `json:"writes_rejected"`
	AckedUnreadable  []string            `json:"acknowledged_but_unreadable"`
	Orphans          *int                `json:"meetings_without_delegations,omitempty"`
	Meetings         *int                `json:"meetings_stored,omitempty"`
	DuplicateOffic   *int                `json:"duplicate_officials,omitempty"`
	ErrorSeconds     []string            `json:"seconds_with_errors"`
	RSS              []rssPoint          `json:"process"`
	Failures         []string            `json:"failures"`
	FirstErrorAt     *float64            `json:"first_error_s,omitempty"`
	LastErrorAt      *float64            `json:"last_error_s,omitempty"`
	ServerErrors5xx  int                 `json:"server_errors_not_503"`
	NetworkErrors    int                 `json:"network_errors"`
	ReadableChecked  int                 `json:"readable_checked"`
	ReadableCheckSec float64             `json:"readable_check_seconds"`
}

func (s *soak) report(elapsed time.Duration, rss []rssPoint) error {
	s.mu.Lock()
	samples := slices.Clone(s.samples)
	acked := make([]string, 0, len(s.acked))
	for id := range s.acked {
		acked = append(acked, id)
	}
	r := report{Clients: s.cfg.clients, Seconds: elapsed.Seconds(), Requests: len(samples), Ops: map[string]opReport{},
		ByStatus: map[string]int{}, WritesAcked: len(acked), WritesStuck: slices.Clone(s.stuck),
		WritesRejected: slices.Clone(s.rejects), RSS: rss}
	s.mu.Unlock()
	r.PerSec = float64(len(samples)) / elapsed.Seconds()

	byOp := map[string][]sample{}
	perSecond := map[int]map[int]int{}
	for _, x := range samples {
		byOp[x.op] = append(byOp[x.op], x)
		r.ByStatus[statusName(x.status)]++
		if x.status == 0 {
			r.NetworkErrors++
		}
		if x.status >= 500 && x.status != 503 {
			r.ServerErrors5xx++
		}
		sec := int(x.at.Sub(s.start).Seconds())
		if perSecond[sec] == nil {
			perSecond[sec] = map[int]int{}
		}
		perSecond[sec][x.status]++
		if x.status == 0 || x.status >= 500 {
			t := x.at.Sub(s.start).Seconds()
			if r.FirstErrorAt == nil || t < *r.FirstErrorAt {
				r.FirstErrorAt = &t
			}
			if r.LastErrorAt == nil || t > *r.LastErrorAt {
				r.LastErrorAt = &t
			}
		}
	}
	for op, xs := range byOp {
		lat := make([]time.Duration, len(xs))
		o := opReport{Requests: len(xs), PerSec: float64(len(xs)) / elapsed.Seconds(), ByStatus: map[string]int{}}
		for i, x := range xs {
			lat[i] = x.latency
			o.ByStatus[statusName(x.status)]++
		}
		slices.Sort(lat)
		o.P50ms, o.P90ms, o.P99ms = ms(pct(lat, 50)), ms(pct(lat, 90)), ms(pct(lat, 99))
		o.MaxMs = ms(lat[len(lat)-1])
		r.Ops[op] = o
	}
	secs := make([]int, 0, len(perSecond))
	for sec, c := range perSecond {
		for st := range c {
			if st == 0 || st >= 500 {
				secs = append(secs, sec)
				break
			}
		}
	}
	sort.Ints(secs)
	for _, sec := range secs {
		r.ErrorSeconds = append(r.ErrorSeconds, fmt.Sprintf("t=%ds %s", sec, sortedCounts(perSecond[sec])))
	}

	// Every acknowledged write is readable.
	checkStart := time.Now()
	var unreadable []string
	var mu sync.Mutex
	var wg sync.WaitGroup
	ch := make(chan string)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for id := range ch {
				status := 0
				for attempt := 0; attempt < 3; attempt++ {
					resp, err := s.client.Get(s.cfg.base + "/meetings/" + id)
					if err == nil {
						_, _ = io.Copy(io.Discard, resp.Body)
						resp.Body.Close()
						status = resp.StatusCode
						if status != http.StatusServiceUnavailable {
							break
						}
					}
					time.Sleep(time.Second)
				}
				if status != http.StatusOK {
					mu.Lock()
					unreadable = append(unreadable, fmt.Sprintf("%s: %d", id, status))
					mu.Unlock()
				}
			}
		}()
	}
	for _, id := range acked {
		ch <- id
	}
	close(ch)
	wg.Wait()
	r.AckedUnreadable = unreadable
	r.ReadableChecked = len(acked)
	r.ReadableCheckSec = time.Since(checkStart).Seconds()

	if s.cfg.dbURL != "" {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		conn, err := pgx.Connect(ctx, s.cfg.dbURL)
		if err != nil {
			r.Failures = append(r.Failures, "connect to the database: "+err.Error())
		} else {
			defer conn.Close(context.Background())
			var orphans, meetings, dups int
			if err := conn.QueryRow(ctx, `SELECT count(*) FROM meetings m
				WHERE NOT EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id)`).Scan(&orphans); err != nil {
				r.Failures = append(r.Failures, "count orphans: "+err.Error())
			} else {
				r.Orphans = &orphans
			}
			if conn.QueryRow(ctx, `SELECT count(*) FROM meetings`).Scan(&meetings) == nil {
				r.Meetings = &meetings
			}
			if conn.QueryRow(ctx, `SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM officials
				GROUP BY country, name HAVING count(*) > 1) d`).Scan(&dups) == nil {
				r.DuplicateOffic = &dups
			}
		}
	}

	if len(r.WritesStuck) > 0 {
		r.Failures = append(r.Failures, fmt.Sprintf("%d writes never answered for good", len(r.WritesStuck)))
	}
	if len(r.WritesRejected) > 0 {
		r.Failures = append(r.Failures, fmt.Sprintf("%d writes refused", len(r.WritesRejected)))
	}
	if len(r.AckedUnreadable) > 0 {
		r.Failures = append(r.Failures, fmt.Sprintf("%d acknowledged writes not readable", len(r.AckedUnreadable)))
	}
	if r.Orphans != nil && *r.Orphans > 0 {
		r.Failures = append(r.Failures, fmt.Sprintf("%d meetings without delegations", *r.Orphans))
	}
	if r.ServerErrors5xx > 0 {
		r.Failures = append(r.Failures, fmt.Sprintf("%d server errors other than 503", r.ServerErrors5xx))
	}
	printReport(r)
	if s.cfg.jsonOut != "" {
		raw, _ := json.MarshalIndent(r, "", "  ")
		if err := os.WriteFile(s.cfg.jsonOut, raw, 0o644); err != nil {
			return err
		}
	}
	if len(r.Failures) > 0 {
		return fmt.Errorf("failed: %s", strings.Join(r.Failures, "; "))
	}
	return nil
}

func statusName(st int) string {
	if st == 0 {
		return "neterr"
	}
	return strconv.Itoa(st)
}

func pct(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := (len(sorted)*p + 99) / 100
	return sorted[max(min(i, len(sorted))-1, 0)]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func printReport(r report) {
	fmt.Printf("\n=== soak report: %d clients, %.1f s ===\n", r.Clients, r.Seconds)
	fmt.Printf("requests: %d (%.0f/s); by status: %v\n", r.Requests, r.PerSec, r.ByStatus)
	ops := make([]string, 0, len(r.Ops))
	for op := range r.Ops {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	fmt.Printf("%-26s %8s %8s %8s %8s %8s %8s  %s\n", "op", "requests", "per s", "p50 ms", "p90 ms", "p99 ms", "max ms", "by status")
	for _, op := range ops {
		o := r.Ops[op]
		fmt.Printf("%-26s %8d %8.1f %8.2f %8.2f %8.2f %8.1f  %v\n", op, o.Requests, o.PerSec, o.P50ms, o.P90ms, o.P99ms, o.MaxMs, o.ByStatus)
	}
	if r.FirstErrorAt != nil {
		fmt.Printf("errors (503, 5xx, network) from t=%.1fs to t=%.1fs; seconds with errors:\n", *r.FirstErrorAt, *r.LastErrorAt)
		for _, l := range r.ErrorSeconds {
			fmt.Println("  " + l)
		}
	}
	fmt.Printf("writes acknowledged: %d; readable afterwards: %d of %d (checked in %.1f s)\n",
		r.WritesAcked, r.ReadableChecked-len(r.AckedUnreadable), r.ReadableChecked, r.ReadableCheckSec)
	for _, l := range head(r.AckedUnreadable, 10) {
		fmt.Println("  not readable: " + l)
	}
	fmt.Printf("writes never answered for good (retried with their key): %d\n", len(r.WritesStuck))
	for _, l := range head(r.WritesStuck, 10) {
		fmt.Println("  " + l)
	}
	fmt.Printf("writes refused: %d\n", len(r.WritesRejected))
	for _, l := range head(r.WritesRejected, 10) {
		fmt.Println("  " + l)
	}
	if r.Orphans != nil {
		fmt.Printf("meetings stored: %d; without delegations: %d; duplicate officials (same country and name): %d\n",
			deref(r.Meetings), *r.Orphans, deref(r.DuplicateOffic))
	}
	if len(r.RSS) > 0 {
		first, last := r.RSS[0], r.RSS[len(r.RSS)-1]
		peak := slices.MaxFunc(r.RSS, func(a, b rssPoint) int { return a.RSSKiB - b.RSSKiB })
		fmt.Printf("API process: RSS %d → %d MiB (peak %d MiB at t=%.0fs); open files %d → %d; goroutines %d → %d\n",
			first.RSSKiB/1024, last.RSSKiB/1024, peak.RSSKiB/1024, peak.T, first.FDs, last.FDs, first.Goroutines, last.Goroutines)
		var b strings.Builder
		for i, p := range r.RSS {
			if i%5 == 0 || i == len(r.RSS)-1 {
				fmt.Fprintf(&b, " t=%.0fs:%dMiB/%dfd/%dg", p.T, p.RSSKiB/1024, p.FDs, p.Goroutines)
			}
		}
		fmt.Println("  RSS/open files/goroutines over time:" + b.String())
	}
	if len(r.Failures) == 0 {
		fmt.Println("result: PASS")
	} else {
		fmt.Println("result: FAIL: " + strings.Join(r.Failures, "; "))
	}
}

func head(xs []string, n int) []string { return xs[:min(n, len(xs))] }

func deref(p *int) int {
	if p == nil {
		return -1
	}
	return *p
}
