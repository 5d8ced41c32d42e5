#!/bin/bash
# usage: cpureq.sh PID CONNS SECONDS URL [header]
# prints: requests rps p99 api_cpu_ms_per_req
pid=$1; c=$2; d=$3; url=$4; hdr=$5
tick=$(getconf CLK_TCK)
cpu() { awk '{print $14+$15}' /proc/$1/stat; }
a=$(cpu $pid)
if [ -n "$hdr" ]; then
  out=$(wrk -t2 -c$c -d${d}s -H "$hdr" -s ${SCRIPT:-/work/wt/p-api/bench/wrk/report.lua} "$url" 2>&1 | grep RESULT)
else
  out=$(wrk -t2 -c$c -d${d}s -s ${SCRIPT:-/work/wt/p-api/bench/wrk/report.lua} "$url" 2>&1 | grep RESULT)
fi
b=$(cpu $pid)
req=$(echo "$out" | sed -E 's/.*requests=([0-9]+).*/\1/')
echo "$out" | tr '\n' ' '
awk -v a=$a -v b=$b -v t=$tick -v r=$req 'BEGIN{printf "api_cpu_ms_per_req=%.3f\n", (b-a)/t*1000/r}'
