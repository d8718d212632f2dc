#!/usr/bin/env bash
# Keeps the texts in resource files complete: for every German file OSGI-INF/l10n/<name>.properties of a bundle, the
# English file <name>_en.properties has exactly its keys (German and English are complete; a further language may
# translate some), and every key a class of that bundle asks for literally (TEXTS.get("…"), TEXTS.format("…", …)) is in
# the German file, so a misspelt key fails the build instead of the applicant's dialog. Part of ./test.sh.
set -euo pipefail
source "$(dirname "$0")/env.sh"
cd "$IKFZ_ROOT"

keys() { # the keys of a properties file, sorted
  grep -vE '^\s*(#|!|$)' "$1" | sed -E 's/^\s*([^=: ]+)\s*[=:].*/\1/' | sort -u
}

failed=0
files=0
while IFS= read -r german; do
  files=$((files + 1))
  english=${german%.properties}_en.properties
  if [ ! -f "$english" ]; then
    echo "texts: $german has no English file $english" >&2; failed=1; continue
  fi
  only=$(comm -3 <(keys "$german") <(keys "$english") | sed 's/^\t/  English only: /; t; s/^/  German only: /')
  if [ -n "$only" ]; then
    echo "texts: $german and $english differ:" >&2; echo "$only" >&2; failed=1
  fi
  # the bundle's classes that read this file (all that ask for texts, when it is the bundle's only one), and their keys
  bundle=${german%%/src/main/*}
  base=OSGI-INF/l10n/$(basename "${german%.properties}")
  if [ "$(find "$bundle/src/main/resources" -path '*OSGI-INF/l10n/*.properties' | grep -cvE '_[a-z]{2,3}\.properties$')" -eq 1 ]; then
    readers=$(grep -rlE 'TEXTS\.(get|format)\(' "$bundle/src/main/java" 2>/dev/null || true)
  else
    readers=$(grep -rlF "\"$base\")" "$bundle/src/main/java" 2>/dev/null || true)
  fi
  for java in $readers; do
    for key in $(grep -vE '^\s*(\*|//)' "$java" | grep -oE 'TEXTS\.(get|format)\("[^"]+"\s*[,)]' | sed -E 's/.*\("//; s/"\s*[,)]$//' | sort -u); do
      if ! keys "$german" | grep -qxF "$key"; then
        echo "texts: $java asks for \"$key\", which $german lacks" >&2; failed=1
      fi
    done
  done
done < <(find bundles devkit integration-tests -path '*/target' -prune -o -path '*/src/main/resources/*OSGI-INF/l10n/*.properties' \
  -print | grep -vE '_[a-z]{2,3}\.properties$' | sort)

[ "$files" -gt 0 ] || { echo "texts: no OSGI-INF/l10n files found" >&2; exit 1; }
[ "$failed" -eq 0 ] || exit 1
echo "texts: $files German text files, each with its English file and every key their classes ask for"
