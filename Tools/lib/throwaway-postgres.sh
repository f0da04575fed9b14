#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests: a fresh cluster in a temporary folder, run as
# a non-root user, listening on 127.0.0.1 only, removed afterwards.
#
#   Tools/lib/throwaway-postgres.sh start     prints "FOLDER URL" (URL: postgresql://…)
#   Tools/lib/throwaway-postgres.sh stop FOLDER
#
# Installs postgresql when missing (Tools/lib/ensure-packages.sh). When run as root the
# cluster belongs to the `postgres` user, since PostgreSQL refuses to run as root.
set -euo pipefail
cd "$(dirname "$0")/../.."

bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)"
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
    source Tools/lib/ensure-packages.sh
    ensure_packages postgresql
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
fi
as_owner=()
if [ "$(id -u)" -eq 0 ]; then as_owner=(runuser -u postgres --); fi

case "${1:-}" in
    start)
        # The server outlives this script: it must not inherit descriptors of whoever
        # started it (a test runner's pipes), or that caller waits for them forever.
        for fd in $(ls /proc/$$/fd); do
            [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null || true
        done
        folder="$(mktemp -d /tmp/sotay-postgres.XXXXXX)"
        chmod 0700 "$folder"
        [ ${#as_owner[@]} -gt 0 ] && chown postgres: "$folder"
        "${as_owner[@]}" "$bin/initdb" -D "$folder/data" -A trust -U sotay -E UTF8 --no-sync >"$folder/initdb.log" 2>&1
        for _ in 1 2 3 4 5; do
            port=$((20000 + RANDOM % 20000))
            if "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -l "$folder/server.log" -w -t 60 \
                -o "-p $port -k $folder -c listen_addresses=127.0.0.1 -c synchronous_commit=on -c max_connections=200" \
                start >/dev/null 2>&1; then
                echo "$folder postgresql://sotay@127.0.0.1:$port/postgres"
                exit 0
            fi
        done
        echo "throwaway-postgres: the server did not start; see $folder/server.log" >&2
        exit 1
        ;;
    stop)
        folder="${2:?stop needs the FOLDER that start printed}"
        case "$folder" in /tmp/sotay-postgres.*) ;; *) echo "throwaway-postgres: not a throwaway folder: $folder" >&2; exit 2 ;; esac
        "${as_owner[@]}" "$bin/pg_ctl" -D "$folder/data" -m immediate stop >/dev/null 2>&1 || true
        rm -rf "$folder"
        ;;
    *)
        echo "usage: $0 start | stop FOLDER" >&2
        exit 2
        ;;
esac
