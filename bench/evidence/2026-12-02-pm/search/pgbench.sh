#!/usr/bin/env bash
# pgbench.sh BIN OUTDIR: for each search test, the statements bench/plan (BIN) ran for one page,
# as a pgbench script, run at 8 connections for 10 s on each cluster, interleaved, 2 reps.
BIN=$1 OUT=$2
mkdir -p "$OUT"
for rep in 1 2; do
while IFS='|' read -r name args; do
  for port in 55432 55433; do
    size=$([ $port = 55432 ] && echo 100000 || echo 1000000)
    db="postgres://postgres@127.0.0.1:$port/milmeet?sslmode=disable"
    [ -s "$OUT/$size-$name.sql" ] || eval "$BIN" -db "$db" $args -plans=false -ids=false -pgbench "$OUT/$size-$name.sql" >/dev/null
    tps=$(pgbench -n -M simple -c 8 -j 2 -T 10 -f "$OUT/$size-$name.sql" "$db" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
    printf '%s\t%s\t%s\t%s\t%s\n' "$rep" "$size" "$name" "$tps" "$(cut -d' ' -f1-3 /proc/loadavg)"
  done
done <<'T'
search_rare|-q abduaya
search_mid|-q semlov
search_common|-q cooperation
search_country|-q semlov -country AZ
T
done
