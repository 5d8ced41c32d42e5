package postgres

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/milmeet/milmeet/internal/domain"
)

// RouterOptions tune how a Router spreads reads over replicas.
type RouterOptions struct {
	// MaxLag: a replica whose oldest missing write has waited longer gets
	// no reads (0: DefaultMaxLag).
	MaxLag time.Duration
	// CheckInterval is how often every node is checked (0:
	// DefaultCheckInterval).
	CheckInterval time.Duration
}

// Defaults of RouterOptions.
const (
	DefaultMaxLag        = 10 * time.Second
	DefaultCheckInterval = time.Second
	// checkTimeout bounds one check of one node.
	checkTimeout = 2 * time.Second
)

// Router runs a Store on a primary and its streaming replicas. Statements
// go to the primary unless their context carries a domain.ReadPolicy (the
// reads of a request that writes nothing); those go to a replica that
// serves, and that has replayed the policy's position when it names one,
// checked on each replica by itself; else to the primary.
//
// Every node is checked each CheckInterval: whether it answers, the
// primary's position in its write-ahead log, how far each replica has
// replayed it. A replica's lag is how long the oldest write it lacks has
// been known on the primary (so an idle primary makes no lag); one that is
// down, not in recovery, or lags more than MaxLag gets no reads until it
// recovers. While the primary does not answer, replicas keep serving reads,
// marked as possibly stale; a read that names a position no replica has
// reached then fails as unavailable rather than be answered without it.
type Router struct {
	opt      RouterOptions
	primary  *node
	replicas []*node
	byName   map[string]*node
	next     atomic.Uint32 // round robin over the replicas

	mu sync.Mutex // guards the nodes' state and the history
	// history holds the primary's positions, each with when it was first
	// seen, oldest first.
	history []sample

	checkMu sync.Mutex // one check at a time; guards the nodes' conns
	kick    chan struct{}
	cancel  context.CancelFunc
	done    chan struct{}
}

// sample is a position of the primary and when it was first seen.
type sample struct {
	at  time.Time
	pos domain.Position
}

// node is one server: its pools, the connection its checks use, and what
// the last check saw.
type node struct {
	name, role, addr string
	pools            *Pools
	connConfig       *pgx.ConnConfig
	conn             *pgx.Conn // for checks; Router.checkMu
	reads            atomic.Int64

	st nodeState // Router.mu
}

type nodeState struct {
	checked    time.Time
	up         bool
	recovery   bool            // in recovery: a replica
	position   domain.Position // primary: insert position; replica: replayed
	paused     bool
	lag        time.Duration
	lagKnown   bool
	serving    bool
	problem    string
	replayWait float64 // replica: seconds since the last transaction it replayed
	behind     bool    // replica: it has received more than it replayed
}

// Roles of nodes.
const (
	RolePrimary = "primary"
	RoleReplica = "replica"
)

// OpenRouter opens the pools of the primary at primaryURL and of each
// replica in replicaURLs, checks every node once and goes on checking them
// until Close.
func OpenRouter(ctx context.Context, primaryURL string, replicaURLs []string, opt Options, ropt RouterOptions) (*Router, error) {
	if ropt.MaxLag <= 0 {
		ropt.MaxLag = DefaultMaxLag
	}
	if ropt.CheckInterval <= 0 {
		ropt.CheckInterval = DefaultCheckInterval
	}
	r := &Router{opt: ropt, byName: map[string]*node{}, kick: make(chan struct{}, 1), done: make(chan struct{})}
	var err error
	if r.primary, err = openNode(ctx, RolePrimary, RolePrimary, primaryURL, opt); err != nil {
		return nil, err
	}
	r.byName[r.primary.name] = r.primary
	i := 0
	for _, u := range replicaURLs {
		if u = strings.TrimSpace(u); u == "" {
			continue
		}
		i++
		n, err := openNode(ctx, fmt.Sprintf("replica-%d", i), RoleReplica, u, opt)
		if err != nil {
			r.closeNodes()
			return nil, fmt.Errorf("DATABASE_READ_URLS, entry %d: %w", i, err)
		}
		r.replicas = append(r.replicas, n)
		r.byName[n.name] = n
	}
	r.check(ctx)
	loop, cancel := context.WithCancel(context.WithoutCancel(ctx))
	r.cancel = cancel
	go r.loop(loop)
	return r, nil
}

func openNode(ctx context.Context, name, role, url string, opt Options) (*node, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	pools, err := OpenPools(ctx, url, opt)
	if err != nil {
		return nil, err
	}
	cc := pools.Main.Config().ConnConfig.Copy()
	return &node{name: name, role: role, addr: net.JoinHostPort(cfg.ConnConfig.Host, strconv.Itoa(int(cfg.ConnConfig.Port))),
		pools: pools, connConfig: cc}, nil
}

// Close stops the checks and closes every pool.
func (r *Router) Close() {
	r.cancel()
	<-r.done
	r.closeNodes()
}

func (r *Router) closeNodes() {
	r.checkMu.Lock()
	defer r.checkMu.Unlock()
	for _, n := range r.nodes() {
		if n.conn != nil {
			_ = n.conn.Close(context.Background())
			n.conn = nil
		}
		n.pools.Close()
	}
}

func (r *Router) nodes() []*node {
	out := []*node{}
	if r.primary != nil {
		out = append(out, r.primary)
	}
	return append(out, r.replicas...)
}

// Primary returns the primary's pools.
func (r *Router) Primary() *Pools { return r.primary.pools }

// Store returns a Store whose statements the router sends to its nodes.
func (r *Router) Store() *Store {
	return &Store{pool: route{r: r}, bulk: route{r: r, bulk: true}, primary: r.primary.pools.Main, router: r,
		est: newEstimator(route{r: r})}
}

func (r *Router) loop(ctx context.Context) {
	defer close(r.done)
	t := time.NewTicker(r.opt.CheckInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-r.kick:
		}
		r.check(ctx)
	}
}

// recheck asks for a check soon, as when a read failed on a node.
func (r *Router) recheck() {
	select {
	case r.kick <- struct{}{}:
	default:
	}
}

// check checks every node at once and updates what the router knows.
func (r *Router) check(ctx context.Context) {
	r.checkMu.Lock()
	defer r.checkMu.Unlock()
	nodes := r.nodes()
	seen := make([]nodeState, len(nodes))
	var wg sync.WaitGroup
	for i, n := range nodes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			seen[i] = n.check(ctx)
		}()
	}
	wg.Wait()

	r.mu.Lock()
	defer r.mu.Unlock()
	now := time.Now()
	p := seen[0]
	if p.up && p.recovery {
		p.up, p.problem = false, "the primary is in recovery: it is a standby, and takes no writes"
	}
	p.serving = p.up
	r.primary.st = p
	if p.up {
		if len(r.history) == 0 || p.position > r.history[len(r.history)-1].pos {
			r.history = append(r.history, sample{at: now, pos: p.position})
		}
		// Keep what lag needs; the oldest sample stays as a floor.
		keep := now.Add(-3 * r.opt.MaxLag)
		for len(r.history) > 1 && r.history[1].at.Before(keep) {
			r.history = r.history[1:]
		}
	}
	for i, n := range r.replicas {
		s := seen[i+1]
		switch {
		case !s.up:
		case !s.recovery:
			s.problem = "not in recovery: not a replica of the primary (promoted?), so it serves no reads"
		case p.up:
			s.lag, s.lagKnown = r.lag(s.position, now)
			s.serving = s.lagKnown && s.lag <= r.opt.MaxLag
			switch {
			case !s.lagKnown:
				s.problem = "behind the oldest primary position this service has seen: lag not known yet"
			case !s.serving:
				s.problem = fmt.Sprintf("lags more than MAX_REPLICA_LAG (%s)", r.opt.MaxLag)
			}
		default:
			// Without the primary, a replica is as fresh as it can be once it
			// has replayed all it received.
			s.lagKnown = true
			if s.behind {
				s.lag = time.Duration(s.replayWait * float64(time.Second))
			}
			s.serving = s.lag <= r.opt.MaxLag
			if !s.serving {
				s.problem = fmt.Sprintf("lags more than MAX_REPLICA_LAG (%s)", r.opt.MaxLag)
			}
		}
		n.st = s
	}
}

// lag returns how long the oldest write at a position after pos has been
// known, 0 when pos is at or past every position seen. A position before
// the oldest one kept lacks writes of unknown age: not known.
func (r *Router) lag(pos domain.Position, now time.Time) (time.Duration, bool) {
	if len(r.history) == 0 || pos < r.history[0].pos {
		return 0, false
	}
	for _, s := range r.history {
		if s.pos > pos {
			return now.Sub(s.at), true
		}
	}
	return 0, true
}

// The statements of a check. A node's role decides which it gets; each
// asks whether the node is in recovery, so a mistaken URL shows.
const (
	checkPrimarySQL = `SELECT pg_is_in_recovery(),
  CASE WHEN pg_is_in_recovery() THEN NULL ELSE ` + positionSQL + ` END,
  false, false, 0::float8`
	checkReplicaSQL = `SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
  CASE WHEN pg_is_in_recovery() THEN pg_is_wal_replay_paused() ELSE false END,
  coalesce(pg_last_wal_receive_lsn() > pg_last_wal_replay_lsn(), false),
  coalesce(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::float8, 0)`
)

// check asks the node how it is, on a connection of its own so that a
// full pool does not hold the check up; checkMu is held.
func (n *node) check(ctx context.Context) nodeState {
	ctx, cancel := context.WithTimeout(ctx, checkTimeout)
	defer cancel()
	st := nodeState{checked: time.Now()}
	fail := func(err error) nodeState {
		if n.conn != nil {
			_ = n.conn.Close(context.Background())
			n.conn = nil
		}
		st.problem = "does not answer: " + errorText(err)
		return st
	}
	if n.conn == nil || n.conn.IsClosed() {
		c, err := pgx.ConnectConfig(ctx, n.connConfig)
		if err != nil {
			return fail(err)
		}
		n.conn = c
	}
	q := checkReplicaSQL
	if n.role == RolePrimary {
		q = checkPrimarySQL
	}
	var pos *string
	err := n.conn.QueryRow(ctx, q, pgx.QueryExecModeSimpleProtocol).Scan(&st.recovery, &pos, &st.paused, &st.behind, &st.replayWait)
	if err != nil {
		return fail(err)
	}
	st.up = true
	if pos != nil {
		if st.position, err = domain.ParsePosition(*pos); err != nil {
			return fail(fmt.Errorf("position %q: %w", *pos, err))
		}
	}
	return st
}

// errorText is err in a line, without the connection's password.
func errorText(err error) string {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		return pgErr.Message
	}
	var ce *pgconn.ConnectError
	if errors.As(err, &ce) {
		return "cannot connect"
	}
	if errors.Is(err, context.DeadlineExceeded) {
		return "no answer within " + checkTimeout.String()
	}
	return err.Error()
}

// replayed returns how far replica n has replayed, asking it.
func (n *node) replayed(ctx context.Context) (domain.Position, error) {
	var s *string
	if err := n.pools.Main.QueryRow(ctx, `SELECT pg_last_wal_replay_lsn()::text`, pgx.QueryExecModeSimpleProtocol).Scan(&s); err != nil {
		return 0, err
	}
	if s == nil {
		return 0, errors.New("not in recovery")
	}
	return domain.ParsePosition(*s)
}

var errNoFreshNode = &domain.Error{Code: domain.EUNAVAILABLE,
	Message: "The primary database does not answer, and no replica has yet replayed the writes this request must see (its consistency token)."}

// pick returns the node for the statements of ctx.
func (r *Router) pick(ctx context.Context) (*node, error) {
	p := domain.ReadPolicyOf(ctx)
	if p == nil {
		return r.primary, nil
	}
	if name, _ := p.Served(); name != "" {
		if n := r.byName[name]; n == r.primary || n != nil && r.serving(n) && !p.Failed(name) {
			return n, nil
		}
	}
	primaryUp := r.serving(r.primary) && !p.Failed(r.primary.name)
	if n := r.pickReplica(ctx, p); n != nil {
		p.Serve(n.name, !primaryUp)
		n.reads.Add(1)
		return n, nil
	}
	if p.After != 0 && !primaryUp {
		return nil, errNoFreshNode
	}
	p.Serve(r.primary.name, false)
	r.primary.reads.Add(1)
	return r.primary, nil
}

// pickReplica returns a replica that serves and has replayed p.After,
// taking them in turn; nil when there is none.
func (r *Router) pickReplica(ctx context.Context, p *domain.ReadPolicy) *node {
	if len(r.replicas) == 0 {
		return nil
	}
	type cand struct {
		n   *node
		pos domain.Position
	}
	var cands []cand
	start := int(r.next.Add(1))
	r.mu.Lock()
	for i := range r.replicas {
		n := r.replicas[(start+i)%len(r.replicas)]
		if n.st.serving && !p.Failed(n.name) {
			cands = append(cands, cand{n, n.st.position})
		}
	}
	r.mu.Unlock()
	for _, c := range cands {
		if c.pos >= p.After {
			return c.n
		}
	}
	// The last check may be older than the write: ask each replica itself.
	for _, c := range cands {
		pos, err := c.n.replayed(ctx)
		if err != nil {
			continue
		}
		r.mu.Lock()
		if pos > c.n.st.position {
			c.n.st.position = pos
		}
		r.mu.Unlock()
		if pos >= p.After {
			return c.n
		}
	}
	return nil
}

// serving reports whether n took reads at the last check.
func (r *Router) serving(n *node) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return n.st.serving
}

// failed records that the node serving p's reads failed them: the reads go
// elsewhere, and the nodes are checked again at once.
func (r *Router) failed(p *domain.ReadPolicy) {
	p.Fail()
	r.recheck()
}

// Position returns the primary's current position in its history of
// writes: every write committed before the call is at or before it, and a
// replica that has replayed up to it has replayed them all.
func (s *Store) Position(ctx context.Context) (domain.Position, error) {
	var text string
	if err := s.primary.QueryRow(ctx, `SELECT `+positionSQL).Scan(&text); err != nil {
		return 0, fmt.Errorf("position: %w", formatError(err))
	}
	return domain.ParsePosition(text)
}

// positionSQL gives the end of the last record inserted in the primary's
// write-ahead log: the insert position, which is at or past the end of
// every commit made (the write and flush positions may not be yet, when
// commits are asynchronous). At the start of a page the insert position
// points past the page's header, where no replica's replay position ever
// stops; the record before ended at the page's start, which is what a
// replica reports once it has replayed it. The headers are 24 bytes, and 40
// on the first page of a segment.
const positionSQL = `(SELECT (l - CASE WHEN (l - '0/0') % seg = 40 THEN 40
                                       WHEN (l - '0/0') % blk = 24 THEN 24 ELSE 0 END)::text
  FROM (SELECT pg_current_wal_insert_lsn() AS l, current_setting('wal_block_size')::numeric AS blk,
               (SELECT setting::numeric FROM pg_settings WHERE name = 'wal_segment_size') AS seg) AS w)`

// ReadFailed tells the store that the reads of ctx failed with err on the
// node that served them. When err says the node was lost (not a statement
// that ran too long), or that a read wrote or locked, which a replica
// refuses, the reads may be tried again elsewhere (in the end on the
// primary): it reports whether another node may serve them.
func (s *Store) ReadFailed(ctx context.Context, err error) bool {
	p := domain.ReadPolicyOf(ctx)
	if s.router == nil || p == nil || !errors.Is(err, unavailable) && !errors.Is(err, readOnly) {
		return false
	}
	name, _ := p.Served()
	if name == "" {
		return false
	}
	s.router.failed(p)
	// Every node but the failed ones: the primary, or a replica.
	for _, n := range s.router.nodes() {
		if !p.Failed(n.name) && (n == s.router.primary || s.router.serving(n)) {
			return true
		}
	}
	return false
}

// Nodes checks every node now and reports each one's state.
func (s *Store) Nodes(ctx context.Context) []domain.Node {
	if s.router == nil {
		n := domain.Node{Name: RolePrimary, Role: RolePrimary, Up: s.Ping(ctx) == nil}
		n.Serving = n.Up
		if !n.Up {
			n.Problem = "does not answer"
		}
		return []domain.Node{n}
	}
	s.router.check(ctx)
	return s.router.Nodes()
}

// Nodes reports each node's state as the last check saw it.
func (r *Router) Nodes() []domain.Node {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []domain.Node
	for _, n := range r.nodes() {
		d := domain.Node{Name: n.name, Role: n.role, Address: n.addr, Up: n.st.up, Serving: n.st.serving,
			Position: n.st.position, ReplayPaused: n.st.paused, Reads: n.reads.Load(), Problem: n.st.problem}
		if n.role == RoleReplica && n.st.up && n.st.recovery && n.st.lagKnown {
			lag := n.st.lag.Seconds()
			d.LagSeconds = &lag
		}
		out = append(out, d)
	}
	return out
}

// route is a Router's view of one kind of pool (for requests, or bulk):
// each call goes to that pool of the node the router picks for its
// context. Exec and CopyFrom, which write, go to the primary.
type route struct {
	r    *Router
	bulk bool
}

func (v route) pool(ctx context.Context) (*pgxpool.Pool, error) {
	n, err := v.r.pick(ctx)
	if err != nil {
		return nil, err
	}
	if v.bulk {
		return n.pools.Bulk, nil
	}
	return n.pools.Main, nil
}

func (v route) primary() *pgxpool.Pool {
	if v.bulk {
		return v.r.primary.pools.Bulk
	}
	return v.r.primary.pools.Main
}

func (v route) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	return v.primary().Exec(ctx, sql, args...)
}

func (v route) CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, rows pgx.CopyFromSource) (int64, error) {
	return v.primary().CopyFrom(ctx, table, columns, rows)
}

func (v route) Ping(ctx context.Context) error { return v.primary().Ping(ctx) }

func (v route) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	p, err := v.pool(ctx)
	if err != nil {
		return nil, err
	}
	return p.Query(ctx, sql, args...)
}

func (v route) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	p, err := v.pool(ctx)
	if err != nil {
		return errRow{err}
	}
	return p.QueryRow(ctx, sql, args...)
}

func (v route) SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults {
	p, err := v.pool(ctx)
	if err != nil {
		return errBatch{err}
	}
	return p.SendBatch(ctx, b)
}

func (v route) Begin(ctx context.Context) (pgx.Tx, error) {
	p, err := v.pool(ctx)
	if err != nil {
		return nil, err
	}
	return p.Begin(ctx)
}

func (v route) BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error) {
	p, err := v.pool(ctx)
	if err != nil {
		return nil, err
	}
	return p.BeginTx(ctx, opts)
}

// errRow and errBatch carry an error of picking a node to where a row or a
// batch's results are read.
type errRow struct{ err error }

func (e errRow) Scan(...any) error { return e.err }

type errBatch struct{ err error }

func (e errBatch) Exec() (pgconn.CommandTag, error) { return pgconn.CommandTag{}, e.err }
func (e errBatch) Query() (pgx.Rows, error)         { return nil, e.err }
func (e errBatch) QueryRow() pgx.Row                { return errRow(e) }
func (e errBatch) Close() error                     { return e.err }
func (e errBatch) Tx() pgx.Tx                       { return nil }
