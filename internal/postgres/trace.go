package postgres

import (
	"context"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Traced returns a Store whose list reads (ListMeetings, EachMeeting) call
// fn with each statement and its arguments before running it, so that a
// benchmark can EXPLAIN exactly what a list ran (bench/plan).
func (s *Store) Traced(fn func(sql string, args []any)) *Store {
	c := *s
	c.trace = fn
	return &c
}

// traced wraps q so that its statements are reported to the Store's trace.
func (s *Store) traced(q querier) querier {
	if s.trace == nil {
		return q
	}
	return tracer{q, s.trace}
}

type tracer struct {
	querier
	fn func(sql string, args []any)
}

func (t tracer) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	t.fn(sql, args)
	return t.querier.Exec(ctx, sql, args...)
}

func (t tracer) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	t.fn(sql, args)
	return t.querier.Query(ctx, sql, args...)
}

func (t tracer) QueryRow(ctx context.Context, sql string, args ...any) pgx.Row {
	t.fn(sql, args)
	return t.querier.QueryRow(ctx, sql, args...)
}
