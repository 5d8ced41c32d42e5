// Package scaling holds no code, only tests of milmeet past one machine:
// reads spread over a streaming replica of a real primary and routed by
// their consistency tokens (read-your-writes without shared state), the
// degraded modes (a replica down or lagging, the primary down), and several
// instances of the API sharing nothing but the database (cursors,
// idempotency, rate limits). They run the real server in-process against a
// primary and a replica that pgtest starts from the installed PostgreSQL
// server programs, one pair per test binary, so the tests take turns: they
// pause the replica's replay and stop either server. See docs/scaling.md.
package scaling
