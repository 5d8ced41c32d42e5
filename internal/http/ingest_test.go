package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
	"github.com/milmeet/milmeet/internal/seed"
)

func TestAuth(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("UZ")
	writes := []struct{ method, target string }{
		{"POST", "/meetings"}, {"PUT", "/meetings/" + id}, {"PATCH", "/meetings/" + id},
		{"DELETE", "/meetings/" + id}, {"POST", "/imports"},
	}
	for _, w := range writes {
		r := e.do(w.method, w.target, newMeeting(), "Authorization", "")
		assert.Equal(t, http.StatusUnauthorized, r.Code, "%s %s without a key", w.method, w.target)
		assert.Contains(t, r.Header().Get("WWW-Authenticate"), "Bearer")
		r = e.do(w.method, w.target, newMeeting(), "Authorization", e.reader)
		assert.Equal(t, http.StatusForbidden, r.Code, "%s %s with a read key", w.method, w.target)
	}
	r := e.do("POST", "/meetings", newMeeting(), "Authorization", "Bearer mm_forged")
	assert.Equal(t, http.StatusUnauthorized, r.Code)
	r = e.do("POST", "/meetings", newMeeting(), "Authorization", "Basic dXNlcjpwYXNz")
	assert.Equal(t, http.StatusUnauthorized, r.Code)
	for _, target := range []string{"/audit", "/keys"} {
		assert.Equal(t, http.StatusUnauthorized, e.do("GET", target, nil).Code)
		assert.Equal(t, http.StatusForbidden, e.do("GET", target, nil, "Authorization", e.writer).Code)
		assert.Equal(t, http.StatusOK, e.do("GET", target, nil, "Authorization", e.admin).Code)
	}

	r = e.do("POST", "/meetings", newMeeting(), "Authorization", e.writer)
	require.Equal(t, http.StatusCreated, r.Code, r.Body.String())
	assert.NotEmpty(t, r.Header().Get("Location"))
	assert.NotEmpty(t, r.Header().Get("ETag"))
	got := e.do("GET", r.Header().Get("Location"), nil)
	assert.JSONEq(t, r.Body.String(), got.Body.String())

	// A revoked key no longer works.
	k := e.do("POST", "/keys", map[string]any{"name": "temp", "scope": "write"}, "Authorization", e.admin)
	require.Equal(t, http.StatusCreated, k.Code, k.Body.String())
	token := "Bearer " + k.object()["token"].(string)
	assert.Equal(t, http.StatusOK, e.do("GET", "/meetings", nil, "Authorization", token).Code)
	assert.Equal(t, http.StatusNoContent, e.do("DELETE", "/keys/temp", nil, "Authorization", e.admin).Code)
	assert.Equal(t, http.StatusUnauthorized, e.do("GET", "/meetings", nil, "Authorization", token).Code)
	var list struct {
		Data []map[string]any `json:"data"`
	}
	e.do("GET", "/keys", nil, "Authorization", e.admin).json(&list)
	for _, k := range list.Data {
		assert.NotContains(t, k, "token")
		assert.NotContains(t, k, "token_hash")
	}
}

func TestReadRequiresKey(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.ReadRequiresKey = true
	e := newConfiguredEnv(t, cfg)
	assert.Equal(t, http.StatusUnauthorized, e.do("GET", "/meetings", nil).Code)
	assert.Equal(t, http.StatusOK, e.do("GET", "/meetings", nil, "Authorization", e.reader).Code)
	assert.Equal(t, http.StatusOK, e.do("GET", "/livez", nil).Code)
}

// seedBody returns seed meeting i as a POST body.
func seedBody(t *testing.T, i int) map[string]any {
	ms, err := seed.Meetings()
	require.NoError(t, err)
	raw, err := json.Marshal(ms[i])
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	for _, k := range []string{"id", "version", "created_at", "updated_at", "date_precision"} {
		delete(m, k)
	}
	return m
}

func TestDedupeAndMerge(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("UZ")
	officials := e.countRows("officials")

	r := e.do("POST", "/meetings", seedBody(t, 0))
	require.Equal(t, http.StatusConflict, r.Code, r.Body.String())
	assert.Equal(t, id, r.object()["existing_id"])

	m := seedBody(t, 0)
	m["sources"] = []any{map[string]any{"url": "https://mod.gov.az/en/news/12345", "outlet": "Ministry of Defense",
		"language": "en", "title": "Azerbaijan and Uzbekistan signed a military cooperation plan"}}
	m["city"] = "Baku"
	r = e.do("POST", "/meetings?merge=true", m)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var merged domain.Meeting
	r.json(&merged)
	assert.Equal(t, id, merged.ID)
	assert.Len(t, merged.Sources, 2)
	assert.Equal(t, "Baku", *merged.City, "a fact the stored record lacked")
	assert.Len(t, merged.Delegations[1].Members, 1, "no member added twice")
	assert.Equal(t, officials, e.countRows("officials"), "no duplicate officials")
	assert.Equal(t, 5, e.countRows("meetings WHERE parent_id IS NULL"))

	// Merging the same again changes nothing more: not even the version,
	// the ETag or the audit log.
	etag, version, audited := r.Header().Get("ETag"), merged.Version, e.countRows("audit_log")
	r = e.do("POST", "/meetings?merge=true", m)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	r.json(&merged)
	assert.Len(t, merged.Sources, 2)
	assert.Equal(t, version, merged.Version, "a merge that adds nothing is no write")
	assert.Equal(t, etag, r.Header().Get("ETag"))
	assert.Equal(t, audited, e.countRows("audit_log"))
}

func TestIdempotencyKey(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.do("POST", "/meetings", newMeeting(), "Idempotency-Key", "k-1")
	require.Equal(t, http.StatusCreated, first.Code, first.Body.String())
	again := e.do("POST", "/meetings", newMeeting(), "Idempotency-Key", "k-1")
	assert.Equal(t, http.StatusCreated, again.Code)
	assert.Equal(t, first.Body.String(), again.Body.String(), "replayed byte for byte")
	assert.Equal(t, first.Header().Get("Location"), again.Header().Get("Location"))
	assert.Equal(t, "true", again.Header().Get("Idempotent-Replayed"))
	assert.Equal(t, 6, e.countRows("meetings WHERE parent_id IS NULL"), "one meeting")

	other := newMeeting()
	other["title"] = "Something else"
	r := e.do("POST", "/meetings", other, "Idempotency-Key", "k-1")
	assert.Equal(t, http.StatusUnprocessableEntity, r.Code, r.Body.String())

	// Keys belong to their API key: another key may use the same text.
	k := e.do("POST", "/keys", map[string]any{"name": "second", "scope": "write"}, "Authorization", e.admin)
	token := "Bearer " + k.object()["token"].(string)
	r = e.do("POST", "/meetings", other, "Idempotency-Key", "k-1", "Authorization", token)
	assert.Equal(t, http.StatusConflict, r.Code, "a new request under the other key: the same meeting exists")
}

func TestPatchMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("GE")
	r := e.do("GET", "/meetings/"+id, nil)
	tag := r.Header().Get("ETag")
	before := r.Body.String()
	patch := `{"city": "Tbilisi", "summary": null}`
	ct := "application/merge-patch+json"

	assert.Equal(t, http.StatusPreconditionRequired, e.do("PATCH", "/meetings/"+id, patch, "Content-Type", ct).Code)
	assert.Equal(t, http.StatusPreconditionFailed, e.do("PATCH", "/meetings/"+id, patch, "Content-Type", ct, "If-Match", `"0123"`).Code)
	assert.Equal(t, before, e.do("GET", "/meetings/"+id, nil).Body.String(), "unchanged")
	assert.Equal(t, http.StatusUnsupportedMediaType, e.do("PATCH", "/meetings/"+id, patch, "If-Match", tag).Code)

	r = e.do("PATCH", "/meetings/"+id, patch, "Content-Type", ct, "If-Match", tag)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var m domain.Meeting
	r.json(&m)
	assert.Equal(t, "Tbilisi", *m.City)
	assert.Nil(t, m.Summary)
	assert.Len(t, m.Agreements, 1, "the rest is kept")

	r = e.do("PATCH", "/meetings/"+id, `{"kind": "summit"}`, "Content-Type", ct, "If-Match", r.Header().Get("ETag"))
	assert.Equal(t, http.StatusUnprocessableEntity, r.Code)
	r = e.do("PATCH", "/meetings/"+id, `{"unknown": 1}`, "Content-Type", ct, "If-Match", e.do("GET", "/meetings/"+id, nil).Header().Get("ETag"))
	assert.Equal(t, http.StatusUnprocessableEntity, r.Code)
}

// importBody returns n distinct valid meetings as NDJSON, with the lines in
// broken replaced by broken ones.
func importBody(n int, broken map[int]string) string {
	return importLines(n, broken, nil)
}

// importLines returns what importBody does, each line's meeting first
// changed by edit (when not nil).
func importLines(n int, broken map[int]string, edit func(i int, m map[string]any)) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		if s, ok := broken[i]; ok {
			b.WriteString(s + "\n")
			continue
		}
		m := map[string]any{
			"title": fmt.Sprintf("Imported meeting %d", i),
			"date":  fmt.Sprintf("%04d-%02d-%02d", 2000+i/336, 1+(i/28)%12, 1+i%28),
			"kind":  "meeting",
			"delegations": []any{
				map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
				map[string]any{"country": []string{"TR", "GE", "KZ", "UZ", "PK"}[i%5], "role": "guest",
					"head": map[string]any{"name": fmt.Sprintf("Guest Person %d", i%50), "rank": "General"}},
			},
			"ceremonies": []any{map[string]any{"type": "wreath_laying", "site": "Alley of Honor"}},
			"sources":    []any{map[string]any{"url": fmt.Sprintf("https://example.org/import/%d", i), "outlet": "Example"}},
		}
		if edit != nil {
			edit(i, m)
		}
		raw, _ := json.Marshal(m)
		b.Write(raw)
		b.WriteByte('\n')
	}
	return b.String()
}

func TestImport(t *testing.T) {
	t.Parallel()
	broken := map[int]string{
		17:  `{"title": "no date", "kind": "meeting", "delegations": [{"country": "AZ", "role": "host"}]}`,
		500: `{"title": "unclosed"`,
		999: `{"title": "Bad country", "date": "2024-01-01", "kind": "meeting", "delegations": [{"country": "XX", "role": "host"}]}`,
	}
	body := importBody(1000, broken)

	t.Run("atomic", func(t *testing.T) {
		t.Parallel()
		e := newEmptyEnv(t)
		r := e.do("POST", "/imports?atomic=true", body, "Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusUnprocessableEntity, r.Code, truncate(r.Body.String(), 500))
		var p struct {
			Report domain.ImportReport `json:"report"`
		}
		r.json(&p)
		assert.Equal(t, 0, p.Report.Stored)
		assert.Equal(t, 3, p.Report.Failed)
		assert.Equal(t, 0, e.countRows("meetings"))
		assert.Equal(t, 0, e.countRows("officials"))
	})
	t.Run("good lines land", func(t *testing.T) {
		t.Parallel()
		e := newEmptyEnv(t)
		r := e.do("POST", "/imports", body, "Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusOK, r.Code, truncate(r.Body.String(), 500))
		var rep domain.ImportReport
		r.json(&rep)
		assert.Equal(t, 1000, rep.Lines)
		assert.Equal(t, 997, rep.Stored)
		require.Len(t, rep.Errors, 3)
		assert.Equal(t, 17, rep.Errors[0].Line)
		assert.Equal(t, "/date", rep.Errors[0].Errors[0].Pointer)
		assert.Equal(t, 500, rep.Errors[1].Line)
		assert.Equal(t, 999, rep.Errors[2].Line)
		assert.Equal(t, "/delegations/0/country", rep.Errors[2].Errors[0].Pointer)
		assert.Equal(t, 997, e.countRows("meetings"))
		assert.Equal(t, 51, e.countRows("officials"), "Hasanov and 50 guests, each once")
		assert.Equal(t, 997, e.countRows("meeting_sources"))
		assert.Equal(t, 997, e.countRows("audit_log WHERE action = 'import' AND actor = 'writer'"))

		// The imported meetings read and search like any other.
		var p summaries
		e.do("GET", "/meetings?q=imported&limit=5&country=GE", nil).json(&p)
		assert.Len(t, p.Data, 5)

		// Importing the same file again stores nothing new.
		r = e.do("POST", "/imports", body, "Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusOK, r.Code)
		r.json(&rep)
		assert.Equal(t, 0, rep.Stored)
		assert.Len(t, rep.Errors, 1000)
		assert.Equal(t, 997, e.countRows("meetings"))
	})
	t.Run("duplicate lines", func(t *testing.T) {
		t.Parallel()
		e := newEmptyEnv(t)
		one := importBody(1, nil)
		r := e.do("POST", "/imports", one+one, "Content-Type", "application/x-ndjson")
		var rep domain.ImportReport
		r.json(&rep)
		assert.Equal(t, 1, rep.Stored)
		require.Len(t, rep.Errors, 1)
		assert.Equal(t, 2, rep.Errors[0].Line)
	})
	t.Run("long line", func(t *testing.T) {
		t.Parallel()
		e := newEmptyEnv(t)
		long := `{"title": "` + strings.Repeat("x", 2<<20) + `"}`
		r := e.do("POST", "/imports", long+"\n"+importBody(2, nil), "Content-Type", "application/x-ndjson")
		require.Equal(t, http.StatusOK, r.Code)
		var rep domain.ImportReport
		r.json(&rep)
		assert.Equal(t, 2, rep.Stored)
		require.Len(t, rep.Errors, 1)
		assert.Equal(t, 1, rep.Errors[0].Line)
	})
	t.Run("content type", func(t *testing.T) {
		t.Parallel()
		e := newEmptyEnv(t)
		assert.Equal(t, http.StatusUnsupportedMediaType, e.do("POST", "/imports", body).Code)
	})
}

func TestAudit(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("POST", "/meetings", newMeeting())
	require.Equal(t, http.StatusCreated, r.Code)
	id := r.object()["id"].(string)
	r = e.do("PATCH", "/meetings/"+id, `{"city": "Ganja"}`, "Content-Type", "application/merge-patch+json",
		"If-Match", r.Header().Get("ETag"))
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	require.Equal(t, http.StatusNoContent, e.do("DELETE", "/meetings/"+id, nil, "If-Match", r.Header().Get("ETag")).Code)

	r = e.do("GET", "/audit?meeting="+id, nil, "Authorization", e.admin)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var p struct {
		Data []domain.AuditEntry `json:"data"`
	}
	r.json(&p)
	require.Len(t, p.Data, 3)
	var actions []domain.AuditAction
	for _, a := range p.Data {
		actions = append(actions, a.Action)
		assert.Equal(t, "writer", a.Actor)
	}
	assert.Equal(t, []domain.AuditAction{"create", "update", "delete"}, actions)
	assert.Contains(t, p.Data[1].Changes, domain.Change{Pointer: "/city", Before: "Baku", After: "Ganja"})
	assert.True(t, bytes.Equal(p.Data[2].After, []byte("null")))
}

func TestRateLimit(t *testing.T) {
	t.Parallel()
	cfg := httpapi.DefaultConfig()
	cfg.WritesPerMinute = 2
	cfg.AnonymousReadsPerMinute = 3
	e := newConfiguredEnv(t, cfg)
	e.seed()
	for i := range 3 {
		r := e.do("GET", "/meetings", nil)
		require.Equal(t, http.StatusOK, r.Code)
		assert.Equal(t, fmt.Sprint(2-i), r.Header().Get("RateLimit-Remaining"))
	}
	r := e.do("GET", "/meetings", nil)
	assert.Equal(t, http.StatusTooManyRequests, r.Code)
	assert.NotEmpty(t, r.Header().Get("Retry-After"))
	assert.Equal(t, "3", r.Header().Get("RateLimit-Limit"))
	assert.Equal(t, http.StatusOK, e.do("GET", "/meetings", nil, "Authorization", e.reader).Code, "keyed reads are not limited by address")

	m := newMeeting()
	assert.Equal(t, http.StatusCreated, e.do("POST", "/meetings", m).Code)
	assert.Equal(t, http.StatusConflict, e.do("POST", "/meetings", m).Code)
	r = e.do("POST", "/meetings", m)
	assert.Equal(t, http.StatusTooManyRequests, r.Code)
	assert.NotEmpty(t, r.Header().Get("Retry-After"))
}

// TestImport_OfficialsAcrossLines holds the resolution of the people an
// import names, new to the database, line to line and chunk to chunk: a
// name is one official wherever it recurs, and a shorter form of it ("D.
// Arslan") names the same official, before and after it is stored.
func TestImport_OfficialsAcrossLines(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	const n = 1200 // three chunks of the default 500
	body := importLines(n, nil, func(i int, m map[string]any) {
		members := []any{map[string]any{"name": fmt.Sprintf("Guest Officer %d", i%7)}}
		switch i {
		case 1, 5, n:
			members = append(members, map[string]any{"name": "Defne Arslan"})
		case 3, 700:
			members = append(members, map[string]any{"name": "D. Arslan"})
		}
		m["delegations"] = []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
			map[string]any{"country": "TUR", "role": "guest", "members": members,
				"head": map[string]any{"name": fmt.Sprintf("Guest Person %d", i%50)}},
		}
	})
	r := e.do("POST", "/imports", body, "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusOK, r.Code, truncate(r.Body.String(), 500))
	var rep domain.ImportReport
	r.json(&rep)
	require.Empty(t, rep.Errors)
	assert.Equal(t, n, rep.Stored)
	assert.Equal(t, 1+50+7+1, e.countRows("officials"), "Hasanov, 50 guests, 7 officers and Arslan, each once")

	var ids, lines int
	require.NoError(t, e.pool.QueryRow(t.Context(), `SELECT count(DISTINCT dm.official_id), count(*)
		FROM delegation_members dm JOIN officials o ON o.id = dm.official_id
		WHERE o.country = 'TR' AND o.name = 'Defne Arslan'`).Scan(&ids, &lines))
	assert.Equal(t, 1, ids)
	assert.Equal(t, 5, lines, "lines 1, 3, 5, 700 and the last name her")
}
