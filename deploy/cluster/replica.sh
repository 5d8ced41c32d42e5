#!/bin/sh
# The cluster profile's replica: on first start, a base backup of the
# primary (pg_basebackup -R writes the connection to it into the copy, -C -S
# a replication slot of its own); then a hot standby that follows it.
set -e
if [ ! -s "$PGDATA/PG_VERSION" ]; then
	# The slot may be there from an earlier replica (its volume removed).
	until pg_basebackup -h pg-primary -U milmeet -D "$PGDATA" -R -X stream -C -S replica1 -c fast ||
		{ rm -rf "${PGDATA:?}"/*; pg_basebackup -h pg-primary -U milmeet -D "$PGDATA" -R -X stream -S replica1 -c fast; }; do
		echo "replica: the primary is not ready; again in 2 s"
		rm -rf "${PGDATA:?}"/*
		sleep 2
	done
	chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on -c hot_standby_feedback=on
