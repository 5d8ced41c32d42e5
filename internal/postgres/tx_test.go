package postgres

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// Within InTx every statement a write's reads make runs on the
// transaction's connection: a read that took another connection of the
// pool would see the database without the transaction's own rows, and
// when every connection is held by writers waiting for a lock the
// transaction holds, it would wait for one forever (four concurrent
// accepts of one draft on a pool of four did, until the statement
// timeout).
func TestStore_InTxReadsOnItsConnection(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	e := &storeEnv{t: t, st: NewStore(pool), ctx: context.Background()}
	m, news := e.meeting(10)
	require.NoError(t, e.st.CreateMeeting(e.ctx, m, news, nil))

	err := e.st.InTx(e.ctx, func(ctx context.Context) error {
		before := pool.Stat().AcquireCount()
		o, err := e.st.GetOfficial(ctx, news[0].ID)
		require.NoError(t, err)
		assert.NotEmpty(t, o.Roles, "the official's roles are read")
		_, err = e.st.FindOfficials(ctx, "AZ", domain.NameKeys("Zakir Hasanov")[0])
		require.NoError(t, err)
		cs, err := e.st.ListCountries(ctx)
		require.NoError(t, err)
		assert.NotEmpty(t, cs)
		_, err = e.st.GetMeeting(ctx, m.ID)
		require.NoError(t, err)
		assert.Equal(t, before, pool.Stat().AcquireCount(), "a read within the transaction took a connection of its own")
		return nil
	})
	require.NoError(t, err)
}
