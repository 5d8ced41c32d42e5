package scaling

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// TestPrimaryDown: with the primary stopped, reads are answered by the
// replica (marked as possibly stale), writes 503 with Retry-After; once the
// primary is back, writes resume without a restart of the API.
func TestPrimaryDown(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]
	w := e.create(a, 1, "primary-down")
	token := w.header.Get("Milmeet-Consistency")
	id := w.json(t)["id"].(string)
	tokenRead(t, a, "/meetings/"+id, token)

	restart := stopped(t, "primary")
	a.waitServing(t, "primary", false)

	r := a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	assert.Equal(t, "replica-1", r.node())
	assert.Equal(t, "true", r.header.Get("Milmeet-Stale"))
	assert.True(t, has(r.body, "primary-down meeting 1"))

	// A token the replica has replayed is served.
	r = a.do(t, "GET", "/meetings/"+id, nil, "Milmeet-Consistency", token)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	assert.Equal(t, "replica-1", r.node())
	// A token beyond the replica's position cannot be: 503, not a stale
	// answer.
	p, _ := domain.ParsePosition(token)
	r = a.do(t, "GET", "/meetings/"+id, nil, "Milmeet-Consistency", (p + 1<<24).String())
	assert.Equal(t, http.StatusServiceUnavailable, r.status, r.String())
	assert.Equal(t, "1", r.header.Get("Retry-After"))

	// A read with a key authenticates on the replica.
	r = a.do(t, "GET", "/meetings?country=UZ", nil, "Authorization", "Bearer "+e.token)
	assert.Equal(t, http.StatusOK, r.status, r.String())

	r = a.do(t, "POST", "/meetings", meeting(2, "primary-down"), "Authorization", "Bearer "+e.token)
	assert.Equal(t, http.StatusServiceUnavailable, r.status, r.String())
	assert.Equal(t, "1", r.header.Get("Retry-After"))
	assert.Equal(t, "application/problem+json", r.header.Get("Content-Type"))
	assert.Empty(t, r.header.Get("Milmeet-Consistency"))

	status, nodes := a.readyz(t)
	assert.Equal(t, http.StatusOK, status, "reads are answered")
	assert.Equal(t, false, nodes["primary"]["up"])
	assert.Equal(t, true, nodes["replica-1"]["serving"])
	assert.Equal(t, "degraded", a.do(t, "GET", "/readyz", nil).json(t)["status"])

	restart()
	var w2 answer
	require.Eventually(t, func() bool {
		w2 = a.do(t, "POST", "/meetings", meeting(2, "primary-down"), "Authorization", "Bearer "+e.token)
		return w2.status == http.StatusCreated
	}, 20*time.Second, 50*time.Millisecond, "writes resume once the primary is back; last: %s", w2)
	assert.NotEmpty(t, w2.header.Get("Milmeet-Consistency"))
	r = a.do(t, "GET", "/meetings?country=UZ", nil, "Milmeet-Consistency", w2.header.Get("Milmeet-Consistency"))
	assert.Equal(t, http.StatusOK, r.status)
	assert.Empty(t, r.header.Get("Milmeet-Stale"))
	assert.True(t, has(r.body, "primary-down meeting 2"))
}

// TestBothDown: with no node answering, reads and writes are 503 and
// /readyz says so, naming each node.
func TestBothDown(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]
	stopped(t, "replica")
	stopped(t, "primary")
	a.waitServing(t, "primary", false)
	r := a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, http.StatusServiceUnavailable, r.status, r.String())
	assert.NotEmpty(t, r.header.Get("Retry-After"))
	r = a.do(t, "GET", "/readyz", nil)
	assert.Equal(t, http.StatusServiceUnavailable, r.status)
	assert.Len(t, r.json(t)["nodes"], 2)
}
