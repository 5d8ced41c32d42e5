package http_test

import (
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func seedText(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "extract", "testdata", "seeds", name))
	require.NoError(t, err)
	return string(b)
}

// secondReport is another outlet's report of the 2025-12-10 meeting with
// Uzbekistan, written for this test.
const secondReport = `Baku, December 10. Minister of Defense of Azerbaijan Colonel General Zakir Hasanov met with the Uzbek delegation led by Secretary of the Security Council Viktor Mahmudov, who is on an official visit to Azerbaijan.

The sides discussed cooperation in the military and military-technical fields. At the end of the meeting, a bilateral military cooperation plan for 2026 was signed.`

func TestExtract(t *testing.T) {
	t.Parallel()
	e := newEmptyEnv(t)
	r := e.do("POST", "/extract", map[string]any{"text": seedText(t, "000_6c1e7bd3863296f4.txt"),
		"published_at": "2025-12-10", "language": "en"})
	require.Equal(t, http.StatusOK, r.Code, r.Body.String())
	var res struct {
		Meeting  domain.Meeting `json:"meeting"`
		Evidence []struct {
			Field      string  `json:"field"`
			Start      int     `json:"start"`
			End        int     `json:"end"`
			Confidence float64 `json:"confidence"`
		} `json:"evidence"`
		Warnings []string `json:"warnings"`
	}
	r.json(&res)
	assert.Equal(t, "2025-12-10", res.Meeting.Date.String())
	assert.Equal(t, []string{"AZ", "UZ"}, res.Meeting.Countries())
	assert.NotEmpty(t, res.Evidence)
	assert.Equal(t, 0, e.countRows("meetings"), "extract writes nothing")

	assert.Equal(t, http.StatusUnauthorized, e.do("POST", "/extract", map[string]any{"text": "x"}, "Authorization", "").Code)
	assert.Equal(t, http.StatusForbidden, e.do("POST", "/extract", map[string]any{"text": "x"}, "Authorization", e.reader).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.do("POST", "/extract", map[string]any{"text": " "}).Code)
	assert.Equal(t, http.StatusUnprocessableEntity, e.do("POST", "/extract", map[string]any{"text": "x", "url": "ftp://x"}).Code)
	assert.Equal(t, http.StatusBadRequest, e.do("POST", "/extract", map[string]any{"text": "x", "extra": 1}).Code)
}
