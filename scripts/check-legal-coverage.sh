#!/usr/bin/env bash
# Keeps docs/legal-coverage.md honest: every test it names (`TestClass#method`) must exist as a test
# method in the workspace's test sources, so a renamed or deleted test breaks the build instead of
# leaving the auditor's map pointing at nothing. That the named tests pass is what ./test.sh itself
# proves (it runs them all before this check). Part of ./test.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"
doc=docs/legal-coverage.md
[ -f "$doc" ] || { echo "legal coverage: $doc is missing" >&2; exit 1; }

# every row of a table names at least one test (what no test proves belongs under "Not covered yet")
untested=$(grep -E '^\| ' "$doc" | grep -vE '^\| *Rule *\|' | grep -vE '`[A-Z][A-Za-z0-9_]*#[a-z_][A-Za-z0-9_]*`' || true)
if [ -n "$untested" ]; then
  echo "legal coverage: rows of $doc that name no test:" >&2
  echo "$untested" | cut -c1-160 >&2
  exit 1
fi

refs=$(grep -oE '`[A-Z][A-Za-z0-9_]*#[a-z_][A-Za-z0-9_]*`' "$doc" | tr -d '`' | sort -u)
[ -n "$refs" ] || { echo "legal coverage: $doc names no test" >&2; exit 1; }

missing=0
count=0
for ref in $refs; do
  class=${ref%%#*}
  method=${ref#*#}
  count=$((count + 1))
  files=$(find bundles integration-tests -path '*/src/test/java/*' -name "$class.java" 2>/dev/null)
  if [ -z "$files" ]; then
    echo "legal coverage: no test class $class (named as $ref)" >&2
    missing=$((missing + 1))
    continue
  fi
  # the method, annotated as a test within the five lines before it
  if ! grep -hB5 -E "void[[:space:]]+$method[[:space:]]*\(" $files | grep -qE '@(Test|ParameterizedTest)'; then
    echo "legal coverage: $ref is not a test method" >&2
    missing=$((missing + 1))
  fi
done
if [ "$missing" -gt 0 ]; then
  echo "legal coverage: $missing of $count tests named in $doc do not exist" >&2
  exit 1
fi
echo "legal coverage: all $count tests named in $doc exist"
