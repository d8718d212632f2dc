#!/usr/bin/env bash
# Benchmark (on demand, not part of ./test.sh): automated Außerbetriebsetzung decisions per second
# through the engine on H2 and on PostgreSQL, each against the same number of plain JDBC
# insert+commit transactions on the same database in the same run. Prints figures.
#   scripts/benchmark.sh [decisions]      (default 500; builds first if needed)
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"
decisions=${1:-500}
[ -x distribution/target/openikfz/bin/openikfz ] || "$MVN" -B -q install -DskipTests
export OPENIKFZ_PG_PORT=${OPENIKFZ_PG_PORT:-55433}
export OPENIKFZ_PG_DIR=$(mktemp -d /tmp/openikfz-bench-pg.XXXXXX)
trap '"$IKFZ_ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true; rm -rf "$OPENIKFZ_PG_DIR"' EXIT
eval "$("$IKFZ_ROOT/scripts/postgres.sh" start --env)"
"$MVN" -B -q -Pbenchmark -f integration-tests/osgi/pom.xml install -DskipTests
"$MVN" -B -q -Pbenchmark -f integration-tests/benchmark/pom.xml verify -Dbenchmark.decisions="$decisions"
grep -hE '^(== Open i-Kfz benchmark|engine:|plain JDBC:|ratio:)' integration-tests/benchmark/target/surefire-reports/*-output.txt
echo "(PostgreSQL here is the throwaway test cluster of scripts/postgres.sh, which runs with fsync=off.)"
