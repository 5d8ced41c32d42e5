// Command load drives milmeet through a load balancer for bench/cluster:
// readers that list and read meetings, writers that add meetings, and
// read-your-writes clients that add a meeting and read it back at once with
// the answer's consistency token. It never retries a read: a read that does
// not get a 200 counts as failed, so the figure is what the load balancer
// and the API make of faults. Writes carry an Idempotency-Key and are sent
// again until answered for good, as a careful client does.
//
//	go run ./bench/cluster/load -url http://127.0.0.1:18810 -token mm_... -ids ids.txt -duration 60s
//
// It reports requests, answers by status, reads by the node that served
// them (Milmeet-Node), latency percentiles, and read-your-writes violations:
// a read with the token of a write that does not show the write.
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type config struct {
	base                  string
	token                 string
	idsFile               string
	readers, writers, ryw int
	duration, timeout     time.Duration
	jsonOut, label        string
	first                 int64
}

func main() {
	var c config
	flag.StringVar(&c.base, "url", "http://127.0.0.1:18810", "the load balancer's (or an API's) base URL")
	flag.StringVar(&c.token, "token", os.Getenv("LOAD_TOKEN"), "API key with the write scope (env LOAD_TOKEN)")
	flag.StringVar(&c.idsFile, "ids", "", "meeting ids to read, one a line")
	flag.IntVar(&c.readers, "readers", 12, "clients that only read")
	flag.IntVar(&c.writers, "writers", 2, "clients that add meetings")
	flag.IntVar(&c.ryw, "ryw", 4, "clients that add a meeting and read it back with its token")
	flag.DurationVar(&c.duration, "duration", 60*time.Second, "how long to send traffic")
	flag.DurationVar(&c.timeout, "timeout", 10*time.Second, "timeout of one request")
	flag.StringVar(&c.jsonOut, "json", "", "also write the report as JSON here")
	flag.StringVar(&c.label, "label", "", "a name for the run in the report")
	flag.Int64Var(&c.first, "first", 0, "number of the first meeting written: runs on one database whose numbers do not overlap write no duplicates")
	flag.Parse()
	if err := run(c); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

// report is what a run saw.
type report struct {
	Label                                string           `json:"label"`
	Seconds                              float64          `json:"seconds"`
	Requests                             int64            `json:"requests"`
	Reads                                int64            `json:"reads"`
	ReadsFailed                          int64            `json:"reads_failed"`
	Writes                               int64            `json:"writes"`
	WritesLost                           int64            `json:"writes_lost"` // never answered for good
	WriteAttempts                        int64            `json:"write_attempts"`
	ByStatus                             map[string]int64 `json:"by_status"` // "read 200", "write 503", "read error"...
	ReadsByNode                          map[string]int64 `json:"reads_by_node"`
	RYWReads                             int64            `json:"ryw_reads"`
	RYWViolations                        int64            `json:"ryw_violations"`
	RYWByNode                            map[string]int64 `json:"ryw_reads_by_node"`
	ReadP50, ReadP99, WriteP50, WriteP99 float64          // milliseconds
	ReadsPerSecond                       float64
	ReplicaShare                         float64  `json:"replica_share"`
	FailedSamples                        []string `json:"failed_samples"`
}

type stats struct {
	mu                                                                             sync.Mutex
	byStatus                                                                       map[string]int64
	byNode                                                                         map[string]int64
	rywByNode                                                                      map[string]int64
	readLat                                                                        []float64
	writeLat                                                                       []float64
	failedSamples                                                                  []string
	reads, readsFailed, writes, writesLost, writeAttempts, rywReads, rywViolations atomic.Int64
}

func (s *stats) count(kind string, status int, err error, node string, lat time.Duration) {
	key := fmt.Sprintf("%s %d", kind, status)
	if err != nil {
		key = kind + " error"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.byStatus[key]++
	if kind == "read" {
		s.readLat = append(s.readLat, float64(lat.Microseconds())/1000)
		if node != "" && status == http.StatusOK {
			s.byNode[node]++
		}
	} else {
		s.writeLat = append(s.writeLat, float64(lat.Microseconds())/1000)
	}
}

func (s *stats) failed(sample string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.failedSamples) < 20 {
		s.failedSamples = append(s.failedSamples, time.Now().Format("15:04:05.000")+" "+sample)
	}
}

type client struct {
	c    config
	http *http.Client
	st   *stats
	ids  []string
	next *atomic.Int64
}

type answer struct {
	status int
	header http.Header
	body   []byte
	err    error
	took   time.Duration
}

func (cl *client) do(method, path string, body []byte, header ...string) answer {
	req, err := http.NewRequest(method, cl.c.base+path, bytes.NewReader(body))
	if err != nil {
		return answer{err: err}
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	start := time.Now()
	resp, err := cl.http.Do(req)
	if err != nil {
		return answer{err: err, took: time.Since(start)}
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return answer{status: resp.StatusCode, header: resp.Header, body: raw, err: err, took: time.Since(start)}
}

// read sends a read once and counts it.
func (cl *client) read(path string, header ...string) answer {
	a := cl.do("GET", path, nil, header...)
	cl.st.reads.Add(1)
	cl.st.count("read", a.status, a.err, a.header.Get("Milmeet-Node"), a.took)
	if a.err != nil || a.status != http.StatusOK {
		cl.st.readsFailed.Add(1)
		cl.st.failed(fmt.Sprintf("GET %s: %v %d %.400s", path, a.err, a.status, a.body))
	}
	return a
}

var countries = []string{"UZ", "AZ", "TR", "KZ", "GE", "PK", "CN", "IN", "KG", "TJ"}

// guests are the guest countries of the meetings written (the host is AZ).
var guests = []string{"UZ", "TR", "KZ", "GE", "PK", "CN", "IN", "KG", "TJ"}

// meeting is the body of a new meeting. Its date, kind and guest (which
// make a meeting the same as another) are distinct for n below 360,000.
func meeting(n int64, run string) []byte {
	day := time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(n%40000))
	raw, _ := json.Marshal(map[string]any{
		"title": fmt.Sprintf("cluster %s meeting %d", run, n),
		"date":  day.Format("2006-01-02"),
		"kind":  []string{"working_visit", "official_visit", "meeting"}[n%3],
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
			map[string]any{"country": guests[int(n)%len(guests)], "role": "guest",
				"head": map[string]any{"name": "Visiting Chief " + guests[int(n)%len(guests)]}},
		},
		"sources": []any{map[string]any{"url": fmt.Sprintf("https://example.org/cluster/%s/%d", run, n), "outlet": "Example"}},
	})
	return raw
}

// write adds meeting n, sending it again with the same Idempotency-Key
// until it is answered for good; it returns the last answer.
func (cl *client) write(n int64, run string, until time.Time) answer {
	key := fmt.Sprintf("cluster-%s-%d", run, n)
	backoff := 50 * time.Millisecond
	for {
		a := cl.do("POST", "/meetings", meeting(n, run), "Authorization", "Bearer "+cl.c.token, "Idempotency-Key", key)
		cl.st.writeAttempts.Add(1)
		cl.st.count("write", a.status, a.err, "", a.took)
		retry := a.err != nil || a.status == 503 || a.status == 502 || a.status == 504 || a.status == 429 ||
			a.status == 409 && bytes.Contains(a.body, []byte("progress"))
		if !retry {
			cl.st.writes.Add(1)
			if a.status != http.StatusCreated {
				cl.st.failed(fmt.Sprintf("POST %s: %d %.400s", key, a.status, a.body))
			}
			return a
		}
		if time.Now().After(until) {
			cl.st.writesLost.Add(1)
			cl.st.failed(fmt.Sprintf("POST %s never answered for good: %v %d", key, a.err, a.status))
			return a
		}
		time.Sleep(backoff)
		backoff = min(backoff*2, time.Second)
	}
}

func run(c config) error {
	var ids []string
	if c.idsFile != "" {
		f, err := os.Open(c.idsFile)
		if err != nil {
			return err
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if s := strings.TrimSpace(sc.Text()); s != "" {
				ids = append(ids, s)
			}
		}
		f.Close()
	}
	if len(ids) == 0 {
		return fmt.Errorf("no meeting ids to read (-ids)")
	}
	st := &stats{byStatus: map[string]int64{}, byNode: map[string]int64{}, rywByNode: map[string]int64{}}
	tr := &http.Transport{MaxIdleConnsPerHost: 64, IdleConnTimeout: 30 * time.Second}
	var next atomic.Int64
	next.Store(c.first)
	runID := fmt.Sprintf("%x", time.Now().UnixNano())
	start := time.Now()
	end := start.Add(c.duration)
	var wg sync.WaitGroup
	spawn := func(n int, fn func(cl *client, rnd *rand.Rand)) {
		for i := range n {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cl := &client{c: c, http: &http.Client{Transport: tr, Timeout: c.timeout}, st: st, ids: ids, next: &next}
				fn(cl, rand.New(rand.NewPCG(uint64(i), uint64(start.UnixNano()))))
			}()
		}
	}
	spawn(c.readers, func(cl *client, rnd *rand.Rand) {
		for time.Now().Before(end) {
			if rnd.IntN(10) < 6 {
				cl.read(fmt.Sprintf("/meetings?country=%s&limit=20", countries[rnd.IntN(len(countries))]))
			} else {
				cl.read("/meetings/" + ids[rnd.IntN(len(ids))])
			}
		}
	})
	spawn(c.writers, func(cl *client, rnd *rand.Rand) {
		for time.Now().Before(end) {
			cl.write(next.Add(1), runID, end.Add(30*time.Second))
		}
	})
	spawn(c.ryw, func(cl *client, rnd *rand.Rand) {
		for time.Now().Before(end) {
			n := next.Add(1)
			w := cl.write(n, runID, end.Add(30*time.Second))
			token := w.header.Get("Milmeet-Consistency")
			if w.status != http.StatusCreated || token == "" {
				continue
			}
			var stored struct{ ID, Title string }
			if json.Unmarshal(w.body, &stored) != nil {
				continue
			}
			r := cl.read("/meetings/"+stored.ID, "Milmeet-Consistency", token)
			if r.err != nil || r.status >= 500 {
				continue // a failed read, counted as such
			}
			cl.st.rywReads.Add(1)
			var got struct{ Title string }
			_ = json.Unmarshal(r.body, &got)
			cl.st.mu.Lock()
			cl.st.rywByNode[r.header.Get("Milmeet-Node")]++
			cl.st.mu.Unlock()
			if r.status != http.StatusOK || got.Title != stored.Title {
				cl.st.rywViolations.Add(1)
				cl.st.failed(fmt.Sprintf("read-your-writes: %s with token %s: %d from %s", stored.ID, token, r.status, r.header.Get("Milmeet-Node")))
			}
		}
	})
	wg.Wait()
	secs := time.Since(start).Seconds()
	rep := report{Label: c.label, Seconds: secs, ByStatus: st.byStatus, ReadsByNode: st.byNode, RYWByNode: st.rywByNode,
		Reads: st.reads.Load(), ReadsFailed: st.readsFailed.Load(), Writes: st.writes.Load(), WritesLost: st.writesLost.Load(),
		WriteAttempts: st.writeAttempts.Load(), RYWReads: st.rywReads.Load(), RYWViolations: st.rywViolations.Load(),
		FailedSamples: st.failedSamples}
	rep.Requests = rep.Reads + rep.WriteAttempts
	rep.ReadP50, rep.ReadP99 = pct(st.readLat, 50), pct(st.readLat, 99)
	rep.WriteP50, rep.WriteP99 = pct(st.writeLat, 50), pct(st.writeLat, 99)
	rep.ReadsPerSecond = float64(rep.Reads) / secs
	var byReplica, served int64
	for node, n := range st.byNode {
		served += n
		if strings.HasPrefix(node, "replica") {
			byReplica += n
		}
	}
	if served > 0 {
		rep.ReplicaShare = float64(byReplica) / float64(served)
	}
	print(os.Stdout, rep)
	if c.jsonOut != "" {
		raw, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(c.jsonOut, raw, 0o644); err != nil {
			return err
		}
	}
	return nil
}

func pct(xs []float64, p float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	return xs[min(len(xs)-1, int(float64(len(xs))*p/100))]
}

func print(w io.Writer, r report) {
	fmt.Fprintf(w, "run %s: %.0f s, %d requests (%.0f reads/s)\n", r.Label, r.Seconds, r.Requests, r.ReadsPerSecond)
	fmt.Fprintf(w, "  reads: %d, failed %d; latency p50 %.1f ms, p99 %.1f ms\n", r.Reads, r.ReadsFailed, r.ReadP50, r.ReadP99)
	fmt.Fprintf(w, "  writes: %d answered for good (%d attempts), %d never; latency p50 %.1f ms, p99 %.1f ms\n",
		r.Writes, r.WriteAttempts, r.WritesLost, r.WriteP50, r.WriteP99)
	keys := make([]string, 0, len(r.ByStatus))
	for k := range r.ByStatus {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Fprint(w, "  answers:")
	for _, k := range keys {
		fmt.Fprintf(w, " [%s] %d", k, r.ByStatus[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "  reads by node: %v (replicas %.1f%%)\n", r.ReadsByNode, 100*r.ReplicaShare)
	fmt.Fprintf(w, "  read-your-writes: %d reads with a token, %d violations; by node %v\n", r.RYWReads, r.RYWViolations, r.RYWByNode)
	for _, s := range r.FailedSamples {
		fmt.Fprintln(w, "  failed:", s)
	}
}
