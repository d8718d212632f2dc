#!/usr/bin/env bash
# A throwaway PostgreSQL for the store's tests (and for trying the platform on PostgreSQL).
#
#   scripts/postgres.sh start [DIR]   make (first time) and start a cluster under DIR, print the JDBC URL
#   scripts/postgres.sh stop  [DIR]   stop it (the files stay; delete DIR to start afresh)
#   scripts/postgres.sh url   [DIR]   print the JDBC URL
#   scripts/postgres.sh status [DIR]
#
# DIR defaults to $OPENIKFZ_PG_DIR or /tmp/openikfz-pg. The server listens on 127.0.0.1 only, port
# $OPENIKFZ_PG_PORT (default 55432). Superuser and password are openikfz/openikfz (password
# authentication over TCP; the local socket in DIR trusts its owner). Database: openikfz.
# Run as root it runs the server as the OS user postgres; as any other user, as that user.
#
#   eval "$(scripts/postgres.sh start --env)"   # exports OPENIKFZ_PG_URL, _USER, _PASSWORD
#   ./mvnw -f bundles/org.openikfz.store/pom.xml install
#   scripts/postgres.sh stop
set -euo pipefail

cmd=${1:-}
shift || true
env_out=false
dir=${OPENIKFZ_PG_DIR:-/tmp/openikfz-pg}
for a in "$@"; do
  case "$a" in
    --env) env_out=true ;;
    -*) echo "unknown option: $a" >&2; exit 2 ;;
    *) dir=$a ;;
  esac
done
port=${OPENIKFZ_PG_PORT:-55432}
user=openikfz
password=openikfz
database=openikfz
data="$dir/data"
log="$dir/postgres.log"
url="jdbc:postgresql://127.0.0.1:$port/$database"

find_bin() {
  local b
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"; return 0
  fi
  for b in /usr/lib/postgresql/*/bin; do
    [ -x "$b/pg_ctl" ] && [ -x "$b/initdb" ] && { echo "$b"; return 0; }
  done
  echo "PostgreSQL server binaries (initdb, pg_ctl) not found. On Debian: apt-get install postgresql" >&2
  return 1
}

# run a command as the cluster's owner
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    if ! id postgres >/dev/null 2>&1; then
      echo "running as root, but there is no OS user 'postgres' to run the server as" >&2
      exit 1
    fi
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

print_url() {
  if $env_out; then
    echo "export OPENIKFZ_PG_URL='$url'"
    echo "export OPENIKFZ_PG_USER='$user'"
    echo "export OPENIKFZ_PG_PASSWORD='$password'"
  else
    echo "$url"
  fi
}

running() {
  [ -f "$data/PG_VERSION" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

bin=$(find_bin)

case "$cmd" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    chmod 700 "$dir"
    if [ ! -f "$data/PG_VERSION" ]; then
      pwfile="$dir/.pw"
      ( umask 077; echo "$password" > "$pwfile" )
      [ "$(id -u)" -eq 0 ] && chown postgres: "$pwfile"
      as_owner "$bin/initdb" -D "$data" -U "$user" --pwfile="$pwfile" \
        --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
      rm -f "$pwfile"
    fi
    if ! running; then
      as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
        -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories='$dir' -c fsync=off" start >/dev/null \
        || { tail -n 30 "$log" >&2; exit 1; }
    fi
    # the database (once); over the local socket, which trusts the cluster's owner
    if ! as_owner "$bin/psql" -h "$dir" -p "$port" -U "$user" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1; then
      as_owner "$bin/psql" -h "$dir" -p "$port" -U "$user" -d postgres -qc "CREATE DATABASE $database" >/dev/null
    fi
    print_url
    ;;
  stop)
    if running; then
      as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null
      echo "stopped ($dir)"
    else
      echo "not running ($dir)"
    fi
    ;;
  url)
    print_url
    ;;
  status)
    if running; then echo "running: $url ($dir)"; else echo "not running ($dir)"; exit 3; fi
    ;;
  *)
    echo "usage: $0 start|stop|url|status [DIR] [--env]" >&2
    exit 2
    ;;
esac
