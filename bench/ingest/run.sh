#!/usr/bin/env bash
# Measures the write path in one run, each measurement in a fresh copy of
# the database DATABASE_URL names (CREATE DATABASE ... TEMPLATE; migrated,
# empty or holding a data set of bench/gen; nothing may be connected to it):
#   - `api import` of N generated meetings (the POST /meetings shape), for
#     each N in SIZES: its rate, meetings a second;
#   - the floor of that import: the same file's rows written with COPY
#     (`ingest -floor`, floor.go), with their search documents;
#   - POSTS of the same kind of meetings posted one request each to
#     `api serve`;
# REPS times, interleaved, then the ratios: import / floor, import / POST,
# and the rate at the first size over the rate at the last (linearity).
# With pg_stat_statements in the database, the statements of each import
# and each floor are printed after it, by total time.
#   DATABASE_URL=postgres://.../template SIZES="2000 20000" POSTS=1000 REPS=2 bench/ingest/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL to the database to copy}"
SIZES=${SIZES:-"2000 20000"}
POSTS=${POSTS:-1000}
REPS=${REPS:-1}
PORT=${PORT:-18099}
TOP=${TOP:-12}
tmp=$(mktemp -d)
api=""
copy=""
base=${DATABASE_URL%/*}
template=${DATABASE_URL##*/}
template=${template%%\?*}
export PGOPTIONS="-c client_min_messages=warning"
cleanup() {
	[ -n "$api" ] && kill "$api" 2>/dev/null && wait "$api" 2>/dev/null
	[ -n "$copy" ] && psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $copy" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/api" ./cmd/api
go build -o "$tmp/ingest" ./bench/ingest
for n in $SIZES; do
	# Dates from 1950 on, before any of bench/gen's (2001 on).
	"$tmp/ingest" -n "$n" -run "i$n" -year 1950 > "$tmp/m$n.ndjson"
done

# fresh: a new copy of the template, its URL in $url.
fresh() {
	copy="ingest_copy_$$"
	psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $copy" -c "CREATE DATABASE $copy TEMPLATE $template"
	url="$base/$copy"
	psql "$url" -qAtc "VACUUM ANALYZE" >/dev/null
}
drop() { psql "$base/postgres" -qc "DROP DATABASE $copy"; copy=""; }
statements() {
	psql "$url" -qAtc "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'" 2>/dev/null | grep -q 1 || return 0
	psql "$url" -P pager=off -c "SELECT calls, round(total_exec_time::numeric) AS ms, rows,
	    shared_blks_hit + shared_blks_read AS buffers, left(regexp_replace(query, '\s+', ' ', 'g'), 90) AS statement
	  FROM pg_stat_statements WHERE toplevel AND dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
	  ORDER BY total_exec_time DESC LIMIT $TOP"
}
reset_statements() {
	psql "$url" -qAtc "SELECT pg_stat_statements_reset()" >/dev/null 2>&1 || true
}

echo "template: $template, $(psql "$DATABASE_URL" -Atc 'SELECT count(*) FROM meetings') meetings; sizes: $SIZES; posts: $POSTS; reps: $REPS"
results=$tmp/results.tsv
for rep in $(seq "$REPS"); do
	for n in $SIZES; do
		fresh
		reset_statements
		echo "== rep $rep: api import of $n meetings (load: $(cut -d' ' -f1-3 /proc/loadavg))"
		DATABASE_URL=$url /usr/bin/time -f "%e s wall, %U s user, %M KB max RSS" "$tmp/api" import "$tmp/m$n.ndjson" \
			2>"$tmp/import.err" >"$tmp/import.json" || true
		grep -E '"(lines|stored|failed|seconds)"' "$tmp/import.json" | tr -d ' ,' | paste -sd' '
		tail -1 "$tmp/import.err"
		secs=$(sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$tmp/import.json")
		stored=$(sed -n 's/.*"stored": \([0-9]*\).*/\1/p' "$tmp/import.json")
		printf 'import\t%s\t%s\t%s\t%s\n' "$n" "$stored" "$secs" "$rep" >> "$results"
		# The progress lines (lines read and their rate after each chunk)
		# give the rate of the first and the last 2,000 lines of the run.
		python3 - "$tmp/import.err" <<'PY'
import re, sys
pts = [(int(n), int(r)) for n, r in re.findall(r"(\d+) lines, \d+ stored, (\d+) lines/s", open(sys.argv[1]).read())]
t = [(n, n / r) for n, r in pts if r > 0]
if len(t) >= 8 and t[-1][0] >= 4000:
    first = next(x for x in t if x[0] >= 2000)
    last = next(x for x in t if x[0] >= t[-1][0] - 2000)
    print(f"within the run: lines 1-{first[0]} at {first[0] / first[1]:.0f}/s, "
          f"lines {last[0] + 1}-{t[-1][0]} at {(t[-1][0] - last[0]) / (t[-1][1] - last[1]):.0f}/s")
PY
		statements
		drop
		fresh
		reset_statements
		echo "== rep $rep: floor of $n meetings (load: $(cut -d' ' -f1-3 /proc/loadavg))"
		"$tmp/ingest" -floor "$tmp/m$n.ndjson" -db "$url" | tee "$tmp/floor.out"
		statements
		secs=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' "$tmp/floor.out")
		printf 'floor\t%s\t%s\t%s\t%s\n' "$n" "$n" "$secs" "$rep" >> "$results"
		drop
	done
	fresh
	echo "== rep $rep: $POSTS meetings posted one request each (load: $(cut -d' ' -f1-3 /proc/loadavg))"
	token=$(DATABASE_URL=$url "$tmp/api" keys create --name "ingest-$rep" --scope write 2>/dev/null)
	DATABASE_URL=$url RATE_LIMIT_WRITES_PER_MINUTE=0 HTTP_ADDR=127.0.0.1:$PORT LOG_LEVEL=warn "$tmp/api" serve >/dev/null 2>&1 &
	api=$!
	for _ in $(seq 100); do curl -sf "http://127.0.0.1:$PORT/readyz" >/dev/null && break; sleep 0.2; done
	"$tmp/ingest" -n "$POSTS" -run "p$rep" -year 1960 -post "http://127.0.0.1:$PORT" -token "$token" | tee "$tmp/post.out"
	kill "$api"; wait "$api" 2>/dev/null || true; api=""
	secs=$(sed -n 's/.* in \([0-9.]*\) s:.*/\1/p' "$tmp/post.out")
	printf 'post\t%s\t%s\t%s\t%s\n' "$POSTS" "$POSTS" "$secs" "$rep" >> "$results"
	drop
done

echo "== rates (meetings stored a second), and the ratios within each rep"
python3 - "$results" "$SIZES" <<'PY'
import sys, statistics
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
sizes = sys.argv[2].split()
rate = {}
for kind, n, stored, secs, rep in rows:
    rate[(kind, n, rep)] = int(stored) / float(secs)
reps = sorted({r[4] for r in rows}, key=int)
posts = {rep: v for (k, n, rep), v in rate.items() if k == "post"}
ratios = {}
for rep in reps:
    post = posts[rep]
    line = [f"rep {rep}: per POST {post:.0f}/s"]
    for n in sizes:
        imp, fl = rate[("import", n, rep)], rate[("floor", n, rep)]
        ratios.setdefault(("floor", n), []).append(imp / fl)
        ratios.setdefault(("post", n), []).append(imp / post)
        line.append(f"{n}: import {imp:.0f}/s, floor {fl:.0f}/s, import/floor {imp/fl:.2f}, import/POST {imp/post:.1f}x")
    a, b = rate[("import", sizes[0], rep)], rate[("import", sizes[-1], rep)]
    ratios.setdefault("lin", []).append(a / b)
    line.append(f"rate at {sizes[0]} / rate at {sizes[-1]}: {a/b:.2f}")
    print("; ".join(line))
med = statistics.median
print(f"median of the reps ({len(reps)}):")
for n in sizes:
    print(f"  {n:>6} lines: import/floor {med(ratios[('floor', n)]):.2f} (goal >= 0.5), "
          f"import/POST {med(ratios[('post', n)]):.1f}x (goal >= 10)")
print(f"  rate at {sizes[0]} / rate at {sizes[-1]}: {med(ratios['lin']):.2f} (goal <= 1.2)")
PY
