#!/usr/bin/env bash
# The API's CPU per request with Go's collector at GOGC=100 (the runtime's
# default) and at serve's own settings (GOGC and GOMEMLIMIT unset: 400 and
# 512 MiB), interleaved, three times, on a 100k data set loaded and left
# running by
#   ONLY=load KEEP_RUNNING=1 SIZES=100000 BENCH_DIR=/tmp/mm PGPORT=56532 bench/run.sh
# CPU per request is the API process's utime+stime over a 10 s wrk run at
# 8 connections, divided by the requests it answered.
#   API=bin/api DBURL=postgres://postgres@127.0.0.1:56532/milmeet?sslmode=disable IDS=/tmp/mm/100000/ids.txt bench/evidence/2026-12-02/gc/run.sh
set -euo pipefail
: "${API:?the api binary}" "${DBURL:?URL of the data set}" "${IDS:?ids.txt of the data set}"
ADDR=127.0.0.1:18299
ID=$(head -1 "$IDS")
cpureq() { # PID URL: requests/s and API CPU ms per request
	local t0 t1 out n
	t0=$(awk '{print $14+$15}' "/proc/$1/stat")
	out=$(wrk -t2 -c8 -d10s "$2")
	t1=$(awk '{print $14+$15}' "/proc/$1/stat")
	n=$(echo "$out" | awk '/requests in/ {print $1}')
	echo "rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}') cpu_ms_per_req=$(echo "scale=3; ($t1-$t0)*1000/$(getconf CLK_TCK)/$n" | bc) load=$(cut -d' ' -f1 /proc/loadavg)"
}
for rep in 1 2 3; do
	for g in GOGC=100 UNSET=1; do
		env "$g" DATABASE_URL="$DBURL" LOG_LEVEL=warn "$API" serve -addr "$ADDR" >/dev/null 2>&1 &
		pid=$!
		sleep 2
		for path in "meetings?country=UZ&limit=50" "meetings?limit=50" "meetings/$ID"; do
			echo "rep=$rep $g path=$path $(cpureq "$pid" "http://$ADDR/$path")"
		done
		echo "rep=$rep $g $(grep VmHWM "/proc/$pid/status" | tr -s ' \t' ' ')"
		kill "$pid"; wait "$pid" || true
	done
done
