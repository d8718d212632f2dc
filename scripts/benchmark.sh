#!/usr/bin/env bash
# Benchmarks (on demand, not part of ./test.sh). Prints figures; asserts nothing about speed.
#
#   scripts/benchmark.sh [decisions [warm-up]] (default 500 after 50)
#     automated Außerbetriebsetzung decisions per second through the engine on H2 and on PostgreSQL,
#     each against plain JDBC insert+commit transactions on the same database in the same run; SQL
#     statements and commits per decision; idle housekeeping queries per second with 10,000 cases in
#     their decision window. A longer warm-up (e.g. 1000) measures the engine with its code compiled, as a node
#     that has run for a while; the plain commits are measured in the same run either way.
#
#   scripts/benchmark.sh --sustained [N]      (default 20000)
#     N decisions by 8 clients on H2, then every decision window closes at once: transfers drained per
#     second against decisions per second, and the H2 file's size per completed application.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"
# the benchmarks run the bundles of the built distribution: build it from the sources as they are now, or
# the figures are those of whatever was built last
"$MVN" -B -q install -DskipTests
"$MVN" -B -q -Pbenchmark -f integration-tests/osgi/pom.xml install -DskipTests
reports=integration-tests/benchmark/target/surefire-reports
if [ "${1:-}" = "--sustained" ]; then
  "$MVN" -B -q -Pbenchmark -f integration-tests/benchmark/pom.xml verify -Dtest=SustainedLoadBenchmark -Dbenchmark.sustained="${2:-20000}"
  grep -hE '^(== Open i-Kfz sustained|decisions:|transfers:|drain:|H2 file:)' $reports/*Sustained*-output.txt
  exit 0
fi
decisions=${1:-500}
export OPENIKFZ_PG_PORT=${OPENIKFZ_PG_PORT:-55433}
export OPENIKFZ_PG_DIR=$(mktemp -d /tmp/openikfz-bench-pg.XXXXXX)
trap '"$IKFZ_ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true; rm -rf "$OPENIKFZ_PG_DIR"' EXIT
eval "$("$IKFZ_ROOT/scripts/postgres.sh" start --env)"
"$MVN" -B -q -Pbenchmark -f integration-tests/benchmark/pom.xml verify -Dtest='H2DecisionBenchmark,PostgresDecisionBenchmark' \
  -Dbenchmark.decisions="$decisions" -Dbenchmark.warmup="${2:-50}"
grep -hE '^(== Open i-Kfz benchmark|engine:|plain JDBC:|ratio:|floor:|cpu:|trip:|database:|written:|idle:)' $reports/*DecisionBenchmark-output.txt
echo "(PostgreSQL here is the throwaway test cluster of scripts/postgres.sh, which runs with fsync=off.)"
