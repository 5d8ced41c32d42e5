package http_test

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestExport_CSVFormulas: a cell that a spreadsheet would run as a formula
// (it begins with =, +, -, @, tab or carriage return) goes out as text, with
// a leading apostrophe, in every CSV export (OWASP "CSV Injection").
func TestExport_CSVFormulas(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	m := newMeeting()
	m["title"] = `=HYPERLINK("http://x")`
	m["summary"] = "plain"
	m["agreements"].([]any)[0].(map[string]any)["title"] = "@SUM(A1:A9)"
	delete(m["agreements"].([]any)[0].(map[string]any), "signatories")
	m["delegations"].([]any)[0].(map[string]any)["head"].(map[string]any)["rank"] = "+Colonel General"
	m["ceremonies"] = []any{map[string]any{"type": "wreath_laying", "site": "=1+1", "honoured": "-cmd|' /C calc'!A0"}}
	r := e.do("POST", "/meetings", m)
	require.Equal(t, http.StatusCreated, r.Code, r.Body.String())
	id := r.object()["id"].(string)

	cells := func(target string) [][]string {
		t.Helper()
		r := e.do("GET", target, nil)
		require.Equal(t, http.StatusOK, r.Code, r.Body.String())
		recs, err := csv.NewReader(strings.NewReader(r.Body.String())).ReadAll()
		require.NoError(t, err)
		require.GreaterOrEqual(t, len(recs), 2, r.Body.String())
		for _, rec := range recs[1:] {
			for _, c := range rec {
				if c != "" {
					assert.NotContains(t, "=+-@\t\r", c[:1], "cell %q of %s would be read as a formula", c, target)
				}
			}
		}
		return recs
	}
	recs := cells("/meetings?format=csv")
	assert.Equal(t, `'=HYPERLINK("http://x")`, recs[1][3], "the title, as text")
	assert.Equal(t, id, recs[1][0], "ids and dates are unchanged")

	recs = cells("/meetings?format=csv&table=agreements")
	assert.Equal(t, "'@SUM(A1:A9)", recs[1][2])

	recs = cells("/meetings?format=csv&table=ceremonies")
	assert.Equal(t, "'=1+1", recs[1][2])
	assert.Equal(t, "'-cmd|' /C calc'!A0", recs[1][3])

	recs = cells("/meetings?format=csv&table=delegation_members&country=AZ")
	assert.Equal(t, "'+Colonel General", recs[1][6])

	// NDJSON and JSON carry the text as it is stored.
	r = e.do("GET", "/meetings/"+id, nil)
	assert.Equal(t, `=HYPERLINK("http://x")`, r.object()["title"])
}
