package http_test

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	httpapi "github.com/milmeet/milmeet/internal/http"
)

// newMeeting returns a valid POST /meetings body as a generic object, for
// tests to break one field at a time.
func newMeeting() map[string]any {
	return map[string]any{
		"title": "Minister of Defense receives the Georgian Chief of General Staff",
		"date":  "2025-03-04",
		"kind":  "working_visit",
		"city":  "Baku",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host",
				"head": map[string]any{"name": "Z. Hasanov", "rank": "Colonel General", "position": "Minister of Defense"}},
			map[string]any{"country": "GEO", "role": "guest",
				"head":    map[string]any{"name": "Giorgi Matiashvili", "rank": "Major General"},
				"members": []any{map[string]any{"name": "Nika Example"}}},
		},
		"topics": []any{"military", "joint_exercises"},
		"agreements": []any{map[string]any{"title": "Plan for 2026", "type": "cooperation_plan", "period": "2026",
			"parties": []any{"AZ", "GE"}, "signatories": []any{map[string]any{"name": "Zakir Hasanov"}}}},
		"sources": []any{map[string]any{"url": "https://example.org/a/1", "outlet": "Example", "language": "en"}},
	}
}

func TestCreateMeeting_OK(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("POST", "/meetings", newMeeting())
	require.Equal(t, http.StatusCreated, r.Code, r.Body.String())
	loc := r.Header().Get("Location")
	require.True(t, strings.HasPrefix(loc, "/meetings/"), loc)
	assert.NotEmpty(t, r.Header().Get("ETag"))
	var created domain.Meeting
	r.json(&created)

	// "Z. Hasanov" of AZ is the stored Zakir Hasanov; the signatory named in
	// full is the same person; "GEO" is GE.
	head := created.Delegations[0].Head
	assert.Equal(t, "Zakir Hasanov", head.Name)
	assert.Equal(t, head.OfficialID, created.Agreements[0].Signatories[0].OfficialID)
	assert.Equal(t, "GE", created.Delegations[1].Country)
	assert.Equal(t, "AZ", *created.HostCountry)

	got := e.do("GET", loc, nil)
	require.Equal(t, http.StatusOK, got.Code)
	assert.JSONEq(t, r.Body.String(), got.Body.String(), "reads back identical")
	assert.Equal(t, r.Header().Get("ETag"), got.Header().Get("ETag"))
}

func TestCreateMeeting_Invalid(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	before := map[string]int{}
	tables := []string{"meetings", "officials", "delegations", "delegation_members", "agreements", "sources"}
	for _, tb := range tables {
		before[tb] = e.countRows(tb)
	}
	tests := []struct {
		name    string
		mutate  func(m map[string]any)
		raw     string
		status  int
		pointer string
	}{
		{name: "missing date", mutate: func(m map[string]any) { delete(m, "date") }, status: 422, pointer: "/date"},
		{name: "impossible date", mutate: func(m map[string]any) { m["date"] = "2025-02-30" }, status: 422, pointer: "/date"},
		{name: "unknown country", mutate: func(m map[string]any) {
			m["delegations"].([]any)[1].(map[string]any)["country"] = "XX"
		}, status: 422, pointer: "/delegations/1/country"},
		{name: "unknown field", mutate: func(m map[string]any) { m["colour"] = "red" }, status: 400, pointer: "/colour"},
		{name: "unknown nested field", mutate: func(m map[string]any) {
			m["delegations"].([]any)[0].(map[string]any)["head"].(map[string]any)["age"] = 60
		}, status: 400, pointer: "/delegations/0/head/age"},
		{name: "wrong enum", mutate: func(m map[string]any) { m["kind"] = "summit" }, status: 422, pointer: "/kind"},
		{name: "wrong topic", mutate: func(m map[string]any) { m["topics"] = []any{"cooking"} }, status: 422, pointer: "/topics/0"},
		{name: "wrong type", mutate: func(m map[string]any) { m["title"] = 7 }, status: 400, pointer: "/title"},
		{name: "bad url", mutate: func(m map[string]any) {
			m["sources"].([]any)[0].(map[string]any)["url"] = "javascript:alert(1)"
		}, status: 422, pointer: "/sources/0/url"},
		{name: "control character", mutate: func(m map[string]any) { m["title"] = "a\x00b" }, status: 422, pointer: "/title"},
		{name: "bad period", mutate: func(m map[string]any) {
			m["agreements"].([]any)[0].(map[string]any)["period"] = "next year"
		}, status: 422, pointer: "/agreements/0/period"},
		{name: "signatory of no delegation without country", mutate: func(m map[string]any) {
			m["agreements"].([]any)[0].(map[string]any)["signatories"] = []any{map[string]any{"name": "Somebody Else"}}
		}, status: 422, pointer: "/agreements/0/signatories/0/country"},
		{name: "syntax", raw: `{"title": `, status: 400},
		{name: "two values", raw: `{} {}`, status: 400},
		{name: "array", raw: `[]`, status: 400},
		{name: "empty", raw: ``, status: 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body any = tt.raw
			if tt.mutate != nil {
				m := newMeeting()
				tt.mutate(m)
				body = m
			}
			r := e.do("POST", "/meetings", body)
			require.Equal(t, tt.status, r.Code, r.Body.String())
			assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
			if tt.pointer != "" {
				var p struct {
					Errors []httpapi.ProblemField `json:"errors"`
				}
				r.json(&p)
				var ptrs []string
				for _, f := range p.Errors {
					ptrs = append(ptrs, f.Pointer)
				}
				assert.Contains(t, ptrs, tt.pointer)
			}
		})
	}
	for _, tb := range tables {
		assert.Equal(t, before[tb], e.countRows(tb), "rows in %s: nothing is written", tb)
	}
}

func TestCreateMeeting_WrongContentType(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	body, _ := json.Marshal(newMeeting())
	r := e.do("POST", "/meetings", body, "Content-Type", "text/plain")
	assert.Equal(t, http.StatusUnsupportedMediaType, r.Code)
}

// A body sent with a content coding is refused, not decoded and not taken
// for JSON: 415 naming the coding, with Accept-Encoding: identity, and
// nothing stored.
func TestCreateMeeting_EncodedBody(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	before := e.countRows("meetings")
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	require.NoError(t, json.NewEncoder(zw).Encode(newMeeting()))
	require.NoError(t, zw.Close())
	for _, coding := range []string{"gzip", "br", "identity, gzip"} {
		r := e.do("POST", "/meetings", gz.Bytes(), "Content-Encoding", coding)
		require.Equal(t, http.StatusUnsupportedMediaType, r.Code, coding+": "+r.Body.String())
		assert.Equal(t, "application/problem+json", r.Header().Get("Content-Type"))
		assert.Equal(t, "identity", r.Header().Get("Accept-Encoding"))
		assert.Contains(t, r.Body.String(), "Content-Encoding")
	}
	r := e.do("POST", "/imports", gz.Bytes(), "Content-Encoding", "gzip", "Content-Type", "application/x-ndjson")
	require.Equal(t, http.StatusUnsupportedMediaType, r.Code, r.Body.String())
	assert.Equal(t, before, e.countRows("meetings"), "nothing stored")

	// identity is no coding at all: the body is read as sent.
	plain, _ := json.Marshal(newMeeting())
	r = e.do("POST", "/meetings", plain, "Content-Encoding", "identity")
	assert.Equal(t, http.StatusCreated, r.Code, r.Body.String())
}

func TestCreateMeeting_TooLarge(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	m := newMeeting()
	m["summary"] = strings.Repeat("a", 2<<20)
	r := e.do("POST", "/meetings", m)
	assert.Equal(t, http.StatusRequestEntityTooLarge, r.Code)
}

func TestCreateMeeting_Duplicate(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	first := e.do("POST", "/meetings", newMeeting())
	require.Equal(t, http.StatusCreated, first.Code, first.Body.String())
	id := first.object()["id"].(string)

	m := newMeeting()
	m["title"] = "Another report of the same meeting"
	m["delegations"] = []any{m["delegations"].([]any)[1], m["delegations"].([]any)[0]}
	r := e.do("POST", "/meetings", m)
	require.Equal(t, http.StatusConflict, r.Code, r.Body.String())
	p := r.object()
	assert.Equal(t, id, p["existing_id"])
	assert.Equal(t, "/meetings/"+id, p["existing_url"])
}

func TestReplaceMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	created := e.do("POST", "/meetings", newMeeting())
	require.Equal(t, http.StatusCreated, created.Code, created.Body.String())
	loc := created.Header().Get("Location")
	tag := created.Header().Get("ETag")

	m := newMeeting()
	m["title"] = "Corrected title"
	r := e.do("PUT", loc, m)
	assert.Equal(t, http.StatusPreconditionRequired, r.Code, "without If-Match")
	r = e.do("PUT", loc, m, "If-Match", `"stale"`)
	assert.Equal(t, http.StatusPreconditionFailed, r.Code, "with a stale ETag")

	r = e.do("PUT", loc, m, "If-Match", tag)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var got domain.Meeting
	r.json(&got)
	assert.Equal(t, "Corrected title", got.Title)
	assert.Equal(t, 2, got.Version)
	assert.NotEqual(t, tag, r.Header().Get("ETag"))

	r = e.do("PUT", loc, m, "If-Match", tag)
	assert.Equal(t, http.StatusPreconditionFailed, r.Code, "the old ETag is stale now")
}

func TestDeleteMeeting(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	id := e.meetingID("KZ")
	r := e.do("GET", "/meetings/"+id, nil)
	var m domain.Meeting
	r.json(&m)
	child := m.ChildMeetings[0].ID

	assert.Equal(t, http.StatusPreconditionRequired, e.do("DELETE", "/meetings/"+id, nil).Code)
	d := e.do("DELETE", "/meetings/"+id, nil, "If-Match", r.Header().Get("ETag"))
	require.Equal(t, http.StatusNoContent, d.Code, d.Body.String())
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/meetings/"+id, nil).Code)
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/meetings/"+child, nil).Code, "the child goes with it")

	var p summaries
	e.do("GET", "/meetings?country=KZ", nil).json(&p)
	assert.Empty(t, p.Data)
}

func TestCountriesAndAgreements(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	r := e.do("GET", "/countries", nil)
	require.Equal(t, http.StatusOK, r.Code)
	var cs struct {
		Data []domain.Country `json:"data"`
	}
	r.json(&cs)
	assert.Len(t, cs.Data, 249)

	for _, code := range []string{"TR", "tur", "Tur"} {
		r = e.do("GET", "/countries/"+code, nil)
		require.Equal(t, http.StatusOK, r.Code, code)
		var c domain.Country
		r.json(&c)
		assert.Equal(t, "TR", c.Alpha2)
		assert.Contains(t, c.AltNames, "Turkey")
	}
	assert.Equal(t, http.StatusNotFound, e.do("GET", "/countries/XX", nil).Code)

	r = e.do("GET", "/agreements?country=GE&year=2024", nil)
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var as struct {
		Data []domain.Agreement `json:"data"`
	}
	r.json(&as)
	require.Len(t, as.Data, 1)
	assert.Equal(t, "2024", *as.Data[0].Period)
	r = e.do("GET", "/agreements/"+as.Data[0].ID, nil)
	require.Equal(t, http.StatusOK, r.Code)

	e.do("GET", "/agreements?country=AZ&partner=UZ&type=cooperation_plan", nil).json(&as)
	require.Len(t, as.Data, 1)
	assert.Equal(t, "2026", *as.Data[0].Period)
	assert.Equal(t, http.StatusBadRequest, e.do("GET", "/agreements?type=treaty", nil).Code)
}

func TestHealth(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	assert.Equal(t, http.StatusOK, e.do("GET", "/livez", nil).Code)
	assert.Equal(t, http.StatusOK, e.do("GET", "/readyz", nil).Code)
	r := e.do("GET", "/openapi.yaml", nil)
	assert.Equal(t, http.StatusOK, r.Code)
	assert.Contains(t, r.Body.String(), "openapi: 3.1")
}
