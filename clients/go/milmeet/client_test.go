package milmeet_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/clients/go/milmeet"
	"github.com/milmeet/milmeet/internal/apitest"
	"github.com/milmeet/milmeet/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func ptr[T any](v T) *T { return &v }

// TestClient_IsGeneratedFromTheServedSpec regenerates the client from the
// spec the running server serves and finds it the same as the committed one.
func TestClient_IsGeneratedFromTheServedSpec(t *testing.T) {
	srv := apitest.Start(t)
	resp, err := http.Get(srv.URL + "/openapi.yaml")
	require.NoError(t, err)
	spec, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "openapi.yaml"), spec, 0o644))
	cfg, err := os.ReadFile("oapi-codegen.yaml")
	require.NoError(t, err)
	cfg = bytes.Replace(cfg, []byte("output: client.gen.go"), []byte("output: "+filepath.Join(dir, "client.gen.go")), 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "oapi-codegen.yaml"), cfg, 0o644))
	cmd := exec.Command("go", "tool", "oapi-codegen", "-config", filepath.Join(dir, "oapi-codegen.yaml"),
		filepath.Join(dir, "openapi.yaml"))
	cmd.Dir = apitest.ModuleRoot(t)
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "oapi-codegen: %s", out)

	fresh, err := os.ReadFile(filepath.Join(dir, "client.gen.go"))
	require.NoError(t, err)
	committed, err := os.ReadFile("client.gen.go")
	require.NoError(t, err)
	assert.True(t, bytes.Equal(fresh, committed),
		"clients/go/milmeet/client.gen.go is not what the served spec generates: run go generate ./clients/...")
}

// TestClient_AgainstServer uses the generated client, unmodified, as a
// client developer would.
func TestClient_AgainstServer(t *testing.T) {
	srv := apitest.Start(t)
	ctx := context.Background()
	c, err := milmeet.NewClientWithResponses(srv.URL)
	require.NoError(t, err)

	// A list with a filter, one meeting a page, cursors followed to the end.
	var ids []milmeet.Id
	params := &milmeet.ListMeetingsParams{Country: ptr("AZ"), Limit: ptr[int64](1)}
	for pages := 0; ; pages++ {
		require.Less(t, pages, 20, "the cursors never end")
		r, err := c.ListMeetingsWithResponse(ctx, params)
		require.NoError(t, err)
		require.Equal(t, http.StatusOK, r.StatusCode(), string(r.Body))
		require.NotNil(t, r.JSON200)
		for _, item := range r.JSON200.Data {
			m, err := item.AsMeetingSummary()
			require.NoError(t, err)
			assert.Contains(t, m.Countries, "AZ")
			ids = append(ids, m.Id)
		}
		if r.JSON200.NextCursor == nil {
			break
		}
		params.Cursor = r.JSON200.NextCursor
	}
	all, err := c.ListMeetingsWithResponse(ctx, &milmeet.ListMeetingsParams{Country: ptr("AZ"), Limit: ptr[int64](500)})
	require.NoError(t, err)
	require.NotNil(t, all.JSON200)
	assert.Len(t, ids, len(all.JSON200.Data), "paging by one gives the whole list")
	assert.Len(t, ids, 5, "the five seed meetings involve Azerbaijan")

	// One meeting, read through typed fields.
	uz, err := c.ListMeetingsWithResponse(ctx, &milmeet.ListMeetingsParams{Country: ptr("UZ")})
	require.NoError(t, err)
	require.Len(t, uz.JSON200.Data, 1)
	summary, err := uz.JSON200.Data[0].AsMeetingSummary()
	require.NoError(t, err)
	got, err := c.GetMeetingWithResponse(ctx, summary.Id, nil)
	require.NoError(t, err)
	require.NotNil(t, got.JSON200, string(got.Body))
	m := got.JSON200
	assert.Equal(t, "2025-12-10", m.Date)
	require.NotEmpty(t, m.Delegations)
	require.NotNil(t, m.Delegations[0].Head)
	assert.Equal(t, "Zakir Hasanov", m.Delegations[0].Head.Name)
	require.NotNil(t, m.Delegations[0].Head.Rank)
	assert.Equal(t, "Colonel General", *m.Delegations[0].Head.Rank)
	require.NotNil(t, m.Sources)
	require.NotEmpty(t, *m.Sources)
	assert.Equal(t, "Report", *(*m.Sources)[0].Outlet)
	require.NotEmpty(t, m.Agreements)
	assert.Equal(t, milmeet.AgreementType("cooperation_plan"), m.Agreements[0].Type)

	// A meeting created with a key.
	auth := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+srv.WriteToken)
		return nil
	}
	body := milmeet.Meeting{
		Title: "Test meeting of the generated Go client",
		Date:  "2019-05-06",
		Kind:  milmeet.Kind("meeting"),
		Delegations: []milmeet.Delegation{
			{Country: "AZ", Role: milmeet.Role("host"), Head: &milmeet.Participant{Name: ptr("Zakir Hasanov")}},
			{Country: "FRA", Role: milmeet.Role("guest"), Head: &milmeet.Participant{Name: ptr("A. Tester"), Rank: ptr("Colonel")}},
		},
		Sources: &[]milmeet.Source{{Outlet: ptr("Go client test")}},
	}
	created, err := c.CreateMeetingWithResponse(ctx, nil, body, auth)
	require.NoError(t, err)
	require.Equal(t, http.StatusCreated, created.StatusCode(), string(created.Body))
	require.NotNil(t, created.JSON201)
	assert.Equal(t, "FR", created.JSON201.Delegations[1].Country, "alpha-3 stored as alpha-2")
	assert.Equal(t, "A. Tester", created.JSON201.Delegations[1].Head.Name)
	assert.NotEmpty(t, created.HTTPResponse.Header.Get("ETag"))

	// Without the key: 401.
	unauth, err := c.CreateMeetingWithResponse(ctx, nil, body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusUnauthorized, unauth.StatusCode())
	require.NotNil(t, unauth.ApplicationproblemJSON401)

	// A 400 problem, read through its typed fields.
	bad, err := c.ListMeetingsWithResponse(ctx, &milmeet.ListMeetingsParams{Country: ptr("XX")})
	require.NoError(t, err)
	assert.Equal(t, http.StatusBadRequest, bad.StatusCode())
	require.NotNil(t, bad.ApplicationproblemJSON400, string(bad.Body))
	p := bad.ApplicationproblemJSON400
	assert.Equal(t, int64(400), p.Status)
	require.NotNil(t, p.Errors)
	require.NotEmpty(t, *p.Errors)
	assert.Equal(t, "country", *(*p.Errors)[0].Parameter)
}
