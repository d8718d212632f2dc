#!/usr/bin/env bash
# Proves that an incompatible change to an API package fails the build.
# The build baselines every bundle against its last release (bnd-baseline-maven-plugin); until the
# first release exists there is nothing to compare with, so this check makes one: it installs the
# API bundle as built now as a throwaway release, then builds a copy of the API module twice against
# it three times: unchanged (must pass); with a compatible change, a default method added to the check
# SPI and the package's minor version raised (must pass: the SPI grows by minor versions); and with a
# method removed from a provider-type interface (must fail with a baseline error that asks for a major
# version). Run after `./mvnw install`; part of ./test.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"
api=bundles/org.openikfz.api
jar=$(ls $api/target/org.openikfz.api-*.jar | grep -vE -- '-(sources|tests)\.jar$' | head -1)
release=0.0.0-baselinecheck
repo=$("$MVN" -q help:evaluate -Dexpression=settings.localRepository -DforceStdout 2>/dev/null)
work=$(mktemp -d)
trap 'rm -rf "$work" "$repo/org/openikfz/org.openikfz.api/$release"' EXIT

"$MVN" -q -B install:install-file -Dfile="$jar" -DgroupId=org.openikfz -DartifactId=org.openikfz.api \
  -Dversion=$release -Dpackaging=jar >/dev/null

# a copy of the workspace pieces the API module builds from
git ls-files -z pom.xml bnd.bnd cnf $api | xargs -0 -I{} cp --parents {} "$work"/

build() { "$MVN" -B -f "$work/$api/pom.xml" verify -DskipTests -Dopenikfz.baseline.version="[$release]" >"$work/build.log" 2>&1; }

if ! build; then
  echo "baseline check: the UNCHANGED API fails against its own release — see below" >&2
  tail -40 "$work/build.log" >&2; exit 1
fi

# a compatible change: a default method added to a consumer-type interface, the package at the next minor version
check="$work/$api/src/main/java/org/openikfz/api/check/Check.java"
info="$work/$api/src/main/java/org/openikfz/api/check/package-info.java"
cp "$check" "$work/Check.java.orig"; cp "$info" "$work/package-info.java.orig"
version=$(sed -n 's/.*@org.osgi.annotation.versioning.Version("\([0-9]*\)\.\([0-9]*\)\.[0-9]*").*/\1.\2/p' "$info")
next="${version%%.*}.$(( ${version#*.} + 1 )).0"
sed -i '$ d' "$check"   # the interface's closing brace
cat >>"$check" <<'JAVA'
    /** A note for the operators (added by the baseline check). */
    default String note() {
        return "";
    }
}
JAVA
sed -i "s/@org.osgi.annotation.versioning.Version(\"[0-9.]*\")/@org.osgi.annotation.versioning.Version(\"$next\")/" "$info"
if ! build; then
  echo "baseline check: FAILED — a default method added to Check with the package at $next was refused — see below" >&2
  tail -40 "$work/build.log" >&2; exit 1
fi
cp "$work/Check.java.orig" "$check"; cp "$work/package-info.java.orig" "$info"

ctx="$work/$api/src/main/java/org/openikfz/api/check/CheckContext.java"
grep -q 'String authority();' "$ctx"
sed -i '/String authority();/d' "$ctx"   # an incompatible change: a method removed
if build; then
  echo "baseline check: FAILED — removing CheckContext.authority() did not fail the build" >&2; exit 1
fi
if ! grep -qE '^\[ERROR\] \* org\.openikfz\.api\.check +PACKAGE +MAJOR' "$work/build.log"; then
  echo "baseline check: the build failed, but not on the baseline — see below" >&2
  tail -40 "$work/build.log" >&2; exit 1
fi
grep -E '^\[ERROR\] (\* org\.openikfz\.api\.check|  +REMOVED +METHOD)' "$work/build.log" | head -2 | sed 's/^\[ERROR\]/ /'
echo "baseline check: 3 passed, 0 failed (unchanged API accepted; a default method at the next minor version ($next) accepted; incompatible change rejected)"
