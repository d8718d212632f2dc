# Sourced by the project's scripts: selects a JDK >= 21 (the build targets release 21) and the
# Maven Wrapper. Honours JAVA_HOME when it already points at a JDK >= 21.
_ikfz_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1; }
_ikfz_pick_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    local v; v=$(_ikfz_java_major "$c")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(_ikfz_pick_jdk); then
  echo "Open i-Kfz needs a JDK 21 or newer (none found in JAVA_HOME or /usr/lib/jvm)." >&2
  echo "Install one, e.g. Temurin 25, and set JAVA_HOME to it." >&2
  return 1 2>/dev/null || exit 1   # sourced: do not close the caller's shell
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
IKFZ_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MVN="$IKFZ_ROOT/mvnw"
# Maven's Guice and Felix still use sun.misc.Unsafe; JDK 24+ warns on every run without this
if [ "$(_ikfz_java_major "$JAVA_HOME")" -ge 24 ]; then
  case " ${MAVEN_OPTS:-} " in *sun-misc-unsafe*) ;; *) export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ;; esac
fi
