#!/usr/bin/env bash
# Two builds of the API side by side on one data set, interleaved, REPS
# times: the list of the headline test (?country=UZ&limit=50), its
# revalidation (If-None-Match of its last answer -> 304), GET /meetings/{id}
# beside bench/minimal on the same statements, and the NDJSON export beside
# psql \copy of the same rows' stored items. CPU per request is the API
# process's (or bench/minimal's) utime+stime over a DURATION s wrk run at
# CONNS connections, divided by the requests it answered.
#
# The data set: bench/gen -meetings 100000 -officials 50000 -seed 1 into a
# database migrated by the newer build (the older ignores the columns it
# does not know):
#   BEFORE=bin/api-before AFTER=bin/api-after MINIMAL=bin/minimal \
#   DBURL=postgres://postgres@127.0.0.1:55490/milmeet?sslmode=disable IDS=ids.txt \
#   bench/evidence/2026-12-02-pm/api/run.sh
set -euo pipefail
: "${BEFORE:?older api binary}" "${AFTER:?newer api binary}" "${MINIMAL:?bench/minimal binary}"
: "${DBURL:?URL of the data set}" "${IDS:?ids.txt of the data set}"
REPS=${REPS:-3} DURATION=${DURATION:-12} CONNS=${CONNS:-8} EXPORTS=${EXPORTS:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../../../.." && pwd)
export CURSOR_SECRET=${CURSOR_SECRET:-0123456789abcdef0123456789abcdef0123456789abcdef}
export IDS_FILE=$IDS
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
# wrkcpu PID URL [wrk args...]: wrk's summary and the CPU per request.
wrkcpu() {
	local pid=$1 url=$2; shift 2
	wrk -t2 -c"$CONNS" -d3s "$@" "$url" >/dev/null 2>&1 || true
	local a b out n
	a=$(cpu "$pid")
	out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" "$@" "$url" | grep RESULT)
	b=$(cpu "$pid")
	n=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
	echo "${out#RESULT } cpu_ms_per_req=$(echo "scale=3; ($b-$a)*1000/$tick/$n" | bc) load=$(cut -d' ' -f1 /proc/loadavg)"
}
start() { # BINARY ADDR: starts an API, prints its pid
	DATABASE_URL="$DBURL" LOG_LEVEL=warn LOG_FORMAT=text "$1" serve -no-migrate -addr "$2" >/dev/null 2>&1 &
	local pid=$!
	for _ in $(seq 1 50); do curl -sf "http://$2/readyz" >/dev/null 2>&1 && break; sleep 0.2; done
	echo "$pid"
}
export_run() { # PID ADDR: wall seconds, lines, API CPU seconds, largest VmRSS
	local pid=$1 addr=$2 maxrss=0 r a b s e
	a=$(cpu "$pid"); s=$(date +%s.%N)
	curl -s "http://$addr/meetings?format=ndjson" | wc -l >"$TMP/lines" &
	local cp=$!
	while kill -0 "$cp" 2>/dev/null; do
		r=$(awk '/VmRSS/{print $2}' "/proc/$pid/status"); [ "$r" -gt "$maxrss" ] && maxrss=$r; sleep 0.2
	done
	wait "$cp"; e=$(date +%s.%N); b=$(cpu "$pid")
	echo "wall_s=$(echo "$e - $s" | bc) lines=$(cat "$TMP/lines") api_cpu_s=$(echo "scale=2; ($b-$a)/$tick" | bc) max_vmrss_kib=$maxrss"
}
TMP=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$TMP"' EXIT
MINADDR=127.0.0.1:18491
DATABASE_URL="$DBURL" "$MINIMAL" -addr "$MINADDR" >/dev/null 2>&1 &
MINPID=$!
sleep 1
LIST="meetings?country=UZ&limit=50"
for rep in $(seq 1 "$REPS"); do
	for build in before after; do
		bin=$BEFORE; [ "$build" = after ] && bin=$AFTER
		addr=127.0.0.1:18490
		pid=$(start "$bin" "$addr")
		echo "rep=$rep $build list_country $(wrkcpu "$pid" "http://$addr/$LIST" -s "$ROOT/bench/wrk/report.lua")"
		tag=$(curl -sI "http://$addr/$LIST" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
		echo "rep=$rep $build list_country_304 $(wrkcpu "$pid" "http://$addr/$LIST" -s "$ROOT/bench/wrk/report.lua" -H "If-None-Match: $tag")"
		echo "rep=$rep $build get_meeting $(wrkcpu "$pid" "http://$addr" -s "$ROOT/bench/wrk/ids.lua")"
		echo "rep=$rep minimal get_meeting $(wrkcpu "$MINPID" "http://$MINADDR" -s "$ROOT/bench/wrk/ids.lua")"
		if [ "$EXPORTS" = 1 ]; then
			echo "rep=$rep $build export $(export_run "$pid" "$addr") load=$(cut -d' ' -f1 /proc/loadavg)"
		fi
		kill "$pid"; wait "$pid" 2>/dev/null || true
	done
	if [ "$EXPORTS" = 1 ]; then
		s=$(date +%s.%N)
		n=$(psql "$DBURL" -XAtc "\copy (SELECT m.list_item FROM meetings m WHERE m.deleted_at IS NULL AND m.parent_id IS NULL ORDER BY m.sort_date DESC, m.id DESC) TO STDOUT" | wc -l)
		echo "rep=$rep psql_copy export wall_s=$(echo "$(date +%s.%N) - $s" | bc) lines=$n load=$(cut -d' ' -f1 /proc/loadavg)"
	fi
done
