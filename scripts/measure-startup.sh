#!/usr/bin/env bash
# Prints the distribution's start-up time to the first HTTP 200 of the UI and its idle resident
# memory (RSS). Figures, not assertions. Runs a fresh copy of distribution/target/openikfz (build it
# first with ./run.sh or ./mvnw install) on a free port. Usage: scripts/measure-startup.sh [runs]
set -euo pipefail
source "$(dirname "$0")/env.sh"
dist="$IKFZ_ROOT/distribution/target/openikfz"
[ -x "$dist/bin/openikfz" ] || { echo "build the distribution first (./mvnw install -DskipTests)" >&2; exit 1; }
runs=${1:-3}
free() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# the three ingresses (portal, back office, machine API) on free ports
port=$(free); backoffice=$(free); api=$(free)
work=$(mktemp -d)
trap '[ -f "$work/d/data/openikfz.pid" ] && "$work/d/bin/openikfz" stop >/dev/null; rm -rf "$work"' EXIT

for run in $(seq 1 "$runs"); do
  rm -rf "$work/d"; cp -r "$dist" "$work/d"
  printf 'port=%s\nhost=127.0.0.1\nbackOfficePort=%s\napiPort=%s\n' "$port" "$backoffice" "$api" >"$work/d/etc/org.openikfz.ui.cfg"
  start=$(date +%s%N)
  "$work/d/bin/openikfz" start >/dev/null
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/" || true)" = 200 ]; do
    sleep 0.05
    if [ $(( ($(date +%s%N) - start) / 1000000 )) -gt 60000 ]; then echo "no HTTP 200 within 60 s" >&2; tail -20 "$work/d/logs/console.log" "$work/d/logs/openikfz.log" >&2; exit 1; fi
  done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 10
  pid=$(cat "$work/d/data/openikfz.pid")
  rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  printf 'run %d: first HTTP 200 after %d ms; idle RSS after 10 s: %d MiB\n' "$run" "$ready" $((rss / 1024))
  "$work/d/bin/openikfz" stop >/dev/null
done
