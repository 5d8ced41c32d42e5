#!/usr/bin/env bash
# GET /meetings/{id} of two API builds beside bench/minimal on one data set,
# interleaved, REPS times, at each of CONNS connections: wrk's summary and
# the server process's CPU (utime+stime from /proc/PID/stat) per request.
# The servers are started by the caller (read-only: serve -no-migrate) and
# named by their pids and ports:
#   BEFORE=pid:port AFTER=pid:port MINIMAL=pid:port IDS_FILE=ids.txt \
#       bench/evidence/2026-12-02-http/get.sh
set -euo pipefail
: "${BEFORE:?pid:port}" "${AFTER:?pid:port}" "${MINIMAL:?pid:port}" "${IDS_FILE:?ids.txt}"
export IDS_FILE
REPS=${REPS:-3} DURATION=${DURATION:-10} CONNS=${CONNS:-"8 32"}
ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' "/proc/$1/stat"; }
point() { # NAME PID:PORT CONNS
	local pid=${2%%:*} port=${2##*:} a b out n
	wrk -t2 -c"$3" -d2s -s "$ROOT/bench/wrk/ids.lua" "http://127.0.0.1:$port" >/dev/null 2>&1 || true
	a=$(cpu "$pid")
	out=$(wrk -t2 -c"$3" -d"${DURATION}s" -s "$ROOT/bench/wrk/ids.lua" "http://127.0.0.1:$port" | grep RESULT)
	b=$(cpu "$pid")
	n=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
	echo "$1 conns=$3 ${out#RESULT } cpu_ms_per_req=$(echo "scale=3; ($b-$a)*1000/$tick/$n" | bc) load=$(cut -d' ' -f1 /proc/loadavg)"
}
for rep in $(seq 1 "$REPS"); do
	for c in $CONNS; do
		echo "rep=$rep $(point before "$BEFORE" "$c")"
		echo "rep=$rep $(point after "$AFTER" "$c")"
		echo "rep=$rep $(point minimal "$MINIMAL" "$c")"
	done
done
