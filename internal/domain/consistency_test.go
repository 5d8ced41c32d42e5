package domain

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPosition(t *testing.T) {
	for _, tt := range []struct {
		text string
		pos  Position
	}{
		{"0/0", 0},
		{"0/1A2B3C8", 0x1A2B3C8},
		{"16/B374D848", 0x16_B374D848},
		{"FFFFFFFF/FFFFFFFF", 1<<64 - 1},
	} {
		p, err := ParsePosition(tt.text)
		require.NoError(t, err, tt.text)
		assert.Equal(t, tt.pos, p, tt.text)
		assert.Equal(t, tt.text, p.String())
	}
	p, err := ParsePosition("16/b374d848")
	require.NoError(t, err, "hexadecimal in either case")
	assert.Equal(t, Position(0x16_B374D848), p)
	for _, bad := range []string{"", "/", "0/", "/0", "0", "0/0/0", "x/1", "1/x", "123456789/0", "0/123456789", " 0/1", "-1/0", "+1/0"} {
		_, err := ParsePosition(bad)
		assert.Equal(t, EINVALID, ErrorCode(err), "%q", bad)
	}
	assert.Less(t, Position(0xFFFFFFFF), Position(1<<32), "the high part counts first")
}

func TestReadPolicy(t *testing.T) {
	assert.Nil(t, ReadPolicyOf(context.Background()))
	p := &ReadPolicy{After: 5}
	ctx := WithReadPolicy(context.Background(), p)
	assert.Same(t, p, ReadPolicyOf(ctx))
	node, stale := p.Served()
	assert.Empty(t, node)
	assert.False(t, stale)
	p.Serve("replica-1", true)
	node, stale = p.Served()
	assert.Equal(t, "replica-1", node)
	assert.True(t, stale)
	p.Fail()
	assert.True(t, p.Failed("replica-1"))
	assert.False(t, p.Failed("primary"))
	node, stale = p.Served()
	assert.Empty(t, node, "a failed node no longer serves the request")
	assert.False(t, stale)
}
