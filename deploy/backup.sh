#!/bin/sh
# Theke's backup: the database as one consistent pg_dump (custom format, read
# back before it is kept) and, when uploads are kept on this machine's disk,
# MEDIA_ROOT as a tar archive. Old backups are deleted after BACKUP_KEEP_DAYS.
#
# Reads from the environment, as the app does (systemd: EnvironmentFile=):
#   DATABASE_URL      postgres://user:password@host:5432/name (required)
#   MEDIA_ROOT        folder of the uploads; left out when unset or missing
#   BACKUP_DIR        where backups go (default /var/backups/theke)
#   BACKUP_KEEP_DAYS  days a backup is kept (default 14)
# Prints the path of the new dump. Restore with deploy/restore.sh.
set -eu

: "${DATABASE_URL:?DATABASE_URL must name the database to back up}"
backup_dir=${BACKUP_DIR:-/var/backups/theke}
keep_days=${BACKUP_KEEP_DAYS:-14}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

umask 077
mkdir -p "$backup_dir"

dump="$backup_dir/theke-$stamp.dump"
pg_dump --format=custom --no-owner --no-privileges \
    --file="$dump.partial" --dbname="$DATABASE_URL"
# A dump pg_restore cannot read is no backup.
pg_restore --list "$dump.partial" >/dev/null
mv "$dump.partial" "$dump"

if [ -n "${MEDIA_ROOT:-}" ] && [ -d "$MEDIA_ROOT" ]; then
    media="$backup_dir/media-$stamp.tar.gz"
    tar -czf "$media.partial" -C "$MEDIA_ROOT" .
    mv "$media.partial" "$media"
fi

find "$backup_dir" -maxdepth 1 -type f \
    \( -name 'theke-*.dump' -o -name 'media-*.tar.gz' \) \
    -mtime +"$keep_days" -delete

echo "$dump"
