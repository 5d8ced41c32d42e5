package main

import (
	"math"
	"runtime/debug"
	"testing"

	"github.com/stretchr/testify/assert"
)

// TestServerGC: the serving process's collector settings apply where the
// environment sets none, and never override GOGC or GOMEMLIMIT.
func TestServerGC(t *testing.T) {
	percent := debug.SetGCPercent(100)
	limit := debug.SetMemoryLimit(math.MaxInt64)
	t.Cleanup(func() { debug.SetGCPercent(percent); debug.SetMemoryLimit(limit) })

	env := map[string]string{}
	lookup := func(k string) (string, bool) { v, ok := env[k]; return v, ok }
	serverGC(lookup)
	assert.Equal(t, serverGCPercent, debug.SetGCPercent(100))
	assert.Equal(t, int64(serverMemoryLimit), debug.SetMemoryLimit(math.MaxInt64))

	env["GOGC"], env["GOMEMLIMIT"] = "100", "1GiB"
	serverGC(lookup)
	assert.Equal(t, 100, debug.SetGCPercent(100))
	assert.Equal(t, int64(math.MaxInt64), debug.SetMemoryLimit(math.MaxInt64))
}
