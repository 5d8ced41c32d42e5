#!/usr/bin/env bash
# bench/cluster/run.sh: milmeet past one machine, on this one.
#
# It starts, on 127.0.0.1 and under $WORK (never the machine's own server):
# a PostgreSQL primary and two streaming replicas (pg_basebackup -R, each
# with its replication slot), three `api serve` instances with
# DATABASE_READ_URLS naming both replicas and RATE_LIMIT_STORE=postgres, and
# HAProxy (Debian's package) balancing them, checking /readyz, retrying
# failed idempotent requests on another instance. It fills the database
# with bench/gen, then runs bench/cluster/load (readers, writers, and
# clients that read their own writes with the consistency token), $DURATION
# seconds each run:
#
#   single   one instance on the primary alone, no replica, no HAProxy
#   cluster  the whole topology through HAProxy, no fault
#   faults   the same, and meanwhile: kill -9 of one API instance at
#            $KILL_AT s (it stays down), a fast stop of one replica at
#            $STOP_AT s, and its start again at $START_AT s
#   replica  reads only, one instance reading from one replica: what one
#            replica serves on this machine
#
# and prints each run's report (requests, answers by status, failed reads,
# reads by node and the replicas' share, read-your-writes violations) and
# HAProxy's retries. docs/scaling.md records a run. Every process started is
# stopped on exit and the data removed (KEEP=1 keeps it).
#
#   bench/cluster/run.sh
#   DURATION=120 MEETINGS=100000 bench/cluster/run.sh
#
# Ports: 18801-18803 PostgreSQL, 18811-18813 the API, 18810 HAProxy, 18819
# its statistics (BASE_PORT=18800 moves them all).
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
DURATION=${DURATION:-60}
MEETINGS=${MEETINGS:-20000}
READERS=${READERS:-12}
WRITERS=${WRITERS:-2}
RYW=${RYW:-4}
KILL_AT=${KILL_AT:-15}
STOP_AT=${STOP_AT:-25}
START_AT=${START_AT:-40}
RUNS=${RUNS:-single cluster faults replica}
BASE_PORT=${BASE_PORT:-18800}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}
WORK=${WORK:-$(mktemp -d /tmp/milmeet-cluster.XXXXXX)}
OUT=${OUT:-$WORK/out}

PG_PORTS=($((BASE_PORT + 1)) $((BASE_PORT + 2)) $((BASE_PORT + 3)))   # primary, replica-1, replica-2
API_PORTS=($((BASE_PORT + 11)) $((BASE_PORT + 12)) $((BASE_PORT + 13)))
LB_PORT=$((BASE_PORT + 10))
STATS_PORT=$((BASE_PORT + 19))
PGDATA=("$WORK/pg/primary" "$WORK/pg/replica1" "$WORK/pg/replica2")
url() { echo "postgres://postgres@127.0.0.1:$1/milmeet?sslmode=disable"; }
PRIMARY_URL=$(url "${PG_PORTS[0]}")
READ_URLS="$(url "${PG_PORTS[1]}"),$(url "${PG_PORTS[2]}")"
API_PIDS=()
LB_PID=

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_ctl() { local i=$1; shift; as_pg "$PGBIN/pg_ctl" -D "${PGDATA[$i]}" "$@"; }
pg_start() {
	local i=$1
	pg_ctl "$i" -l "$WORK/log/pg$i.log" -w -t 60 \
		-o "-p ${PG_PORTS[$i]} -c listen_addresses=127.0.0.1 -c unix_socket_directories=$WORK/sock$i" start >/dev/null
}
api_start() {
	local i=$1
	DATABASE_URL=$PRIMARY_URL DATABASE_READ_URLS=${2-$READ_URLS} "$WORK/bin/api" serve -no-migrate \
		-addr "127.0.0.1:${API_PORTS[$i]}" 2>>"$OUT/api$i.log" &
	API_PIDS[$i]=$!
	for _ in $(seq 1 100); do
		curl -fsS "http://127.0.0.1:${API_PORTS[$i]}/readyz" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "API $i did not become ready; its log:" >&2
	tail -5 "$OUT/api$i.log" >&2
	return 1
}
api_stop_all() {
	for pid in "${API_PIDS[@]}"; do
		kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
	done
	API_PIDS=()
}
lb_start() {
	haproxy -f "$WORK/haproxy.cfg" -db >>"$OUT/haproxy.log" 2>&1 &
	LB_PID=$!
	for _ in $(seq 1 50); do
		curl -fsS "http://127.0.0.1:$LB_PORT/readyz" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "HAProxy did not answer; its log:" >&2
	tail -5 "$OUT/haproxy.log" >&2
	return 1
}
lb_stop() {
	if [ -n "$LB_PID" ]; then
		kill "$LB_PID" 2>/dev/null || true
		wait "$LB_PID" 2>/dev/null || true
	fi
	LB_PID=
}
# retries prints HAProxy's per-server retries and redispatches (its CSV).
retries() {
	curl -fsS "http://127.0.0.1:$STATS_PORT/stats;csv" |
		awk -F, 'NR==1{for(i=1;i<=NF;i++)h[$i]=i} $1=="apis"{printf "  haproxy %s: %s requests, %s retries, %s redispatches, status %s\n",$2,$(h["stot"]),$(h["wretr"]),$(h["wredis"]),$(h["status"])}'
}

cleanup() {
	set +e
	lb_stop
	api_stop_all
	for i in 2 1 0; do
		[ -f "${PGDATA[$i]}/postmaster.pid" ] && pg_ctl "$i" -m immediate -w stop >/dev/null 2>&1
	done
	[ -n "${KEEP:-}" ] || rm -rf "$WORK/pg" "$WORK/bin"
	log "logs and reports in $OUT"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

[ -x "$PGBIN/postgres" ] || { echo "no PostgreSQL server found (apt-get install postgresql, or set PGBIN)" >&2; exit 1; }
command -v haproxy >/dev/null || { echo "no haproxy (apt-get install haproxy)" >&2; exit 1; }
for p in "${PG_PORTS[@]}" "${API_PORTS[@]}" "$LB_PORT" "$STATS_PORT"; do
	if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "port $p is in use (set BASE_PORT)" >&2; exit 1; fi
done
mkdir -p "$OUT" "$WORK/bin" "$WORK/log" "$WORK/pg" "$WORK/sock0" "$WORK/sock1" "$WORK/sock2"
if [ "$(id -u)" = 0 ]; then chmod 755 "$WORK"; chown postgres: "$WORK/pg" "$WORK/log" "$WORK/sock0" "$WORK/sock1" "$WORK/sock2"; fi

log "build"
(cd "$ROOT" && go build -o "$WORK/bin/api" ./cmd/api && go build -o "$WORK/bin/load" ./bench/cluster/load &&
	go build -o "$WORK/bin/gen" ./bench/gen)

log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}'): primary on ${PG_PORTS[0]}"
as_pg "$PGBIN/initdb" -D "${PGDATA[0]}" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
pg_start 0
as_pg "$PGBIN/psql" -qX -h 127.0.0.1 -p "${PG_PORTS[0]}" -U postgres -c 'CREATE DATABASE milmeet' >/dev/null

export LOG_FORMAT=json RATE_LIMIT_WRITES_PER_MINUTE=100000 RATE_LIMIT_STORE=postgres
# One cursor secret for the three instances: a cursor one gave out pages on
# the others (unset, each would sign with a random key of its own).
export CURSOR_SECRET=${CURSOR_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
DATABASE_URL=$PRIMARY_URL "$WORK/bin/api" migrate up >/dev/null
log "fill: $MEETINGS meetings (bench/gen)"
"$WORK/bin/gen" -db "$PRIMARY_URL" -meetings "$MEETINGS" -officials $((MEETINGS / 10 + 100)) -nids 5000 \
	-ids "$WORK/ids.txt" -verify=false >"$OUT/gen.log" 2>&1
TOKEN=$(DATABASE_URL=$PRIMARY_URL "$WORK/bin/api" keys create --name cluster-load --scope write 2>/dev/null)

for i in 1 2; do
	log "replica-$i on ${PG_PORTS[$i]}: pg_basebackup -R"
	as_pg "$PGBIN/pg_basebackup" -h 127.0.0.1 -p "${PG_PORTS[0]}" -U postgres -D "${PGDATA[$i]}" -R -X stream \
		-c fast -C -S "replica$i"
	echo "hot_standby_feedback = on" | as_pg tee -a "${PGDATA[$i]}/postgresql.auto.conf" >/dev/null
	pg_start "$i"
done

cat >"$WORK/haproxy.cfg" <<CFG
global
    maxconn 4096
defaults
    mode http
    timeout connect 1s
    timeout client 30s
    timeout server 30s
    # A request whose instance refuses the connection, closes it without an
    # answer, or answers 502/503/504 is sent again to another instance (for
    # idempotent requests; HAProxy never replays a POST that reached one).
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response response-timeout 502 503 504
frontend api
    bind 127.0.0.1:$LB_PORT
    default_backend apis
backend apis
    balance roundrobin
    option httpchk GET /readyz
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    server api1 127.0.0.1:${API_PORTS[0]} check
    server api2 127.0.0.1:${API_PORTS[1]} check
    server api3 127.0.0.1:${API_PORTS[2]} check
frontend stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
CFG

runs=0
load() {
	local name=$1 url=$2
	# Each run numbers its meetings apart from the others', so that none
	# repeats (and is refused as) a meeting of an earlier run.
	"$WORK/bin/load" -url "$url" -token "$TOKEN" -ids "$WORK/ids.txt" -duration "${DURATION}s" -first $((runs * 60000)) \
		-readers "$READERS" -writers "$WRITERS" -ryw "$RYW" -label "$name" -json "$OUT/$name.json" | tee "$OUT/$name.txt"
}
at() { local t=$1; while [ $(( $(date +%s) - start )) -lt "$t" ]; do sleep 0.2; done; }

for run in $RUNS; do
	runs=$((runs + 1))
	case $run in
	single)
		log "run single: one instance on the primary alone, $DURATION s"
		api_start 0 ""
		load single "http://127.0.0.1:${API_PORTS[0]}"
		api_stop_all
		;;
	cluster|faults)
		log "run $run: three instances, two replicas, HAProxy on $LB_PORT, $DURATION s"
		for i in 0 1 2; do api_start "$i"; done
		lb_start
		start=$(date +%s)
		load "$run" "http://127.0.0.1:$LB_PORT" &
		load_pid=$!
		if [ "$run" = faults ]; then
			at "$KILL_AT"; log "kill -9 API instance 2 (pid ${API_PIDS[1]})"; kill -9 "${API_PIDS[1]}"
			wait "${API_PIDS[1]}" 2>/dev/null || true
			at "$STOP_AT"; log "stop replica-2 (pg_ctl stop -m fast)"; pg_ctl 2 -m fast -w stop >/dev/null
			at "$START_AT"; log "start replica-2"; pg_start 2
		fi
		wait "$load_pid"
		retries | tee -a "$OUT/$run.txt"
		for i in 0 2; do
			log "instance $((i + 1)) /readyz: $(curl -s "http://127.0.0.1:${API_PORTS[$i]}/readyz" | head -c 600)"
		done
		lb_stop
		api_stop_all
		;;
	replica)
		log "run replica: reads only, one instance reading from replica-1, $DURATION s"
		api_start 0 "$(url "${PG_PORTS[1]}")"
		WRITERS=0 RYW=0 load replica "http://127.0.0.1:${API_PORTS[0]}"
		api_stop_all
		;;
	*) echo "unknown run $run" >&2; exit 2 ;;
	esac
done
log "API logs: $(cat "$OUT"/api*.log | grep -c '"level":"ERROR"' || true) ERROR lines;" \
	"$(cat "$OUT"/api*.log | grep -c 'again on another' || true) reads retried on another database node"
