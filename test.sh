#!/usr/bin/env bash
# Runs the whole test suite: unit tests, the real framework (Pax Exam), PostgreSQL and H2, and the
# browser tests in headless Chromium, and the distribution's OCI image in podman. Installs Chromium and starts a throwaway PostgreSQL on
# 127.0.0.1 itself when needed. Extra arguments go to Maven.
set -euo pipefail
source "$(dirname "$0")/scripts/env.sh"
cd "$IKFZ_ROOT"

"$IKFZ_ROOT/scripts/prerequisites.sh"

# the texts in resource files: German and English complete, every key a class asks for there (seconds, so first)
"$IKFZ_ROOT/scripts/check-texts.sh"

export OPENIKFZ_PG_PORT=${OPENIKFZ_PG_PORT:-55432}
export OPENIKFZ_PG_DIR=${OPENIKFZ_PG_DIR:-$(mktemp -d /tmp/openikfz-pg.XXXXXX)}
trap '"$IKFZ_ROOT/scripts/postgres.sh" stop >/dev/null 2>&1 || true; rm -rf "$OPENIKFZ_PG_DIR"' EXIT
eval "$("$IKFZ_ROOT/scripts/postgres.sh" start --env)"   # exports OPENIKFZ_PG_URL, _USER, _PASSWORD

"$MVN" -B clean install "$@"

# an incompatible API change must fail the build (until the first release exists, against a made-up one)
"$IKFZ_ROOT/scripts/check-api-baseline.sh"

# the distribution as an OCI image (scripts/oci-image.sh), run by podman from a read-only root file system as its
# non-root user: the portal answers, /health says UP, it writes only to its volumes and stops cleanly
"$IKFZ_ROOT/scripts/check-oci-image.sh"

# every test docs/legal-coverage.md names for a rule of the ordinance exists (the build above ran them)
"$IKFZ_ROOT/scripts/check-legal-coverage.sh"
