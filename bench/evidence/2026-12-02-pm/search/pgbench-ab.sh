#!/usr/bin/env bash
# pgbench-ab.sh OUTDIR: main's statements (before) and this branch's (after) for the
# same search pages, as pgbench scripts, 8 connections, 10 s each, interleaved, 2 reps.
OUT=$1
mkdir -p "$OUT"
for rep in 1 2; do
while IFS='|' read -r name args; do
  for port in 55432 55433; do
    size=$([ $port = 55432 ] && echo 100000 || echo 1000000)
    db="postgres://postgres@127.0.0.1:$port/milmeet?sslmode=disable"
    for v in before after; do
      bin=/tmp/psearch-plan; [ $v = before ] && bin=/tmp/psearch-plan-main
      f="$OUT/$v-$size-$name.sql"
      [ -s "$f" ] || eval "$bin" -db "$db" $args -plans=false -ids=false -pgbench "$f" >/dev/null
      tps=$(pgbench -n -M simple -c 8 -j 2 -T 10 -f "$f" "$db" 2>&1 | sed -n 's/^tps = \([0-9.]*\).*/\1/p')
      printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$size" "$name" "$v" "$tps" "$(cut -d' ' -f1 /proc/loadavg)"
    done
  done
done <<'T'
search_rare|-q abduaya
search_mid|-q semlov
search_common|-q cooperation
T
done
