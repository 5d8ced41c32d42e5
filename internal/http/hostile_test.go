package http_test

// TestHostile sends every endpoint what an attacker or a broken client
// would: SQL injection in every query parameter and path segment, numbers
// out of any range, bytes that are not UTF-8, JSON nested 10,000 deep, a
// 10 MB body, the wrong content types, path tricks, unknown methods and
// hostile headers. Every answer must be a 4xx (a 2xx where the input is
// harmless, such as a search that matches nothing), never a 5xx or a panic;
// every error must be application/problem+json; every answer carries the
// security headers and leaks nothing of the implementation (SQL, driver,
// stack traces, paths). At the end the database must be intact.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// hostileTimeout bounds one request: a hostile input must not make the
// server work for long.
const hostileTimeout = 30 * time.Second

// expect says which statuses a hostile request may get.
type expect int

const (
	// clientError: a 4xx and nothing else.
	clientError expect = iota
	// harmless: a 2xx or a 4xx; the input is odd but means no harm (a
	// search for text that matches nothing, a parameter an endpoint
	// ignores).
	harmless
)

type hostileCase struct {
	name    string
	method  string
	target  string // path and raw query, percent-encoded as on the wire
	body    []byte
	headers map[string]string // Authorization defaults to the admin key; "" removes it
	want    expect
	// emptyList: a 200 list answer must hold no items (an injected filter
	// must not widen the selection).
	emptyList bool
}

// leaks are what no answer may show a client: SQL or driver errors, panics,
// stack traces, file paths of the server. Plain substrings, as bodies may be
// megabytes: caseLeaks are matched as they are, foldLeaks in lower case.
var (
	caseLeaks = []string{"SQL", "goroutine ", "/root/", "/home/", "/usr/local/go", "/work/", "runtime.",
		"net/http.", "github.com/", "syntax error at or near", `relation "`, "violates ", "sqlstate"}
	foldLeaks = []string{"pgx", "pgconn", "pq: ", "panic"}
)

// leak returns the first leak in body, or "".
func leak(body string) string {
	for _, l := range caseLeaks {
		if i := strings.Index(body, l); i >= 0 {
			return body[max(i-40, 0):min(i+80, len(body))]
		}
	}
	lower := strings.ToLower(body)
	for _, l := range foldLeaks {
		if i := strings.Index(lower, l); i >= 0 {
			return body[max(i-40, 0):min(i+80, len(body))]
		}
	}
	// A stack trace's file:line.
	for rest, off := body, 0; ; {
		i := strings.Index(rest, ".go:")
		if i < 0 {
			break
		}
		if j := i + 4; j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			return body[max(off+i-40, 0):min(off+i+80, len(body))]
		}
		rest, off = rest[i+4:], off+i+4
	}
	return ""
}

// Injection payloads, as the decoded text a parameter or segment carries.
// matchable marks those whose letters, once searches fold away the
// punctuation, may match real names ("or", or nothing at all): a search for
// them may find rows.
var sqlPayloads = []struct {
	name, value string
	matchable   bool
}{
	{"quote_or", "' OR 1=1 --", false},
	{"drop_table", "1; DROP TABLE meetings", false},
	{"pct27", "%27", false}, // the text %27: a client that encodes twice
	{"union", "x' UNION SELECT token_hash, name FROM api_keys --", false},
	{"stacked", "AZ'); DELETE FROM meetings; --", false},
	{"comment", "*/ OR /*", true},
	// Were it run, the request would not answer within hostileTimeout: a
	// hang, not a slow answer, is what fails the test.
	{"sleep", `\'; SELECT pg_sleep(3600); --`, false},
	{"tsquery", "a & !b | (c:* <-> d", false},
	{"like", "%_%", true},
	{"json_path", `$.* ? (@ like_regex ".*")`, false},
}

// rawPayloads are put in a query or path as they are, already encoded.
var rawPayloads = []struct{ name, raw string }{
	{"raw_pct27", "%27"},
	{"invalid_utf8", "%ff%fe"},
	{"overlong_utf8", "%c0%af"},
	{"surrogate", "%ed%a0%80"},
	{"nul", "%00"},
	{"nul_mid", "AZ%00UZ"},
	{"crlf", "%0d%0aSet-Cookie:%20x=1"},
	{"long", strings.Repeat("a", 100_000)},
}

// bigNumbers are numbers out of every range.
var bigNumbers = []struct{ name, raw string }{
	{"minus_one", "-1"}, {"zero", "0"}, {"1e99", "1e99"}, {"huge", "99999999999999999999"},
	{"minus_huge", "-99999999999999999999"}, {"int64_max", "9223372036854775807"}, {"int32_over", "2147483648"},
	{"nan", "NaN"}, {"inf", "Infinity"}, {"hex", "0x10"}, {"fraction", "1.5"}, {"plus", "%2B1"}, {"space", "%201"},
	{"fullwidth", "%EF%BC%91"},
}

// route is an endpoint: a method, a path whose {} the tests fill, and the
// query parameters it takes.
type route struct {
	method, path string
	params       []string
	// search lists the parameters whose any text is a valid search: an
	// injection there may be answered 200, but with an empty list.
	search []string
	// open: the endpoint does not read its query (metrics, probes, spec).
	open bool
}

var routes = []route{
	{method: "GET", path: "/meetings", params: []string{"country", "partner", "host", "guest", "from", "to", "official",
		"topic", "kind", "series", "has_agreement", "agreement_type", "ceremony", "updated_since", "include_children", "q",
		"sort", "limit", "cursor", "count", "format", "table"}, search: []string{"official", "series", "q"}},
	{method: "GET", path: "/meetings/{meeting}"},
	{method: "POST", path: "/meetings", params: []string{"merge"}},
	{method: "PUT", path: "/meetings/{meeting}"},
	{method: "PATCH", path: "/meetings/{meeting}"},
	{method: "DELETE", path: "/meetings/{meeting}"},
	{method: "GET", path: "/officials", params: []string{"country", "q", "limit", "cursor"}, search: []string{"q"}},
	{method: "GET", path: "/officials/{official}"},
	{method: "GET", path: "/officials/{official}/meetings", params: []string{"sort", "limit", "cursor"}},
	{method: "GET", path: "/agreements", params: []string{"country", "partner", "year", "type", "limit", "cursor"}},
	{method: "GET", path: "/agreements/{agreement}"},
	{method: "GET", path: "/countries"},
	{method: "GET", path: "/countries/{country}"},
	{method: "GET", path: "/stats/timeline", params: []string{"country", "by"}},
	{method: "GET", path: "/stats/partners", params: []string{"country"}},
	{method: "POST", path: "/imports", params: []string{"atomic"}},
	{method: "GET", path: "/audit", params: []string{"meeting", "actor", "limit", "cursor"}, search: []string{"meeting", "actor"}},
	{method: "GET", path: "/keys"},
	{method: "POST", path: "/keys"},
	{method: "DELETE", path: "/keys/{key}"},
	{method: "POST", path: "/extract"},
	{method: "POST", path: "/articles"},
	{method: "GET", path: "/drafts", params: []string{"status", "country", "from", "to", "q", "limit", "cursor"},
		search: []string{"q"}},
	{method: "GET", path: "/drafts/{draft}"},
	{method: "PATCH", path: "/drafts/{draft}"},
	{method: "POST", path: "/drafts/{draft}/reject"},
	{method: "GET", path: "/metrics", open: true},
	{method: "GET", path: "/readyz", open: true},
	{method: "GET", path: "/livez", open: true},
	{method: "GET", path: "/openapi.yaml", open: true},
}

// hostileMeeting is a valid POST /meetings body.
func hostileMeeting(title, date string) map[string]any {
	return map[string]any{
		"title": title, "date": date, "kind": "working_visit",
		"delegations": []any{
			map[string]any{"country": "AZ", "role": "host", "head": map[string]any{"name": "Zakir Hasanov"}},
			map[string]any{"country": "GE", "role": "guest", "head": map[string]any{"name": "Giorgi Matiashvili"}},
		},
		"sources": []any{map[string]any{"outlet": "Example"}},
	}
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	raw, err := json.Marshal(v)
	require.NoError(t, err)
	return raw
}

// bodyFor returns a fitting valid body and content type for a route.
func bodyFor(t *testing.T, r route) ([]byte, string) {
	switch {
	case r.method == "POST" && r.path == "/meetings", r.method == "PUT":
		return mustMarshal(t, hostileMeeting("Valid body", "2031-01-02")), "application/json"
	case r.method == "PATCH":
		return []byte(`{"title":"Patched"}`), "application/merge-patch+json"
	case r.path == "/imports":
		return append(mustMarshal(t, hostileMeeting("Imported", "2031-01-03")), '\n'), "application/x-ndjson"
	case r.path == "/keys" && r.method == "POST":
		return []byte(`{"name":"hostile-key","scope":"read"}`), "application/json"
	case r.path == "/extract" || r.path == "/articles":
		return []byte(`{"text":"On 2 January 2031 the Minister of Defense of Azerbaijan met the Minister of Defense of Georgia in Baku."}`), "application/json"
	case strings.HasSuffix(r.path, "/reject"):
		return []byte(`{"reason":"hostile"}`), "application/json"
	}
	return nil, ""
}

func TestHostile(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	ids := map[string]string{
		"{meeting}":   firstID(t, e, "/meetings?country=UZ"),
		"{official}":  firstID(t, e, "/officials?country=UZ"),
		"{agreement}": firstID(t, e, "/agreements?country=GE"),
		"{country}":   "AZ",
		"{key}":       "no-such-key",
	}
	_, draft := e.postArticle(map[string]any{"text": secondReport, "published_at": "2025-12-10"})
	ids["{draft}"] = draft.ID
	fill := func(path string) string {
		for k, v := range ids {
			path = strings.ReplaceAll(path, k, v)
		}
		return path
	}
	var before int
	require.NoError(t, e.pool.QueryRow(context.Background(), "SELECT count(*) FROM meetings").Scan(&before))

	groups := map[string][]hostileCase{}
	add := func(group string, c hostileCase) { groups[group] = append(groups[group], c) }

	// SQL injection and odd bytes in every query parameter of every endpoint.
	for _, r := range routes {
		body, ct := bodyFor(t, r)
		params := r.params
		if r.open {
			params = []string{"x"}
		}
		for _, p := range params {
			for _, pl := range sqlPayloads {
				want, empty := clientError, false
				if r.open || contains(r.search, p) {
					want, empty = harmless, !r.open && !pl.matchable && domain.Fold(pl.value) != ""
				}
				add("sql_injection", hostileCase{
					name:   fmt.Sprintf("%s_%s/%s/%s", r.method, r.path, p, pl.name),
					method: r.method, target: fill(r.path) + "?" + p + "=" + url.QueryEscape(pl.value),
					body: body, headers: map[string]string{"Content-Type": ct}, want: want, emptyList: empty,
				})
			}
			for _, pl := range rawPayloads {
				// In a search, odd text may be refused or match nothing.
				// A search for text that folds to nothing (punctuation,
				// bytes that are not letters) searches for nothing: all rows.
				want, empty := clientError, false
				if r.open || contains(r.search, p) {
					decoded, _ := url.QueryUnescape(pl.raw)
					want, empty = harmless, !r.open && domain.Fold(decoded) != ""
				}
				add("invalid_bytes", hostileCase{
					name:   fmt.Sprintf("%s_%s/%s/%s", r.method, r.path, p, pl.name),
					method: r.method, target: fill(r.path) + "?" + p + "=" + pl.raw,
					body: body, headers: map[string]string{"Content-Type": ct}, want: want, emptyList: empty,
				})
			}
		}
		// A parameter the endpoint does not take, and one given twice.
		if !r.open {
			add("unknown_param", hostileCase{name: r.method + "_" + r.path, method: r.method,
				target: fill(r.path) + "?" + url.QueryEscape("' OR 1=1 --") + "=1", body: body,
				headers: map[string]string{"Content-Type": ct}})
		}
		if len(r.params) > 0 {
			add("repeated_param", hostileCase{name: r.method + "_" + r.path, method: r.method,
				target: fill(r.path) + "?" + r.params[0] + "=a&" + r.params[0] + "=b", body: body,
				headers: map[string]string{"Content-Type": ct}})
		}
		// A query string that does not parse.
		add("bad_query", hostileCase{name: r.method + "_" + r.path, method: r.method,
			target: fill(r.path) + "?a=%zz&%=", body: body, headers: map[string]string{"Content-Type": ct},
			want: map[bool]expect{true: harmless, false: clientError}[r.open]})
	}

	// Numbers out of range in every numeric or date parameter.
	for _, np := range []struct{ path, param string }{
		{"/meetings", "limit"}, {"/meetings", "from"}, {"/meetings", "to"}, {"/meetings", "updated_since"},
		{"/officials", "limit"}, {"/officials/{official}/meetings", "limit"}, {"/agreements", "limit"},
		{"/agreements", "year"}, {"/audit", "limit"},
	} {
		for _, n := range bigNumbers {
			want := clientError
			if n.name == "plus" && np.param == "limit" {
				want = harmless // strconv reads "+1" as 1
			}
			add("numbers", hostileCase{name: np.path + "/" + np.param + "/" + n.name, method: "GET",
				target: fill(np.path) + "?" + np.param + "=" + n.raw, want: want})
		}
	}
	for v, want := range map[string]expect{"99999-01-01T00:00:00Z": clientError, "2025-12-10T16:07:00%2B99:99": clientError,
		"-2025-01-01T00:00:00Z": clientError, "2025-02-30": clientError, "--10-28": clientError, "1e99": clientError,
		"2025-12-10T24:00:00Z": clientError, "2025-02-29T00:00:00Z": clientError,
		// Valid RFC 3339, however odd.
		"0000-01-01T00:00:00Z": harmless, "9999-12-31T23:59:59.999999999-23:59": harmless,
		"2025-12-10T16:07:00.9999999999999999999Z": harmless} {
		add("numbers", hostileCase{name: "/meetings/updated_since/" + v, method: "GET",
			target: "/meetings?updated_since=" + v, want: want})
	}
	for _, v := range []string{"99999", "2025-13", "2025-02-30", "-2025", "0000", "2201", "1899-12-31", "--10-28", "2025-1"} {
		add("numbers", hostileCase{name: "/meetings/from/" + v, method: "GET", target: "/meetings?from=" + v})
	}
	add("numbers", hostileCase{name: "/meetings/from_after_to", method: "GET", target: "/meetings?from=2030&to=2020",
		want: harmless, emptyList: true})

	// SQL injection and odd bytes in every path segment.
	for _, r := range routes {
		for ph := range ids {
			if !strings.Contains(r.path, ph) {
				continue
			}
			body, ct := bodyFor(t, r)
			// Deep enough to reach the store: any version matches, but a
			// delete must not remove the seed meeting its id names.
			h := map[string]string{"Content-Type": ct, "If-Match": "*"}
			if r.method == "DELETE" {
				h["If-Match"] = `"stale"`
			}
			for _, pl := range sqlPayloads {
				add("path_injection", hostileCase{name: r.method + "_" + r.path + "/" + pl.name, method: r.method,
					target: strings.ReplaceAll(fill(strings.ReplaceAll(r.path, ph, "\x01")), "\x01", url.PathEscape(pl.value)),
					body:   body, headers: h})
			}
			for _, pl := range append(rawPayloads, struct{ name, raw string }{"dotdot", "..%2f..%2fetc%2fpasswd"},
				struct{ name, raw string }{"dot", "."}, struct{ name, raw string }{"uuid_upper", strings.ToUpper(ids["{meeting}"])},
				struct{ name, raw string }{"uuid_nil", "00000000-0000-0000-0000-000000000000"},
				struct{ name, raw string }{"uuid_braces", "{" + ids["{meeting}"] + "}"}) {
				want := clientError
				if pl.name == "uuid_upper" && r.method != "DELETE" && strings.HasPrefix(r.path, "/meetings") {
					want = harmless // the same id, in capitals
				}
				add("path_injection", hostileCase{name: r.method + "_" + r.path + "/" + pl.name, method: r.method,
					target: strings.ReplaceAll(fill(strings.ReplaceAll(r.path, ph, "\x01")), "\x01", pl.raw),
					body:   body, headers: h, want: want})
			}
		}
	}

	// Path tricks.
	for _, pt := range []struct {
		name, target string
		want         expect
	}{
		{"dotdot_passwd", "/meetings/..%2f..%2fetc%2fpasswd", clientError},
		{"dotdot_raw", "/meetings/../keys", clientError},
		{"dotdot_encoded", "/%2e%2e/%2e%2e/etc/passwd", clientError},
		{"nul", "/meetings/%00", clientError},
		{"double_slash", "//meetings", clientError},
		{"double_slash_mid", "/meetings//" + ids["{meeting}"], clientError},
		{"triple_slash", "///", clientError},
		{"trailing_slash", "/meetings/", harmless},
		{"dot_segment", "/./meetings", clientError},
		{"upper_case", "/MEETINGS", clientError},
		{"matrix_param", "/meetings;jsessionid=1", clientError},
		{"encoded_slash", "/meetings%2f" + ids["{meeting}"], clientError},
		{"backslash", "/meetings%5c..%5c..%5cetc%5cpasswd", clientError},
		{"long_path", "/" + strings.Repeat("a", 200_000), clientError},
		{"many_segments", strings.Repeat("/meetings", 20_000), clientError},
		{"deep_under_meeting", "/meetings/" + ids["{meeting}"] + strings.Repeat("/x", 5000), clientError},
		{"invalid_utf8_path", "/meetings/%ff%fe", clientError},
		{"keys_no_auth", "/keys/../keys", clientError},
		{"absolute_uri", "http://evil.example/meetings", harmless},
		{"asterisk", "*", clientError},
	} {
		add("path_tricks", hostileCase{name: pt.name, method: "GET", target: pt.target, want: pt.want,
			headers: map[string]string{"Authorization": ""}})
	}

	// Unknown and misplaced methods on every endpoint.
	for _, r := range routes {
		for _, m := range []string{"TRACE", "PROPFIND", "CONNECT", "MKCOL", "FOO", "get", "PUT", "PATCH", "POST", "DELETE"} {
			if m == r.method || (m == "PUT" || m == "PATCH" || m == "DELETE") && strings.HasPrefix(r.path, "/meetings/") {
				continue
			}
			if m == "POST" && (r.path == "/meetings" || r.path == "/imports" || r.path == "/keys") {
				continue
			}
			if m == "DELETE" && r.path == "/keys/{key}" {
				continue
			}
			add("methods", hostileCase{name: m + "_" + r.path, method: m, target: fill(r.path)})
		}
	}

	// Bodies: every endpoint that reads one gets every kind of bad body.
	deepArray := []byte(strings.Repeat("[", 10_000))
	deepBalanced := []byte(strings.Repeat("[", 10_001) + strings.Repeat("]", 10_001))
	deepObject := []byte(strings.Repeat(`{"title":`, 9_999) + `"x"` + strings.Repeat("}", 9_999))
	deepNullPatch := []byte(strings.Repeat(`{"series":`, 9_000) + `null` + strings.Repeat("}", 9_000))
	tenMB := bytes.Repeat([]byte("a"), 10<<20)
	tenMBJSON := append(append([]byte(`{"title":"`), bytes.Repeat([]byte("x"), 10<<20)...), []byte(`"}`)...)
	bodies := []struct {
		name string
		body []byte
	}{
		{"invalid_utf8", []byte("\xff\xfe\xfd")},
		{"invalid_utf8_in_string", []byte("{\"title\":\"\xff\xfe\",\"date\":\"2031-02-03\",\"kind\":\"meeting\"}")},
		{"utf16_bom", []byte("\xfe\xff\x00{\x00}")},
		{"nested_10000_open", deepArray},
		{"nested_10001_balanced", deepBalanced},
		{"nested_objects_9999", deepObject},
		{"nested_null_patch", deepNullPatch},
		{"ten_mb_garbage", tenMB},
		{"ten_mb_json_string", tenMBJSON},
		{"empty", []byte{}},
		{"null", []byte("null")},
		{"array", []byte("[]")},
		{"string", []byte(`"meeting"`)},
		{"number_overflow", []byte("1e999")},
		{"two_values", []byte(`{} {}`)},
		{"trailing_garbage", []byte(`{"title":"x"}garbage`)},
		{"duplicate_keys", []byte(`{"title":"a","title":"b","TITLE":"c"}`)},
		{"wrong_types", []byte(`{"title":1,"date":2025,"delegations":"AZ","version":1e99,"series":{"edition":99999999999999999999}}`)},
		{"nul_in_strings", []byte(`{"title":"a\u0000b","date":"2031-04-05","kind":"meeting","delegations":[{"country":"AZ\u0000","role":"host"}]}`)},
		{"lone_surrogate", []byte(`{"title":"\ud800","date":"2031-04-06","kind":"meeting"}`)},
		{"sql_in_fields", mustMarshal(t, hostileMeeting("'; DROP TABLE meetings; --", "2031-05-06"))},
		{"huge_edition", []byte(`{"title":"t","date":"2031-05-07","kind":"meeting","series":{"name":"s","edition":2147483648},"delegations":[{"country":"AZ","role":"host"}]}`)},
		{"huge_array", []byte(`{"title":"t","date":"2031-05-08","kind":"meeting","topics":[` + strings.TrimSuffix(strings.Repeat(`"military",`, 100_000), ",") + `]}`)},
		{"many_delegations", manyDelegations()},
		{"key_sql_name", []byte(`{"name":"x'; DROP TABLE api_keys; --","scope":"admin"}`)},
		{"key_bad_scope", []byte(`{"name":"k","scope":"root"}`)},
	}
	for _, r := range routes {
		if r.method != "POST" && r.method != "PUT" && r.method != "PATCH" {
			continue
		}
		_, ct := bodyFor(t, r)
		for _, b := range bodies {
			want := clientError
			if b.name == "invalid_utf8_in_string" || b.name == "sql_in_fields" || b.name == "nul_in_strings" || b.name == "lone_surrogate" ||
				r.path == "/imports" || r.method == "PATCH" && b.name == "duplicate_keys" {
				// Stored as text that is valid, or reported line by line.
				want = harmless
			}
			if r.path == "/keys" && b.name == "key_sql_name" {
				want = clientError
			}
			body := b.body
			if r.path == "/imports" && b.name == "sql_in_fields" {
				body = append(mustMarshal(t, hostileMeeting("'; DROP TABLE meetings; --", "2031-05-09")), '\n')
			}
			add("bodies", hostileCase{name: r.method + "_" + r.path + "/" + b.name, method: r.method,
				target: fill(r.path), body: body, headers: map[string]string{"Content-Type": ct, "If-Match": "*"}, want: want})
		}
		for _, ct := range []string{"text/plain", "multipart/form-data; boundary=x", "application/xml",
			"application/x-www-form-urlencoded", "application/json; charset=\xff", "a/b/c;;;", "application/jsonx",
			strings.Repeat("application/json;a=b", 10_000)} {
			body, good := bodyFor(t, r)
			if ct == good {
				continue
			}
			add("content_types", hostileCase{name: r.method + "_" + r.path + "/" + ct, method: r.method,
				target: fill(r.path), body: body, headers: map[string]string{"Content-Type": ct, "If-Match": "*"}})
		}
	}
	// Many bad import lines: the report must stay bounded in time.
	add("bodies", hostileCase{name: "POST_/imports/two_mb_of_newlines", method: "POST", target: "/imports",
		body: bytes.Repeat([]byte("\n"), 2<<20), headers: map[string]string{"Content-Type": "application/x-ndjson"}, want: harmless})
	add("bodies", hostileCase{name: "POST_/imports/20k_bad_lines", method: "POST", target: "/imports",
		body: bytes.Repeat([]byte("{}\n"), 20_000), headers: map[string]string{"Content-Type": "application/x-ndjson"}, want: harmless})
	add("bodies", hostileCase{name: "POST_/imports/20k_bad_lines_atomic", method: "POST", target: "/imports?atomic=true",
		body: bytes.Repeat([]byte("[\n"), 20_000), headers: map[string]string{"Content-Type": "application/x-ndjson"}})

	// Hostile headers.
	for _, h := range []struct {
		name, method, target, header, value string
		want                                expect
	}{
		{"bearer_sql", "GET", "/meetings", "Authorization", "Bearer ' OR 1=1 --", clientError},
		{"bearer_sql_write", "POST", "/meetings", "Authorization", "Bearer mm_' OR '1'='1", clientError},
		{"bearer_invalid_utf8", "GET", "/keys", "Authorization", "Bearer \xff\xfe", clientError},
		{"bearer_nul", "GET", "/keys", "Authorization", "Bearer mm_\x00", clientError},
		{"bearer_long", "GET", "/audit", "Authorization", "Bearer " + strings.Repeat("A", 1<<20), clientError},
		{"bearer_empty", "GET", "/meetings", "Authorization", "Bearer ", clientError},
		{"basic", "GET", "/keys", "Authorization", "Basic YWRtaW46YWRtaW4=", clientError},
		{"scheme_only", "DELETE", "/keys/reader", "Authorization", "Bearer", clientError},
		{"idempotency_sql", "POST", "/meetings", "Idempotency-Key", "'; DROP TABLE idempotency_keys; --", clientError},
		{"idempotency_nul", "POST", "/meetings", "Idempotency-Key", "a\x00b", clientError},
		{"idempotency_invalid_utf8", "POST", "/meetings", "Idempotency-Key", "\xff\xfe", clientError},
		{"idempotency_10kb", "POST", "/meetings", "Idempotency-Key", strings.Repeat("k", 10<<10), clientError},
		{"idempotency_1mb", "POST", "/meetings", "Idempotency-Key", strings.Repeat("k", 1<<20), clientError},
		{"if_match_sql", "PUT", "/meetings/{meeting}", "If-Match", `"' OR 1=1 --"`, clientError},
		{"if_match_long", "DELETE", "/meetings/{meeting}", "If-Match", strings.Repeat(`"x",`, 100_000), clientError},
		{"if_none_match_long", "GET", "/meetings", "If-None-Match", strings.Repeat(`W/"x",`, 100_000), harmless},
		{"accept_garbage", "GET", "/meetings", "Accept", "\xff/\xfe;q=abc, */*;q=-1", harmless},
		{"accept_xml", "GET", "/meetings/{meeting}", "Accept", "application/xml", harmless},
		{"accept_long", "GET", "/meetings", "Accept", strings.Repeat("text/csv;q=0.1,", 50_000), harmless},
		{"request_id_hostile", "GET", "/meetings/nope", "X-Request-Id", "\xff<script>" + strings.Repeat("r", 100_000), clientError},
		{"origin_hostile", "GET", "/meetings", "Origin", "http://evil.example\r\nX: y", harmless},
		{"accept_encoding_garbage", "GET", "/meetings", "Accept-Encoding", "gzip;q=abc, br;q=\xff, *;q=2", harmless},
		{"content_length_lie", "POST", "/keys", "Content-Length", "99999999999999999999", clientError},
	} {
		var body []byte
		if h.method == "POST" || h.method == "PUT" {
			body = []byte(`{"title": 1}`)
		}
		hdr := map[string]string{h.header: h.value, "Content-Type": "application/json"}
		if h.method == "PUT" || h.method == "DELETE" {
			hdr["Content-Type"] = "application/json"
		}
		add("headers", hostileCase{name: h.name, method: h.method, target: fill(h.target), body: body, headers: hdr, want: h.want})
	}

	for _, group := range []string{"sql_injection", "invalid_bytes", "unknown_param", "repeated_param", "bad_query",
		"numbers", "path_injection", "path_tricks", "methods", "bodies", "content_types", "headers"} {
		cases := groups[group]
		require.NotEmpty(t, cases, group)
		t.Run(group, func(t *testing.T) {
			for _, c := range cases {
				t.Run(c.name, func(t *testing.T) { hostileCheck(t, e, c) })
			}
		})
	}

	// The database is whole: every table there, the seed meetings with their
	// delegations, the keys.
	t.Run("database_intact", func(t *testing.T) {
		ctx := context.Background()
		for _, table := range []string{"meetings", "delegations", "officials", "agreements", "api_keys", "audit_log"} {
			var exists bool
			require.NoError(t, e.pool.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", table).Scan(&exists))
			require.True(t, exists, "table %s is gone", table)
		}
		var after, orphans int
		require.NoError(t, e.pool.QueryRow(ctx, "SELECT count(*) FROM meetings").Scan(&after))
		require.GreaterOrEqual(t, after, before, "meetings were deleted")
		require.NoError(t, e.pool.QueryRow(ctx, `SELECT count(*) FROM meetings m
			WHERE NOT EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id)`).Scan(&orphans))
		require.Zero(t, orphans, "meetings without delegations")
		firstID(t, e, "/meetings?country=AZ")
		// The meeting titled with SQL was stored as the text it is.
		var n int
		require.NoError(t, e.pool.QueryRow(ctx, "SELECT count(*) FROM meetings WHERE title = $1",
			"'; DROP TABLE meetings; --").Scan(&n))
		require.Positive(t, n, "the meeting whose title is SQL text")
	})
}

// hostileCheck sends one hostile request and checks the answer. It reports
// with t.Fatalf and short messages: bodies may be megabytes.
func hostileCheck(t *testing.T, e *env, c hostileCase) {
	t.Helper()
	req, err := newHostileRequest(c)
	if err != nil {
		t.Fatalf("building the request: %v", err)
	}
	if _, set := c.headers["Authorization"]; !set {
		req.Header.Set("Authorization", e.admin)
	}
	for k, v := range c.headers {
		if v == "" {
			req.Header.Del(k)
		} else {
			req.Header[http.CanonicalHeaderKey(k)] = []string{v}
		}
	}
	rec := httptest.NewRecorder()
	done := make(chan any, 1)
	start := time.Now()
	go func() {
		defer func() { done <- recover() }()
		e.h.ServeHTTP(rec, req)
	}()
	select {
	case p := <-done:
		if p != nil {
			t.Fatalf("%s %.200s: the handler panicked: %v", c.method, c.target, p)
		}
	case <-time.After(hostileTimeout):
		t.Fatalf("%s %.200s: no answer within %s", c.method, c.target, hostileTimeout)
	}
	took := time.Since(start)
	status := rec.Code
	body := rec.Body.String()
	ctype := rec.Header().Get("Content-Type")
	show := func() string {
		return fmt.Sprintf("%s %.200q → %d %s in %s: %.500q", c.method, c.target, status, ctype, took.Round(time.Millisecond), body)
	}

	if os.Getenv("HOSTILE_LOG") != "" {
		t.Log(show())
	}
	if status >= 500 {
		t.Fatalf("a server error: %s", show())
	}
	switch c.want {
	case clientError:
		if status < 400 || status >= 500 {
			t.Fatalf("want a 4xx: %s", show())
		}
	case harmless:
		if !(status >= 200 && status < 300 || status >= 400 && status < 500 || status == http.StatusNotModified) {
			t.Fatalf("want a 2xx or a 4xx: %s", show())
		}
	}
	if status >= 400 {
		if ctype != "application/problem+json" {
			t.Fatalf("an error answer that is not application/problem+json: %s", show())
		}
		if c.method != "HEAD" {
			var p struct {
				Type   string `json:"type"`
				Status int    `json:"status"`
				Detail string `json:"detail"`
			}
			if err := json.Unmarshal(rec.Body.Bytes(), &p); err != nil {
				t.Fatalf("the problem does not decode (%v): %s", err, show())
			}
			if p.Status != status || !strings.HasPrefix(p.Type, "urn:milmeet:problem:") || p.Detail == "" {
				t.Fatalf("the problem lacks its status, type or detail: %s", show())
			}
		}
	}
	if status >= 200 && status < 300 && c.emptyList && ctype == "application/json" {
		var page struct {
			Data []json.RawMessage `json:"data"`
		}
		if err := json.Unmarshal(rec.Body.Bytes(), &page); err != nil {
			t.Fatalf("the list does not decode (%v): %s", err, show())
		}
		if len(page.Data) > 0 {
			t.Fatalf("an injected filter selected %d rows: %s", len(page.Data), show())
		}
	}
	if got := rec.Header().Get("X-Content-Type-Options"); got != "nosniff" {
		t.Fatalf("X-Content-Type-Options is %q: %s", got, show())
	}
	if rec.Header().Get("Referrer-Policy") == "" {
		t.Fatalf("no Referrer-Policy: %s", show())
	}
	for name, vs := range rec.Header() {
		for _, v := range vs {
			if strings.ContainsAny(v, "\r\n") {
				t.Fatalf("header %s holds a line break: %s", name, show())
			}
		}
	}
	// /metrics and /openapi.yaml describe the service on purpose.
	if path := req.URL.Path; status >= 400 || path != "/metrics" && path != "/openapi.yaml" {
		if l := leak(body); l != "" {
			t.Fatalf("the answer leaks %q: %s", l, show())
		}
	}
}

// newHostileRequest builds the request as a server would read it off the
// wire: the target as given, never cleaned or re-encoded.
func newHostileRequest(c hostileCase) (*http.Request, error) {
	var body *bytes.Reader
	if c.body != nil {
		body = bytes.NewReader(c.body)
	}
	req, err := http.NewRequest("GET", "http://example.org/", nil)
	if err != nil {
		return nil, err
	}
	req.Method = c.method
	req.RequestURI = c.target
	req.RemoteAddr = "192.0.2.1:1234"
	req.Host = "example.org"
	u, err := url.ParseRequestURI(c.target)
	if err != nil {
		// What the net/http server does with a target it cannot parse.
		return nil, fmt.Errorf("target %.100q: %w", c.target, err)
	}
	req.URL = u
	if body != nil {
		req.Body = ioNopCloser{body}
		req.ContentLength = int64(len(c.body))
	} else {
		req.Body = http.NoBody
	}
	return req, nil
}

type ioNopCloser struct{ *bytes.Reader }

func (ioNopCloser) Close() error { return nil }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// firstID returns the id of the first item of a list.
func firstID(t *testing.T, e *env, target string) string {
	t.Helper()
	// Not e.do: these answers are not what the test is about, so they are
	// not held to api/openapi.yaml here.
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, httptest.NewRequest("GET", target, nil))
	require.Equal(t, http.StatusOK, rec.Code, rec.Body.String())
	var p struct {
		Data []struct {
			ID string `json:"id"`
		} `json:"data"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &p))
	require.NotEmpty(t, p.Data, target)
	require.True(t, domain.IsID(p.Data[0].ID), p.Data[0].ID)
	return p.Data[0].ID
}

// manyDelegations is a meeting with 10,000 delegations.
func manyDelegations() []byte {
	var b strings.Builder
	b.WriteString(`{"title":"t","date":"2031-06-07","kind":"meeting","delegations":[`)
	for i := range 10_000 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"country":"%c%c","role":"guest"}`, 'A'+i/26%26, 'A'+i%26)
	}
	b.WriteString(`]}`)
	return []byte(b.String())
}

// TestHostile_ImportReportBounded: an import of many bad lines must not
// make the server build an answer out of all proportion to the request. A
// 300 KB body of 100,000 lines "{}" made a 47 MB report (every line's
// errors listed) and 470 MB of allocations; 10 MB of them would make 1.6 GB.
// The report may list the first errors only, so long as it counts them all.
func TestHostile_ImportReportBounded(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	const lines = 20_000
	req := httptest.NewRequest("POST", "/imports", bytes.NewReader(bytes.Repeat([]byte("{}\n"), lines)))
	req.Header.Set("Content-Type", "application/x-ndjson")
	req.Header.Set("Authorization", e.writer)
	rec := httptest.NewRecorder()
	e.h.ServeHTTP(rec, req)
	require.Equal(t, http.StatusOK, rec.Code, "%.300s", rec.Body.String())
	var rep struct {
		Lines  int `json:"lines"`
		Failed int `json:"failed"`
	}
	require.NoError(t, json.Unmarshal(rec.Body.Bytes(), &rep))
	require.Equal(t, lines, rep.Lines)
	require.Equal(t, lines, rep.Failed, "every bad line is counted")
	require.Less(t, rec.Body.Len(), 1<<20,
		"a %d-byte import of bad lines got a %d-byte report: cap the errors it lists", 3*lines, rec.Body.Len())
}
