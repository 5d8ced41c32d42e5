// Command starve tries to starve a running milmeet API as an attacker
// would, and measures whether ordinary reads still get through: it opens
// -exports NDJSON exports whose clients (4 KB receive buffers) read the
// first bytes and then nothing, and -imports atomic imports (write key) that
// send one line and then nothing, while it sends GET /meetings?limit=5
// -rate times a second and GET /readyz once a second for -duration. It
// prints the reads' latency (p50, p90, p99, max) and statuses, /readyz's
// statuses, what became of the stalled exports (cut off by the server, and
// when) and imports (their answer, and when), and exits 1 when a read was
// not 200 in time, its p99 passed -p99, /readyz was not 200, or a stalled
// client was never let go. It is not a test: bench/starve/run.sh runs it
// against an API of its own; docs/reliability.md records a run.
//
//	go run ./bench/starve -url http://127.0.0.1:8080 -token "$TOKEN"
//
// Only 127.0.0.1, ::1 and localhost are accepted as -url.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:8080", "the API (127.0.0.1, ::1 or localhost only)")
	token := flag.String("token", "", "a write key's token, for the imports")
	exports := flag.Int("exports", 8, "slow-reading NDJSON exports to hold")
	imports := flag.Int("imports", 4, "stalled atomic imports to hold")
	duration := flag.Duration("duration", 70*time.Second, "how long to measure the reads")
	rate := flag.Int("rate", 20, "GET /meetings?limit=5 a second")
	p99 := flag.Duration("p99", 100*time.Millisecond, "the reads' p99 must not pass this")
	release := flag.Duration("release", 45*time.Second, "the stalled clients must be let go within this")
	baseline := flag.Duration("baseline", 20*time.Second, "reads measured first, with no stalled client: the floor")
	flag.Parse()
	u, err := url.Parse(*base)
	if err != nil || u.Scheme != "http" || !slices.Contains([]string{"127.0.0.1", "::1", "localhost"}, u.Hostname()) {
		fmt.Fprintln(os.Stderr, "starve: -url must be http://127.0.0.1, [::1] or localhost")
		os.Exit(2)
	}
	if *imports > 0 && *token == "" {
		fmt.Fprintln(os.Stderr, "starve: -token is needed for the imports")
		os.Exit(2)
	}
	host := u.Host
	client := &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	ok := true

	// The floor: the same reads, on the same machine, before any stalled
	// client (a busy machine's latency is not the service's doing).
	var floor []read
	if *baseline > 0 {
		floor, _ = measure(client, *base, *rate, *baseline, time.Now())
	}
	start := time.Now()

	// The stalled clients.
	var wg sync.WaitGroup
	stalled := make([]stall, *exports+*imports)
	for i := range stalled {
		kind := "export"
		if i >= *exports {
			kind = "import"
		}
		stalled[i] = stall{kind: kind}
		wg.Add(1)
		go func(s *stall) {
			defer wg.Done()
			s.run(host, *token, start, *release)
		}(&stalled[i])
	}

	// The reads, at a steady rate, and /readyz once a second.
	reads, ready := measure(client, *base, *rate, *duration, start)
	wg.Wait()

	if *baseline > 0 {
		fmt.Printf("baseline, no stalled client, %s:\n", *baseline)
		report("GET /meetings?limit=5", floor, 0)
	}
	fmt.Printf("%d slow-reading NDJSON exports and %d stalled atomic imports held from t=0; reads for %s\n",
		*exports, *imports, *duration)
	ok = report("GET /meetings?limit=5", reads, *p99) && ok
	var held []read
	for _, r := range reads {
		if r.at < 30*time.Second {
			held = append(held, r)
		}
	}
	fmt.Println("of which, while every stalled client was held (t < 30 s):")
	report("GET /meetings?limit=5", held, 0)
	ok = report("GET /readyz", ready, 0) && ok
	for i, s := range stalled {
		fmt.Printf("%s %d: %s\n", s.kind, i+1, s.outcome)
		if !s.released {
			ok = false
		}
	}
	if !ok {
		fmt.Println("result: FAIL")
		os.Exit(1)
	}
	fmt.Println("result: PASS")
}

// measure sends GET /meetings?limit=5 rate times a second and GET /readyz
// once a second for d, and returns their answers.
func measure(client *http.Client, base string, rate int, d time.Duration, start time.Time) (reads, ready []read) {
	var mu sync.Mutex
	tick := time.NewTicker(time.Second / time.Duration(rate))
	defer tick.Stop()
	second := time.NewTicker(time.Second)
	defer second.Stop()
	end := time.After(d)
	var wg sync.WaitGroup
	for {
		select {
		case <-end:
			wg.Wait()
			return reads, ready
		case <-tick.C:
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := get(client, base+"/meetings?limit=5", start)
				mu.Lock()
				reads = append(reads, r)
				mu.Unlock()
			}()
		case <-second.C:
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := get(client, base+"/readyz", start)
				mu.Lock()
				ready = append(ready, r)
				mu.Unlock()
			}()
		}
	}
}

// read is one request and its answer.
type read struct {
	at      time.Duration // since the start
	took    time.Duration
	status  int
	failure string
}

func get(client *http.Client, target string, start time.Time) read {
	t0 := time.Now()
	r := read{at: t0.Sub(start)}
	resp, err := client.Get(target)
	if err != nil {
		r.took, r.failure = time.Since(t0), err.Error()
		return r
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	r.took, r.status = time.Since(t0), resp.StatusCode
	return r
}

// report prints the reads' statuses and latency; it returns false when one
// was not 200, or (max > 0) their p99 passed max.
func report(name string, rs []read, max time.Duration) bool {
	statuses := map[string]int{}
	var took []time.Duration
	ok := true
	for _, r := range rs {
		if r.failure != "" {
			statuses["no answer"]++
			ok = false
			continue
		}
		statuses[fmt.Sprint(r.status)]++
		if r.status != http.StatusOK {
			ok = false
		}
		took = append(took, r.took)
	}
	sort.Slice(took, func(i, j int) bool { return took[i] < took[j] })
	q := func(p float64) time.Duration {
		if len(took) == 0 {
			return 0
		}
		return took[min(len(took)-1, int(p*float64(len(took))))]
	}
	fmt.Printf("%-22s %5d requests %v; p50 %s, p90 %s, p99 %s, max %s\n", name, len(rs), statuses,
		ms(q(0.5)), ms(q(0.9)), ms(q(0.99)), ms(q(1)))
	if max > 0 && q(0.99) > max {
		fmt.Printf("%-22s p99 %s is over %s\n", name, ms(q(0.99)), max)
		ok = false
	}
	return ok
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d.Microseconds())/1000) }

// stall is one stalled client.
type stall struct {
	kind     string
	released bool
	outcome  string
}

// smallReceiveBuffer dials with a 4 KB receive buffer, set before the
// connection so that the window stays that small.
var smallReceiveBuffer = net.Dialer{Timeout: 5 * time.Second, Control: func(_, _ string, c syscall.RawConn) error {
	var serr error
	err := c.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4<<10)
	})
	return errors.Join(err, serr)
}}

// run holds the client stalled until the server lets it go (or release
// passes), and notes how it ended.
func (s *stall) run(host, token string, start time.Time, release time.Duration) {
	conn, err := smallReceiveBuffer.Dial("tcp", host)
	if err != nil {
		s.outcome = "could not connect: " + err.Error()
		return
	}
	defer conn.Close()
	deadline := start.Add(release)
	if s.kind == "export" {
		fmt.Fprintf(conn, "GET /meetings?format=ndjson HTTP/1.1\r\nHost: milmeet\r\n\r\n")
		head := make([]byte, 64)
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := io.ReadAtLeast(conn, head, 12)
		if err != nil {
			s.outcome = "no answer: " + err.Error()
			return
		}
		if !bytes.HasPrefix(head[:n], []byte("HTTP/1.1 200")) {
			s.outcome = "refused: " + strings.SplitN(string(head[:n]), "\r\n", 2)[0]
			s.released = true
			return
		}
		// Read nothing until the deadline; then take what was sent, and see
		// whether the server ended the export early (no last chunk).
		time.Sleep(time.Until(deadline))
		_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		rest, err := io.ReadAll(conn)
		var ne net.Error
		switch {
		case errors.As(err, &ne) && ne.Timeout():
			s.outcome = "still open after the deadline"
		case bytes.HasSuffix(rest, []byte("\r\n0\r\n\r\n")):
			s.outcome = fmt.Sprintf("sent whole (%d bytes): never cut off", n+len(rest))
		default:
			s.released = true
			s.outcome = fmt.Sprintf("cut off by the server (%d bytes taken)", n+len(rest))
		}
		return
	}
	line := `{"title":"Stalled import","date":"2001-02-03","kind":"working_visit","delegations":[{"country":"AZ","role":"host"},{"country":"TR","role":"guest"}]}` + "\n"
	fmt.Fprintf(conn, "POST /imports?atomic=true HTTP/1.1\r\nHost: milmeet\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: application/x-ndjson\r\nContent-Length: 10000000\r\n\r\n%s", token, line)
	_ = conn.SetReadDeadline(deadline)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		s.outcome = "no answer by the deadline: " + err.Error()
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	s.released = true
	s.outcome = fmt.Sprintf("answered %d at t=%s: %.160s", resp.StatusCode, time.Since(start).Round(100*time.Millisecond),
		strings.TrimSpace(string(body)))
}
