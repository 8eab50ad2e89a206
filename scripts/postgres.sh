#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests: its own port and folder, no system state.
# Usage: scripts/postgres.sh start   -> prints the DATABASE_URL to use
#        scripts/postgres.sh stop
# Installs Debian's postgresql package when it is missing (needs root).
set -euo pipefail

PORT="${PG_TEST_PORT:-55432}"
DIR="${PG_TEST_DIR:-/tmp/feedback_bot-pg-$PORT}"
URL="postgresql+psycopg://postgres@127.0.0.1:$PORT/feedback_bot_test"

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

pg_bin() {
  if command -v pg_config >/dev/null && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir
    return
  fi
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [ -n "$found" ] && echo "$found"
}

install() {
  if [ -z "$(pg_bin)" ]; then
    if [ "$(id -u)" != 0 ]; then
      echo "PostgreSQL is not installed; install Debian's 'postgresql' package (or set TEST_POSTGRES_URL)." >&2
      exit 1
    fi
    echo "Installing PostgreSQL (Debian package)..." >&2
    apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  fi
}

start() {
  install
  local bin
  bin=$(pg_bin)
  if [ ! -f "$DIR/data/PG_VERSION" ]; then
    rm -rf "$DIR"
    mkdir -p "$DIR"
    [ "$(id -u)" = 0 ] && chown postgres: "$DIR"
    as_pg "'$bin/initdb' -D '$DIR/data' -A trust -U postgres -E UTF8 --no-sync >'$DIR/initdb.log' 2>&1"
  fi
  if ! as_pg "'$bin/pg_ctl' -D '$DIR/data' status" >/dev/null 2>&1; then
    # Seen here: for some seconds the bind fails ("Address already in use") with nothing
    # listening, then works. (The port lies in Linux's range for outgoing connections,
    # 32768-60999, so one of those may hold it.) A failed start is tried again.
    local attempt
    for attempt in 1 2 3 4 5; do
      if as_pg "'$bin/pg_ctl' -D '$DIR/data' -l '$DIR/log' -w -t 30 -o \"-p $PORT -k '$DIR' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null; then
        break
      fi
      if [ "$attempt" = 5 ]; then
        tail -n 5 "$DIR/log" >&2
        exit 1
      fi
      echo "PostgreSQL did not start (try $attempt of 5); trying again in 2 s" >&2
      sleep 2
    done
  fi
  for _ in $(seq 60); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$PORT" && break
    sleep 0.25
  done
  if ! as_pg "'$bin/psql' -h 127.0.0.1 -p $PORT -U postgres -tAc \"SELECT 1 FROM pg_database WHERE datname='feedback_bot_test'\"" | grep -q 1; then
    as_pg "'$bin/createdb' -h 127.0.0.1 -p $PORT -U postgres feedback_bot_test"
  fi
  echo "$URL"
}

stop() {
  local bin
  bin=$(pg_bin)
  [ -n "$bin" ] && [ -d "$DIR/data" ] && as_pg "'$bin/pg_ctl' -D '$DIR/data' -m fast stop" >/dev/null 2>&1 || true
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
