package http_test

import (
	"compress/gzip"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestExport_NDJSON(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, tt := range []struct{ name, target, accept string }{
		{"format", "/meetings?format=ndjson&limit=1", ""},
		{"accept", "/meetings?limit=1", "application/x-ndjson"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := e.do("GET", tt.target, nil, "Accept", tt.accept)
			require.Equal(t, http.StatusOK, r.Code, r.Body.String())
			assert.Equal(t, "application/x-ndjson", r.Header().Get("Content-Type"))
			ls := lines(r.Body.String())
			require.Len(t, ls, 5, "the whole set, not a page")
			for _, l := range ls {
				var m domain.MeetingSummary
				require.NoError(t, json.Unmarshal([]byte(l), &m))
				assert.NotEmpty(t, m.ID)
			}
		})
	}
}

func TestExport_CSV(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings?format=csv&country=AZ", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	assert.Equal(t, "text/csv; charset=utf-8", r.Header().Get("Content-Type"))
	assert.Contains(t, r.Header().Get("Content-Disposition"), "meetings.csv")
	recs, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 6, "a header and five meetings")
	assert.Equal(t, "id", recs[0][0])
	assert.Equal(t, "2025-12-10", recs[1][1])
	assert.Equal(t, "AZ;UZ", recs[1][7])

	r = e.do("GET", "/meetings?format=csv&table=delegation_members&country=UZ", nil, "Accept", "text/csv")
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	recs, err = csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, 4, "header, Hasanov, Mahmudov, Khalmukhamedov")
	assert.Equal(t, []string{"meeting_id", "country", "role", "is_head", "official_id", "name", "rank", "position"}, recs[0])
	assert.Equal(t, "Zakir Hasanov", recs[1][5])

	r = e.do("GET", "/meetings?format=csv&table=ceremonies&include_children=true&ceremony=award", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	assert.Contains(t, r.Body.String(), "Zaur Karimov")

	r = e.do("GET", "/meetings?format=csv&table=agreements", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	recs, err = csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
	require.NoError(t, err)
	assert.Len(t, recs, 3)

	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?format=csv&table=officials", nil).Code)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?format=xml", nil).Code)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?format=ndjson&table=ceremonies", nil).Code)
}

func TestUpdatedSince_Tombstones(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	since := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	r := e.do("GET", "/meetings/"+e.meetingID("GE"), nil)
	d := e.do("DELETE", "/meetings/"+e.meetingID("GE"), nil, "If-Match", r.Header().Get("ETag"))
	require.Equal(t, http.StatusNoContent, d.Code)

	r = e.do("GET", "/meetings?updated_since="+since, nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var p struct {
		Data []map[string]any `json:"data"`
	}
	r.json(&p)
	require.Len(t, p.Data, 5)
	var tombstones int
	for _, m := range p.Data {
		if m["deleted"] == true {
			tombstones++
			assert.Len(t, m, 3, "a tombstone is id, deleted, updated_at: %v", m)
		}
	}
	assert.Equal(t, 1, tombstones)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?updated_since=yesterday", nil).Code)
}

func TestCount(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, c := range []string{"exact", "estimated"} {
		r := e.do("GET", "/meetings?limit=1&country=AZ&count="+c, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		var p struct {
			Total *int64 `json:"total"`
		}
		r.json(&p)
		require.NotNil(t, p.Total)
		assert.EqualValues(t, 5, *p.Total)
	}
	r := e.do("GET", "/meetings", nil)
	assert.NotContains(t, r.Body.String(), `"total"`)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/meetings?count=some", nil).Code)
}

func TestStats(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/stats/timeline?country=AZ&by=year", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var tl domain.Timeline
	r.json(&tl)
	assert.Equal(t, []domain.PeriodCount{{Period: "2023", Count: 1}, {Period: "2024", Count: 1}, {Period: "2025", Count: 2}}, tl.Periods)
	assert.EqualValues(t, 1, tl.Undated, "the Pakistan meeting has no year")
	assert.EqualValues(t, 5, tl.Total)

	e.do("GET", "/stats/timeline?by=month", nil).json(&tl)
	assert.Equal(t, []domain.PeriodCount{{Period: "2023-11", Count: 1}, {Period: "2024-04", Count: 1}, {Period: "2025-12", Count: 2}}, tl.Periods)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/stats/timeline?by=week", nil).Code)

	r = e.do("GET", "/stats/partners?country=AZ", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var ps struct {
		Data []domain.Partner `json:"data"`
	}
	r.json(&ps)
	assert.Len(t, ps.Data, 5)
	r = e.do("GET", "/stats/partners", nil)
	var es struct {
		Data []domain.Edge `json:"data"`
	}
	r.json(&es)
	require.Len(t, es.Data, 5)
	assert.Equal(t, "AZ", es.Data[0].A)

	r = e.do("GET", "/countries/AZ", nil)
	require.Equal(t, http.StatusOK, r.Code)
	var cp domain.CountryProfile
	r.json(&cp)
	assert.EqualValues(t, 5, cp.Meetings)
	assert.EqualValues(t, 5, cp.Hosted)
	assert.Len(t, cp.Partners, 5)
}

func TestOfficialMeetings(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	var p struct {
		Data []domain.Official `json:"data"`
	}
	e.do("GET", "/officials?q=valiyev", nil).json(&p)
	require.Len(t, p.Data, 1)
	r := e.do("GET", "/officials/"+p.Data[0].ID+"/meetings", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var ms summaries
	r.json(&ms)
	require.Len(t, ms.Data, 2, "the two General Staff talks")
	for _, m := range ms.Data {
		assert.NotNil(t, m.ParentID)
	}
}

func TestCaching(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/meetings?country=UZ", nil)
	tag := r.Header().Get("ETag")
	require.NotEmpty(t, tag)
	assert.Contains(t, r.Header().Get("Cache-Control"), "max-age")
	assert.Contains(t, r.Header().Values("Vary"), "Accept")
	r2 := e.do("GET", "/meetings?country=UZ", nil, "If-None-Match", tag)
	assert.Equal(t, http.StatusNotModified, r2.Code)
	r3 := e.do("GET", "/meetings?country=GE", nil, "If-None-Match", tag)
	assert.Equal(t, http.StatusOK, r3.Code)
}

func TestCORS(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	req := httptest.NewRequest("OPTIONS", "/meetings?country=UZ", nil)
	req.Header.Set("Origin", "https://frontend.example")
	req.Header.Set("Access-Control-Request-Method", "GET")
	req.Header.Set("Access-Control-Request-Headers", "If-None-Match")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	assert.Contains(t, []int{http.StatusOK, http.StatusNoContent}, rec.Code)
	assert.Equal(t, "*", rec.Header().Get("Access-Control-Allow-Origin"))
	assert.NotEmpty(t, rec.Header().Get("Access-Control-Max-Age"))
	assert.Contains(t, rec.Header().Get("Access-Control-Expose-Headers"), "ETag")
	assert.Contains(t, rec.Header().Get("Access-Control-Expose-Headers"), "Link")

	r := e.do("GET", "/meetings?country=UZ", nil, "Origin", "https://frontend.example")
	exposed := r.Header().Get("Access-Control-Expose-Headers")
	for _, h := range []string{"Etag", "Link", "Location", "Retry-After"} {
		assert.Contains(t, strings.ToLower(exposed), strings.ToLower(h))
	}
}

func TestGzip(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	req := httptest.NewRequest("GET", "/meetings", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code)
	require.Equal(t, "gzip", rec.Header().Get("Content-Encoding"))
	zr, err := gzip.NewReader(rec.Body)
	require.NoError(t, err)
	body, err := io.ReadAll(zr)
	require.NoError(t, err)
	var p summaries
	require.NoError(t, json.Unmarshal(body, &p))
	assert.Len(t, p.Data, 5)
}

func TestHeadAndAllow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	for _, target := range []string{"/meetings", "/meetings?country=UZ", "/countries/TR", "/officials"} {
		r := e.do("HEAD", target, nil)
		assert.Equal(t, http.StatusOK, r.Code, target)
		assert.Empty(t, r.Body.String(), target)
		assert.NotEmpty(t, r.Header().Get("ETag"), target)
	}
	r := e.do("POST", "/countries", map[string]any{})
	assert.Equal(t, http.StatusMethodNotAllowed, r.Code)
	assert.Equal(t, "GET, HEAD", r.Header().Get("Allow"))
	r = e.do("TRACE", "/meetings/"+e.meetingID("UZ"), nil)
	assert.Equal(t, http.StatusMethodNotAllowed, r.Code)
	assert.Equal(t, "DELETE, GET, HEAD, PATCH, PUT", r.Header().Get("Allow"))
}

// A cursor of a list ordered by id is read only with the filters it was
// given for (the limit may change): under others its page would skip or
// repeat items, so it is refused, naming the cursor.
func TestIDCursor_BoundToFilters(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	next := func(target string) string {
		r := e.do("GET", target, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		var p struct {
			NextCursor *string `json:"next_cursor"`
		}
		r.json(&p)
		require.NotNil(t, p.NextCursor, target+" has a next page")
		return url.QueryEscape(*p.NextCursor)
	}
	az := next("/officials?country=AZ&limit=1")
	r := e.do("GET", "/officials?country=AZ&limit=2&cursor="+az, nil)
	assert.Equal(t, http.StatusOK, r.Code, r.Body.String())
	for _, target := range []string{"/officials?country=GE&limit=1&cursor=" + az, "/officials?limit=1&cursor=" + az,
		"/officials?country=AZ&q=a&limit=1&cursor=" + az} {
		r := e.do("GET", target, nil)
		require.Equal(t, http.StatusBadRequest, r.Code, target)
		assert.Contains(t, r.Body.String(), `"cursor"`, target)
	}
	all := next("/officials?limit=1")
	r = e.do("GET", "/officials?country=AZ&limit=1&cursor="+all, nil)
	assert.Equal(t, http.StatusBadRequest, r.Code, r.Body.String())
}

// TestCaching_ListTagFollowsChanges checks that a list's ETag, made from
// its items' revisions rather than its body, changes whenever an item it
// shows does: by PATCH, by a list item written again with updated_at as it
// was, by deletion; and that a page with an item of no stored rendering is
// tagged by its body.
func TestCaching_ListTagFollowsChanges(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ctx := context.Background()
	const url = "/meetings?limit=4"
	var tags []string
	// page answers the list, checks that its own tag revalidates it with
	// no body, and returns the body.
	page := func(what string) string {
		t.Helper()
		r := e.do("GET", url, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		tag := r.Header().Get("ETag")
		require.NotEmpty(t, tag)
		assert.NotContains(t, tags, tag, "%s: the tag of an earlier page", what)
		for _, old := range tags {
			assert.Equal(t, http.StatusOK, e.do("GET", url, nil, "If-None-Match", old).Code, "%s: an earlier tag", what)
		}
		tags = append(tags, tag)
		r2 := e.do("GET", url, nil, "If-None-Match", tag)
		assert.Equal(t, http.StatusNotModified, r2.Code, what)
		assert.Empty(t, r2.Body.String(), what)
		assert.Equal(t, tag, r2.Header().Get("ETag"), what)
		return r.Body.String()
	}
	body := page("first")
	var p summaries
	require.NoError(t, json.Unmarshal([]byte(body), &p))
	require.GreaterOrEqual(t, len(p.Data), 3)
	first, second, third := p.Data[0].ID, p.Data[1].ID, p.Data[2].ID

	// A write through the API.
	g := e.do("GET", "/meetings/"+first, nil)
	r := e.do("PATCH", "/meetings/"+first, `{"title":"Talks renamed by PATCH"}`,
		"Content-Type", "application/merge-patch+json", "If-Match", g.Header().Get("ETag"))
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	assert.Contains(t, page("after PATCH"), "Talks renamed by PATCH")

	// The stored item written again, updated_at and version as they were
	// (as a rendering of list items does).
	_, err := e.pool.Exec(ctx, `UPDATE meetings SET list_item = (list_item::jsonb || '{"title": "Rendered again"}')::json
		WHERE id = $1`, second)
	require.NoError(t, err)
	assert.Contains(t, page("after the item was rendered again"), "Rendered again")

	// A search document refreshed: what the list shows is unchanged, and so
	// is its tag.
	_, err = e.pool.Exec(ctx, `UPDATE meetings SET search = meeting_search_document(id) WHERE id = $1`, second)
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotModified, e.do("GET", url, nil, "If-None-Match", tags[len(tags)-1]).Code,
		"a search document refreshed")

	// A deletion.
	g = e.do("GET", "/meetings/"+third, nil)
	require.Equal(t, http.StatusNoContent, e.do("DELETE", "/meetings/"+third, nil, "If-Match", g.Header().Get("ETag")).Code)
	assert.NotContains(t, page("after DELETE"), third)

	// An item whose stored rendering is missing is computed from the
	// tables, and the page is tagged by its body.
	_, err = e.pool.Exec(ctx, `UPDATE meetings SET list_item = NULL WHERE id = $1`, second)
	require.NoError(t, err)
	assert.NotContains(t, page("with an item rendered on the fly"), "Rendered again")
}
