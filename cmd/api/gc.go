package main

import "runtime/debug"

// Collector settings of a serving process, where the environment (GOGC,
// GOMEMLIMIT) sets none. A request allocates tens of kilobytes of answer
// and rows that die with it, over a live heap of a few megabytes: at the
// runtime's default (GOGC=100) collection took about a third of the CPU a
// list request cost. At 400 the heap may grow to five times what is live
// before a collection; the soft limit makes the collector work harder as
// the heap nears it instead of growing further.
const (
	serverGCPercent   = 400
	serverMemoryLimit = 512 << 20
)

// serverGC applies the serving process's collector settings that the
// environment leaves unset.
func serverGC(lookup func(string) (string, bool)) {
	if _, set := lookup("GOGC"); !set {
		debug.SetGCPercent(serverGCPercent)
	}
	if _, set := lookup("GOMEMLIMIT"); !set {
		debug.SetMemoryLimit(serverMemoryLimit)
	}
}
