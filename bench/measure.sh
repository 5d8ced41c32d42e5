# bench/measure.sh: the measurements of bench/run.sh (sourced by it): CPU
# accounting, wrk and pgbench runs, the export, and the capture of the
# API's own statements with their plans. They read the globals that
# use_size (run.sh) sets for one data set: PGPORT, PGDATA_DIR, API_PID,
# BASE, SOUT (its results directory).

field() { grep -o "$1=[0-9.]*" <<<"$2" | cut -d= -f2; }

# CPU accounting, in clock ticks: the whole machine (busy), interrupts
# (irq + softirq: mostly the loopback traffic itself, which no process is
# charged for), the API, and the cluster (the postmaster with the children it
# has reaped, and its live children). The load generator's own CPU comes
# from bash's time.
HZ=$(getconf CLK_TCK)
NCPU=$(nproc)
cpu_snap() {
	echo "$(machine_snap) $(proc_snap)"
}
# machine_snap: time, busy and interrupt ticks of the whole machine.
machine_snap() {
	echo "$(date +%s.%N) $(awk '/^cpu /{print $2+$3+$4+$7+$8+$9 " " $7+$8}' /proc/stat)"
}
# proc_snap: ticks of the API and of the cluster.
proc_snap() {
	local api=0 pg=0 pm
	[ -n "$API_PID" ] && api=$(awk '{print $14+$15}' "/proc/$API_PID/stat" 2>/dev/null || echo 0)
	pm=$(head -1 "$PGDATA_DIR/postmaster.pid")
	pg=$(awk '{print $14+$15+$16+$17}' "/proc/$pm/stat")
	for p in $(pgrep -P "$pm"); do
		pg=$((pg + $(awk '{print $14+$15}' "/proc/$p/stat" 2>/dev/null || echo 0)))
	done
	echo "$api $pg"
}
# end_snap: the machine when the load ends, the processes a second later,
# once the cluster has reaped the backends of the load's connections (their
# CPU then shows in the postmaster's cutime).
end_snap() {
	local m
	m=$(machine_snap)
	sleep 1
	echo "$m $(proc_snap)"
}
# cpu_pcts SNAP0 SNAP1 LOADGEN_CPU_SECONDS: API, cluster, load generator,
# interrupts and everything else, each in % of the whole machine.
cpu_pcts() {
	awk -v a="$1" -v b="$2" -v lg="$3" -v hz="$HZ" -v n="$NCPU" 'BEGIN {
		split(a, x, " "); split(b, y, " ");
		cap = (y[1] - x[1]) * hz * n / 100;
		irq = (y[3] - x[3]) / cap; api = (y[4] - x[4]) / cap; pg = (y[5] - x[5]) / cap; gen = lg * hz / cap;
		other = (y[2] - x[2]) / cap - irq - api - pg - gen; if (other < 0) other = 0;
		printf "%.0f\t%.0f\t%.0f\t%.0f\t%.0f", api, pg, gen, irq, other }'
}

# measure_wrk NAME CONNS URL [LUA]: a warm-up, then DURATION seconds
# measured; prints one results row. WRK_HEADER: a header every request
# sends (e.g. If-None-Match).
measure_wrk() {
	local name=$1 c=$2 url=$3 script=${4:-$ROOT/bench/wrk/report.lua} out hwm r
	local hdr=()
	[ -n "${WRK_HEADER:-}" ] && hdr=(-H "$WRK_HEADER")
	wrk -t2 -c"$c" -d"${WARMUP}s" --timeout 10s "${hdr[@]}" -s "$script" "$url" >/dev/null
	sleep 1 # let requests in flight finish: the snapshots are taken at rest
	echo 5 >"/proc/$API_PID/clear_refs" # resets VmHWM
	local s0 s1 t TIMEFORMAT='%3U %3S'
	s0=$(cpu_snap)
	t=$( { time wrk -t2 -c"$c" -d"${DURATION}s" --timeout 10s "${hdr[@]}" -s "$script" "$url" >"$SOUT/wrk_${name}_$c.out"; } 2>&1)
	s1=$(end_snap)
	out=$(cat "$SOUT/wrk_${name}_$c.out")
	hwm=$(awk '/VmHWM/{printf "%.1f", $2/1024}' "/proc/$API_PID/status")
	r=$(grep '^RESULT' <<<"$out")
	printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$c" "$(field rps "$r")" "$(field p50_ms "$r")" \
		"$(field p95_ms "$r")" "$(field p99_ms "$r")" "$(field max_ms "$r")" "$(field errors "$r")" \
		"$(field non2xx "$r")" "$hwm" "$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
}

# measure_pgbench NAME CONNS SCRIPT [pgbench args]: SQL straight to the
# database, DURATION seconds after a warm-up; prepared unless the args say
# otherwise (-M extended). Latency percentiles from pgbench's
# per-transaction log.
measure_pgbench() {
	local name=$1 c=$2 script=$3
	shift 3
	local args=(-M prepared -n -c "$c" -j 2 -h 127.0.0.1 -p "$PGPORT" -U bench_pgbench -f "$script" "$@")
	pgbench "${args[@]}" -T "$WARMUP" milmeet >/dev/null 2>&1
	sleep 1
	local dir=$SOUT/pgbench-log
	mkdir -p "$dir"
	rm -f "$dir/${name}_$c".*
	local out s0 s1 t TIMEFORMAT='%3U %3S'
	s0=$(cpu_snap)
	t=$( { time pgbench "${args[@]}" -T "$DURATION" -l --log-prefix="$dir/${name}_$c" milmeet >"$SOUT/pgbench_${name}_$c.txt" 2>&1; } 2>&1)
	s1=$(end_snap)
	out=$(cat "$SOUT/pgbench_${name}_$c.txt")
	local tps fails pct
	tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -1)
	fails=$(grep -oP 'number of failed transactions: \K[0-9]+' <<<"$out" || echo 0)
	pct=$(cat "$dir/${name}_$c".* | awk '{print $3}' | sort -n | awk '{a[NR]=$1} END {
		printf "%.2f\t%.2f\t%.2f\t%.2f", a[int(NR*0.50)]/1000, a[int(NR*0.95)]/1000, a[int(NR*0.99)]/1000, a[NR]/1000}')
	printf '%s\t%s\t%.1f\t%s\t%s\t-\t-\t%s\n' "pgbench_$name" "$c" "${tps:-0}" "$pct" "$fails" \
		"$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
	rm -f "$dir/${name}_$c".*
}

# best_of MEASURE ARGS...: runs a measurement up to ATTEMPTS times, until
# the rest of the machine used at most MAX_OTHER % of the CPU meanwhile,
# and keeps the attempt it disturbed least. Every attempt is in
# results-all.tsv.
best_of() {
	local best="" row other bo=1000 i
	for i in $(seq 1 "$ATTEMPTS"); do
		row=$("$@")
		printf '%s\t%s\n' "$row" "$i" >>"$SOUT/results-all.tsv"
		other=$(awk -F'\t' '{printf "%d", $NF}' <<<"$row")
		if [ "$other" -lt "$bo" ]; then bo=$other best=$row; fi
		[ "$other" -le "$MAX_OTHER" ] && break
		[ "$i" -lt "$ATTEMPTS" ] && log "${*:1:3}: other processes took ${other}% of the CPU: again"
	done
	printf '%s\n' "$best" | tee -a "$SOUT/results.tsv"
}

# capture NAME URL: the statements the API runs for one request of URL,
# with their parameters and plans (EXPLAIN ANALYZE, BUFFERS, by
# auto_explain in the API's own sessions), in $SOUT/capture/NAME.csv.
# Statement logging is on only around that one request; the log is the
# cluster's csvlog, the API's lines told apart by application_name. Run
# after the URL's wrk run, so that the plans are those the API's statement
# cache has settled on.
capture() {
	local name=$1 url=$2 log=$PGDATA_DIR/log/postgres.csv off
	mkdir -p "$SOUT/capture"
	off=$(stat -c %s "$log" 2>/dev/null || echo 0)
	psql_db -q -c "ALTER SYSTEM SET log_min_duration_statement = 0" -c "ALTER SYSTEM SET auto_explain.log_min_duration = 0" \
		-c "SELECT pg_reload_conf()" >/dev/null
	sleep 0.3
	curl -s -o /dev/null "$url"
	psql_db -q -c "ALTER SYSTEM RESET log_min_duration_statement" -c "ALTER SYSTEM RESET auto_explain.log_min_duration" \
		-c "SELECT pg_reload_conf()" >/dev/null
	sleep 0.5
	tail -c +$((off + 1)) "$log" >"$SOUT/capture/$name.csv"
}

# plans NAME LIMIT: rows walked and buffers of the captured request (one
# plans.tsv row), its plans as text, and a pgbench script of its
# statements (bench/capture.py); prints the pgbench args.
plans() {
	python3 "$ROOT/bench/capture.py" -name "$1" -limit "$2" -app "$API_APP" -dir "$SOUT/capture" \
		-tsv "$SOUT/plans.tsv" ${ID:+-id "$ID"}
}

# measure_export: the whole NDJSON export of the top-level meetings, timed
# with curl, the API's RSS sampled every 0.2 s and its VmHWM read after.
measure_export() {
	local sampler s0 s1 start end counts hwm maxrss secs lines bytes
	echo 5 >"/proc/$API_PID/clear_refs"
	(
		while kill -0 "$API_PID" 2>/dev/null; do
			awk '/VmRSS/{print $2}' "/proc/$API_PID/status"
			sleep 0.2
		done
	) >"$SOUT/export_rss.txt" &
	sampler=$!
	s0=$(cpu_snap)
	local t TIMEFORMAT='%3U %3S'
	start=$(date +%s.%N)
	t=$( { time (curl -sS --fail -N "$BASE/meetings?format=ndjson" | wc -lc >"$SOUT/export.counts"); } 2>&1)
	end=$(date +%s.%N)
	counts=$(cat "$SOUT/export.counts")
	s1=$(end_snap)
	kill "$sampler"
	wait "$sampler" 2>/dev/null || true
	hwm=$(awk '/VmHWM/{printf "%.1f", $2/1024}' "/proc/$API_PID/status")
	maxrss=$(sort -n "$SOUT/export_rss.txt" | tail -1 | awk '{printf "%.1f", $1/1024}')
	secs=$(echo "$end - $start" | bc)
	read -r lines bytes <<<"$counts"
	printf 'export: %d lines, %d bytes in %.1f s; API VmHWM %s MiB, largest VmRSS sample %s MiB\n' \
		"$lines" "$bytes" "$secs" "$hwm" "$maxrss" >>"$SOUT/export.txt"
	# rps: lines a second; max_ms: the whole export.
	printf 'export_ndjson\t1\t%.1f\t-\t-\t-\t%.0f\t-\t-\t%s\t%s\n' "$(echo "$lines / $secs" | bc -l)" \
		"$(echo "$secs * 1000" | bc)" "$hwm" "$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
}

# measure_copy: psql \copy of the export's rows (the stored list items of
# the top-level live meetings, newest first) to /dev/null: the floor of the
# export, in the same results format.
measure_copy() {
	local s0 s1 start end secs t TIMEFORMAT='%3U %3S' lines
	s0=$(cpu_snap)
	start=$(date +%s.%N)
	t=$( { time (psql_db -c "\\copy (SELECT m.list_item FROM meetings m WHERE m.deleted_at IS NULL AND m.parent_id IS NULL ORDER BY m.sort_date DESC, m.id DESC) TO STDOUT" | wc -l >"$SOUT/copy.count"); } 2>&1)
	end=$(date +%s.%N)
	s1=$(end_snap)
	secs=$(echo "$end - $start" | bc)
	lines=$(cat "$SOUT/copy.count")
	printf 'copy_floor\t1\t%.1f\t-\t-\t-\t%.0f\t-\t-\t-\t%s\n' "$(echo "$lines / $secs" | bc -l)" \
		"$(echo "$secs * 1000" | bc)" "$(cpu_pcts "$s0" "$s1" "$(awk '{print $1+$2}' <<<"$t")")"
}
