#!/usr/bin/env bash
# bench/run.sh: benchmarks the milmeet API on synthetic data sets of
# 1,000,000 meetings (and smaller ones, side by side). It builds the API,
# starts a PostgreSQL cluster of its own for each data set (never the
# machine's server), migrates, loads the data with bench/gen, starts an API
# on each, and measures with wrk and pgbench, each run bounded in time, all
# traffic to 127.0.0.1. For every list it also captures the statements the
# API runs for one request, with their plans (EXPLAIN ANALYZE, BUFFERS, by
# auto_explain in the API's own sessions): rows walked and buffers are read
# from them, and pgbench runs those very statements with those values.
# Every process it starts is stopped on exit, and the clusters' data is
# removed unless KEEP_DATA=1.
#
#   bench/run.sh                              # 1M meetings, everything
#   SIZES="100000 1000000" bench/run.sh       # both data sets, each test on one then the other
#   KEEP_DATA=1 bench/run.sh                  # keep the loaded clusters; a second run with
#                                             # KEEP_DATA=1 reuses them and skips the load
#   ONLY="lists search" bench/run.sh          # some of: lists search get export mixed
#   ONLY=load KEEP_RUNNING=1 SIZES=100000 bench/run.sh
#                                             # load only, and leave the cluster running
#
# Data set N lives in $BENCH_DIR/N, its cluster on port PGPORT+i (i: its
# place in SIZES), its API on API_PORT+i. Results: $OUT (default
# $BENCH_DIR/results): summary.txt and run.log, and for each data set N:
# N/results.tsv, N/plans.tsv, N/capture/TEST.plan.txt (statements, values,
# plans), N/capture/TEST.sql (the pgbench script). docs/benchmarks.md
# explains them.
set -euo pipefail

ROOT=${ROOT:-$(cd "$(dirname "$0")/.." && pwd)}
BENCH_DIR=${BENCH_DIR:-/tmp/milmeet-bench}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT0=${PGPORT:-55432}
API_PORT0=${API_PORT:-18090}
# bench/minimal, the floor of GET /meetings/{id}: on MIN_PORT+i.
MIN_PORT0=${MIN_PORT:-$((API_PORT0 + 100))}
MEETINGS=${MEETINGS:-1000000}
SIZES=${SIZES:-$MEETINGS}
OFFICIALS=${OFFICIALS:-50000}
DURATION=${DURATION:-15}          # seconds measured per run
WARMUP=${WARMUP:-3}               # seconds of unmeasured load before each run
CONNS=${CONNS:-"8 32"}            # connections of the headline runs (country list, page 1, search, by id)
FILTER_CONNS=${FILTER_CONNS:-8}   # connections of the other lists' runs
PGBENCH_CONNS=${PGBENCH_CONNS:-8} # connections of pgbench runs
COUNTRY=${COUNTRY:-UZ}
COMMON_TERM=${COMMON_TERM:-cooperation}
LIMIT=50
ATTEMPTS=${ATTEMPTS:-3}           # tries per measurement when the machine is busy with others
MAX_OTHER=${MAX_OTHER:-10}        # % of the CPU others may take in a kept attempt
KEEP_DATA=${KEEP_DATA:-0}
# KEEP_RUNNING=1: the clusters are left running on exit (implies
# KEEP_DATA=1), for other tools to read; pg_ctl -D $BENCH_DIR/N/pgdata stop.
KEEP_RUNNING=${KEEP_RUNNING:-0}
[ "$KEEP_RUNNING" = 1 ] && KEEP_DATA=1
# Settings for the database's sessions (API and pgbench alike), as ALTER
# DATABASE ... SET, e.g. DB_SETTINGS="max_parallel_workers_per_gather=0";
# empty: the server's defaults.
DB_SETTINGS=${DB_SETTINGS:-}
ONLY=${ONLY:-"lists search get export mixed"}
MIXED_N=${MIXED_N:-5000}          # meetings of the import in the mixed run
OUT=${OUT:-$BENCH_DIR/results}
API_APP=milmeet-bench-api         # the API's application_name: its statements in the log
NICE=${NICE:--10}                 # priority of everything the script starts (see below)

mkdir -p "$OUT" "$BENCH_DIR/bin"
exec > >(tee -a "$OUT/run.log") 2>&1
# The machine may be shared (other builds and test suites): the benchmark's
# processes (this script's children: clusters, APIs, wrk, pgbench) run at a
# higher priority so that others yield the CPU to them, and each run records
# the CPU the rest of the machine used meanwhile (other_cpu_pct).
if [ "$(id -u)" = 0 ] && [ "$NICE" != 0 ]; then renice -n "$NICE" -p $$ >/dev/null; fi
log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
want() { [[ " $ONLY " == *" $1 "* ]]; }

as_pg() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d milmeet "$@"; }

# The data sets, each with its directory, ports and API.
declare -A IDX API_PIDS MIN_PIDS DEEP_CURSOR DEEP_KEY DEEP_ID ID1
i=0
for s in $SIZES; do IDX[$s]=$i; i=$((i + 1)); done
LARGEST=$(tr ' ' '\n' <<<"$SIZES" | sort -n | tail -1)
# use_size N: the globals of data set N (measure.sh reads them).
use_size() {
	SIZE=$1
	DDIR=$BENCH_DIR/$1
	PGDATA_DIR=$DDIR/pgdata
	SOCK=$DDIR/sock
	PGPORT=$((PGPORT0 + IDX[$1]))
	DBURL="postgres://postgres@127.0.0.1:$PGPORT/milmeet?sslmode=disable"
	BASE="http://127.0.0.1:$((API_PORT0 + IDX[$1]))"
	MIN_BASE="http://127.0.0.1:$((MIN_PORT0 + IDX[$1]))"
	API_PID=${API_PIDS[$1]:-}
	MIN_PID=${MIN_PIDS[$1]:-}
	SOUT=$OUT/$1
}
API_BIN=$BENCH_DIR/bin/api

cleanup() {
	set +e
	for s in $SIZES; do
		use_size "$s"
		if [ -n "$API_PID" ] && kill -0 "$API_PID" 2>/dev/null; then
			kill "$API_PID"
			wait "$API_PID" 2>/dev/null
			log "API of $s stopped"
		fi
		if [ -n "$MIN_PID" ] && kill -0 "$MIN_PID" 2>/dev/null; then
			kill "$MIN_PID"
			wait "$MIN_PID" 2>/dev/null
			log "bench/minimal of $s stopped"
		fi
		if [ -f "$PGDATA_DIR/postmaster.pid" ] && [ "$KEEP_RUNNING" != 1 ]; then
			as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null && log "PostgreSQL of $s stopped"
		fi
		if [ "$KEEP_DATA" != 1 ] && [ -d "$PGDATA_DIR" ]; then
			rm -rf "$PGDATA_DIR" "$SOCK"
			log "cluster data of $s removed"
		fi
	done
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
	echo "settings: SIZES=\"$SIZES\" ONLY=\"$ONLY\" TESTS_ONLY=\"${TESTS_ONLY:-}\" DURATION=$DURATION WARMUP=$WARMUP" \
		"ATTEMPTS=$ATTEMPTS MAX_OTHER=$MAX_OTHER CONNS=\"$CONNS\" COUNTS=${COUNTS:-1} KEEP_DATA=$KEEP_DATA" \
		"DB_SETTINGS=\"$DB_SETTINGS\""
} | tee "$OUT/machine.txt"

# --- build -------------------------------------------------------------------
log "build"
(cd "$ROOT" && go build -o "$API_BIN" ./cmd/api && go build -o "$BENCH_DIR/bin/gen" ./bench/gen &&
	go build -o "$BENCH_DIR/bin/cursor" ./bench/cursor && go build -o "$BENCH_DIR/bin/minimal" ./bench/minimal)
# The API and bench/cursor sign cursors with the same secret.
export CURSOR_SECRET=${CURSOR_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}

# shellcheck source=bench/measure.sh
. "$ROOT/bench/measure.sh"

# setup_size N: cluster, load and API of data set N.
setup_size() {
	use_size "$1"
	mkdir -p "$SOUT"
	if [ -f "$PGDATA_DIR/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" status >/dev/null 2>&1; then
		log "the cluster of $SIZE was left running: restart it"
		as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null
	fi
	if ss -ltn | awk '{print $4}' | grep -q ":$PGPORT\$"; then
		echo "port $PGPORT is in use: set PGPORT" >&2
		exit 1
	fi
	local reuse=0 have=0
	if [ -d "$PGDATA_DIR" ] && [ "$KEEP_DATA" = 1 ]; then
		reuse=1
		log "reusing the cluster in $PGDATA_DIR"
	else
		rm -rf "$PGDATA_DIR" "$SOCK"
		mkdir -p "$PGDATA_DIR" "$SOCK"
		[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR" "$SOCK" && chmod 755 "$BENCH_DIR" "$DDIR"
		log "initdb $PGDATA_DIR"
		as_pg "$PGBIN/initdb" -D "$PGDATA_DIR" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
	fi
	# Memory sized for a 24 GiB machine; durability off (a throwaway cluster:
	# it only changes how fast the load writes). auto_explain is loaded but
	# off (log_min_duration -1): capture turns it on around one request.
	# Logs: csvlog in pgdata/log, whose lines name the application.
	mkdir -p "$SOCK"
	[ "$(id -u)" = 0 ] && chown postgres: "$SOCK"
	cat >"$PGDATA_DIR/bench.conf" <<CONF
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
shared_preload_libraries = 'pg_stat_statements,auto_explain'
pg_stat_statements.track = top
track_io_timing = on
auto_explain.log_min_duration = -1
auto_explain.log_analyze = on
auto_explain.log_buffers = on
auto_explain.log_timing = on
auto_explain.log_format = json
logging_collector = on
log_destination = 'csvlog'
log_directory = 'log'
log_filename = 'postgres.log'
log_rotation_age = 0
log_rotation_size = 0
CONF
	grep -q "^include_if_exists = 'bench.conf'" "$PGDATA_DIR/postgresql.conf" ||
		echo "include_if_exists = 'bench.conf'" >>"$PGDATA_DIR/postgresql.conf"
	[ "$(id -u)" = 0 ] && chown postgres: "$PGDATA_DIR/bench.conf"
	log "start PostgreSQL of $SIZE on 127.0.0.1:$PGPORT"
	touch "$DDIR/postgres.log"
	[ "$(id -u)" = 0 ] && chown postgres: "$DDIR/postgres.log"
	as_pg "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$DDIR/postgres.log" -w start >/dev/null
	if [ $reuse = 1 ]; then
		have=$(psql_db -tAc "SELECT meetings FROM bench.loaded" 2>/dev/null || echo 0)
		[ -s "$DDIR/ids.txt" ] && [ -s "$DDIR/terms.env" ] || have=0
	fi
	if [ "${have:-0}" != "$SIZE" ]; then
		psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS milmeet" -c "CREATE DATABASE milmeet"
		log "migrate"
		DATABASE_URL=$DBURL "$API_BIN" migrate up
		log "load $SIZE meetings (bench/gen)"
		local start end
		start=$(date +%s.%N)
		"$BENCH_DIR/bin/gen" -db "$DBURL" -meetings "$SIZE" -officials "$OFFICIALS" \
			-ids "$DDIR/ids.txt" -terms "$DDIR/terms.env" | tee "$SOUT/gen.log"
		end=$(date +%s.%N)
		printf 'load_seconds\t%.1f\n' "$(echo "$end - $start" | bc)" | tee "$SOUT/load.txt"
	else
		log "the database holds the $have meetings of an earlier load: no load"
		# Migrations that came after the load.
		DATABASE_URL=$DBURL "$API_BIN" migrate up
	fi
	# Roles of their own for pgbench and bench/minimal, so that
	# pg_stat_statements tells their statements from the API's (same
	# statement text, other user).
	psql_db <<'SQL'
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bench_pgbench') THEN CREATE ROLE bench_pgbench LOGIN; END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'bench_minimal') THEN CREATE ROLE bench_minimal LOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA bench TO bench_pgbench;
GRANT SELECT ON ALL TABLES IN SCHEMA public, bench TO bench_pgbench, bench_minimal;
ALTER DATABASE milmeet RESET ALL;
SQL
	for s in $DB_SETTINGS; do
		psql_db -c "ALTER DATABASE milmeet SET ${s%%=*} = '${s#*=}'"
	done
	psql_db -tAc "SELECT '$SIZE: database size ' || pg_size_pretty(pg_database_size('milmeet'))" | tee -a "$OUT/machine.txt"
	[ "$ONLY" = load ] && { log "loaded: $DBURL"; return; }

	log "start the API of $SIZE on $BASE"
	DATABASE_URL="$DBURL&application_name=$API_APP" LOG_LEVEL=warn LOG_FORMAT=text \
		"$API_BIN" serve -addr "${BASE#http://}" >"$SOUT/api.log" 2>&1 &
	API_PID=$!
	API_PIDS[$SIZE]=$API_PID
	for _ in $(seq 1 100); do
		curl -sf "$BASE/readyz" >/dev/null 2>&1 && break
		sleep 0.2
	done
	curl -sf "$BASE/readyz" >/dev/null || { echo "the API did not start:" >&2; cat "$SOUT/api.log" >&2; exit 1; }
	if want get; then
		log "start bench/minimal of $SIZE on $MIN_BASE"
		DATABASE_URL="postgres://bench_minimal@127.0.0.1:$PGPORT/milmeet?sslmode=disable&application_name=milmeet-bench-minimal" \
			"$BENCH_DIR/bin/minimal" -addr "${MIN_BASE#http://}" >"$SOUT/minimal.log" 2>&1 &
		MIN_PID=$!
		MIN_PIDS[$SIZE]=$MIN_PID
		local id1
		id1=$(head -1 "$DDIR/ids.txt")
		for _ in $(seq 1 100); do
			curl -sf "$MIN_BASE/meetings/$id1" >/dev/null 2>&1 && break
			sleep 0.2
		done
		curl -sf "$MIN_BASE/meetings/$id1" >/dev/null || { echo "bench/minimal did not start:" >&2; cat "$SOUT/minimal.log" >&2; exit 1; }
	fi
	# The cursor of the page half way down the list, built as the API builds cursors.
	local deep
	mapfile -t deep < <("$BENCH_DIR/bin/cursor" -db "$DBURL" -offset $((SIZE / 2)))
	DEEP_CURSOR[$SIZE]=${deep[0]} DEEP_KEY[$SIZE]=${deep[1]} DEEP_ID[$SIZE]=${deep[2]}
	ID1[$SIZE]=$(head -1 "$DDIR/ids.txt")
	local first_api first_sql
	first_api=$(curl -s "$BASE/meetings?limit=$LIMIT&cursor=${deep[0]}" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"][0]["id"])')
	first_sql=$(psql_db -tAc "SELECT id FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL ORDER BY sort_date DESC, id DESC OFFSET $((SIZE / 2)) LIMIT 1")
	[ "$first_api" = "$first_sql" ] || { echo "$SIZE: deep page starts at $first_api, SQL says $first_sql" >&2; exit 1; }
	echo "$SIZE: deep page: cursor of row $((SIZE / 2)) (sort_date ${deep[1]}, id ${deep[2]}); its first item is the next row by SQL: ok" |
		tee -a "$OUT/dataset.txt"
}

for s in $SIZES; do setup_size "$s"; done
[ "$ONLY" = load ] && exit 0

# --- what the lists ask for --------------------------------------------------
# Chosen on the largest data set and asked of each: the countries of rank 1,
# 25 and 150 by meetings, a year half way down the list and a month of it,
# a topic of middle rank, the rarest kind; the search terms bench/gen found.
use_size "$LARGEST"
if [ ! -s "$DDIR/params.env" ]; then
	psql_db -tA >"$DDIR/params.env" <<'SQL'
WITH c AS (SELECT substr(facet, 3) AS c, row_number() OVER (ORDER BY count(*) DESC, facet) AS r
           FROM meeting_facets WHERE facet >= 'c:' AND facet < 'c;' GROUP BY facet),
     t AS (SELECT substr(facet, 3) AS t, row_number() OVER (ORDER BY count(*) DESC, facet) AS r
           FROM meeting_facets WHERE facet >= 't:' AND facet < 't;' GROUP BY facet),
     k AS (SELECT substr(facet, 3) AS k FROM meeting_facets WHERE facet >= 'k:' AND facet < 'k;'
           GROUP BY facet ORDER BY count(*), facet LIMIT 1),
     y AS (SELECT extract(year FROM sort_date)::int AS y FROM meetings
           WHERE deleted_at IS NULL AND parent_id IS NULL AND sort_date > '-infinity' ORDER BY sort_date DESC
           OFFSET (SELECT count(*) / 2 FROM meetings WHERE deleted_at IS NULL AND parent_id IS NULL) LIMIT 1)
SELECT 'C1=' || (SELECT c FROM c WHERE r = 1) UNION ALL
SELECT 'C25=' || (SELECT c FROM c WHERE r = least(25, (SELECT max(r) FROM c))) UNION ALL
SELECT 'C150=' || (SELECT c FROM c WHERE r = least(150, (SELECT max(r) FROM c))) UNION ALL
SELECT 'TOPIC=' || (SELECT t FROM t WHERE r = (SELECT (max(r) + 1) / 2 FROM t)) UNION ALL
SELECT 'KIND=' || (SELECT k FROM k) UNION ALL
SELECT 'YEAR=' || (SELECT y FROM y);
SQL
fi
# shellcheck disable=SC1091
. "$DDIR/params.env"
# shellcheck disable=SC1091
. "$DDIR/terms.env"
MONTH=$YEAR-06
cat "$DDIR/params.env" "$DDIR/terms.env" | tee -a "$OUT/dataset.txt"

# The tests: name, connections, query string (DEEP: the deep page's
# cursor of each data set).
TESTS=(
	"page1|$CONNS|limit=$LIMIT"
	"deep_page|$FILTER_CONNS|limit=$LIMIT&cursor=DEEP"
	"list_country|$CONNS|country=$COUNTRY&limit=$LIMIT"
	"country_r1|$FILTER_CONNS|country=$C1&limit=$LIMIT"
	"country_r25|$FILTER_CONNS|country=$C25&limit=$LIMIT"
	"country_r150|$FILTER_CONNS|country=$C150&limit=$LIMIT"
	"country_partner|$FILTER_CONNS|country=$C25&partner=$C1&limit=$LIMIT"
	"two_countries|$FILTER_CONNS|country=$C25,$C150&limit=$LIMIT"
	"year|$FILTER_CONNS|from=$YEAR&to=$YEAR&limit=$LIMIT"
	"month|$FILTER_CONNS|from=$MONTH&to=$MONTH&limit=$LIMIT"
	"country_year|$FILTER_CONNS|country=$C25&from=$YEAR&to=$YEAR&limit=$LIMIT"
	"topic|$FILTER_CONNS|topic=$TOPIC&limit=$LIMIT"
	"kind|$FILTER_CONNS|kind=$KIND&limit=$LIMIT"
	"country_kind|$FILTER_CONNS|country=$C1&kind=$KIND&limit=$LIMIT"
	"search_rare|$CONNS|q=$RARE_TERM&limit=$LIMIT"
	"search_mid|$CONNS|q=$MID_TERM&limit=$LIMIT"
	"search_common|$CONNS|q=$COMMON_TERM&limit=$LIMIT"
	"search_country|$FILTER_CONNS|q=$MID_TERM&country=$C1&limit=$LIMIT"
)
if ! want lists; then
	mapfile -t TESTS < <(printf '%s\n' "${TESTS[@]}" | grep '^search_')
fi
want search || mapfile -t TESTS < <(printf '%s\n' "${TESTS[@]}" | grep -v '^search_')
# TESTS_ONLY="year month ...": only these of the tests above.
if [ -n "${TESTS_ONLY:-}" ]; then
	mapfile -t TESTS < <(printf '%s\n' "${TESTS[@]}" | grep -E "^($(tr ' ' '|' <<<"$TESTS_ONLY"))\|")
fi

RES_HEADER='test\tconns\trps\tp50_ms\tp95_ms\tp99_ms\tmax_ms\terrors\tnon2xx\tapi_vmhwm_mib\tapi_cpu_pct\tpg_cpu_pct\tloadgen_cpu_pct\tirq_cpu_pct\tother_cpu_pct\n'
for s in $SIZES; do
	use_size "$s"
	# shellcheck disable=SC2059
	printf "$RES_HEADER" >"$SOUT/results.tsv"
	printf '%s\tattempt\n' "$(head -1 "$SOUT/results.tsv")" >"$SOUT/results-all.tsv"
	rm -f "$SOUT/plans.tsv"
	psql_db -qc "SELECT pg_stat_statements_reset()" >/dev/null
	# Every list answers 200.
	for t in "${TESTS[@]}"; do
		IFS='|' read -r name _ qs <<<"$t"
		[ "$name" = deep_page ] && continue
		n=$(curl -s "$BASE/meetings?$qs" -o /dev/null -w '%{http_code}')
		[ "$n" = 200 ] || { echo "$s: $BASE/meetings?$qs answered $n" >&2; curl -s "$BASE/meetings?$qs" >&2; exit 1; }
	done
	# How many meetings the facets and terms match, for the record
	# (COUNTS=0: not counted; at 1M the term counts take minutes).
	[ "${COUNTS:-1}" = 1 ] || continue
	psql_db -tA -v c1="c:$C1" -v c25="c:$C25" -v c150="c:$C150" -v cc="c:$COUNTRY" -v pair="p:$C25:$C1" \
		-v topic="t:$TOPIC" -v kind="k:$KIND" -v rare="${RARE_TERM//+/ }" -v mid="$MID_TERM" -v common="$COMMON_TERM" <<'SQL' |
SELECT facet || ': ' || count(*) FROM meeting_facets
WHERE facet IN (:'c1', :'c25', :'c150', :'cc', :'pair', :'topic', :'kind') GROUP BY facet ORDER BY facet;
SELECT 'q=' || t || ': ' || (SELECT count(*) FROM meetings m WHERE deleted_at IS NULL AND parent_id IS NULL
    AND search @@ websearch_to_tsquery('english', unaccent(t)))
FROM unnest(ARRAY[:'rare', :'mid', :'common']) t;
SQL
		sed "s/^/$s: /" | tee -a "$OUT/dataset.txt"
done

# run_test NAME CONNS QS: on each data set in turn: wrk at each of CONNS,
# the capture of one request, and pgbench of the captured statements.
run_test() {
	local name=$1 conns=$2 qs=$3 s c url pgargs
	log "$name: /meetings?$qs"
	for s in $SIZES; do
		use_size "$s"
		url="$BASE/meetings?${qs/cursor=DEEP/cursor=${DEEP_CURSOR[$s]}}"
		for c in $conns; do
			best_of measure_wrk "$name" "$c" "$url"
		done
		capture "$name" "$url"
		mapfile -t pgargs < <(plans "$name" "$LIMIT")
		for c in $PGBENCH_CONNS; do
			best_of measure_pgbench "$name" "$c" "$SOUT/capture/$name.sql" "${pgargs[@]}"
		done
	done
}
for t in "${TESTS[@]}"; do
	IFS='|' read -r name conns qs <<<"$t"
	run_test "$name" "$conns" "$qs"
done

# A cached read: the country list asked again with the ETag of its last
# answer in If-None-Match (a client's or a proxy's revalidation); the
# answer is 304 with no body.
if want lists; then
	log "list_country_304: /meetings?country=$COUNTRY&limit=$LIMIT with If-None-Match"
	for s in $SIZES; do
		use_size "$s"
		url="$BASE/meetings?country=$COUNTRY&limit=$LIMIT"
		tag=$(curl -s -o /dev/null -D - "$url" | tr -d '\r' | awk -F': ' 'tolower($1) == "etag" {print $2}')
		n=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $tag" "$url")
		[ "$n" = 304 ] || { echo "$s: $url with If-None-Match: $tag answered $n, not 304" >&2; exit 1; }
		for c in $CONNS; do
			WRK_HEADER="If-None-Match: $tag" best_of measure_wrk list_country_304 "$c" "$url"
		done
	done
fi

if want get; then
	log "get_meeting: /meetings/{id} over the sampled ids"
	for s in $SIZES; do
		use_size "$s"
		# The API and bench/minimal (the same statements, nothing else) in
		# turn, at each number of connections.
		for c in $CONNS; do
			IDS_FILE=$DDIR/ids.txt best_of measure_wrk get_meeting "$c" "$BASE/meetings/${ID1[$s]}" "$ROOT/bench/wrk/ids.lua"
			IDS_FILE=$DDIR/ids.txt API_PID=$MIN_PID best_of measure_wrk get_minimal "$c" "$MIN_BASE/meetings/${ID1[$s]}" \
				"$ROOT/bench/wrk/ids.lua"
		done
		# bench/minimal ran the API's statements: every one of its
		# statements has a queryid (the hash of the parsed statement) the
		# API's role has too.
		psql_db -tA >"$SOUT/minimal_statements.txt" <<'SQL'
SELECT count(*) FILTER (WHERE a.queryid IS NOT NULL) || ' of ' || count(*) || ' statements of bench/minimal also run by the API'
FROM (SELECT DISTINCT queryid FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
      WHERE r.rolname = 'bench_minimal') m
LEFT JOIN (SELECT DISTINCT queryid FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
           WHERE r.rolname = 'postgres') a USING (queryid);
SQL
		sed "s/^/$s: /" "$SOUT/minimal_statements.txt" | tee -a "$OUT/dataset.txt"
		capture get_meeting "$BASE/meetings/${ID1[$s]}"
		# pgbench: the captured statements, the id drawn from bench.ids.
		mapfile -t pgargs < <(ID="${ID1[$s]}" plans get_meeting 1)
		for c in $PGBENCH_CONNS; do
			best_of measure_pgbench get_meeting "$c" "$SOUT/capture/get_meeting.sql" "${pgargs[@]}"
		done
	done
fi

if want export; then
	for s in $SIZES; do
		use_size "$s"
		log "export of $s: GET /meetings?format=ndjson (all top-level meetings), and psql \\copy of the same items"
		best_of measure_export
		best_of measure_copy
	done
fi

# --- mixed: reads beside an import ----------------------------------------------
# On the largest data set: an import of MIXED_N meetings alone, then the
# same kind of import while wrk reads the country list and a search; the
# reads alone are the runs above.
if want mixed; then
	use_size "$LARGEST"
	log "mixed: import of $MIXED_N meetings alone, then beside reads"
	(cd "$ROOT" && go build -o "$BENCH_DIR/bin/ingest" ./bench/ingest)
	run=$(date +%s)
	import_once() { # TAG YEAR: the import's seconds
		"$BENCH_DIR/bin/ingest" -n "$MIXED_N" -run "$1$run" -year "$2" >"$BENCH_DIR/mixed.ndjson"
		local t0 t1
		t0=$(date +%s.%N)
		DATABASE_URL=$DBURL "$API_BIN" import "$BENCH_DIR/mixed.ndjson" >"$SOUT/import_$1.json" 2>"$SOUT/import_$1.err" || true
		t1=$(date +%s.%N)
		echo "$t1 - $t0" | bc
	}
	secs=$(import_once ma $((1900 + run % 20)))
	printf 'import_alone\t1\t%.1f\t-\t-\t-\t%.0f\n' "$(echo "$MIXED_N / $secs" | bc -l)" "$(echo "$secs * 1000" | bc)" |
		tee -a "$SOUT/results.tsv"
	secs_file=$BENCH_DIR/mixed.secs
	(import_once mb $((1920 + run % 20)) >"$secs_file") &
	imp=$!
	d0=$DURATION
	DURATION=$(printf '%.0f' "$(echo "$(awk '{print $1}' <<<"$secs") + 2" | bc)")
	best_of measure_wrk mixed_list_country 8 "$BASE/meetings?country=$COUNTRY&limit=$LIMIT" >/dev/null &
	w1=$!
	ATTEMPTS=1 measure_wrk mixed_search_mid 8 "$BASE/meetings?q=$MID_TERM&limit=$LIMIT" >"$BENCH_DIR/mixed_search.row"
	wait "$w1" "$imp"
	DURATION=$d0
	tee -a "$SOUT/results.tsv" <"$BENCH_DIR/mixed_search.row"
	secs=$(cat "$secs_file")
	printf 'import_beside_reads\t1\t%.1f\t-\t-\t-\t%.0f\n' "$(echo "$MIXED_N / $secs" | bc -l)" "$(echo "$secs * 1000" | bc)" |
		tee -a "$SOUT/results.tsv"
	grep -hE '"(lines|stored|failed)"' "$SOUT"/import_m?.json || true
fi

# --- statements as the database saw them --------------------------------------------
for s in $SIZES; do
	use_size "$s"
	psql_db -P pager=off >"$SOUT/pg_stat_statements.txt" <<'SQL'
SELECT r.rolname AS "user", s.queryid, s.calls, round(s.mean_exec_time::numeric, 3) AS mean_ms,
    round(s.stddev_exec_time::numeric, 3) AS stddev_ms, s.rows / greatest(s.calls, 1) AS rows_per_call,
    round(s.shared_blks_hit::numeric / greatest(s.calls, 1), 1) AS hit_per_call,
    left(regexp_replace(s.query, '\s+', ' ', 'g'), 110) AS query
FROM pg_stat_statements s JOIN pg_roles r ON r.oid = s.userid
WHERE s.calls >= 100 ORDER BY s.total_exec_time DESC LIMIT 40;
SQL
done

# --- summary -------------------------------------------------------------------
python3 "$ROOT/bench/summary.py" "$OUT" $SIZES | tee "$OUT/summary.txt"
log "results in $OUT"
