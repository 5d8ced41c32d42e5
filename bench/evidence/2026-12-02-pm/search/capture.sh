#!/usr/bin/env bash
# capture.sh BIN OUTDIR: each test's statements, plans, rows walked and buffers on both clusters
# (second of two runs, so that the first has warmed the cache), with BIN (bench/plan built from some commit).
BIN=$1 OUT=$2
mkdir -p "$OUT"
while IFS='|' read -r name args; do
  for port in 55432 55433; do
    size=$([ $port = 55432 ] && echo 100000 || echo 1000000)
    db="postgres://postgres@127.0.0.1:$port/milmeet?sslmode=disable"
    eval "$BIN" -db "$db" $args -plans=false >/dev/null
    eval "$BIN" -db "$db" $args >"$OUT/$size-$name.txt"
    printf '%s\t%s\t%s\n' "$size" "$name" "$(grep '^statements' "$OUT/$size-$name.txt")"
  done
done <<'T'
search_rare|-q abduaya
search_mid|-q semlov
search_common|-q cooperation
search_country|-q semlov -country AZ
search_country_r25|-q semlov -country UZ
search_partner|-q semlov -country UZ -partner AZ
country_partner|-country UZ -partner AZ
topic|-topic other
kind|-kind state_visit
country_kind|-country AZ -kind state_visit
T
