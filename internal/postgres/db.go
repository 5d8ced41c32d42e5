// Package postgres implements the domain's stores on PostgreSQL with pgx.
package postgres

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"strings"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/milmeet/milmeet/internal/domain"
)

// Options tune a pool.
type Options struct {
	// MaxConns 0 keeps pgx's default (the larger of 4 and the CPUs).
	MaxConns int32
	// BulkConns sizes the bulk pool of OpenPools (0: DefaultBulkConns).
	BulkConns int32
	// StatementTimeout bounds each statement (0: the server's setting);
	// exports lift it for their own transaction.
	StatementTimeout time.Duration
	// ConnectTimeout bounds a new connection (default 2 s), so that while
	// the database is down requests fail fast.
	ConnectTimeout time.Duration
	// QueryExecMode is pgx's query exec mode by its name in a connection
	// string (cache_statement, cache_describe, describe_exec, exec,
	// simple_protocol); empty keeps the URL's or pgx's default. Behind
	// PgBouncer in transaction pooling, cache_describe: no named prepared
	// statement, which would be lost when the next transaction runs on
	// another server connection.
	QueryExecMode string
}

// execModes are pgx's query exec modes by name.
var execModes = map[string]pgx.QueryExecMode{
	"cache_statement": pgx.QueryExecModeCacheStatement,
	"cache_describe":  pgx.QueryExecModeCacheDescribe,
	"describe_exec":   pgx.QueryExecModeDescribeExec,
	"exec":            pgx.QueryExecModeExec,
	"simple_protocol": pgx.QueryExecModeSimpleProtocol,
}

// Open connects a pool to the database at url.
func Open(ctx context.Context, url string, opt Options) (*pgxpool.Pool, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database url: %w", err)
	}
	if opt.MaxConns > 0 {
		cfg.MaxConns = opt.MaxConns
	}
	if opt.StatementTimeout > 0 {
		cfg.ConnConfig.RuntimeParams["statement_timeout"] = fmt.Sprint(opt.StatementTimeout.Milliseconds())
	}
	cfg.ConnConfig.ConnectTimeout = 2 * time.Second
	if opt.ConnectTimeout > 0 {
		cfg.ConnConfig.ConnectTimeout = opt.ConnectTimeout
	}
	if opt.QueryExecMode != "" {
		mode, ok := execModes[opt.QueryExecMode]
		if !ok {
			return nil, fmt.Errorf("unknown query exec mode %q", opt.QueryExecMode)
		}
		cfg.ConnConfig.DefaultQueryExecMode = mode
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	return pool, nil
}

// DefaultBulkConns is the size of the bulk pool unless configured: bulk
// work is read in batches and never waits on a client with a connection,
// so two keep it moving without taking from requests.
const DefaultBulkConns = 2

// Pools are the connection pools a server runs on: Main answers requests;
// Bulk, small and separate, does the work whose size a client chooses
// (exports, imports, statistics over every meeting), so that however much
// of it runs, requests always find a connection.
type Pools struct {
	Main, Bulk *pgxpool.Pool
}

// OpenPools opens the main pool with opt and the bulk pool with
// opt.BulkConns connections to the database at url.
func OpenPools(ctx context.Context, url string, opt Options) (*Pools, error) {
	main, err := Open(ctx, url, opt)
	if err != nil {
		return nil, err
	}
	bulk := opt
	bulk.MaxConns = opt.BulkConns
	if bulk.MaxConns <= 0 {
		bulk.MaxConns = DefaultBulkConns
	}
	b, err := Open(ctx, url, bulk)
	if err != nil {
		main.Close()
		return nil, err
	}
	return &Pools{Main: main, Bulk: b}, nil
}

// Close closes both pools.
func (p *Pools) Close() {
	p.Main.Close()
	p.Bulk.Close()
}

// Store returns a Store over the pools.
func (p *Pools) Store() *Store {
	return &Store{pool: p.Main, bulk: p.Bulk, primary: p.Main, est: newEstimator(p.Main)}
}

// Store implements the domain's stores over a pool for requests and one
// for bulk work (which may be the same). With a Router, each is a view
// that sends a statement to the node its context's reads may use.
type Store struct {
	pool db
	bulk db
	// primary is the primary's pool for requests, for the statements that
	// write whatever their context says.
	primary db
	router  *Router // nil: one node
	// trace, when set, sees the statements of list reads (Traced).
	trace func(sql string, args []any)
	// searchPlan, when set, is the plan of every search page (tests).
	searchPlan searchPlan
	// est makes the estimates lists and searches choose their plan by.
	est *estimator
}

// db is what a Store runs statements on: a pool, or a Router's view.
type db interface {
	querier
	Begin(ctx context.Context) (pgx.Tx, error)
	BeginTx(ctx context.Context, opts pgx.TxOptions) (pgx.Tx, error)
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, rows pgx.CopyFromSource) (int64, error)
	Ping(ctx context.Context) error
}

// NewStore returns a Store whose bulk work shares pool.
func NewStore(pool *pgxpool.Pool) *Store {
	return &Store{pool: pool, bulk: pool, primary: pool, est: newEstimator(pool)}
}

// Ping checks that the primary answers.
func (s *Store) Ping(ctx context.Context) error {
	return formatError(s.primary.Ping(ctx))
}

// querier is what pgxpool.Pool, pgx.Conn and pgx.Tx have in common, so that
// helpers run in or out of a transaction.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
	SendBatch(ctx context.Context, b *pgx.Batch) pgx.BatchResults
	CopyFrom(ctx context.Context, table pgx.Identifier, columns []string, rows pgx.CopyFromSource) (int64, error)
}

// inTx runs fn in a transaction, committed when fn returns nil. Within a
// transaction InTx began, it is a savepoint of that transaction.
func (s *Store) inTx(ctx context.Context, fn func(pgx.Tx) error) error {
	if tx, ok := ctx.Value(txKey{}).(pgx.Tx); ok {
		return formatError(pgx.BeginFunc(ctx, tx, fn))
	}
	return formatError(pgx.BeginFunc(ctx, s.pool, fn))
}

type txKey struct{}

// InTx implements domain.Transactor: every store call fn makes with the
// context it is given runs in one transaction, committed when fn returns
// nil and rolled back otherwise.
func (s *Store) InTx(ctx context.Context, fn func(ctx context.Context) error) error {
	return s.inTx(ctx, func(tx pgx.Tx) error {
		return fn(context.WithValue(ctx, txKey{}, tx))
	})
}

// q returns the transaction InTx began for ctx, or the pool.
func (s *Store) q(ctx context.Context) querier {
	if tx, ok := ctx.Value(txKey{}).(pgx.Tx); ok {
		return tx
	}
	return s.pool
}

// formatError turns driver errors into domain errors: a missing row is
// ENOTFOUND, a unique violation ECONFLICT, a broken reference or rule
// EINVALID, and a lost or refused connection EUNAVAILABLE. Others pass
// through to become internal errors.
func formatError(err error) error {
	if err == nil {
		return nil
	}
	if domain.AsError(err) != nil || errors.Is(err, context.Canceled) {
		return err
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return &domain.Error{Code: domain.ENOTFOUND, Message: "Not found."}
	}
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) {
		switch {
		case pgErr.Code == "23505":
			return &domain.Error{Code: domain.ECONFLICT, Message: "The record exists already."}
		case pgErr.Code == "23503", pgErr.Code == "23514", strings.HasPrefix(pgErr.Code, "22"):
			return &domain.Error{Code: domain.EINVALID, Message: "The record breaks a rule of the database."}
		case pgErr.Code == "57014":
			return &domain.Error{Code: domain.EUNAVAILABLE, Message: "The query took too long."}
		case pgErr.Code == "40001" || pgErr.Code == "40P01":
			// A serialization failure, a deadlock, or on a replica a read
			// cancelled because it held up replay: worth a retry.
			return fmt.Errorf("%w: %v", unavailable, err)
		case pgErr.Code == "25006":
			// A write on a node that is (or has become) read-only.
			return fmt.Errorf("%w: %v", readOnly, err)
		case strings.HasPrefix(pgErr.Code, "08"), strings.HasPrefix(pgErr.Code, "53"),
			pgErr.Code == "57P01", pgErr.Code == "57P02", pgErr.Code == "57P03":
			return fmt.Errorf("%w: %v", unavailable, err)
		}
		return err
	}
	if lostConnection(err) {
		return fmt.Errorf("%w: %v", unavailable, err)
	}
	return err
}

// lostConnection reports whether err says that the connection to the
// database failed or went away, however it did: refused, timed out, reset,
// closed in the middle of a message (an unexpected EOF), a broken pipe, or a
// pool or connection closed under the statement.
func lostConnection(err error) bool {
	var netErr net.Error
	var connErr *pgconn.ConnectError
	if errors.As(err, &connErr) || errors.As(err, &netErr) || pgconn.SafeToRetry(err) || pgconn.Timeout(err) {
		return true
	}
	for _, lost := range []error{io.ErrUnexpectedEOF, io.EOF, net.ErrClosed, context.DeadlineExceeded,
		syscall.ECONNRESET, syscall.ECONNREFUSED, syscall.ECONNABORTED, syscall.EPIPE, syscall.ETIMEDOUT} {
		if errors.Is(err, lost) {
			return true
		}
	}
	msg := err.Error()
	return strings.Contains(msg, "closed pool") || strings.Contains(msg, "conn closed")
}

// commitError formats the error of a commit. A connection lost during a
// commit leaves its outcome unknown, which the error says
// (domain.ErrOutcomeUnknown). pgconn's SafeToRetry is not trusted here: a
// commit that reached the server before the connection was cut has been
// seen reported as "conn closed", safe to retry.
func commitError(err error) error {
	if err == nil {
		return nil
	}
	if lostConnection(err) {
		return fmt.Errorf("%w: %w: %v", unavailable, domain.ErrOutcomeUnknown, err)
	}
	return formatError(err)
}

var (
	unavailable = &domain.Error{Code: domain.EUNAVAILABLE, Message: "The database is unavailable."}
	readOnly    = &domain.Error{Code: domain.EUNAVAILABLE, Message: "The database accepts no writes now."}
)

// day converts a nullable date column to a domain day.
func day(d pgtype.Date) *domain.Day {
	if !d.Valid || d.InfinityModifier != pgtype.Finite {
		return nil
	}
	return &domain.Day{Time: d.Time}
}

// dateArg converts a domain day to a query argument.
func dateArg(d *domain.Day) any {
	if d == nil {
		return nil
	}
	return d.Time
}

// partial assembles a partial date from its columns.
func partial(y, m, d *int16) domain.PartialDate {
	var p domain.PartialDate
	if y != nil {
		p.Year = int(*y)
	}
	if m != nil {
		p.Month = int(*m)
	}
	if d != nil {
		p.Day = int(*d)
	}
	return p
}

// nz returns nil for 0, so that unknown parts of a date are stored as NULL.
func nz(n int) any {
	if n == 0 {
		return nil
	}
	return n
}
