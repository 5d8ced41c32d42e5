package http_test

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	httpapi "github.com/milmeet/milmeet/internal/http"
)

// links returns the Link header's URLs by relation.
func links(t *testing.T, h string) map[string]*url.URL {
	t.Helper()
	out := map[string]*url.URL{}
	for _, m := range regexp.MustCompile(`<([^>]*)>; rel="([a-z]+)"`).FindAllStringSubmatch(h, -1) {
		u, err := url.Parse(m[1])
		require.NoError(t, err)
		out[m[2]] = u
	}
	return out
}

func TestLink_AbsoluteNextAndFirst(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings?limit=2&country=AZ", nil, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "evil.example")
	require.Equal(t, http.StatusOK, r.Code)
	l := links(t, r.Header().Get("Link"))
	require.Contains(t, l, "next")
	require.Contains(t, l, "first")
	for _, u := range l {
		assert.Equal(t, "http", u.Scheme, "X-Forwarded-* are ignored unless a proxy is trusted")
		assert.Equal(t, "example.com", u.Host)
		assert.Equal(t, "/meetings", u.Path)
		assert.Equal(t, "AZ", u.Query().Get("country"))
		assert.Equal(t, "2", u.Query().Get("limit"))
	}
	assert.NotEmpty(t, l["next"].Query().Get("cursor"))
	assert.Empty(t, l["first"].Query().Get("cursor"))

	// Following next, then first, gives the next page, then the first again.
	next := e.do("GET", l["next"].RequestURI(), nil)
	require.Equal(t, http.StatusOK, next.Code, next.Body.String())
	first := e.do("GET", links(t, next.Header().Get("Link"))["first"].RequestURI(), nil)
	assert.Equal(t, r.Body.String(), first.Body.String())
}

func TestLink_TrustedProxy(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.TrustProxy = true
	e := newConfiguredEnv(t, cfg)
	e.seed()
	r := e.do("GET", "/meetings?limit=2", nil, "X-Forwarded-Proto", "https", "X-Forwarded-Host", "api.example.org")
	require.Equal(t, http.StatusOK, r.Code)
	l := links(t, r.Header().Get("Link"))
	require.Contains(t, l, "next")
	assert.Equal(t, "https://api.example.org", l["next"].Scheme+"://"+l["next"].Host)

	r = e.do("GET", "/meetings?limit=2", nil, "X-Forwarded-Host", "bad host/x")
	assert.Equal(t, "example.com", links(t, r.Header().Get("Link"))["next"].Host, "a malformed host is ignored")
}

func TestCORS_ExposesWWWAuthenticate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings", nil, "Origin", "https://app.example", "Authorization", "Bearer nope")
	assert.Equal(t, http.StatusUnauthorized, r.Code)
	assert.Contains(t, r.Header().Get("Access-Control-Expose-Headers"), "Www-Authenticate")
}

func TestNotAcceptable(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct {
		target, accept string
		want           int
	}{
		{"/meetings", "text/html", http.StatusNotAcceptable},
		{"/meetings", "image/png, text/html;q=0.9", http.StatusNotAcceptable},
		{"/meetings", "application/json;q=0, text/html", http.StatusNotAcceptable},
		{"/meetings", "text/html, */*;q=0.8", http.StatusOK},
		{"/meetings", "application/*", http.StatusOK},
		{"/meetings", "text/csv", http.StatusOK},
		{"/meetings", "application/x-ndjson", http.StatusOK},
		{"/meetings", "", http.StatusOK},
		{"/officials?country=AZ", "text/csv", http.StatusNotAcceptable},
		{"/officials?country=AZ", "application/json", http.StatusOK},
		{"/countries/AZ", "application/problem+json", http.StatusOK},
		{"/openapi.yaml", "application/json", http.StatusNotAcceptable},
		{"/openapi.yaml", "application/json, application/yaml", http.StatusOK}, // Swagger UI's
		{"/openapi.yaml", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", http.StatusOK},
		{"/openapi.yaml", "application/yaml", http.StatusOK},
		{"/openapi.yaml", "", http.StatusOK},
	} {
		h := []string{}
		if tt.accept != "" {
			h = append(h, "Accept", tt.accept)
		}
		r := e.do("GET", tt.target, nil, h...)
		assert.Equal(t, tt.want, r.Code, "%s with Accept %q: %s", tt.target, tt.accept, r.Body.String())
		if tt.want == http.StatusNotAcceptable {
			assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
		}
	}
}

func TestETag_WeakWhenCompressed(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("UZ")
	plain := e.do("GET", "/meetings/"+id, nil)
	require.Equal(t, http.StatusOK, plain.Code)
	strong := plain.Header().Get("ETag")
	require.Regexp(t, `^"`, strong)
	assert.Equal(t, []string{"Accept-Encoding"}, varyOf(plain, "Accept-Encoding"),
		"the identity answer varies by Accept-Encoding too: a request that accepts gzip gets other bytes")

	gz := e.do("GET", "/meetings/"+id, nil, "Accept-Encoding", "gzip")
	require.Equal(t, http.StatusOK, gz.Code)
	assert.Equal(t, "gzip", gz.Header().Get("Content-Encoding"))
	assert.Equal(t, "W/"+strong, gz.Header().Get("ETag"), "gzip bytes get a weak tag")
	assert.Equal(t, []string{"Accept-Encoding"}, varyOf(gz, "Accept-Encoding"), "once")

	for _, tag := range []string{strong, "W/" + strong} {
		r := e.do("GET", "/meetings/"+id, nil, "Accept-Encoding", "gzip", "If-None-Match", tag)
		assert.Equal(t, http.StatusNotModified, r.Code, "If-None-Match %s", tag)
	}
	// The weak tag of a compressed answer serves If-Match too.
	r := e.do("PATCH", "/meetings/"+id, map[string]any{"city": "Baku"}, "If-Match", gz.Header().Get("ETag"),
		"Content-Type", "application/merge-patch+json")
	assert.Equal(t, http.StatusOK, r.Code, r.Body.String())
}

// varyOf returns the names r's Vary headers give that equal name, in any
// case.
func varyOf(r response, name string) []string {
	var out []string
	for _, v := range r.Header().Values("Vary") {
		for _, f := range strings.Split(v, ",") {
			if f = strings.TrimSpace(f); strings.EqualFold(f, name) {
				out = append(out, f)
			}
		}
	}
	return out
}
