#!/usr/bin/env bash
# bench/starve/run.sh: can slow and stalled clients starve the milmeet API?
#
# It builds the API and bench/starve, starts a PostgreSQL cluster of its own
# under $WORK (never the machine's server; as the postgres user when run as
# root), migrates, loads $MEETINGS generated meetings (bench/gen: enough that
# an export outgrows the socket buffers), creates a write key, and starts
# `api serve` on 127.0.0.1 with the default settings. Then bench/starve holds
# $EXPORTS slow-reading NDJSON exports and $IMPORTS stalled atomic imports
# while it measures GET /meetings?limit=5 and /readyz for $DURATION seconds.
# It prints the client's report and what the API logged of the stalled
# clients. Every process started is stopped on exit, the data removed.
#
#   bench/starve/run.sh
#   EXPORTS=16 IMPORTS=8 DURATION=90 bench/starve/run.sh
#   API_ROOT=/tmp/milmeet-old bench/starve/run.sh   # the API (and bench/gen) of another tree
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
API_ROOT=${API_ROOT:-$ROOT}
MEETINGS=${MEETINGS:-20000}
EXPORTS=${EXPORTS:-8}
IMPORTS=${IMPORTS:-4}
DURATION=${DURATION:-70}
RATE=${RATE:-20}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
WORK=${WORK:-$(mktemp -d /tmp/milmeet-starve.XXXXXX)}
OUT=${OUT:-$WORK/out}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
PGPORT=${PGPORT:-$(free_port)}
API_PORT=${API_PORT:-$(free_port)}
PGDATA=$WORK/pgdata
DBURL="postgres://postgres@127.0.0.1:$PGPORT/postgres?sslmode=disable"
BASE="http://127.0.0.1:$API_PORT"
API_PID=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl() { as_pg "$PGBIN/pg_ctl" -D "$PGDATA" "$@"; }

cleanup() {
	set +e
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
(cd "$API_ROOT" && go build -o "$WORK/bin/api" ./cmd/api && go build -o "$WORK/bin/gen" ./bench/gen)
(cd "$ROOT" && go build -o "$WORK/bin/starve" ./bench/starve)

log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT, data in $PGDATA"
as_pg "$PGBIN/initdb" -D "$PGDATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_ctl -l "$WORK/pglog/postgres.log" -w -t 60 -o "-p $PGPORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/sock" start >/dev/null

export DATABASE_URL=$DBURL
"$WORK/bin/api" migrate up >/dev/null
log "load $MEETINGS meetings (bench/gen)"
"$WORK/bin/gen" -db "$DBURL" -meetings "$MEETINGS" -officials 5000 -verify=false >"$OUT/gen.txt" 2>&1
TOKEN=$("$WORK/bin/api" keys create --name starve --scope write 2>/dev/null)

log "API on $BASE, default settings"
LOG_FORMAT=json "$WORK/bin/api" serve -addr "127.0.0.1:$API_PORT" 2>"$OUT/api.log" &
API_PID=$!
for _ in $(seq 1 100); do
	curl -fsS "$BASE/readyz" >/dev/null 2>&1 && break
	sleep 0.1
done
curl -fsS "$BASE/readyz" >/dev/null
bytes=$(curl -fsS "$BASE/meetings?format=ndjson" | wc -c)
log "a whole NDJSON export is $bytes bytes"

log "starve: $EXPORTS slow exports, $IMPORTS stalled atomic imports, reads at $RATE/s for ${DURATION}s"
status=0
"$WORK/bin/starve" -url "$BASE" -token "$TOKEN" -exports "$EXPORTS" -imports "$IMPORTS" \
	-duration "${DURATION}s" -rate "$RATE" | tee "$OUT/starve.txt" || status=$?

echo "API log, the stalled clients:"
grep -E '"export cut off|"route":"/imports"' "$OUT/api.log" |
	sed -E 's/.*"time":"[^T]*T([^"]*)".*"msg":"([^"]*)".*("rows":[0-9]+,"bytes":[0-9]+).*/\1 \2 \3/;
	        s/.*"time":"[^T]*T([^"]*)".*"route":"\/imports".*"status":([0-9]+).*/\1 POST \/imports answered \2/' |
	sort | sed 's/^/  /'
echo "API log: $(grep -c '"level":"ERROR"' "$OUT/api.log" || true) ERROR lines"
exit "$status"
