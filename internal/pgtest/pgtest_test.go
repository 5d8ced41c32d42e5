package pgtest_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestDatabasesAreSeparate(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	a, b := pgtest.New(t), pgtest.New(t)

	var before int
	require.NoError(t, a.QueryRow(ctx, "SELECT count(*) FROM countries").Scan(&before))
	_, err := a.Exec(ctx, "INSERT INTO countries (alpha2, alpha3, name) VALUES ('ZZ', 'ZZZ', 'Testland')")
	require.NoError(t, err)

	var inA, inB int
	require.NoError(t, a.QueryRow(ctx, "SELECT count(*) FROM countries WHERE alpha2 = 'ZZ'").Scan(&inA))
	require.NoError(t, b.QueryRow(ctx, "SELECT count(*) FROM countries WHERE alpha2 = 'ZZ'").Scan(&inB))
	assert.Equal(t, 1, inA)
	assert.Equal(t, 0, inB)

	var dbA, dbB string
	require.NoError(t, a.QueryRow(ctx, "SELECT current_database()").Scan(&dbA))
	require.NoError(t, b.QueryRow(ctx, "SELECT current_database()").Scan(&dbB))
	assert.NotEqual(t, dbA, dbB)
}

func TestMigrated(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.URL(t))
	require.NoError(t, err)
	defer conn.Close(ctx)

	var version int
	var dirty bool
	require.NoError(t, conn.QueryRow(ctx, "SELECT version, dirty FROM schema_migrations").Scan(&version, &dirty))
	assert.GreaterOrEqual(t, version, 1)
	assert.False(t, dirty)
	var encoding string
	require.NoError(t, conn.QueryRow(ctx, "SHOW server_encoding").Scan(&encoding))
	assert.Equal(t, "UTF8", encoding)
}

func TestServer(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, pgtest.ServerURL())
	require.NoError(t, err)
	defer conn.Close(ctx)
	require.NoError(t, conn.Ping(ctx))
	// The throwaway cluster exists exactly when no server was given.
	assert.Equal(t, os.Getenv("TEST_DATABASE_URL") == "", pgtest.Cluster() != nil)
}

// TestCloneTime reports what a test pays for its database.
func TestCloneTime(t *testing.T) {
	pgtest.New(t) // the template is made on first use; do not count it
	const n = 10
	began := time.Now()
	for range n {
		pgtest.New(t)
	}
	t.Logf("New: %s per database", time.Since(began)/n)
}

func BenchmarkNew(b *testing.B) {
	pgtest.New(b)
	b.ResetTimer()
	for b.Loop() {
		pgtest.New(b)
	}
}
