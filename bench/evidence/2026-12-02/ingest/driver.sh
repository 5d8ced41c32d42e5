#!/usr/bin/env bash
cd /tmp/p-import-snap
for t in ${TEMPLATES:-tpl_empty big100k}; do
  reps=${REPS:-2}
  out=/tmp/p-import-ev/ingest-$t${SUFFIX:-}.txt
  {
    echo "# bench/ingest/run.sh on commit $(cat COMMIT), $(date -u)"
    echo "# machine: $(nproc) cores, $(free -g | awk '/Mem/{print $2}') GB; PostgreSQL $(psql -h 127.0.0.1 -p 5473 -U postgres -Atc 'show server_version'), shared_buffers $(psql -h 127.0.0.1 -p 5473 -U postgres -Atc 'show shared_buffers'), defaults otherwise"
    echo "# DATABASE_URL=postgres://postgres@127.0.0.1:5473/$t SIZES=\"2000 20000\" POSTS=1000 REPS=$reps bench/ingest/run.sh"
    DATABASE_URL=postgres://postgres@127.0.0.1:5473/$t SIZES="2000 20000" POSTS=1000 REPS=$reps bench/ingest/run.sh
  } > $out 2>&1
done
