package postgres

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// The count of stored meetings that Progress gives is what the database
// holds: each chunk is reported when it commits, not when the import next
// looks at its outcome (a chunk later, or never while the input stalls).
func TestImport_ProgressAtEachCommit(t *testing.T) {
	t.Parallel()
	pool := pgtest.New(t)
	ctx := context.Background()
	svc := newService(pool)
	var mu sync.Mutex
	var calls [][2]int
	lastStored := func() int {
		mu.Lock()
		defer mu.Unlock()
		if len(calls) == 0 {
			return 0
		}
		return calls[len(calls)-1][1]
	}
	inDB := func() int {
		var n int
		require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM meetings WHERE parent_id IS NULL`).Scan(&n))
		return n
	}
	r := rand.New(rand.NewPCG(13, 1))
	const lines, chunk = 6, 2
	n := 0
	next := func() (domain.ImportLine, bool) {
		if n > 0 && n%chunk == 0 {
			// The chunk that ends at line n is being written while the
			// input waits here: once its commit shows, Progress says so.
			require.Eventually(t, func() bool { return inDB() == n }, 20*time.Second, 5*time.Millisecond)
			assert.Eventually(t, func() bool { return lastStored() == n }, 5*time.Second, 5*time.Millisecond,
				"%d meetings stored, Progress said %d", n, lastStored())
		}
		if n == lines {
			return domain.ImportLine{}, false
		}
		n++
		return domain.ImportLine{N: n, Meeting: genMeeting(r)}, true
	}
	rep, err := svc.Import(ctx, next, domain.ImportOptions{Chunk: chunk, Progress: func(lines, stored int) {
		mu.Lock()
		defer mu.Unlock()
		if len(calls) > 0 {
			assert.GreaterOrEqual(t, stored, calls[len(calls)-1][1], "the count never goes back")
		}
		calls = append(calls, [2]int{lines, stored})
	}})
	require.NoError(t, err)
	require.Equal(t, lines, rep.Stored, "%+v", rep.Errors)
	assert.Equal(t, lines, inDB())
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, [2]int{lines, lines}, calls[len(calls)-1], "the last report is the final count")
}
