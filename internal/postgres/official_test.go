package postgres

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestOfficialStore_FindOfficialsByKeys(t *testing.T) {
	t.Parallel()
	e := newStoreEnv(t)
	zakir, zaur := e.official("AZ", "Zakir Hasanov"), e.official("AZ", "Zaur Hasanov")
	uzZakir, other := e.official("UZ", "Zakir Hasanov"), e.official("AZ", "Kerim Veliyev")
	_, err := insertOfficials(e.ctx, e.st.pool, []domain.Official{zakir, zaur, uzZakir, other})
	require.NoError(t, err)

	full := domain.OfficialKey{Country: "AZ", Key: "zakir hasanov"}
	initial := domain.OfficialKey{Country: "AZ", Key: "z hasanov"}
	uz := domain.OfficialKey{Country: "UZ", Key: "z hasanov"}
	none := domain.OfficialKey{Country: "TR", Key: "zakir hasanov"}
	got, err := e.st.FindOfficialsByKeys(e.ctx, []domain.OfficialKey{full, initial, uz, none, full})
	require.NoError(t, err)

	ids := func(k domain.OfficialKey) []string {
		var out []string
		for _, o := range got[k] {
			out = append(out, o.ID)
		}
		return out
	}
	require.Len(t, got, 4, "a pair asked twice is one")
	assert.Equal(t, []string{zakir.ID}, ids(full), "the official of that country only")
	assert.ElementsMatch(t, []string{zakir.ID, zaur.ID}, ids(initial), "an initial's key matches both")
	assert.True(t, ids(initial)[0] < ids(initial)[1], "ordered by id, as FindOfficials")
	assert.Equal(t, []string{uzZakir.ID}, ids(uz))
	v, ok := got[none]
	assert.True(t, ok, "a pair no official has is there")
	assert.Empty(t, v)

	// Each pair finds what FindOfficials finds for it, every column.
	for _, k := range []domain.OfficialKey{full, initial, uz} {
		one, err := e.st.FindOfficials(e.ctx, k.Country, k.Key)
		require.NoError(t, err)
		assert.Equal(t, one, got[k], "%v", k)
	}
}
