#!/usr/bin/env bash
# Measures the write path against DATABASE_URL (for the record, one holding
# the 1M meetings of bench/run.sh, kept with KEEP_DATA=1): an NDJSON import
# of N meetings through `api import`, and the same kind of meetings posted
# one request each to `api serve`. Prints both rates.
#   DATABASE_URL=postgres://... bench/ingest/run.sh [N] [POSTS]
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL}"
N=${1:-20000}
POSTS=${2:-1000}
PORT=${PORT:-18099}
tmp=$(mktemp -d)
api=""
trap '[ -n "$api" ] && kill "$api" 2>/dev/null; rm -rf "$tmp"' EXIT
go build -o "$tmp/api" ./cmd/api
go build -o "$tmp/ingest" ./bench/ingest
run=$(date +%s)
year=$((1900 + run % 40))   # apart from other runs' dates, before the data set's
"$tmp/ingest" -n "$N" -run "i$run" -year "$year" > "$tmp/m.ndjson"
ls -l "$tmp/m.ndjson" | awk '{print "import file:", $5, "bytes"}'
echo "meetings before: $(psql "$DATABASE_URL" -Atc 'select count(*) from meetings')"
/usr/bin/time -f "api import: %e s wall, %M KB max RSS" "$tmp/api" import "$tmp/m.ndjson" 2>"$tmp/import.err" >"$tmp/import.json" || true
grep -E '"(lines|stored|failed|seconds)"' "$tmp/import.json"
tail -1 "$tmp/import.err"
token=$("$tmp/api" keys create --name "ingest-$run" --scope write 2>/dev/null)
RATE_LIMIT_WRITES_PER_MINUTE=0 HTTP_ADDR=127.0.0.1:$PORT LOG_LEVEL=warn "$tmp/api" serve >/dev/null 2>&1 &
api=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
"$tmp/ingest" -n "$POSTS" -run "p$run" -year $((year + 45)) -post "http://127.0.0.1:$PORT" -token "$token"
"$tmp/api" keys revoke "ingest-$run" >/dev/null
