package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
	"github.com/milmeet/milmeet/internal/pgtest"
	"github.com/milmeet/milmeet/internal/postgres"
)

func TestDraftsCommands(t *testing.T) {
	url := pgtest.URL(t)
	_, _, err := runCmd(t, url, "migrate", "up")
	require.NoError(t, err)
	pool, err := postgres.Open(context.Background(), url, postgres.Options{MaxConns: 2})
	require.NoError(t, err)
	defer pool.Close()
	svc, _ := newService(pool)
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("..", "..", "internal", "extract", "testdata", "seeds", name))
		require.NoError(t, err)
		return string(b)
	}
	day := func(s string) *domain.Day {
		d, err := domain.ParseDay(s)
		require.NoError(t, err)
		return &d
	}
	uz, _, err := svc.SubmitArticle(context.Background(), domain.ArticleInput{Text: read("000_6c1e7bd3863296f4.txt"), PublishedAt: day("2025-12-10")})
	require.NoError(t, err)
	ge, _, err := svc.SubmitArticle(context.Background(), domain.ArticleInput{Text: read("003_e9c12771c509b077.txt"), PublishedAt: day("2023-11-27")})
	require.NoError(t, err)

	out, _, err := runCmd(t, url, "drafts", "list", "-status", "pending")
	require.NoError(t, err)
	assert.Contains(t, out, uz.ID)
	assert.Contains(t, out, ge.ID)
	out, _, err = runCmd(t, url, "drafts", "list", "-country", "GEO")
	require.NoError(t, err)
	assert.Contains(t, out, ge.ID)
	assert.NotContains(t, out, uz.ID)
	_, _, err = runCmd(t, url, "drafts", "list", "-country", "XX")
	assert.Error(t, err)

	out, _, err = runCmd(t, url, "drafts", "show", uz.ID)
	require.NoError(t, err)
	assert.Contains(t, out, `"status": "pending"`)
	assert.Contains(t, out, `"words": "Viktor Mahmudov"`)

	out, _, err = runCmd(t, url, "drafts", "reextract", "-status", "pending")
	require.NoError(t, err)
	assert.Contains(t, out, "2 drafts read again")
	_, _, err = runCmd(t, url, "drafts", "reextract", "-status", "accepted")
	assert.Error(t, err, "decided drafts do not change")

	_, _, err = runCmd(t, url, "drafts", "reject", ge.ID)
	assert.Error(t, err, "a rejection needs a reason")
	out, _, err = runCmd(t, url, "drafts", "reject", "-reason", "not bilateral", ge.ID)
	require.NoError(t, err)
	assert.Contains(t, out, "rejected: not bilateral")

	out, _, err = runCmd(t, url, "drafts", "accept", uz.ID)
	require.NoError(t, err)
	assert.Contains(t, out, "created")
	_, _, err = runCmd(t, url, "drafts", "accept", ge.ID)
	assert.Error(t, err, "a rejected draft")

	d, err := svc.GetDraft(context.Background(), uz.ID)
	require.NoError(t, err)
	assert.Equal(t, "cli", *d.DecidedBy)
	m, err := svc.GetMeeting(context.Background(), *d.MeetingID)
	require.NoError(t, err)
	assert.Equal(t, []string{"AZ", "UZ"}, m.Countries())

	_, _, err = runCmd(t, url, "drafts", "show", "01a209dc-d80e-7f1e-8a0c-f0a82af64f05")
	assert.Error(t, err)
	_, _, err = runCmd(t, url, "drafts", "frobnicate")
	assert.Error(t, err)
	out, _, err = runCmd(t, url, "help", "drafts")
	require.NoError(t, err)
	assert.Contains(t, out, "reextract")
}
