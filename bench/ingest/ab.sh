#!/usr/bin/env bash
# Two builds of `api import` on the same files, interleaved: for each rep
# and each N of SIZES, A then B (B then A on even reps), each into a fresh
# copy of the database DATABASE_URL names. Prints each import's rate, the
# CPU its process and the cluster's backends took, and the CPU the rest of
# the machine took meanwhile ("other": of all its cores), then B's rate
# over A's within each rep, their median, and each build's rate at the
# first size over its rate at the last (linearity).
#   DATABASE_URL=postgres://.../tpl A=/path/api-before B=/path/api-after \
#     SIZES="2000 20000" REPS=3 bench/ingest/ab.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
: "${DATABASE_URL:?set DATABASE_URL to the database to copy}" "${A:?api binary A}" "${B:?api binary B}"
SIZES=${SIZES:-"2000 20000"}
REPS=${REPS:-3}
base=${DATABASE_URL%/*}
template=${DATABASE_URL##*/}
export PGOPTIONS="-c client_min_messages=warning"
tmp=$(mktemp -d)
copy=""
cleanup() {
	[ -n "$copy" ] && psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $copy" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
go build -o "$tmp/ingest" ./bench/ingest
for n in $SIZES; do "$tmp/ingest" -n "$n" -run "i$n" -year 1950 > "$tmp/m$n.ndjson"; done
# The cluster's CPU, in clock ticks: its postmaster's children.
post=$(head -1 "$(psql "$DATABASE_URL" -qAtc "SHOW data_directory")/postmaster.pid")
cluster_ticks() {
	local t=0
	for p in $(ps -o pid= --ppid "$post"); do
		[ -r /proc/$p/stat ] && t=$((t + $(awk '{print $14 + $15}' /proc/$p/stat 2>/dev/null || echo 0)))
	done
	echo $t
}
busy_ticks() { awk '/^cpu /{print $2 + $3 + $4 + $7 + $8}' /proc/stat; }
hz=$(getconf CLK_TCK)
cores=$(nproc)
echo "template: $template, $(psql "$DATABASE_URL" -Atc 'SELECT count(*) FROM meetings') meetings; sizes: $SIZES; reps: $REPS"
echo "A: $A"
echo "B: $B"
for rep in $(seq "$REPS"); do
	order="A B"
	[ $((rep % 2)) = 0 ] && order="B A"
	for n in $SIZES; do
		for v in $order; do
			api=${!v}
			copy="ab_copy_$$"
			psql "$base/postgres" -qc "DROP DATABASE IF EXISTS $copy" -c "CREATE DATABASE $copy TEMPLATE $template"
			psql "$base/$copy" -qAtc "VACUUM ANALYZE" >/dev/null
			# Backends that ended are not counted: the import's run to its end.
			b0=$(busy_ticks); w0=$(date +%s.%N)
			DATABASE_URL=$base/$copy /usr/bin/time -f "%e %U %S" "$api" import "$tmp/m$n.ndjson" \
				2>"$tmp/err" >"$tmp/rep.json" &
			sleep 0.5
			c0=$(cluster_ticks)
			cmax=$c0
			while kill -0 $! 2>/dev/null; do c=$(cluster_ticks); [ "$c" -gt "$cmax" ] && cmax=$c; sleep 0.5; done
			wait $! || true
			b1=$(busy_ticks); w1=$(date +%s.%N)
			read -r _ u s < <(tail -1 "$tmp/err")
			secs=$(sed -n 's/.*"seconds": \([0-9.]*\).*/\1/p' "$tmp/rep.json")
			stored=$(sed -n 's/.*"stored": \([0-9]*\).*/\1/p' "$tmp/rep.json")
			python3 - "$v" "$rep" "$n" "$stored" "$secs" "$u" "$s" "$((cmax - c0))" "$((b1 - b0))" "$w0" "$w1" "$hz" "$cores" "$(cut -d' ' -f1 /proc/loadavg)" <<'PY' | tee -a "$tmp/results"
import sys
v, rep, n, stored, secs, u, s, pg, busy, w0, w1, hz, cores, load = sys.argv[1:]
wall = float(w1) - float(w0)
api = float(u) + float(s)
pg = int(pg) / int(hz)
other = int(busy) / int(hz) - api - pg
print(f"{v}\t{rep}\t{n}\t{int(stored) / float(secs):.0f}\t{secs}\t{api:.1f}\t{pg:.1f}\t{100 * other / (wall * int(cores)):.0f}\t{load}")
PY
			psql "$base/postgres" -qc "DROP DATABASE $copy"; copy=""
		done
	done
done
python3 - "$tmp/results" "$SIZES" <<'PY'
import sys, statistics
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
sizes = sys.argv[2].split()
print("build rep lines: meetings/s, seconds, api CPU s, cluster CPU s, other % of the machine, load")
for r in rows:
    print(f"{r[0]} {r[1]} {r[2]:>6}: {r[3]}/s, {r[4]} s, api {r[5]} s, cluster {r[6]} s, other {r[7]}%, load {r[8]}")
rate = {(r[0], r[1], r[2]): float(r[3]) for r in rows}
reps = sorted({r[1] for r in rows}, key=int)
med = statistics.median
for n in sizes:
    q = [rate[("B", rep, n)] / rate[("A", rep, n)] for rep in reps]
    print(f"{n:>6} lines: B/A {', '.join(f'{x:.2f}' for x in q)}: median {med(q):.2f}")
for v in "AB":
    q = [rate[(v, rep, sizes[0])] / rate[(v, rep, sizes[-1])] for rep in reps]
    print(f"{v}: rate at {sizes[0]} / rate at {sizes[-1]}: {', '.join(f'{x:.2f}' for x in q)}: median {med(q):.2f}")
PY
