package scaling

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	httpapi "github.com/milmeet/milmeet/internal/http"
)

// TestInstancesShareNothing: what one instance of the API gives a client
// (a consistency token, a cursor, an idempotent answer) holds on any other,
// since none of it lives in an instance's memory.
func TestInstancesShareNothing(t *testing.T) {
	e := newEnv(t, opts{instances: 2})
	a, b := e.apis[0], e.apis[1]
	for n := range 3 {
		e.create(a, n, "shared")
	}

	// Write on one, read your write on the other.
	pauseReplay(t)
	w := e.create(a, 3, "shared")
	r := b.do(t, "GET", "/meetings?country=UZ", nil, "Milmeet-Consistency", w.header.Get("Milmeet-Consistency"))
	assert.Equal(t, "primary", r.node())
	assert.True(t, has(r.body, "shared meeting 3"))
	resumeReplay(t)

	// A cursor from one instance pages on the other (with the token, so
	// that both pages see the four meetings).
	token := w.header.Get("Milmeet-Consistency")
	page1 := a.do(t, "GET", "/meetings?country=UZ&limit=2", nil, "Milmeet-Consistency", token)
	cursor, _ := page1.json(t)["next_cursor"].(string)
	require.NotEmpty(t, cursor, page1.String())
	page2 := b.do(t, "GET", "/meetings?country=UZ&limit=2&cursor="+url.QueryEscape(cursor), nil, "Milmeet-Consistency", token)
	require.Equal(t, http.StatusOK, page2.status, page2.String())
	assert.Len(t, page2.json(t)["data"], 2)

	// An idempotent write sent again to the other instance is replayed.
	key := "shared-" + strconv.FormatInt(time.Now().UnixNano(), 36)
	first := a.do(t, "POST", "/meetings", meeting(9, "shared"), "Authorization", "Bearer "+e.token, "Idempotency-Key", key)
	require.Equal(t, http.StatusCreated, first.status, first.String())
	again := b.do(t, "POST", "/meetings", meeting(9, "shared"), "Authorization", "Bearer "+e.token, "Idempotency-Key", key)
	assert.Equal(t, http.StatusCreated, again.status, again.String())
	assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
	assert.Equal(t, first.json(t)["id"], again.json(t)["id"])
	assert.NotEmpty(t, again.header.Get("Milmeet-Consistency"), "a replayed write's answer carries a token too")
}

// TestSharedWriteLimits: with RATE_LIMIT_STORE=postgres the instances
// count a key's writes together; in memory each counts its own.
func TestSharedWriteLimits(t *testing.T) {
	limit := func(c *httpapi.Config) { c.WritesPerMinute = 3 }
	for _, shared := range []bool{true, false} {
		t.Run("shared="+strconv.FormatBool(shared), func(t *testing.T) {
			e := newEnv(t, opts{instances: 2, sharedLimits: shared, http: limit})
			a, b := e.apis[0], e.apis[1]
			post := func(i *instance, n int) answer {
				return i.do(t, "POST", "/meetings", meeting(n, "limit"), "Authorization", "Bearer "+e.token)
			}
			// A sliding window of a minute: the four writes fall in it
			// wherever the minute's boundary is.
			r := post(a, 0)
			require.Equal(t, http.StatusCreated, r.status, r.String())
			assert.Equal(t, "2", r.header.Get("RateLimit-Remaining"))
			r = post(b, 1)
			assert.Equal(t, http.StatusCreated, r.status, r.String())
			r = post(a, 2)
			assert.Equal(t, http.StatusCreated, r.status, r.String())
			r = post(b, 3)
			if !shared {
				assert.Equal(t, http.StatusCreated, r.status, "in memory each instance counts its own: %s", r)
				return
			}
			assert.Equal(t, http.StatusTooManyRequests, r.status, "the fourth write across both instances: %s", r)
			assert.NotEmpty(t, r.header.Get("Retry-After"))
			assert.Equal(t, "0", r.header.Get("RateLimit-Remaining"))
			assert.Equal(t, "3;w=60", r.header.Get("RateLimit-Policy"))
		})
	}
}
