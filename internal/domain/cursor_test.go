package domain_test

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"

	"github.com/google/uuid"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/milmeet/milmeet/internal/domain"
)

func TestCursorRoundTrip(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		c    domain.Cursor
	}{
		{"DateSort", domain.Cursor{Sort: "-date", Key: "2025-12-10", ID: domain.NewID(), Filter: "0123456789abcdef"}},
		{"UpdatedSort", domain.Cursor{Sort: "updated_at", Key: "2025-12-10T08:00:00.123456Z", ID: domain.NewID()}},
		{"UnicodeKey", domain.Cursor{Sort: "date", Key: "Türkiye \"quoted\" \x00", ID: domain.NewID()}},
		{"EmptyKey", domain.Cursor{ID: domain.NewID()}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := cursors.Encode(tt.c)
			assert.NotContains(t, s, "=", "no padding")
			assert.NotContains(t, s, "+")
			assert.NotContains(t, s, "/")
			got, err := cursors.Decode(s)
			require.NoError(t, err)
			assert.Equal(t, tt.c, *got)
			assert.Equal(t, s, cursors.Encode(*got), "encoding is deterministic")
		})
	}
}

func TestDecodeCursor_Invalid(t *testing.T) {
	t.Parallel()
	good := cursors.Encode(domain.Cursor{Sort: "-date", Key: "2025-12-10", ID: domain.NewID(), Filter: "ab"})
	raw, err := base64.RawURLEncoding.DecodeString(good)
	require.NoError(t, err)
	flip := func(i int) string {
		b := append([]byte(nil), raw...)
		b[i] ^= 0x01
		return base64.RawURLEncoding.EncodeToString(b)
	}
	random := make([]byte, 64)
	_, _ = rand.Read(random)

	tests := []struct{ name, in string }{
		{"Empty", ""},
		{"FlippedMACByte", flip(0)},
		{"FlippedBodyByte", flip(20)},
		{"FlippedLastByte", flip(len(raw) - 1)},
		{"Truncated", good[:len(good)-4]},
		{"TruncatedToMAC", base64.RawURLEncoding.EncodeToString(raw[:12])},
		{"TruncatedToOneByte", base64.RawURLEncoding.EncodeToString(raw[:13])},
		{"Extended", good + "AAAA"},
		{"RandomBase64", base64.RawURLEncoding.EncodeToString(random)},
		{"PaddedBase64", base64.URLEncoding.EncodeToString(raw) + "=="},
		{"StdBase64Alphabet", strings.NewReplacer("-", "+", "_", "/").Replace(good) + "+/"},
		{"NotBase64", "!!!not a cursor!!!"},
		{"PlainJSON", `{"s":"-date","k":"2025","i":"x","f":""}`},
		{"BadID", cursors.Encode(domain.Cursor{Sort: "-date", Key: "2025", ID: "42"})},
		{"EmptyID", cursors.Encode(domain.Cursor{Sort: "-date", Key: "2025"})},
		{"OverLong", cursors.Encode(domain.Cursor{Sort: "-date", Key: strings.Repeat("k", 800), ID: domain.NewID()})},
		{"OverLongJunk", strings.Repeat("A", 1001)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c, err := cursors.Decode(tt.in)
			require.Error(t, err)
			assert.Nil(t, c)
			e := domain.AsError(err)
			require.NotNil(t, e)
			assert.Equal(t, domain.EINVALID, e.Code)
			assert.Equal(t, "The cursor is not valid.", e.Message)
		})
	}
}

func TestIsID(t *testing.T) {
	t.Parallel()
	id := domain.NewID()
	tests := []struct {
		name string
		in   string
		want bool
	}{
		{"NewID", id, true},
		{"V4", "6ba7b810-9dad-41d1-80b4-00c04fd430c8", true},
		{"Nil", "00000000-0000-0000-0000-000000000000", true},
		{"Empty", "", false},
		{"Word", "not-an-id", false},
		{"NoDashes", strings.ReplaceAll(id, "-", ""), false},
		{"Braces", "{" + id + "}", false},
		{"URN", "urn:uuid:" + id, false},
		{"NotHex", "6ba7b810-9dad-41d1-80b4-00c04fd430cz", false},
		{"DashMoved", "6ba7b8109-dad-41d1-80b4-00c04fd430c8", false},
		{"TooLong", id + "0", false},
		{"SpacePadded", " " + id[1:], false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			assert.Equal(t, tt.want, domain.IsID(tt.in))
		})
	}
}

func TestNewID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	prev := ""
	for range 1000 {
		id := domain.NewID()
		require.True(t, domain.IsID(id), id)
		require.False(t, seen[id], "duplicate id %s", id)
		seen[id] = true
		u := uuid.MustParse(id)
		assert.Equal(t, uuid.Version(7), u.Version())
		assert.Equal(t, strings.ToLower(id), id, "canonical lower case")
		assert.Less(t, prev, id, "version 7 ids sort by creation")
		prev = id
	}
}

// cursors sign the tests' cursors.
var cursors = func() *domain.Cursors {
	c, err := domain.NewCursors([]byte("the tests' cursor secret, 32+ bytes"))
	if err != nil {
		panic(err)
	}
	return c
}()

// TestCursors_Secret: a cursor is read only with the secret that signed
// it; one signed with the key that was once written in the source, or with
// any other, is refused; a short secret is refused.
func TestCursors_Secret(t *testing.T) {
	t.Parallel()
	c := domain.Cursor{Sort: "-date", Key: "2025-12-10", ID: domain.NewID()}
	secret := domain.NewRandomCursorSecret()
	a, err := domain.NewCursors([]byte(secret))
	require.NoError(t, err)
	same, err := domain.NewCursors([]byte(secret))
	require.NoError(t, err)
	b, err := domain.NewCursors([]byte(domain.NewRandomCursorSecret()))
	require.NoError(t, err)
	got, err := same.Decode(a.Encode(c))
	require.NoError(t, err, "another instance with the same secret")
	assert.Equal(t, c, *got)
	_, err = b.Decode(a.Encode(c))
	assert.Error(t, err, "a cursor signed with another secret")

	// The key once written in the source signs nothing now.
	body := []byte(`{"s":"-date","k":"2025-12-10","i":"` + c.ID + `","f":""}`)
	mac := hmac.New(sha256.New, []byte("milmeet cursor v1"))
	mac.Write(body)
	forged := base64.RawURLEncoding.EncodeToString(append(mac.Sum(nil)[:12], body...))
	_, err = a.Decode(forged)
	assert.Error(t, err, "a cursor forged with the old constant key")

	_, err = domain.NewCursors([]byte("short"))
	assert.Error(t, err)
}
