package pgcluster

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStartReplica(t *testing.T) {
	ctx := context.Background()
	root := tempRoot(t)
	primary, err := Start(ctx, Options{DataDir: filepath.Join(root, "primary"), BinDir: binDir(t)})
	require.NoError(t, err)
	t.Cleanup(func() { _ = primary.Stop() })
	replica, err := StartReplica(ctx, primary, Options{DataDir: filepath.Join(root, "replica"), BinDir: binDir(t)})
	require.NoError(t, err)
	t.Cleanup(func() { _ = replica.Stop() })

	p, err := pgx.Connect(ctx, primary.URL("postgres"))
	require.NoError(t, err)
	defer p.Close(ctx)
	r, err := pgx.Connect(ctx, replica.URL("postgres"))
	require.NoError(t, err)
	defer r.Close(ctx)

	var inRecovery bool
	require.NoError(t, r.QueryRow(ctx, `SELECT pg_is_in_recovery()`).Scan(&inRecovery))
	assert.True(t, inRecovery, "the replica is a standby")
	require.Eventually(t, func() bool {
		var slot string
		return p.QueryRow(ctx, `SELECT slot_name FROM pg_replication_slots WHERE active`).Scan(&slot) == nil &&
			slot == SlotName(replica.DataDir())
	}, 10*time.Second, 20*time.Millisecond, "the replica streams through its slot")

	// A write on the primary reaches the replica.
	_, err = p.Exec(ctx, `CREATE TABLE t (n int); INSERT INTO t VALUES (42)`)
	require.NoError(t, err)
	require.Eventually(t, func() bool {
		var n int
		return r.QueryRow(ctx, `SELECT n FROM t`).Scan(&n) == nil && n == 42
	}, 10*time.Second, 20*time.Millisecond)
	_, err = r.Exec(ctx, `INSERT INTO t VALUES (1)`)
	assert.ErrorContains(t, err, "read-only", "the replica takes no writes")

	// Stopped and started again, it catches up on what it missed.
	require.NoError(t, replica.Stop())
	_, err = p.Exec(ctx, `INSERT INTO t VALUES (43)`)
	require.NoError(t, err)
	require.NoError(t, replica.Restart(ctx))
	r2, err := pgx.Connect(ctx, replica.URL("postgres"))
	require.NoError(t, err)
	defer r2.Close(ctx)
	require.Eventually(t, func() bool {
		var n int
		return r2.QueryRow(ctx, `SELECT count(*) FROM t`).Scan(&n) == nil && n == 2
	}, 10*time.Second, 20*time.Millisecond)
}
