package http_test

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/pgtest"
)

// lostAnswers is a meeting store whose reads fail, armed, right after a
// write commits: the write is stored, its answer lost, as when the
// database goes away between the commit and the answer.
type lostAnswers struct {
	domain.MeetingStore
	armed, wrote atomic.Bool
}

func (s *lostAnswers) CreateMeeting(ctx context.Context, m *domain.Meeting, news []domain.Official, a domain.AuditOf) error {
	err := s.MeetingStore.CreateMeeting(ctx, m, news, a)
	s.wrote.Store(err == nil)
	return err
}

func (s *lostAnswers) GetMeeting(ctx context.Context, id string) (*domain.Meeting, error) {
	if s.armed.Load() && s.wrote.Load() {
		s.wrote.Store(false)
		return nil, domain.Errorf(domain.EUNAVAILABLE, "The database is unavailable.")
	}
	return s.MeetingStore.GetMeeting(ctx, id)
}

// TestIdempotencyKey_AnswerLostAfterCommit: a write that committed but whose
// answer was lost (503) gets, sent again with its Idempotency-Key, the
// answer it would have had, status and body, rather than a 409 "stored
// already": the answer is stored in the write's own transaction.
func TestIdempotencyKey_AnswerLostAfterCommit(t *testing.T) {
	t.Parallel()
	lost := &lostAnswers{}
	pool := pgtest.New(t)
	e := newEnvOn(t, httpapi.DefaultConfig(), pool, pool, func(s *domain.Stores) {
		lost.MeetingStore = s.Meetings
		s.Meetings = lost
	})
	e.seed()
	const ours = "meetings WHERE title = 'Minister of Defense receives the Georgian Chief of General Staff'"
	lost.armed.Store(true)
	r := e.do("POST", "/meetings", newMeeting(), "Idempotency-Key", "lost-1")
	require.Equal(t, http.StatusServiceUnavailable, r.Code, r.Body.String())
	require.Equal(t, 1, e.countRows(ours), "the write committed")
	lost.armed.Store(false)

	again := e.do("POST", "/meetings", newMeeting(), "Idempotency-Key", "lost-1")
	require.Equal(t, http.StatusCreated, again.Code, again.Body.String())
	assert.Equal(t, "true", again.Header().Get("Idempotent-Replayed"))
	loc := again.Header().Get("Location")
	got := e.do("GET", loc, nil)
	require.Equal(t, http.StatusOK, got.Code)
	assert.Equal(t, got.Body.String(), again.Body.String(), "the meeting as created")
	assert.Equal(t, got.Header().Get("ETag"), again.Header().Get("ETag"))
	assert.Equal(t, 1, e.countRows(ours))

	// An answer that reached the client is replayed as it was sent.
	first := e.do("POST", "/meetings?merge=true", newMeeting(), "Idempotency-Key", "merge-1")
	require.Equal(t, http.StatusOK, first.Code, first.Body.String())
	replay := e.do("POST", "/meetings?merge=true", newMeeting(), "Idempotency-Key", "merge-1")
	assert.Equal(t, first.Code, replay.Code)
	assert.Equal(t, first.Body.String(), replay.Body.String())
}
