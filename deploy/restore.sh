#!/bin/sh
# Restores a dump made by deploy/backup.sh into the empty database DATABASE_URL
# names, in one transaction: all of it or, on any error, nothing.
#   DATABASE_URL=postgres://theke@127.0.0.1:5432/theke_restored deploy/restore.sh BACKUP.dump
# Then run `manage.py migrate` (nothing to do for a dump of the same release)
# and start the app against it. Uploads: tar -xzf media-….tar.gz -C "$MEDIA_ROOT".
set -eu

: "${DATABASE_URL:?DATABASE_URL must name the empty database to restore into}"
dump=${1:?usage: restore.sh BACKUP.dump}

pg_restore --no-owner --no-privileges --exit-on-error --single-transaction \
    --dbname="$DATABASE_URL" "$dump"
