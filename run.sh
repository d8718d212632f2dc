#!/usr/bin/env bash
# Builds Open i-Kfz and starts it with its embedded defaults (H2 database under data/, simulators,
# UI on http://127.0.0.1:8080/). Ctrl+C stops it. Extra arguments go to Maven (e.g. -o for offline).
set -euo pipefail
source "$(dirname "$0")/scripts/env.sh"
cd "$IKFZ_ROOT"
"$MVN" -B -q clean install -DskipTests "$@"
exec distribution/target/openikfz/bin/openikfz
