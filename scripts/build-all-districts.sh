#!/usr/bin/env bash
# Builds every district of districts/*.json (or those named: scripts/build-all-districts.sh zwickau erding)
# and collects their archives in target/districts/openikfz-<district>.tar.gz. Each build is checked as
# ./mvnw -Ddistrict=<district> package checks it: configuration against the bundles' metatype, bundles
# resolved in Felix. Extra Maven arguments go in MAVEN_ARGS (e.g. MAVEN_ARGS=-o for offline).
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"
if [ $# -gt 0 ]; then districts=("$@"); else
  districts=(); for f in districts/*.json; do districts+=("$(basename "$f" .json)"); done
fi
# the platform once (bundles, features, launcher), then only the assembly per district
"$MVN" -B -q ${MAVEN_ARGS:-} install -DskipTests
mkdir -p target/districts
for d in "${districts[@]}"; do
  "$MVN" -B -q ${MAVEN_ARGS:-} -Ddistrict="$d" -pl distribution package
  cp "distribution/target/openikfz-$d.tar.gz" target/districts/
done
ls -l target/districts
