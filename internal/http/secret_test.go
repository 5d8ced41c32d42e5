package http_test

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

// TestCursors_Secret: a server signs cursors with its CURSOR_SECRET: another
// instance with the same secret takes them, one with another secret does
// not, and a cursor forged with the key once written in the source is
// refused. Without a secret the server warns and signs with a random key.
func TestCursors_Secret(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.CursorSecret = "one secret for every instance of this service"
	e := newConfiguredEnv(t, cfg)
	e.seed()
	r := e.do("GET", "/meetings?limit=2", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var page summaries
	r.json(&page)
	require.NotNil(t, page.NextCursor)
	next := "/meetings?limit=2&cursor=" + *page.NextCursor
	want := e.do("GET", next, nil)
	require.Equal(t, http.StatusOK, want.Code, want.Body.String())

	other := func(secret string) (http.Handler, *syncBuffer) {
		c := cfg
		c.CursorSecret = secret
		logs := &syncBuffer{}
		return httpapi.NewServer(e.svc, e.st, slog.New(slog.NewJSONHandler(logs, nil)), c, api.Spec).Handler(), logs
	}
	get := func(h http.Handler, target string) *httptest.ResponseRecorder {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
		return rec
	}
	twin, _ := other(cfg.CursorSecret)
	got := get(twin, next)
	assert.Equal(t, http.StatusOK, got.Code, "another instance with the same secret")
	assert.Equal(t, want.Body.String(), got.Body.String())
	stranger, _ := other("another secret, for another service entirely")
	assert.Equal(t, http.StatusBadRequest, get(stranger, next).Code, "a cursor of another secret")

	var c domain.Cursor
	c.Sort, c.ID = "-date", domain.NewID()
	body := []byte(`{"s":"-date","k":"2025-12-10","i":"` + c.ID + `","f":""}`)
	mac := hmac.New(sha256.New, []byte("milmeet cursor v1"))
	mac.Write(body)
	forged := base64.RawURLEncoding.EncodeToString(append(mac.Sum(nil)[:12], body...))
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?limit=2&cursor="+forged, nil).Code,
		"a cursor forged with the old constant key")

	random, logs := other("")
	assert.Contains(t, logs.String(), "CURSOR_SECRET is not set")
	assert.Equal(t, http.StatusBadRequest, get(random, next).Code)
}

// TestMetrics_KeyAndAddress: with METRICS_KEY /metrics needs it; with
// METRICS_ADDR it is not on the API's address.
func TestMetrics_KeyAndAddress(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.MetricsKey = "a key for the scraper only"
	e := newConfiguredEnv(t, cfg)
	r := e.do("GET", "/metrics", nil)
	assert.Equal(t, http.StatusUnauthorized, r.Code)
	assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
	assert.Equal(t, http.StatusUnauthorized, e.do("GET", "/metrics", nil, "Authorization", e.admin).Code,
		"an API key is not the metrics key")
	r = e.do("GET", "/metrics", nil, "Authorization", "Bearer "+cfg.MetricsKey)
	assert.Equal(t, http.StatusOK, r.Code)
	assert.Contains(t, r.Body.String(), "milmeet_http_requests_total")

	cfg = httpapi.DefaultConfig()
	cfg.MetricsAddr = "127.0.0.1:9"
	e = newConfiguredEnv(t, cfg)
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/metrics", nil).Code)
}
