package http_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/web"
)

// TestPages_Mounted: the server answers the pages for browsers with their
// Content-Security-Policy, and the API's own answers keep theirs.
func TestPages_Mounted(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, p := range []string{"/", "/docs", "/review", "/assets/app.css"} {
		rec := httptest.NewRecorder()
		e.h.ServeHTTP(rec, httptest.NewRequest("GET", p, nil))
		require.Equal(t, http.StatusOK, rec.Code, p)
		assert.Equal(t, web.ContentSecurityPolicy, rec.Header().Get("Content-Security-Policy"), p)
		assert.Equal(t, "nosniff", rec.Header().Get("X-Content-Type-Options"), p)
	}
	r := e.do("GET", "/meetings?country=UZ", nil)
	require.Equal(t, http.StatusOK, r.Code)
	assert.Empty(t, r.Header().Get("Content-Security-Policy"), "API answers are not pages")

	// A file that is not there is the API's own 404 problem.
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest("GET", "/assets/missing.js", nil))
	assert.Equal(t, http.StatusNotFound, rec.Code)
	assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"))
	assert.Contains(t, rec.Body.String(), "urn:milmeet:problem:not_found")
}

// TestOpenAPI_ShownInBrowsers: a browser opening /openapi.yaml gets text it
// shows; other clients get YAML.
func TestOpenAPI_ShownInBrowsers(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	r := e.do("GET", "/openapi.yaml", nil, "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
	assert.Equal(t, http.StatusOK, r.Code)
	assert.Equal(t, "text/plain; charset=utf-8", r.Header().Get("Content-Type"))
	for _, accept := range []string{"*/*", "application/yaml", "application/yaml, text/html", ""} {
		r = e.do("GET", "/openapi.yaml", nil, "Accept", accept)
		assert.Equal(t, "application/yaml", r.Header().Get("Content-Type"), accept)
	}
}
