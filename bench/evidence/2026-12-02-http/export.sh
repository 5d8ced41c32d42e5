#!/bin/bash
# One NDJSON export of every live top-level meeting through a freshly started
# API (serve -no-migrate, read-only), or "copy": psql \copy of the same
# rows' stored items. Wall time, lines, the API's CPU (utime+stime), the
# cluster's CPU (postmaster, reaped and live children), largest VmRSS.
#   export.sh NAME API_BINARY PORT; export.sh copy
# PGPORT and SIZE name the cluster (55432 and 100000, or 55433 and 1000000).
# Reps of export-100k.txt and export-1m.txt: prefetch = main at 7e75298, plain = the same with
# the loop without reading ahead, branch = that and the middleware in two layers.
# usage: export.sh NAME BINARY PORT  -> one export through a freshly started API
# prints wall_s lines api_cpu_s pg_cpu_s max_vmrss_kib
set -u
name=$1 bin=${2:-} port=${3:-}
PGPORT=${PGPORT:-55432} SIZE=${SIZE:-100000}
DB="postgres://postgres@127.0.0.1:$PGPORT/milmeet?sslmode=disable"
tick=$(getconf CLK_TCK)
pm=$(head -1 /tmp/milmeet-bench/$SIZE/pgdata/postmaster.pid)
pgcpu() { # the cluster's CPU: postmaster, its reaped children, its live children
  { awk '{print $14+$15+$16+$17}' /proc/$pm/stat; for c in $(pgrep -P $pm); do awk '{print $14+$15}' /proc/$c/stat 2>/dev/null; done; } | awk '{s+=$1} END{print s}'
}
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
export CURSOR_SECRET=0123456789abcdef0123456789abcdef0123456789abcdef
if [ "$name" = copy ]; then
  p0=$(pgcpu); s=$(date +%s.%N)
  n=$(psql "$DB" -XAtc "\copy (SELECT m.list_item FROM meetings m WHERE m.deleted_at IS NULL AND m.parent_id IS NULL ORDER BY m.sort_date DESC, m.id DESC) TO STDOUT" | wc -l)
  e=$(date +%s.%N); p1=$(pgcpu)
  echo "$name wall_s=$(echo "$e - $s" | bc) lines=$n api_cpu_s=- pg_cpu_s=$(echo "scale=2; ($p1-$p0)/$tick" | bc) max_vmrss_kib=- load=$(cut -d' ' -f1 /proc/loadavg)"
  exit
fi
DATABASE_URL="$DB&application_name=phttp-export" LOG_LEVEL=warn "$bin" serve -no-migrate -addr 127.0.0.1:$port >/dev/null 2>&1 &
pid=$!
for _ in $(seq 1 50); do curl -sf "http://127.0.0.1:$port/livez" >/dev/null 2>&1 && break; sleep 0.2; done
maxrss=0
a=$(cpu $pid); p0=$(pgcpu); s=$(date +%s.%N)
curl -s "http://127.0.0.1:$port/meetings?format=ndjson" | wc -l >${TMPDIR:-/tmp}/export-lines.$port &
cp=$!
while kill -0 $cp 2>/dev/null; do r=$(awk '/VmRSS/{print $2}' /proc/$pid/status); [ "$r" -gt "$maxrss" ] && maxrss=$r; sleep 0.1; done
wait $cp; e=$(date +%s.%N); b=$(cpu $pid); p1=$(pgcpu)
echo "$name wall_s=$(echo "$e - $s" | bc) lines=$(cat ${TMPDIR:-/tmp}/export-lines.$port) api_cpu_s=$(echo "scale=2; ($b-$a)/$tick" | bc) pg_cpu_s=$(echo "scale=2; ($p1-$p0)/$tick" | bc) max_vmrss_kib=$maxrss load=$(cut -d' ' -f1 /proc/loadavg)"
kill $pid; wait $pid 2>/dev/null
