#!/usr/bin/env bash
# pgbench-sizes.sh REPS: each page's statements (capture.sh's scripts) at
# 1M before and after, and at 100k after, interleaved, REPS times; prints
# name, rep, 1M before, 1M after, 100k after (tx/s), after / before at 1M,
# and 100k after / 1M after (the growth; goal <= 1.5).
set -euo pipefail
cd "$(dirname "$0")"
reps=${1:-2}
T=${T:-8} C=${C:-8}
small=postgres://postgres@127.0.0.1:55432/milmeet large=postgres://postgres@127.0.0.1:55433/milmeet
run() { pgbench -n -M simple -c "$C" -j 2 -T "$T" -f "$2" "$1" 2>/dev/null | awk '/^tps/ {print $3; exit}'; }
for name in ${NAMES:-country_kind kind search_rare search_mid search_common search_country}; do
	for r in $(seq "$reps"); do
		b=$(run $large "1M/$name.before.sql")
		a=$(run $large "1M/$name.after.sql")
		s=$(run $small "100k/$name.after.sql")
		printf '%s\t%s\t%.1f\t%.1f\t%.1f\t%.2f\t%.2f\n' "$name" "$r" "$b" "$a" "$s" "$(echo "$a / $b" | bc -l)" "$(echo "$s / $a" | bc -l)"
	done
done
