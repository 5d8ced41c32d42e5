#!/usr/bin/env bash
# bench/soak/run.sh: a soak test of the milmeet API through a database crash.
#
# It builds the API and the soak client, starts a PostgreSQL cluster of its
# own under $WORK (never the machine's server; as the postgres user when run
# as root), migrates, creates a write key, starts `api serve` on 127.0.0.1,
# and runs bench/soak for $DURATION seconds with $CLIENTS clients. At
# $KILL_AT seconds it kills the postmaster with SIGKILL (a crash: crash
# recovery on restart), leaves the database down $DOWN seconds, then starts
# it again; at $RESTART_AT seconds (if set) it restarts it the clean way
# (pg_ctl restart -m fast). The soak then checks that every acknowledged
# write is readable and that no meeting lacks its delegations, and prints its
# report. Every process started is stopped on exit, the data removed.
#
#   bench/soak/run.sh                                  # 60 s, 16 clients
#   DURATION=300 CLIENTS=32 KILL_AT=100 bench/soak/run.sh
#
# The cluster runs with PostgreSQL's default durability (fsync and
# synchronous_commit on): a commit acknowledged before the kill must survive
# it. docs/reliability.md records a run.
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DURATION=${DURATION:-60}
CLIENTS=${CLIENTS:-16}
WRITES=${WRITES:-0.2}
KILL_AT=${KILL_AT:-20}
DOWN=${DOWN:-5}
RESTART_AT=${RESTART_AT:-45}
RETRY_FOR=${RETRY_FOR:-30}    # seconds past the end that unanswered writes are retried
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
WORK=${WORK:-$(mktemp -d /tmp/milmeet-soak.XXXXXX)}
OUT=${OUT:-$WORK/out}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PGPORT=${PGPORT:-$(free_port)}
API_PORT=${API_PORT:-$(free_port)}
PGDATA=$WORK/pgdata
DBURL="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
BASE="http://127.0.0.1:$API_PORT"
API_PID=
SOAK_PID=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" "$@"; }
pg_start() {
	# After a SIGKILL the orphaned backends may hold the shared memory for a
	# moment: try again for a while.
	for _ in $(seq 1 20); do
		if pg_ctl -l "$WORK/pglog/postgres.log" -w -t 30 -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/sock" start >/dev/null; then
			return 0
		fi
		sleep 0.5
	done
	echo "PostgreSQL did not start; its log:" >&2
	tail -20 "$WORK/pglog/postgres.log" >&2
	return 1
}

cleanup() {
	set +e
	[ -n "$SOAK_PID" ] && kill "$SOAK_PID" 2>/dev/null && wait "$SOAK_PID" 2>/dev/null
	if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
		kill -TERM "$API_PID"; wait "$API_PID" 2>/dev/null; log "API stopped"
	fi
	if [ -f "$PGDATA/postmaster.pid" ]; then
		pg_ctl -m immediate -w stop >/dev/null 2>&1 && log "PostgreSQL stopped"
	fi
	[ -n "${KEEP:-}" ] || rm -rf "$PGDATA" "$WORK/sock" "$WORK/bin"
	log "logs and report in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$PGBIN/postgres" ] || { echo "no PostgreSQL server found (apt-get install postgresql, or set PGBIN)" >&2; exit 1; }
mkdir -p "$OUT" "$WORK/bin" "$WORK/sock" "$WORK/pglog" "$PGDATA"
if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; chown postgres: "$PGDATA" "$WORK/sock" "$WORK/pglog"; fi

log "build"
(cd "$ROOT" && go build -o "$WORK/bin/api" ./cmd/api && go build -o "$WORK/bin/soak" ./bench/soak)

log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT, data in $PGDATA"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_start

export DATABASE_URL=$DBURL LOG_FORMAT=json RATE_LIMIT_WRITES_PER_MINUTE=0
"$WORK/bin/api" migrate up >/dev/null
"$WORK/bin/api" seed >/dev/null
TOKEN=$("$WORK/bin/api" keys create --name soak --scope write 2>/dev/null)

log "API on $BASE"
"$WORK/bin/api" serve -addr "127.0.0.1:$API_PORT" 2>"$OUT/api.log" &
API_PID=$!
for _ in $(seq 1 100); do
	curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
	sleep 0.1
done
curl -fsS "$BASE/readyz" >/dev/null

log "soak: $CLIENTS clients, $DURATION s, writes $WRITES; kill -9 of the postmaster at ${KILL_AT}s for ${DOWN}s; clean restart at ${RESTART_AT:-never}s"
"$WORK/bin/soak" -url "$BASE" -token "$TOKEN" -clients "$CLIENTS" -duration "${DURATION}s" -writes "$WRITES" \
	-retry-for "${RETRY_FOR}s" -pid "$API_PID" -database-url "$DBURL" -json "$OUT/report.json" > >(tee "$OUT/soak.txt") 2>&1 &
SOAK_PID=$!
start=$(date +%s)
at() { local t=$1; while [ $(( $(date +%s) - start )) -lt "$t" ]; do sleep 0.2; done; }

if [ -n "$KILL_AT" ]; then
	at "$KILL_AT"
	pm=$(head -1 "$PGDATA/postmaster.pid")
	log "kill -9 postmaster $pm"
	kill -9 "$pm"
	sleep "$DOWN"
	log "start PostgreSQL (crash recovery)"
	pg_start
	log "PostgreSQL up"
fi
if [ -n "$RESTART_AT" ]; then
	at "$RESTART_AT"
	log "pg_ctl restart -m fast"
	as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w -t 30 -l "$WORK/pglog/postgres.log" \
		-o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/sock" restart >/dev/null
	log "PostgreSQL up"
fi

status=0
wait "$SOAK_PID" || status=$?
SOAK_PID=
log "API still ready: $(curl -s -o /dev/null -w '%{http_code}' "$BASE/readyz")"
log "API log: $(grep -c '"level":"ERROR"' "$OUT/api.log" || true) ERROR lines, $(grep -c '"level":"WARN"' "$OUT/api.log" || true) WARN lines"
grep '"level":"ERROR"' "$OUT/api.log" | head -5 || true
log "soak exit status $status"
exit "$status"
