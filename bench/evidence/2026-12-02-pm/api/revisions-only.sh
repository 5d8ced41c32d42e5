#!/bin/bash
# the 304 and the 200 of ?country=UZ&limit=50: build "after" (3d86f71) and "after2" (revisions read alone), interleaved
export CURSOR_SECRET=0123456789abcdef0123456789abcdef0123456789abcdef
DBURL="postgres://postgres@127.0.0.1:55490/milmeet?sslmode=disable"
U="meetings?country=UZ&limit=50"
for rep in 1 2 3; do
  for build in after after2; do
    bin=/tmp/p-api/api-rev; [ $build = after2 ] && bin=/tmp/p-api/api-rev2
    DATABASE_URL="$DBURL" LOG_LEVEL=warn "$bin" serve -no-migrate -addr 127.0.0.1:18495 >/dev/null 2>&1 &
    pid=$!; sleep 1.5
    tag=$(curl -sI "http://127.0.0.1:18495/$U" | awk 'tolower($1)=="etag:" {print $2}' | tr -d '\r')
    SCRIPT=/work/wt/p-api/bench/wrk/report.lua /tmp/p-api/cpureq.sh $pid 8 3 "http://127.0.0.1:18495/$U" "If-None-Match: $tag" >/dev/null
    pg0=$(for p in $(pgrep -f "postgres: postgres milmeet 127.0.0.1"); do awk '{print $14+$15}' /proc/$p/stat; done | paste -sd+ | bc)
    echo "rep=$rep $build list_country_304 $(SCRIPT=/work/wt/p-api/bench/wrk/report.lua /tmp/p-api/cpureq.sh $pid 8 10 "http://127.0.0.1:18495/$U" "If-None-Match: $tag" | sed 's/RESULT //') load=$(cut -d' ' -f1 /proc/loadavg)"
    echo "rep=$rep $build list_country $(SCRIPT=/work/wt/p-api/bench/wrk/report.lua /tmp/p-api/cpureq.sh $pid 8 10 "http://127.0.0.1:18495/$U" | sed 's/RESULT //') load=$(cut -d' ' -f1 /proc/loadavg)"
    kill $pid; wait $pid 2>/dev/null
  done
done
