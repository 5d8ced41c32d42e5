package domain

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
)

// Reads from copies of the database.
//
// A deployment may keep read-only copies of the database (replicas) that
// follow its one writable node (the primary) a little behind. A request
// that only reads may be answered from a replica; its ReadPolicy, carried in
// its context, lets the store do so, says how fresh the answer must be, and
// records where it came from. Without a ReadPolicy every read goes to the
// primary, as do the reads a write makes.

// Position is a point in the history of writes: a later write has a greater
// position. It is opaque outside the store (for PostgreSQL, a WAL location);
// its text form is what clients hold as a consistency token. Zero is none.
type Position uint64

// String returns the text form, two hexadecimal numbers such as 0/1A2B3C8.
func (p Position) String() string {
	return fmt.Sprintf("%X/%X", uint64(p)>>32, uint64(p)&0xFFFFFFFF)
}

// ParsePosition reads the text form of a Position. Returns EINVALID for
// anything else.
func ParsePosition(s string) (Position, error) {
	bad := Errorf(EINVALID, "A consistency token is two hexadecimal numbers joined by a slash, as a write's answer gives it.")
	hi, lo, ok := strings.Cut(s, "/")
	if !ok || len(hi) == 0 || len(hi) > 8 || len(lo) == 0 || len(lo) > 8 {
		return 0, bad
	}
	h, err1 := strconv.ParseUint(hi, 16, 32)
	l, err2 := strconv.ParseUint(lo, 16, 32)
	if err1 != nil || err2 != nil {
		return 0, bad
	}
	return Position(h<<32 | l), nil
}

// ReadPolicy lets the reads of one request go to a replica. After, when
// set, is the position they must include: a replica that has not replayed
// the history that far may not serve them. A request's reads stay on the
// node that served the first of them, so that they agree with each other.
type ReadPolicy struct {
	// After is the position the reads must include; zero for none.
	After Position

	mu     sync.Mutex
	node   string
	stale  bool
	failed []string
}

type readPolicyKey struct{}

// WithReadPolicy returns ctx carrying p.
func WithReadPolicy(ctx context.Context, p *ReadPolicy) context.Context {
	return context.WithValue(ctx, readPolicyKey{}, p)
}

// ReadPolicyOf returns the ReadPolicy of ctx, or nil: every read on the
// primary.
func ReadPolicyOf(ctx context.Context) *ReadPolicy {
	p, _ := ctx.Value(readPolicyKey{}).(*ReadPolicy)
	return p
}

// Serve records that node serves the reads; stale means that it may lack
// recent writes the primary, which does not answer, has.
func (p *ReadPolicy) Serve(node string, stale bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.node = node
	p.stale = p.stale || stale
}

// Served returns the node that served the reads ("" before any) and whether
// the answer may be stale.
func (p *ReadPolicy) Served() (node string, stale bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.node, p.stale
}

// Fail records that the node serving the reads failed them: the reads start
// again elsewhere.
func (p *ReadPolicy) Fail() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.node != "" {
		p.failed = append(p.failed, p.node)
	}
	p.node, p.stale = "", false
}

// Failed reports whether node failed the reads before.
func (p *ReadPolicy) Failed(node string) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Contains(p.failed, node)
}

// Node is the state of one database node, as the service last saw it.
type Node struct {
	Name string
	// Role is "primary" or "replica".
	Role string
	// Address is the node's host and port.
	Address string
	// Up: the node answered its last check.
	Up bool
	// Serving: the node takes reads (a replica answering, in recovery, and
	// no further behind than allowed; the primary when up).
	Serving bool
	// Position: the primary's position in its history of writes, or how
	// far a replica has replayed it.
	Position Position
	// LagSeconds is how long the oldest write a replica lacks has been
	// waiting, 0 when it lacks none; nil for the primary or when unknown.
	LagSeconds *float64
	// ReplayPaused: the replica's replay is paused.
	ReplayPaused bool
	// Reads is the number of requests whose reads the node served.
	Reads int64
	// Problem says why a node is not serving, in words.
	Problem string
}
