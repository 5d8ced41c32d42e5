// Package reliability holds no code, only tests of how the service rides
// out the faults of production: the database going away and coming back
// while requests run (outage_test.go), SIGTERM with requests in flight and a
// grace period too short for them (serve_test.go), and several instances
// starting at once on an empty database (serve_test.go). They run the real
// server, in-process or as the built binary, against real PostgreSQL.
//
// The outage test stops and kills a PostgreSQL cluster of its own, started
// from the installed server programs whether or not TEST_DATABASE_URL is
// set, so that it never disturbs a shared server. See docs/reliability.md.
package reliability
