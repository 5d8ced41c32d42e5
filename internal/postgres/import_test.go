package postgres

import (
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

// otherDocumentsSQL counts the meetings whose stored search document holds
// other lexemes or weights than meeting_search_document(id) computes.
const otherDocumentsSQL = `
WITH d AS (SELECT m.id, m.search AS stored, meeting_search_document(m.id) AS fresh FROM meetings m)
SELECT count(*) FILTER (WHERE
    (SELECT array_agg(u.lexeme || ':' || array_to_string(u.weights, '') ORDER BY u.lexeme) FROM unnest(d.stored) u)
    IS DISTINCT FROM
    (SELECT array_agg(u.lexeme || ':' || array_to_string(u.weights, '') ORDER BY u.lexeme) FROM unnest(d.fresh) u)),
    count(*) FILTER (WHERE d.stored = d.fresh), count(*)
FROM d`

func TestImportTx_WriteMeetings(t *testing.T) {
	t.Parallel()
	e := newStoreEnv(t)
	day := &domain.Day{Time: e.now.Truncate(24 * time.Hour)}
	// A source stored before, with what the import's mentions lack or say
	// otherwise, and a title in another language.
	stored := domain.Source{URL: ptr("https://example.org/1"), Outlet: ptr("Stored Outlet"), Title: ptr("Stored headline"),
		AlternateTitles: []domain.AltTitle{{Language: "fr", Title: "Titre ancien"}}}
	_, err := storeSources(e.ctx, e.st.pool, []*domain.Meeting{{ID: domain.NewID(), Sources: []domain.Source{stored}}})
	require.NoError(t, err)

	m1, news1 := e.meeting(1)
	news1[0].Aliases = []string{"Zakir Gasanov"} // read from the stored official into the document
	noURL := domain.Source{Outlet: ptr("Radio"), Title: ptr("Evening report"), PublishedAt: day}
	m1.Sources = []domain.Source{m1.Sources[0], noURL, {URL: ptr("https://example.org/1"), Outlet: ptr("Example"),
		Language: ptr("en"), AlternateTitles: []domain.AltTitle{{Language: "fr", Title: "Titre nouveau"},
			{Language: "de", Title: "Bericht"}}}}
	m1.Sources[0].URL = ptr("https://example.org/1")
	m2, news2 := e.meeting(2)
	m2.Sources = append(m2.Sources, domain.Source{Outlet: ptr("Radio"), Title: ptr("Evening report"), PublishedAt: day,
		Language: ptr("az")})
	moved, err := insertOfficials(e.ctx, e.st.pool, news2[1:2]) // stored meanwhile by another write
	require.NoError(t, err)
	require.Empty(t, moved)

	tx, err := e.st.BeginImport(e.ctx)
	require.NoError(t, err)
	moved, err = tx.StoreOfficials(e.ctx, append(news1, news2...))
	require.NoError(t, err)
	for _, m := range []*domain.Meeting{m1, m2} {
		domain.RepointOfficials(m, moved)
	}
	require.NoError(t, tx.WriteMeetings(e.ctx, []*domain.Meeting{m1, m2}, nil))
	require.NoError(t, tx.Commit(e.ctx))

	var other, same, all int
	require.NoError(t, e.st.pool.QueryRow(e.ctx, otherDocumentsSQL).Scan(&other, &same, &all))
	assert.Equal(t, 4, all, "two meetings and their child meetings")
	assert.Zero(t, other, "every document holds what meeting_search_document holds (%d of %d identical)", same, all)
	for _, q := range []string{"gasanov", "stored & headline & outlet", "titre & ancien & bericht", "evening & report & radio"} {
		var id string
		require.NoError(t, e.st.pool.QueryRow(e.ctx, `SELECT id FROM meetings WHERE search @@ to_tsquery('english', $1)
			AND parent_id IS NULL AND id = $2`, q, m1.ID).Scan(&id), q)
	}

	// The sources: stored once each, the stored one keeping what it had.
	assert.Equal(t, 3, e.count("sources"), "example.org/1, example.org/2 and the report without a URL")
	var outlet, title, lang string
	require.NoError(t, e.st.pool.QueryRow(e.ctx, `SELECT outlet, title, language FROM sources WHERE url = $1`,
		"https://example.org/1").Scan(&outlet, &title, &lang))
	assert.Equal(t, []string{"Stored Outlet", "Stored headline", "en"}, []string{outlet, title, lang})
	require.NoError(t, e.st.pool.QueryRow(e.ctx, `SELECT language FROM sources WHERE url IS NULL`).Scan(&lang))
	assert.Equal(t, "az", lang, "the first language given, from the second meeting")
	got, err := e.st.GetMeeting(e.ctx, m1.ID)
	require.NoError(t, err)
	require.Len(t, got.Sources, 2, "the URL given twice is linked once, at its first place")
	assert.Equal(t, "https://example.org/1", *got.Sources[0].URL)
	assert.Nil(t, got.Sources[1].URL)
	assert.ElementsMatch(t, []domain.AltTitle{{Language: "fr", Title: "Titre ancien"}, {Language: "ru", Title: "Визит"},
		{Language: "de", Title: "Bericht"}}, got.Sources[0].AlternateTitles, "a language's title is kept")
	got2, err := e.st.GetMeeting(e.ctx, m2.ID)
	require.NoError(t, err)
	// Officials: one given twice is stored once, as the first given; one
	// stored meanwhile is the stored one.
	assert.Equal(t, news1[0].ID, got2.Delegations[0].Head.OfficialID)
	assert.Equal(t, news2[1].ID, got.Delegations[1].Head.OfficialID)
	assert.Equal(t, 4, e.count("officials"), "Hasanov, Khalmukhamedov, Aide 1, Aide 2")
	require.Len(t, got2.Sources, 2)
	assert.Equal(t, got.Sources[1], got2.Sources[1], "one report without a URL")
}

// uuidColumns names every uuid column of the tables it lists, and no
// other: COPY sends those as binary uuids.
func TestUUIDColumns(t *testing.T) {
	t.Parallel()
	e := newStoreEnv(t)
	for table, cols := range uuidColumns {
		var have []string
		rows, err := e.st.pool.Query(e.ctx, `SELECT column_name::text FROM information_schema.columns
			WHERE table_schema = 'public' AND table_name = $1 AND data_type = 'uuid' ORDER BY column_name`, table)
		require.NoError(t, err)
		have, err = pgx.CollectRows(rows, pgx.RowTo[string])
		require.NoError(t, err)
		assert.ElementsMatch(t, have, cols, table)
	}
}

func TestUUIDArg(t *testing.T) {
	id := "0B7E0d1e-8a43-4b41-9f0a-2f7a4c3c7d11"
	u, ok := uuidArg(id).(pgtype.UUID)
	require.True(t, ok)
	assert.Equal(t, [16]byte{0x0b, 0x7e, 0x0d, 0x1e, 0x8a, 0x43, 0x4b, 0x41, 0x9f, 0x0a, 0x2f, 0x7a, 0x4c, 0x3c, 0x7d, 0x11}, u.Bytes)
	assert.True(t, u.Valid)
	assert.Equal(t, uuidArg(id), uuidArg(&id))
	assert.Nil(t, uuidArg((*string)(nil)))
	for _, v := range []any{"0b7e0d1e-8a43-4b41-9f0a-2f7a4c3c7d1g", "0b7e0d1e08a43-4b41-9f0a-2f7a4c3c7d11", "x", 7, nil} {
		assert.Equal(t, v, uuidArg(v))
	}
}
