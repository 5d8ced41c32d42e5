package postgres

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// findHook is the store whose first official look-up by name calls after,
// once it has answered: a concurrent write in between.
type findHook struct{ *lookupHook }

func (h findHook) FindOfficials(ctx context.Context, country, key string) ([]domain.Official, error) {
	found, err := h.Store.FindOfficials(ctx, country, key)
	h.once.Do(h.after)
	return found, err
}

// A new official that a concurrent write stores while a POST or PUT is
// being prepared is the stored one, in the meeting and in its audit entry.
func TestWrite_OfficialStoredMeanwhile(t *testing.T) {
	t.Parallel()
	for _, action := range []domain.AuditAction{domain.AuditCreate, domain.AuditUpdate} {
		t.Run(string(action), func(t *testing.T) {
			t.Parallel()
			pool := pgtest.New(t)
			ctx := domain.WithActor(context.Background(), "writer")
			st := NewStore(pool)
			other := serviceOf(st)
			g := visit(1, "Zakir Hasanov", "")
			g.Delegations[1].Head = &domain.Participant{Name: "Bakhodir Kurbanov"}
			stored, err := other.CreateMeeting(ctx, g)
			require.NoError(t, err)
			guestID := stored.Delegations[1].Head.OfficialID

			var first *domain.Meeting
			hook := &lookupHook{Store: st, after: func() {
				first, err = other.CreateMeeting(domain.WithActor(ctx, "other"), visit(2, "Farid Testov", guestID))
				require.NoError(t, err)
			}}
			svc := domain.NewService(domain.Stores{Meetings: st, Officials: findHook{hook}, Agreements: st, Countries: st,
				Stats: st, Rows: st, Keys: st, Audit: st, Imports: st, Idempotency: st, Articles: st})
			var got *domain.Meeting
			if action == domain.AuditCreate {
				got, err = svc.CreateMeeting(ctx, visit(3, "Farid Testov", guestID))
			} else {
				got, err = svc.ReplaceMeeting(ctx, stored.ID, visit(1, "Farid Testov", guestID), stored.Version)
			}
			require.NoError(t, err)
			require.NotNil(t, first, "the concurrent write ran")
			want := first.Delegations[0].Head.OfficialID
			assert.Equal(t, want, got.Delegations[0].Head.OfficialID, "the meeting names the stored official")
			var n int
			require.NoError(t, pool.QueryRow(ctx, `SELECT count(*) FROM officials WHERE name = 'Farid Testov'`).Scan(&n))
			assert.Equal(t, 1, n, "stored once")

			entries, err := st.ListAudit(ctx, domain.AuditFilter{Actor: "writer", Limit: 100})
			require.NoError(t, err)
			var e *domain.AuditEntry
			for i := range entries {
				if entries[i].Action == action && *entries[i].MeetingID == got.ID {
					e = &entries[i]
				}
			}
			require.NotNil(t, e, "the write's audit entry")
			var after domain.Meeting
			require.NoError(t, json.Unmarshal(e.After, &after))
			assert.Equal(t, want, after.Delegations[0].Head.OfficialID, "the audit entry names the stored official")
		})
	}
}
