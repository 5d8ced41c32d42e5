package http

// Fuzz targets of the HTTP layer's own parsing, in the package to reach
// mergePatch and parseParams. The seeds run with every `go test`; to fuzz
// (the test binary's TestMain starts a throwaway PostgreSQL cluster in each
// fuzz worker, which these targets do not use):
//
//	go test -run '^$' -fuzz '^FuzzMergePatch$' -fuzztime 30s ./internal/http/
//	go test -run '^$' -fuzz '^FuzzQueryParams$' -fuzztime 30s ./internal/http/

import (
	"encoding/json"
	"errors"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/milmeet/milmeet/internal/domain"
)

// FuzzMergePatch checks mergePatch against RFC 7396 on any two JSON
// documents: it does not panic or change its arguments; applying a patch
// twice gives what applying it once does; a member the patch sets to null
// is gone from the result, a member it sets to a non-object value holds
// that value, a member it leaves out is the target's as it was; a patch
// that is not an object replaces the target; and the result holds no null
// member that only the patch had.
func FuzzMergePatch(f *testing.F) {
	for _, s := range [][2]string{
		// RFC 7396, appendix A.
		{`{"a":"b"}`, `{"a":"c"}`},
		{`{"a":"b"}`, `{"b":"c"}`},
		{`{"a":"b"}`, `{"a":null}`},
		{`{"a":"b","b":"c"}`, `{"a":null}`},
		{`{"a":["b"]}`, `{"a":"c"}`},
		{`{"a":"c"}`, `{"a":["b"]}`},
		{`{"a":{"b":"c"}}`, `{"a":{"b":"d","c":null}}`},
		{`{"a":[{"b":"c"}]}`, `{"a":[1]}`},
		{`["a","b"]`, `["c","d"]`},
		{`{"a":"b"}`, `["c"]`},
		{`{"a":"foo"}`, `null`},
		{`{"a":"foo"}`, `"bar"`},
		{`{"e":null}`, `{"a":1}`},
		{`[1,2]`, `{"a":"b","c":null}`},
		{`{}`, `{"a":{"bb":{"ccc":null}}}`},
		// A meeting and the patches clients send.
		{`{"title":"t","city":"Baku","topics":["military"],"series":{"name":"s","edition":1}}`,
			`{"city":null,"series":{"edition":null},"topics":[null,"x"]}`},
		{`{"delegations":[{"country":"AZ"}]}`, `{"delegations":{"0":{"country":"TR"}}}`},
		{`{"a":{"a":{"a":1}}}`, strings.Repeat(`{"a":`, 500) + `null` + strings.Repeat(`}`, 500)},
	} {
		f.Add([]byte(s[0]), []byte(s[1]))
	}
	f.Fuzz(func(t *testing.T, targetJSON, patchJSON []byte) {
		var target, patch any
		if json.Unmarshal(targetJSON, &target) != nil || json.Unmarshal(patchJSON, &patch) != nil {
			return
		}
		targetCopy, patchCopy := deepCopyJSON(t, target), deepCopyJSON(t, patch)

		once := mergePatch(target, patch)
		if !reflect.DeepEqual(target, targetCopy) || !reflect.DeepEqual(patch, patchCopy) {
			t.Fatalf("mergePatch(%s, %s) changed its arguments", targetJSON, patchJSON)
		}
		twice := mergePatch(deepCopyJSON(t, once), patch)
		if !reflect.DeepEqual(once, twice) {
			t.Fatalf("mergePatch(%s, %s): applied once %s, twice %s", targetJSON, patchJSON, mustJSON(t, once), mustJSON(t, twice))
		}
		if _, err := json.Marshal(once); err != nil {
			t.Fatalf("mergePatch(%s, %s) does not marshal: %v", targetJSON, patchJSON, err)
		}

		p, isObject := patch.(map[string]any)
		if !isObject {
			if !reflect.DeepEqual(once, patch) {
				t.Fatalf("a patch %s that is not an object must replace the target; got %s", patchJSON, mustJSON(t, once))
			}
			return
		}
		out, ok := once.(map[string]any)
		if !ok {
			t.Fatalf("mergePatch(%s, %s) = %s, not an object", targetJSON, patchJSON, mustJSON(t, once))
		}
		tm, _ := target.(map[string]any)
		for k, v := range p {
			got, present := out[k]
			switch v.(type) {
			case nil:
				if present {
					t.Fatalf("patch %s sets %q to null, but the result has it: %s", patchJSON, k, mustJSON(t, once))
				}
			case map[string]any:
				if !present {
					t.Fatalf("patch %s sets %q to an object, but the result lacks it", patchJSON, k)
				}
				if !reflect.DeepEqual(got, mergePatch(tm[k], v)) {
					t.Fatalf("member %q is not the patch's object merged into the target's", k)
				}
			default:
				if !reflect.DeepEqual(got, v) {
					t.Fatalf("patch %s sets %q to %s, but the result has %s", patchJSON, k, mustJSON(t, v), mustJSON(t, got))
				}
			}
		}
		for k, v := range tm {
			if _, inPatch := p[k]; !inPatch && !reflect.DeepEqual(out[k], v) {
				t.Fatalf("member %q is not in the patch %s but changed: %s → %s", k, patchJSON, mustJSON(t, v), mustJSON(t, out[k]))
			}
		}
		for k := range out {
			if _, inTarget := tm[k]; !inTarget {
				if _, inPatch := p[k]; !inPatch {
					t.Fatalf("member %q of the result is in neither target nor patch", k)
				}
			}
		}
		if nullFromPatch(p, tm) {
			t.Fatalf("mergePatch(%s, %s) = %s keeps a null member of the patch's objects", targetJSON, patchJSON, mustJSON(t, once))
		}
	})
}

// nullFromPatch reports whether merging object patch p into t leaves a null
// member that came from p: RFC 7396 deletes those at every depth of object
// nesting (arrays are values, taken whole).
func nullFromPatch(p, t map[string]any) bool {
	merged, _ := mergePatch(t, p).(map[string]any)
	var walk func(p map[string]any, m map[string]any) bool
	walk = func(p, m map[string]any) bool {
		for k, v := range p {
			sub, isObj := v.(map[string]any)
			if !isObj {
				continue
			}
			mm, _ := m[k].(map[string]any)
			for sk, sv := range sub {
				if sv == nil {
					if _, present := mm[sk]; present {
						return true
					}
				}
			}
			if walk(sub, mm) {
				return true
			}
		}
		return false
	}
	return walk(p, merged)
}

func deepCopyJSON(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

func mustJSON(t *testing.T, v any) string {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		return "<" + err.Error() + ">"
	}
	return string(raw)
}

// FuzzQueryParams reads any query string as GET /meetings does (the
// strict parameter check, then each typed getter) and checks that it never
// panics and that every error it makes is a *domain.Error answered 400 with
// each bad parameter named — never an internal error.
func FuzzQueryParams(f *testing.F) {
	cs, err := domain.NewCursors([]byte(domain.NewRandomCursorSecret()))
	if err != nil {
		f.Fatal(err)
	}
	for _, q := range []string{
		"", "country=UZ", "country=AZ&partner=TR", "from=2024&to=2024-12-31", "from=--10-28",
		"limit=-1", "limit=0", "limit=1e99", "limit=99999999999999999999", "limit=%2B5", "limit=0x10", "limit= 5",
		"has_agreement=TRUE", "has_agreement=1", "include_children=true&include_children=false",
		"updated_since=2025-12-10T16:07:00Z", "updated_since=2025-12-10T16:07:00.123456789%2B04:00",
		"updated_since=99999-01-01T00:00:00Z", "updated_since=0000-01-01T00:00:00Z", "updated_since=2025-13-40T25:61:61Z",
		"cursor=abc", "cursor=" + cs.Encode(domain.Cursor{Sort: "-date", Key: "2025", ID: "0199b1f2-7c3e-7a51-9c1d-5b8e2f4a6d10"}),
		"cursor=" + strings.Repeat("A", 2000),
		"q=%27%20OR%201%3D1%20--", "country=1%3B%20DROP%20TABLE%20meetings", "contry=UZ", "country=%ff%fe", "q=%00",
		"%zz", "a=%", "=", "&&&", ";", "country;q=1", "format=csv&table=delegations", "format=xml", "count=exact",
		"sort=-date", "sort=title", "year=99999999999999999999", strings.Repeat("country=UZ&", 300),
	} {
		f.Add(q)
	}
	f.Fuzz(func(t *testing.T, rawQuery string) {
		r := httptest.NewRequest("GET", "/meetings", nil)
		r.URL.RawQuery = rawQuery
		p, err := parseParams(r, meetingParams...)
		if err != nil {
			checkParamError(t, rawQuery, err, true)
			return
		}
		_ = exportFormat(r, p)
		_ = p.str("country")
		_ = p.has("table")
		_ = p.date("from")
		_ = p.date("to")
		_ = p.int("limit", 1, domain.MaxLimit)
		_ = p.int("year", 1900, 2200)
		_ = p.bool("has_agreement")
		_ = p.bool("include_children")
		_ = p.time("updated_since")
		_ = p.cursor(cs)
		_ = p.idCursor(cs)
		if err := p.err(); err != nil {
			checkParamError(t, rawQuery, err, false)
		}
	})
}

// checkParamError checks a query error: a queryError, answered 400, each
// of whose fields names a parameter (or, for a query string that does not
// parse at all, none).
func checkParamError(t *testing.T, rawQuery string, err error, parsing bool) {
	t.Helper()
	var qe queryError
	if !errors.As(err, &qe) {
		t.Fatalf("query %q: error %v (%T) is not a queryError: it would not be answered 400", rawQuery, err, err)
	}
	if len(qe.fields) == 0 {
		t.Fatalf("query %q: error %v names nothing", rawQuery, err)
	}
	for _, fe := range qe.fields {
		if fe.Detail == "" || fe.Pointer != "" || (fe.Parameter == "" && !parsing) {
			t.Fatalf("query %q: field error %+v does not name a parameter", rawQuery, fe)
		}
	}
}
