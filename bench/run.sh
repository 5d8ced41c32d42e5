#!/usr/bin/env bash
# bench/run.sh: benchmarks the milmeet API on a synthetic data set of
# 1,000,000 meetings. It builds the API, starts a PostgreSQL cluster of its
# own (never the machine's server), migrates, loads the data with bench/gen,
# starts the API, and measures with wrk and pgbench, each run bounded in time,
# all traffic to 127.0.0.1. Every process it starts is stopped on exit, and
# the cluster's data is removed unless KEEP_DATA=1.
#
#   bench/run.sh                       # everything: load ~4 min, runs ~11 min on a quiet machine
#   KEEP_DATA=1 bench/run.sh           # keep the loaded cluster; a second run with
#                                      # KEEP_DATA=1 reuses it and skips the load
#   ONLY="list get" bench/run.sh       # some of: list page1 deep search get export pgbench explain
#
# Results: $OUT (default /tmp/milmeet-bench/results): results.tsv, summary.txt,
# explain.txt, run.log. docs/benchmarks.md explains them.
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BENCH_DIR=${BENCH_DIR:-/tmp/milmeet-bench}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-55432}
API_PORT=${API_PORT:-18090}
MEETINGS=${MEETINGS:-1000000}
OFFICIALS=${OFFICIALS:-50000}
DURATION=${DURATION:-15}          # seconds measured per run
WARMUP=${WARMUP:-3}               # seconds of unmeasured load before each run
CONNS=${CONNS:-"8 32"}
COUNTRY=${COUNTRY:-UZ}
DEEP_OFFSET=${DEEP_OFFSET:-500000}  # 10,000 pages of 50
COMMON_TERM=${COMMON_TERM:-cooperation}
ATTEMPTS=${ATTEMPTS:-3}           # tries per measurement when the machine is busy with others
MAX_OTHER=${MAX_OTHER:-10}        # % of the CPU others may take in a kept attempt
KEEP_DATA=${KEEP_DATA:-0}
# Settings for the database's sessions (API and pgbench alike), as ALTER
# DATABASE ... SET, e.g. DB_SETTINGS="max_parallel_workers_per_gather=0";
# empty: the server's defaults.
DB_SETTINGS=${DB_SETTINGS:-}
ONLY=${ONLY:-"list page1 deep search get export pgbench explain"}
OUT=${OUT:-$BENCH_DIR/results}
PGDATA_DIR=$BENCH_DIR/pgdata
SOCK=$BENCH_DIR/sock
API_BIN=/tmp/milmeet-api
DBURL="postgres://postgres@127.0.0.1:$PGPORT/milmeet?sslmode=disable"
BASE="http://127.0.0.1:$API_PORT"
API_PID=

NICE=${NICE:--10}                 # priority of everything the script starts (see below)

mkdir -p "$OUT" "$BENCH_DIR/bin"
exec > >(tee -a "$OUT/run.log") 2>&1
# The machine may be shared (other builds and test suites): the benchmark's
# processes (this script's children: cluster, API, wrk, pgbench) run at a
# higher priority so that others yield the CPU to them, and each run records
# the CPU the rest of the machine used meanwhile (other_cpu_pct).
if [ "$(id -u)" = 0 ] && [ "$NICE" != 0 ]; then renice -n "$NICE" -p $$ >/dev/null; fi
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
want() { [[ " $ONLY " == *" $1 "* ]]; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d milmeet "$@"; }

cleanup() {
	set +e
	if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
		kill "$API_PID"
		wait "$API_PID" 2>/dev/null
		log "API stopped"
	fi
	if [ -f "$PGDATA_DIR/postmaster.pid" ]; then
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && log "PostgreSQL stopped"
	fi
	if [ "$KEEP_DATA" != 1 ] && [ -d "$PGDATA_DIR" ]; then
		rm -rf "$PGDATA_DIR" "$SOCK"
		log "cluster data removed"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- tools -----------------------------------------------------------------
log "tools"
[ -x "$PGBIN/postgres" ] || { echo "no PostgreSQL server in $PGBIN (apt-get install postgresql)" >&2; exit 1; }
if ! command -v wrk >/dev/null; then
	apt-get install -y wrk >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y wrk >/dev/null; }
fi
for t in go pgbench psql curl wrk; do command -v $t >/dev/null || { echo "missing $t" >&2; exit 1; }; done
{
	echo "date: $(date -u +%FT%TZ)"
	echo "commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) (work tree may differ: $(git -C "$ROOT" status --short 2>/dev/null | wc -l) changed paths)"
	echo "nproc: $(nproc)"
	echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
	echo "memory: $(free -m | awk '/Mem:/{print $2" MiB"}')"
	echo "kernel: $(uname -r)"
	echo "postgres: $("$PGBIN/postgres" --version)"
	echo "go: $(go version)"
	echo "wrk: $(wrk -v 2>&1 | head -1)"
	echo "pgbench: $(pgbench --version)"
} | tee "$OUT/machine.txt"

# --- build -------------------------------------------------------------------
log "build"
(cd "$ROOT" && go build -o "$API_BIN" ./cmd/api && go build -o "$BENCH_DIR/bin/gen" ./bench/gen &&
	go build -o "$BENCH_DIR/bin/cursor" ./bench/cursor)

# --- cluster -------------------------------------------------------------------
if ss -ltn | awk '{print $4}' | grep -q ":$PGPORT\$"; then
	echo "port $PGPORT is in use: set PGPORT" >&2
	exit 1
fi
reuse=0
if [ -d "$PGDATA_DIR" ] && [ "$KEEP_DATA" = 1 ]; then
	reuse=1
	log "reusing the cluster in $PGDATA_DIR"
else
	rm -rf "$PGDATA_DIR" "$SOCK"
	mkdir -p "$PGDATA_DIR" "$SOCK"
	[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR" "$SOCK" && chmod 755 "$BENCH_DIR"
	log "initdb $PGDATA_DIR"
	as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	# Memory sized for a 24 GiB machine; durability off (it is a throwaway
	# cluster: it only changes how fast the load writes, the benchmarks only read).
	cat >>"$PGDATA_DIR/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PGPORT
unix_socket_directories = '$SOCK'
max_connections = 100
shared_buffers = 4GB
effective_cache_size = 16GB
maintenance_work_mem = 1GB
max_wal_size = 16GB
checkpoint_timeout = 30min
wal_level = minimal
max_wal_senders = 0
fsync = off
synchronous_commit = off
full_page_writes = off
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = top
track_io_timing = on
EOF
fi
log "start PostgreSQL on 127.0.0.1:$PGPORT"
touch "$BENCH_DIR/postgres.log"
[ "$(id -u)" = 0 ] && chown postgres: "$BENCH_DIR/postgres.log"
as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$BENCH_DIR/postgres.log" -w start >/dev/null
have=0
if [ $reuse = 1 ]; then
	have=$(psql_db -tAc "SELECT meetings FROM bench.loaded" 2>/dev/null || echo 0)
	[ -s "$BENCH_DIR/ids.txt" ] && [ -s "$BENCH_DIR/terms.env" ] || have=0
fi
if [ "${have:-0}" != "$MEETINGS" ]; then
	psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS milmeet" -c "CREATE DATABASE milmeet"
	log "migrate"
	DATABASE_URL=$DBURL "$API_BIN" migrate up
	log "load $MEETINGS meetings (bench/gen)"
	start=$(date +%s.%N)
	"$BENCH_DIR/bin/gen" -db "$DBURL" -meetings "$MEETINGS" -officials "$OFFICIALS" \
		-ids "$BENCH_DIR/ids.txt" -terms "$BENCH_DIR/terms.env" | tee "$OUT/gen.log"
	end=$(date +%s.%N)
	printf 'load_seconds\t%.1f\n' "$(echo "$end - $start" | bc)" | tee "$OUT/load.txt"
else
	log "the database holds the $have meetings of an earlier load: no load"
fi
# A role of its own for pgbench, so that pg_stat_statements tells its
# statements from the API's (same statement text, other user).
psql_db <<'EOF'
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bench_pgbench') THEN CREATE ROLE bench_pgbench LOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA bench TO bench_pgbench;
GRANT SELECT ON ALL TABLES IN SCHEMA public, bench TO bench_pgbench;
ALTER DATABASE milmeet RESET ALL;
EOF
for s in $DB_SETTINGS; do
	psql_db -c "ALTER DATABASE milmeet SET ${s%%=*} = '${s#*=}'"
done
echo "database settings: ${DB_SETTINGS:-(server defaults)}" | tee -a "$OUT/machine.txt"
# shellcheck disable=SC1091
. "$BENCH_DIR/terms.env"
RARE_Q=${RARE_TERM//+/ } # the rare term is a name: two words
psql_db -tAc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('milmeet'))" | tee -a "$OUT/machine.txt"

# --- API -----------------------------------------------------------------------
log "start the API on $BASE"
# The API and bench/cursor sign cursors with the same secret.
export CURSOR_SECRET=${CURSOR_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}
DATABASE_URL=$DBURL LOG_LEVEL=warn LOG_FORMAT=text "$API_BIN" serve -addr "127.0.0.1:$API_PORT" >"$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 100); do
	curl -sf "$BASE/readyz" >/dev/null 2>&1 && break
	sleep 0.2
done
curl -sf "$BASE/readyz" >/dev/null || { echo "the API did not start:" >&2; cat "$OUT/api.log" >&2; exit 1; }
echo "api: DB_MAX_CONNS default (max(4, CPUs) = $(( $(nproc) > 4 ? $(nproc) : 4 )))" | tee -a "$OUT/machine.txt"

# The cursor 10,000 pages deep, built as the API builds cursors.
mapfile -t deep < <("$BENCH_DIR/bin/cursor" -db "$DBURL" -offset "$DEEP_OFFSET")
DEEP_CURSOR=${deep[0]} DEEP_KEY=${deep[1]} DEEP_ID=${deep[2]}
ID1=$(head -1 "$BENCH_DIR/ids.txt")
# For EXPLAIN: a sampled meeting with a child meeting and an agreement.
MTG=$(psql_db -tAc "SELECT i.id FROM bench.ids i WHERE EXISTS (SELECT 1 FROM meetings c WHERE c.parent_id = i.id)
	AND EXISTS (SELECT 1 FROM agreements a WHERE a.meeting_id = i.id) ORDER BY i.n LIMIT 1")
LIST_URL="$BASE/meetings?country=$COUNTRY&limit=50"
PAGE1_URL="$BASE/meetings?limit=50"
DEEP_URL="$BASE/meetings?limit=50&cursor=$DEEP_CURSOR"
RARE_URL="$BASE/meetings?q=$RARE_TERM&limit=50"
MID_URL="$BASE/meetings?q=$MID_TERM&limit=50"
COMMON_URL="$BASE/meetings?q=$COMMON_TERM&limit=50"

# Sanity: every URL answers 200, the deep page is the page after the row at
# DEEP_OFFSET, and how many meetings each filter matches.
for u in "$LIST_URL" "$PAGE1_URL" "$DEEP_URL" "$RARE_URL" "$MID_URL" "$COMMON_URL" "$BASE/meetings/$ID1"; do
	code=$(curl -s -o /dev/null -w '%{http_code}' "$u")
	[ "$code" = 200 ] || { echo "$u answered $code" >&2; curl -s "$u" >&2; exit 1; }
done
first_api=$(curl -s "$DEEP_URL" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
first_sql=$(psql_db -tAc "SELECT id FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL ORDER BY sort_date DESC, id DESC OFFSET $DEEP_OFFSET LIMIT 1")
[ "$first_api" = "$first_sql" ] || { echo "deep page starts at $first_api, SQL says $first_sql" >&2; exit 1; }
{
	echo "deep page: cursor of row $DEEP_OFFSET (sort_date $DEEP_KEY, id $DEEP_ID); its first item is row $((DEEP_OFFSET + 1)) by SQL: ok"
	psql_db -tA <<EOF
SELECT 'matches country=$COUNTRY: ' || count(*) FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL
  AND EXISTS (SELECT 1 FROM delegations d WHERE d.meeting_id = m.id AND d.country = '$COUNTRY');
SELECT 'matches q=$RARE_Q (rare): ' || count(*) FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL
  AND search @@ websearch_to_tsquery('english', unaccent('$RARE_Q'));
SELECT 'matches q=$MID_TERM (mid): ' || count(*) FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL
  AND search @@ websearch_to_tsquery('english', unaccent('$MID_TERM'));
SELECT 'matches q=$COMMON_TERM (common): ' || count(*) FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL
  AND search @@ websearch_to_tsquery('english', unaccent('$COMMON_TERM'));
EOF
} | tee "$OUT/dataset.txt"

# --- load runs ---------------------------------------------------------------
RES=$OUT/results.tsv
printf 'test\tconns\trps\tp50_ms\tp95_ms\tp99_ms\tmax_ms\terrors\tnon2xx\tapi_vmhwm_mib\tapi_cpu_pct\tpg_cpu_pct\tloadgen_cpu_pct\tirq_cpu_pct\tother_cpu_pct\n' >"$RES"
printf '%s\tattempt\n' "$(head -1 "$RES")" >"$OUT/results-all.tsv"
psql_db -qc "SELECT pg_stat_statements_reset()" >/dev/null

field() { grep -o "$1=[0-9.]*" <<<"$2" | cut -d= -f2; }

# CPU accounting, in clock ticks: the whole machine (busy), interrupts
# (irq + softirq: mostly the loopback traffic itself, which no process is
# charged for), the API, and the cluster (the postmaster with the children it
# has reaped, and its live children). The load generator's own CPU comes
# from bash's time.
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
cpu_snap() {
	echo "$(machine_snap) $(proc_snap)"
}
# machine_snap: time, busy and interrupt ticks of the whole machine.
machine_snap() {
	echo "$(date +%s.%N) $(awk '/^cpu /{print $2+$3+$4+$7+$8+$9 " " $7+$8}' /proc/stat)"
}
# proc_snap: ticks of the API and of the cluster.
proc_snap() {
	local api=0 pg=0 pm
	[ -n "$API_PID" ] && api=$(awk '{print $14+$15}' "/proc/$API_PID/stat" 2>/dev/null || echo 0)
	pm=$(head -1 "$PGDATA_DIR/postmaster.pid")
	pg=$(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat")
	for p in $(pgrep -P "$pm"); do
		pg=$((pg + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$api $pg"
}
# end_snap: the machine when the load ends, the processes a second later,
# once the cluster has reaped the backends of the load's connections (their
# CPU then shows in the postmaster's cutime).
end_snap() {
	local m
	m=$(machine_snap)
	sleep 1
	echo "$m $(proc_snap)"
}
# cpu_pcts SNAP0 SNAP1 LOADGEN_CPU_SECONDS: API, cluster, load generator,
# interrupts and everything else, each in % of the whole machine.
cpu_pcts() {
	awk -v a="$1" -v b="$2" -v lg="$3" -v hz="$HZ" -v n="$NCPU" 'BEGIN {
		split(a, x, " "); split(b, y, " ");
		cap = (y[1] - x[1]) * hz * n / 100;
		irq = (y[3] - x[3]) / cap; api = (y[4] - x[4]) / cap; pg = (y[5] - x[5]) / cap; gen = lg * hz / cap;
		other = (y[2] - x[2]) / cap - irq - api - pg - gen; if (other < 0) other = 0;
		printf "%.0f\t%.0f\t%.0f\t%.0f\t%.0f", api, pg, gen, irq, other }'
}

# measure_wrk NAME CONNS URL [LUA]: a warm-up, then DURATION seconds
# measured; prints one results row.
measure_wrk() {
	local name=$1 c=$2 url=$3 script=${4:-$ROOT/bench/wrk/report.lua} out hwm r
	wrk -t2 -c"$c" -d"${WARMUP}s" --timeout 10s -s "$script" "$url" >/dev/null
	sleep 1 # let requests in flight finish: the snapshots are taken at rest
	echo 5 >"/proc/$API_PID/clear_refs" # resets VmHWM
	local s0 s1 t TIMEFORMAT='%3U %3S'
	s0=$(cpu_snap)
	t=$( { time wrk -t2 -c"$c" -d"${DURATION}s" --timeout 10s -s "$script" "$url" >"$OUT/wrk.out"; } 2>&1)
	s1=$(end_snap)
	out=$(cat "$OUT/wrk.out")
	hwm=$(awk '/VmHWM/{printf "%.1f", $2/1024}' "/proc/$API_PID/status")
	r=$(grep '^RESULT' <<<"$out")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$c" "$(field rps "$r")" "$(field p50_ms "$r")" \
		"$(field p95_ms "$r")" "$(field p99_ms "$r")" "$(field max_ms "$r")" "$(field errors "$r")" \
		"$(field non2xx "$r")" "$hwm" "$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
}

# measure_pgbench NAME CONNS SCRIPT [pgbench args]: the same SQL straight to
# the database, prepared, DURATION seconds after a warm-up. Latency
# percentiles from pgbench's per-transaction log.
measure_pgbench() {
	local name=$1 c=$2 script=$3
	shift 3
	local args=(-M prepared -n -c "$c" -j 2 -h 127.0.0.1 -p "$PGPORT" -U bench_pgbench -f "$ROOT/bench/pgbench/$script" "$@")
	pgbench "${args[@]}" -T "$WARMUP" milmeet >/dev/null 2>&1
	sleep 1
	local dir=$OUT/pgbench-log
	mkdir -p "$dir"
	rm -f "$dir/${name}_$c".*
	local out s0 s1 t TIMEFORMAT='%3U %3S'
	s0=$(cpu_snap)
	t=$( { time pgbench "${args[@]}" -T "$DURATION" -l --log-prefix="$dir/${name}_$c" milmeet >"$OUT/pgbench_${name}_$c.txt" 2>&1; } 2>&1)
	s1=$(end_snap)
	out=$(cat "$OUT/pgbench_${name}_$c.txt")
	local tps fails pct
	tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -1)
	fails=$(grep -oP 'number of failed transactions: \K[0-9]+' <<<"$out" || echo 0)
	pct=$(cat "$dir/${name}_$c".* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
		printf "%.2f\t%.2f\t%.2f\t%.2f", a[int(NR*0.50)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000}')
	printf '%s\t%s\t%.1f\t%s\t%s\t-\t-\t%s\n' "pgbench_$name" "$c" "$tps" "$pct" "$fails" \
		"$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
	rm -f "$dir/${name}_$c".*
}

# best_of MEASURE ARGS...: runs a measurement up to ATTEMPTS times, until
# the rest of the machine used at most MAX_OTHER % of the CPU meanwhile,
# and keeps the attempt it disturbed least. Every attempt is in
# results-all.tsv.
best_of() {
	local best="" row other bo=1000 i
	for i in $(seq 1 "$ATTEMPTS"); do
		row=$("$@")
		printf '%s\t%s\n' "$row" "$i" >>"$OUT/results-all.tsv"
		other=$(awk -F'\t' '{printf "%d", $NF}' <<<"$row")
		if [ "$other" -lt "$bo" ]; then bo=$other best=$row; fi
		[ "$other" -le "$MAX_OTHER" ] && break
		[ "$i" -lt "$ATTEMPTS" ] && log "${*:1:3}: other processes took ${other}% of the CPU: again"
	done
	echo "$best" | tee -a "$RES"
}
run_wrk() { best_of measure_wrk "$@"; }
run_pgbench() { best_of measure_pgbench "$@"; }

for c in $CONNS; do
	want list && run_wrk list_country "$c" "$LIST_URL"
	want page1 && run_wrk page1 "$c" "$PAGE1_URL"
	want deep && run_wrk deep_page "$c" "$DEEP_URL"
	if want search; then
		run_wrk search_rare "$c" "$RARE_URL"
		run_wrk search_mid "$c" "$MID_URL"
		run_wrk search_common "$c" "$COMMON_URL"
	fi
	want get && IDS_FILE=$BENCH_DIR/ids.txt run_wrk get_meeting "$c" "$BASE/meetings/$ID1" "$ROOT/bench/wrk/ids.lua"
done

if want pgbench; then
	for c in $CONNS; do
		run_pgbench list_country "$c" list_country.sql -D "countries={$COUNTRY}"
		run_pgbench page1 "$c" list_page1.sql
		run_pgbench deep_page "$c" list_deep.sql -D "key=$DEEP_KEY" -D "id=$DEEP_ID"
		run_pgbench search_rare "$c" search.sql -D "q=$RARE_Q"
		run_pgbench search_common "$c" search.sql -D "q=$COMMON_TERM"
		run_pgbench get_meeting "$c" get.sql
		run_pgbench get_lookup_only "$c" get_lookup.sql
	done
fi

# --- export --------------------------------------------------------------------
# measure_export: the whole NDJSON export of the top-level meetings, timed
# with curl, the API's RSS sampled every 0.2 s and its VmHWM read after.
measure_export() {
	local sampler s0 s1 start end counts hwm maxrss secs lines bytes
	echo 5 >"/proc/$API_PID/clear_refs"
	(
		while kill -0 "$API_PID" 2>/dev/null; do
			awk '/VmRSS/{print $2}' "/proc/$API_PID/status"
			sleep 0.2
		done
	) >"$OUT/export_rss.txt" &
	sampler=$!
	s0=$(cpu_snap)
	local t TIMEFORMAT='%3U %3S'
	start=$(date +%s.%N)
	t=$( { time (curl -sS --fail -N "$BASE/meetings?format=ndjson" | wc -lc >"$OUT/export.counts"); } 2>&1)
	end=$(date +%s.%N)
	counts=$(cat "$OUT/export.counts")
	s1=$(end_snap)
	kill "$sampler"
	wait "$sampler" 2>/dev/null || true
	hwm=$(awk '/VmHWM/{printf "%.1f", $2/1024}' "/proc/$API_PID/status")
	maxrss=$(sort -n "$OUT/export_rss.txt" | tail -1 | awk '{printf "%.1f", $1/1024}')
	secs=$(echo "$end - $start" | bc)
	read -r lines bytes <<<"$counts"
	printf 'export: %d lines, %d bytes in %.1f s; API VmHWM %s MiB, largest VmRSS sample %s MiB\n' \
		"$lines" "$bytes" "$secs" "$hwm" "$maxrss" >>"$OUT/export.txt"
	# rps: lines a second; max_ms: the whole export.
	printf 'export_ndjson\t1\t%.1f\t-\t-\t-\t%.0f\t-\t-\t%s\t%s\n' "$(echo "$lines / $secs" | bc -l)" \
		"$(echo "$secs * 1000" | bc)" "$hwm" "$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
}
if want export; then
	log "export: GET /meetings?format=ndjson (all top-level meetings)"
	best_of measure_export
	cat "$OUT/export.txt"
fi

# --- statements as the database saw them --------------------------------------------
psql_db -P pager=off >"$OUT/pg_stat_statements.txt" <<'EOF'
SELECT r.rolname AS "user", s.queryid, s.calls, round(s.mean_exec_time::numeric, 3) AS mean_ms,
    round(s.stddev_exec_time::numeric, 3) AS stddev_ms, s.rows / greatest(s.calls, 1) AS rows_per_call,
    left(regexp_replace(s.query, '\s+', ' ', 'g'), 110) AS query
FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
WHERE s.calls >= 100 ORDER BY s.total_exec_time DESC LIMIT 40;
EOF

# --- EXPLAIN ANALYZE -------------------------------------------------------------
if want explain; then
	log "EXPLAIN (ANALYZE, BUFFERS)"
	psql_db -P pager=off -v country="{$COUNTRY}" -v key="$DEEP_KEY" -v id="$DEEP_ID" -v rare="$RARE_Q" \
		-v common="$COMMON_TERM" -v mid="$MID_TERM" -v mtg="$MTG" -f "$ROOT/bench/explain.sql" >"$OUT/explain.txt" 2>&1
fi

# --- summary -------------------------------------------------------------------
python3 "$ROOT/bench/summary.py" "$RES" | tee "$OUT/summary.txt"
log "results in $OUT"
