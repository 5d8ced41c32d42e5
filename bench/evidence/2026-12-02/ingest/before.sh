#!/usr/bin/env bash
# Before and after in one run: `api import` of main before this work
# (d715a83, migrations to 000011) and of this work, the same files, each
# into a fresh copy of an empty migrated database of its own version.
set -euo pipefail
export PGOPTIONS="-c client_min_messages=warning"
B=postgres://postgres@127.0.0.1:5473
tmp=$(mktemp -d)
/tmp/p-import-b/ingest-new -n 2000 -run i2000 -year 1950 > $tmp/m2000.ndjson
/tmp/p-import-b/ingest-new -n 20000 -run i20000 -year 1950 > $tmp/m20000.ndjson
echo "# before: api built from d715a83 (migrations to 000011), into copies of tpl_empty11"
echo "# after: api built from $(cat /tmp/p-import-snap/COMMIT), into copies of tpl_empty"
for n in 2000 20000; do
  for v in before after; do
    if [ $v = before ]; then api=/tmp/p-import-b/api-old; tpl=tpl_empty11; else api=/tmp/p-import-b/api-new; tpl=tpl_empty; fi
    psql $B/postgres -qc "DROP DATABASE IF EXISTS before_copy" -c "CREATE DATABASE before_copy TEMPLATE $tpl"
    psql $B/before_copy -qAtc "VACUUM ANALYZE"
    echo "== $v: api import of $n meetings (load: $(cut -d' ' -f1-3 /proc/loadavg))"
    DATABASE_URL=$B/before_copy /usr/bin/time -f "%e s wall, %U s user" $api import $tmp/m$n.ndjson 2>$tmp/err >$tmp/rep.json || true
    grep -E '"(lines|stored|failed|seconds)"' $tmp/rep.json | tr -d ' ,' | paste -sd' '
    tail -1 $tmp/err
  done
done
psql $B/postgres -qc "DROP DATABASE IF EXISTS before_copy"
rm -rf $tmp
