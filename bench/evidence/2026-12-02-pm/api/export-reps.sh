#!/bin/bash
# export-only reps: before/after APIs started fresh each rep, then psql \copy
set -u
export CURSOR_SECRET=0123456789abcdef0123456789abcdef0123456789abcdef
DBURL="postgres://postgres@127.0.0.1:55490/milmeet?sslmode=disable"
for rep in 1 2 3 4 5; do
  for build in before after; do
    bin=/tmp/p-api/api-main; [ $build = after ] && bin=/tmp/p-api/api-rev
    DATABASE_URL="$DBURL" LOG_LEVEL=warn "$bin" serve -no-migrate -addr 127.0.0.1:18494 >/dev/null 2>&1 &
    pid=$!; sleep 1.5
    echo "rep=$rep $build export $(/tmp/p-api/export.sh $build $pid 18494 | cut -d' ' -f2-) load=$(cut -d' ' -f1 /proc/loadavg)"
    kill $pid; wait $pid 2>/dev/null
  done
  s=$(date +%s.%N); n=$(psql "$DBURL" -XAtc "\copy (SELECT m.list_item FROM meetings m WHERE m.deleted_at IS NULL AND m.parent_id IS NULL ORDER BY m.sort_date DESC, m.id DESC) TO STDOUT" | wc -l)
  echo "rep=$rep psql_copy export wall_s=$(echo "$(date +%s.%N) - $s" | bc) lines=$n load=$(cut -d' ' -f1 /proc/loadavg)"
done
