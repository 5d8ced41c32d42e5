package postgres

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

// TestFormatError_LostConnection: a connection lost in the middle of a
// statement, however it is lost, is EUNAVAILABLE (503), never an internal
// error (500): the client may retry.
func TestFormatError_LostConnection(t *testing.T) {
	t.Parallel()
	dbURL := pgtest.URL(t)
	proxy := pgtest.NewProxy(t, dbURL)
	ctx := context.Background()
	pool, err := Open(ctx, proxy.URL(dbURL), Options{MaxConns: 2, ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pool.Close)
	st := NewStore(pool)

	for _, tc := range []struct {
		name  string
		reset bool
		run   func(ctx context.Context) error
	}{
		{"close_mid_query", false, func(ctx context.Context) error {
			_, err := pool.Exec(ctx, `SELECT pg_sleep(5)`)
			return formatError(err)
		}},
		{"reset_mid_query", true, func(ctx context.Context) error {
			_, err := pool.Exec(ctx, `SELECT pg_sleep(5)`)
			return formatError(err)
		}},
		{"close_mid_transaction", false, func(ctx context.Context) error {
			return st.inTx(ctx, func(tx pgx.Tx) error {
				if _, err := tx.Exec(ctx, `CREATE TEMP TABLE t (n int)`); err != nil {
					return err
				}
				_, err := tx.Exec(ctx, `INSERT INTO t SELECT 1 FROM pg_sleep(5)`)
				return err
			})
		}},
		{"close_mid_rows", false, func(ctx context.Context) error {
			rows, err := pool.Query(ctx, `SELECT n, pg_sleep(CASE WHEN n = 3 THEN 5 ELSE 0 END) FROM generate_series(1, 5) n`)
			if err != nil {
				return formatError(err)
			}
			defer rows.Close()
			for rows.Next() {
			}
			return formatError(rows.Err())
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := pool.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			go func() {
				time.Sleep(300 * time.Millisecond)
				proxy.Cut(tc.reset)
			}()
			err := tc.run(ctx)
			if err == nil {
				t.Fatal("no error from a statement whose connection was cut")
			}
			if got := domain.ErrorCode(err); got != domain.EUNAVAILABLE {
				t.Errorf("a lost connection gave %s (%v), want %s", got, err, domain.EUNAVAILABLE)
			}
		})
	}

	t.Run("refused", func(t *testing.T) {
		proxy.Refuse(true)
		defer proxy.Refuse(false)
		proxy.Cut(false)
		pool.Reset()
		_, err := pool.Exec(ctx, `SELECT 1`)
		if got := domain.ErrorCode(formatError(err)); got != domain.EUNAVAILABLE {
			t.Errorf("a refused connection gave %s (%v), want %s", got, err, domain.EUNAVAILABLE)
		}
	})
}
