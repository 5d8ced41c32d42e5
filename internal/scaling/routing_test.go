package scaling

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
)

// tokenRead reads path with token (and header pairs) until a replica
// serves it (it has replayed the write), and returns that answer.
func tokenRead(t *testing.T, a *instance, path, token string, header ...string) answer {
	t.Helper()
	var r answer
	deadline := time.Now().Add(20 * time.Second)
	for {
		r = a.do(t, "GET", path, nil, append([]string{"Milmeet-Consistency", token}, header...)...)
		if r.node() == "replica-1" {
			return r
		}
		if time.Now().After(deadline) {
			t.Fatalf("a replica never served %s with its token; last: %s from %q", path, r, r.node())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestRouting(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]

	w := e.create(a, 1, "routing")
	id := w.json(t)["id"].(string)
	token := w.header.Get("Milmeet-Consistency")
	_, err := domain.ParsePosition(token)
	require.NoError(t, err, "a write's answer carries the primary's position: %q", token)
	cookie := w.header.Get("Set-Cookie")
	assert.Contains(t, cookie, "milmeet_consistency="+token)
	for _, attr := range []string{"Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=600"} {
		assert.Contains(t, cookie, attr)
	}

	// Lists, single reads, exports and statistics: from the replica.
	r := tokenRead(t, a, "/meetings/"+id, token)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	before := a.reads(t, "replica-1")
	for _, path := range []string{"/meetings?country=UZ", "/meetings/" + id, "/meetings?country=UZ&format=ndjson",
		"/meetings?country=UZ&format=csv&table=delegation_members", "/meetings?count=exact", "/stats/partners?country=AZ",
		"/stats/timeline", "/officials", "/agreements", "/countries/UZ", "/countries"} {
		r := a.do(t, "GET", path, nil)
		assert.Equal(t, http.StatusOK, r.status, "%s: %s", path, r)
		if !strings.Contains(path, "table=") {
			// (A table's export sends its header line before it reads,
			// so its answer cannot name the node.)
			assert.Equal(t, "replica-1", r.node(), path)
		}
		assert.Empty(t, r.header.Get("Milmeet-Stale"), path)
		assert.Contains(t, r.header.Values("Vary"), "Milmeet-Consistency, Cookie", path)
	}
	assert.Equal(t, 11.0, a.reads(t, "replica-1")-before, "the metrics count each read the replica served")

	// A read with a key authenticates on the replica.
	r = a.do(t, "GET", "/meetings?country=UZ", nil, "Authorization", "Bearer "+e.token)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	assert.Equal(t, "replica-1", r.node())

	// Writes go to the primary (the replica would refuse them) and answer
	// with a later token.
	w2 := e.create(a, 2, "routing")
	p1, _ := domain.ParsePosition(token)
	p2, err := domain.ParsePosition(w2.header.Get("Milmeet-Consistency"))
	require.NoError(t, err)
	assert.Greater(t, p2, p1, "tokens grow with the writes")
	assert.Empty(t, w2.node(), "a write names no read node")

	// Answers to failed writes carry no token.
	bad := a.do(t, "POST", "/meetings", []byte(`{"title": ""}`), "Authorization", "Bearer "+e.token)
	assert.GreaterOrEqual(t, bad.status, 400, bad.String())
	assert.Empty(t, bad.header.Get("Milmeet-Consistency"))

	// /readyz lists both nodes.
	status, nodes := a.readyz(t)
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "primary", nodes["primary"]["role"])
	assert.Equal(t, "replica", nodes["replica-1"]["role"])
	assert.Equal(t, true, nodes["replica-1"]["serving"])
	assert.Contains(t, nodes["replica-1"], "lag_seconds")
}

func TestConsistencyToken(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]

	// A write the replica has replayed, then one it has not: replay paused.
	w0 := e.create(a, 1, "token")
	token0 := w0.header.Get("Milmeet-Consistency")
	id0 := w0.json(t)["id"].(string)
	tokenRead(t, a, "/meetings/"+id0, token0)
	pauseReplay(t)
	w := e.create(a, 2, "token")
	id := w.json(t)["id"].(string)
	token := w.header.Get("Milmeet-Consistency")

	// Without the token, the replica answers and lacks the write.
	r := a.do(t, "GET", "/meetings/"+id, nil)
	assert.Equal(t, http.StatusNotFound, r.status, r.String())
	assert.Equal(t, "replica-1", r.node())
	r = a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, "replica-1", r.node())
	assert.False(t, has(r.body, "token meeting 2"), "the paused replica lacks the write")

	// With it (header or cookie), the primary answers, and has the write.
	for name, header := range map[string][]string{
		"header": {"Milmeet-Consistency", token},
		"cookie": {"Cookie", "milmeet_consistency=" + token},
		"both":   {"Milmeet-Consistency", token0, "Cookie", "milmeet_consistency=" + token},
	} {
		r := a.do(t, "GET", "/meetings/"+id, nil, header...)
		assert.Equal(t, http.StatusOK, r.status, "%s: %s", name, r)
		assert.Equal(t, "primary", r.node(), name)
		r = a.do(t, "GET", "/meetings?country=UZ", nil, header...)
		assert.True(t, has(r.body, "token meeting 2"), name)
	}

	// The earlier token the replica has replayed: the replica answers.
	r = a.do(t, "GET", "/meetings/"+id0, nil, "Milmeet-Consistency", token0)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "replica-1", r.node(), "each token is checked against the replica itself")

	// Replay resumed, the replica catches up and serves the token's reads.
	resumeReplay(t)
	r = tokenRead(t, a, "/meetings/"+id, token)
	assert.Equal(t, http.StatusOK, r.status, r.String())

	// A header that is not a token is refused; a cookie that is not one is
	// ignored.
	r = a.do(t, "GET", "/meetings", nil, "Milmeet-Consistency", "yesterday")
	assert.Equal(t, http.StatusBadRequest, r.status, r.String())
	assert.Equal(t, "application/problem+json", r.header.Get("Content-Type"))
	assert.Contains(t, string(r.body), "Milmeet-Consistency")
	r = a.do(t, "GET", "/meetings", nil, "Cookie", "milmeet_consistency=yesterday")
	assert.Equal(t, http.StatusOK, r.status, r.String())
}

func TestLagOverLimit(t *testing.T) {
	e := newEnv(t, opts{maxLag: 300 * time.Millisecond})
	a := e.apis[0]
	pauseReplay(t)
	// The replica lags once it lacks a write: an idle primary makes no lag.
	e.create(a, 1, "lag")
	n := a.waitServing(t, "replica-1", false)
	assert.Equal(t, true, n["up"])
	assert.Equal(t, true, n["replay_paused"])
	assert.Greater(t, n["lag_seconds"], 0.3)
	assert.Contains(t, n["problem"], "MAX_REPLICA_LAG")
	status, body := a.readyz(t)
	assert.Equal(t, http.StatusOK, status, "reads are still answered, by the primary")
	assert.Equal(t, true, body["primary"]["serving"])

	r := a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "primary", r.node(), "a lagging replica gets no reads")
	assert.True(t, has(r.body, "lag meeting 1"))

	resumeReplay(t)
	a.waitServing(t, "replica-1", true)
	r = a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, "replica-1", r.node(), "a replica that caught up serves again")
	assert.True(t, has(r.body, "lag meeting 1"))
}

func TestReplicaDown(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]
	e.create(a, 1, "replica-down")
	restart := stopped(t, "replica")
	n := a.waitServing(t, "replica-1", false)
	assert.Equal(t, false, n["up"])

	r := a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	assert.Equal(t, "primary", r.node(), "all replicas down: reads go to the primary")
	assert.Empty(t, r.header.Get("Milmeet-Stale"))
	assert.True(t, has(r.body, "replica-down meeting 1"))
	r = a.do(t, "GET", "/readyz", nil)
	assert.Equal(t, http.StatusOK, r.status)
	assert.Equal(t, "degraded", r.json(t)["status"])

	restart()
	a.waitServing(t, "replica-1", true)
	r = a.do(t, "GET", "/meetings?country=UZ", nil)
	assert.Equal(t, "replica-1", r.node(), "a replica back up serves again, without a restart of the API")
}

// TestReplicaLostBetweenChecks: a replica that stops after the last check
// fails the read it was given; the read runs again on the primary, and the
// client sees a 200.
func TestReplicaLostBetweenChecks(t *testing.T) {
	e := newEnv(t, opts{checkInterval: time.Hour})
	a := e.apis[0]
	e.create(a, 1, "lost")
	r := a.do(t, "GET", "/meetings?country=UZ", nil)
	require.Equal(t, "replica-1", r.node())
	stopped(t, "replica")
	for _, path := range []string{"/meetings?country=UZ", "/meetings?country=UZ&format=ndjson", "/officials"} {
		r = a.do(t, "GET", path, nil)
		assert.Equal(t, http.StatusOK, r.status, "%s: %s", path, r)
		assert.Equal(t, "primary", r.node(), path)
	}
	assert.True(t, strings.Contains(string(a.do(t, "GET", "/meetings?country=UZ", nil).body), "lost meeting 1"))
}

// TestDraftsReadOnReplica: the review queue and a draft are read on the
// replica (a read takes no lock there), and a draft just made is seen with
// its token.
func TestDraftsReadOnReplica(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]
	w := a.do(t, "POST", "/articles", []byte(`{"text": "Baku, 18 March 2013. Azerbaijani Defense Minister Safar Abiyev and Georgian Defense Minister Irakly Alasania met in Baku.", "url": "https://example.org/scaling/draft", "outlet": "Example", "published_at": "2013-03-18"}`),
		"Authorization", "Bearer "+e.token)
	require.Equal(t, http.StatusCreated, w.status, w.String())
	draft := w.header.Get("Location")
	require.NotEmpty(t, draft)
	r := tokenRead(t, a, draft, w.header.Get("Milmeet-Consistency"), "Authorization", "Bearer "+e.token)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	r = a.do(t, "GET", "/drafts?status=pending", nil, "Authorization", "Bearer "+e.token)
	assert.Equal(t, http.StatusOK, r.status, r.String())
	assert.Equal(t, "replica-1", r.node())
}

// TestEveryReadOnReplica sends every GET operation of api/openapi.yaml,
// with an admin key, to a server whose reads go to the replica: each must
// be answered there (a write or a lock in a read would fail there, and the
// read would run again on the primary).
func TestEveryReadOnReplica(t *testing.T) {
	e := newEnv(t, opts{})
	a := e.apis[0]
	_, admin, err := a.svc.CreateKey(context.Background(), "scaling-admin", domain.ScopeAdmin)
	require.NoError(t, err)
	m := e.create(a, 1, "every-read")
	meeting := m.json(t)
	official := meeting["delegations"].([]any)[0].(map[string]any)["head"].(map[string]any)["official_id"].(string)
	d := a.do(t, "POST", "/articles", []byte(`{"text": "Baku, 18 March 2013. Azerbaijani Defense Minister Safar Abiyev and Georgian Defense Minister Irakly Alasania met in Baku and signed a plan of bilateral cooperation for 2013.", "url": "https://example.org/scaling/every-read", "outlet": "Example", "published_at": "2013-03-18"}`),
		"Authorization", "Bearer "+e.token)
	require.Equal(t, http.StatusCreated, d.status, d.String())
	draft := strings.TrimPrefix(d.header.Get("Location"), "/drafts/")
	token := d.header.Get("Milmeet-Consistency")
	tokenRead(t, a, "/drafts/"+draft, token, "Authorization", "Bearer "+admin)

	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err)
	var agreement string
	for path, item := range doc.Paths.Map() {
		if item.Get == nil || path == "/livez" || path == "/readyz" || path == "/openapi.yaml" || path == "/metrics" {
			continue // no database reads of the API's own
		}
		p := strings.NewReplacer("{code}", "UZ", "{name}", "scaling-admin").Replace(path)
		switch {
		case strings.HasPrefix(p, "/drafts/"):
			p = strings.ReplaceAll(p, "{id}", draft)
		case strings.HasPrefix(p, "/officials/"):
			p = strings.ReplaceAll(p, "{id}", official)
		case strings.HasPrefix(p, "/agreements/"):
			if agreement == "" {
				list := a.do(t, "GET", "/agreements", nil, "Milmeet-Consistency", token).json(t)
				if data, _ := list["data"].([]any); len(data) > 0 {
					agreement = data[0].(map[string]any)["id"].(string)
				}
			}
			p = strings.ReplaceAll(p, "{id}", agreement)
		default:
			p = strings.ReplaceAll(p, "{id}", meeting["id"].(string))
		}
		r := a.do(t, "GET", p, nil, "Authorization", "Bearer "+admin, "Milmeet-Consistency", token)
		assert.Less(t, r.status, 500, "GET %s (%s): %s", p, path, r)
		// On the replica, not run again on the primary after failing there.
		assert.Equal(t, "replica-1", r.node(), "GET %s (%s)", p, path)
		if strings.Contains(p, "{") {
			t.Errorf("GET %s: a parameter left unfilled", p)
		}
	}
}
