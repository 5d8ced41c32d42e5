package web_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/go-chi/chi/v5"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/api"
	"github.com/milmeet/milmeet/internal/web"
)

func handler() http.Handler {
	r := chi.NewRouter()
	web.Mount(r, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/problem+json")
		w.WriteHeader(http.StatusNotFound)
	})
	return r
}

func get(t *testing.T, h http.Handler, target string, header ...string) *httptest.ResponseRecorder {
	t.Helper()
	req := httptest.NewRequest("GET", target, nil)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

func TestPages(t *testing.T) {
	h := handler()
	for _, p := range []string{"/", "/docs", "/review"} {
		rec := get(t, h, p)
		require.Equal(t, http.StatusOK, rec.Code, p)
		assert.Equal(t, "text/html; charset=utf-8", rec.Header().Get("Content-Type"), p)
		assert.Equal(t, web.ContentSecurityPolicy, rec.Header().Get("Content-Security-Policy"), p)
		assert.NotEmpty(t, rec.Header().Get("ETag"), p)
	}
	csp := web.ContentSecurityPolicy
	for _, directive := range strings.Split(csp, ";") {
		// Nothing from another origin, no inline script, no eval.
		assert.NotRegexp(t, `https?:|\*|'unsafe-inline'|'unsafe-eval'`, directive)
	}
}

func TestRedirects(t *testing.T) {
	h := handler()
	for _, p := range []string{"/swagger", "/redoc"} {
		rec := get(t, h, p)
		assert.Equal(t, http.StatusMovedPermanently, rec.Code, p)
		assert.Equal(t, "/docs", rec.Header().Get("Location"), p)
	}
}

func TestAssets_ConditionalAndCompressed(t *testing.T) {
	h := handler()
	rec := get(t, h, "/assets/explorer.js")
	require.Equal(t, http.StatusOK, rec.Code)
	assert.Equal(t, "text/javascript; charset=utf-8", rec.Header().Get("Content-Type"))
	assert.Equal(t, "no-cache", rec.Header().Get("Cache-Control"))
	tag := rec.Header().Get("ETag")
	require.NotEmpty(t, tag)
	plain := rec.Body.String()

	again := get(t, h, "/assets/explorer.js", "If-None-Match", tag)
	assert.Equal(t, http.StatusNotModified, again.Code)

	gz := get(t, h, "/assets/explorer.js", "Accept-Encoding", "gzip, deflate")
	require.Equal(t, http.StatusOK, gz.Code)
	assert.Equal(t, "gzip", gz.Header().Get("Content-Encoding"))
	assert.NotEqual(t, tag, gz.Header().Get("ETag"), "each encoding has its own tag")
	zr, err := gzip.NewReader(gz.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	assert.Equal(t, plain, string(body))

	vendored := get(t, h, "/assets/vendor/swagger-ui-5.35.0/swagger-ui-bundle.js")
	require.Equal(t, http.StatusOK, vendored.Code)
	assert.Contains(t, vendored.Header().Get("Cache-Control"), "immutable")
}

func TestAssets_NotFound(t *testing.T) {
	h := handler()
	for _, p := range []string{"/assets/nothing.js", "/assets/", "/assets/vendor/", "/assets/../web.go",
		"/assets/%2e%2e/web.go", "/assets/vendor"} {
		rec := get(t, h, p)
		assert.Equal(t, http.StatusNotFound, rec.Code, p)
		assert.Equal(t, "application/problem+json", rec.Header().Get("Content-Type"), p)
	}
}

// TestPages_ReferToServedFiles: every script, style sheet, icon and module
// a page names is served, from this origin; no page has an inline script
// or style, which the Content-Security-Policy would block.
func TestPages_ReferToServedFiles(t *testing.T) {
	h := handler()
	ref := regexp.MustCompile(`(?:src|href)="(/assets/[^"]+)"`)
	imports := regexp.MustCompile(`from '\./([^']+)'`)
	inline := regexp.MustCompile(`<script(?:\s[^>]*)?>|<style|\sstyle="|\son[a-z]+="`)
	script := regexp.MustCompile(`<script\s[^>]*\bsrc="`)
	fsys := os.DirFS("assets")
	matches, err := fs.Glob(fsys, "*.html")
	require.NoError(t, err)
	require.NotEmpty(t, matches)
	for _, name := range matches {
		b, err := fs.ReadFile(fsys, name)
		require.NoError(t, err)
		for _, tag := range inline.FindAllString(string(b), -1) {
			assert.Regexp(t, script, tag, "%s has inline script or style: %s", name, tag)
		}
		assert.NotRegexp(t, `(?:src|href)="(?:https?:)?//`, string(b), "%s loads from another origin", name)
		for _, m := range ref.FindAllStringSubmatch(string(b), -1) {
			assert.Equal(t, http.StatusOK, get(t, h, m[1]).Code, "%s names %s", name, m[1])
		}
	}
	js, err := fs.Glob(fsys, "*.js")
	require.NoError(t, err)
	for _, name := range js {
		b, err := fs.ReadFile(fsys, name)
		require.NoError(t, err)
		for _, m := range imports.FindAllStringSubmatch(string(b), -1) {
			assert.Equal(t, http.StatusOK, get(t, h, "/assets/"+m[1]).Code, "%s imports %s", name, m[1])
		}
		for _, u := range regexp.MustCompile(`https?://[^\s'"`+"`"+`)]+`).FindAllString(string(b), -1) {
			assert.Equal(t, "http://www.w3.org/2000/svg", u, "%s names another origin", name)
		}
	}
}

// TestVocab_MatchesSpec: the vocabularies the explorer offers are those of
// api/openapi.yaml.
func TestVocab_MatchesSpec(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromData(api.Spec)
	require.NoError(t, err)
	require.NoError(t, doc.Validate(context.Background()))
	b, err := os.ReadFile("assets/vocab.json")
	require.NoError(t, err)
	var vocab map[string][]string
	require.NoError(t, json.Unmarshal(b, &vocab))
	for key, schema := range map[string]string{"kind": "Kind", "topic": "Topic", "ceremony": "CeremonyType",
		"agreement_type": "AgreementType", "role": "Role"} {
		s := doc.Components.Schemas[schema]
		require.NotNil(t, s, schema)
		var want []string
		for _, v := range s.Value.Enum {
			want = append(want, v.(string))
		}
		assert.Equal(t, want, vocab[key], "vocab.json %s against the spec's %s", key, schema)
	}
}

// TestVendored: the vendored files are those whose digests VENDORED.sha256
// records, as the npm registry's package holds them.
func TestVendored(t *testing.T) {
	f, err := os.Open("VENDORED.sha256")
	require.NoError(t, err)
	defer f.Close()
	listed := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		sum, name, ok := strings.Cut(line, "  ")
		require.True(t, ok, line)
		b, err := os.ReadFile(name)
		require.NoError(t, err)
		got := sha256.Sum256(b)
		assert.Equal(t, sum, hex.EncodeToString(got[:]), name)
		listed++
	}
	require.NoError(t, sc.Err())
	entries, err := fs.Glob(os.DirFS("assets/vendor"), "*/*")
	require.NoError(t, err)
	assert.Equal(t, len(entries), listed, "every vendored file is listed")
	assert.True(t, slices.ContainsFunc(entries, func(e string) bool { return path.Base(e) == "LICENSE" }))
}
