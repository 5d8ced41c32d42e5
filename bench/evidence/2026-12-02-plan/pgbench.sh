#!/usr/bin/env bash
# pgbench.sh DB DIR REPS: pgbench of each page's statements (DIR/NAME.{before,after}.sql,
# written by capture.sh), before and after interleaved, REPS times; prints
# name, rep, before tx/s, after tx/s, after / before.
set -euo pipefail
db=$1 dir=$2 reps=${3:-2}
T=${T:-8} C=${C:-8}
run() { pgbench -n -M simple -c "$C" -j 2 -T "$T" -f "$1" "$db" 2>/dev/null | awk '/^tps/ {print $3; exit}'; }
for name in ${NAMES:-country_kind kind search_rare search_mid search_common search_country search_country_kind}; do
	for r in $(seq "$reps"); do
		b=$(run "$dir/$name.before.sql")
		a=$(run "$dir/$name.after.sql")
		printf '%s\t%s\t%.1f\t%.1f\t%.2f\n' "$name" "$r" "$b" "$a" "$(echo "$a / $b" | bc -l)"
	done
done
