#!/usr/bin/env bash
# capture.sh BEFORE AFTER DB OUTDIR: one page of each list below read by
# bench/plan built from main before the change (BEFORE) and after it
# (AFTER), on the cluster DB: the plans (OUTDIR/NAME.{before,after}.txt)
# and each page's statements as a pgbench script (NAME.{before,after}.sql).
# The terms are bench/gen's of the data set (terms.env), the countries and
# the kind bench/run.sh's (rank 1: AZ; the rarest kind: state_visit).
set -euo pipefail
before=$1 after=$2 db=$3 out=$4
rare=${RARE_TERM:?} mid=${MID_TERM:?} common=${COMMON_TERM:-cooperation}
mkdir -p "$out"
while IFS='|' read -r name args; do
	for b in before after; do
		bin=$before
		[ $b = after ] && bin=$after
		# shellcheck disable=SC2086
		"$bin" -db "$db" $args -pgbench "$out/$name.$b.sql" >"$out/$name.$b.txt"
		printf '%s\t%s\t%s\n' "$name" "$b" "$(grep '^statements' "$out/$name.$b.txt")"
	done
done <<LISTS
country_kind|-country AZ -kind state_visit
kind|-kind state_visit
country_r1|-country AZ
search_rare|-q $rare
search_mid|-q $mid
search_common|-q $common
search_country|-q $mid -country AZ
search_country_kind|-q $common -country UZ -kind state_visit
LISTS
