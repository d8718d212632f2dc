#!/usr/bin/env bash
# Builds an OCI image of an Open i-Kfz distribution (any district build's folder) without a container engine
# and without pulling a base image: a Java runtime made with jlink from the local JDK (only the modules the
# distribution's jars need), the few shared libraries of this machine's Debian packages that runtime links
# against, a non-root user (uid/gid 10001) and the distribution. Writes an OCI image layout as a tar archive
# that `podman load`, `skopeo copy oci-archive:...` and `docker load` (it also carries Docker's manifest.json)
# read.
#
#   scripts/oci-image.sh [--jvm-option OPT]... <distribution-dir> <image-name:tag> <output.tar>
#
# The image runs as uid 10001 and works with a read-only root file system: everything the platform writes goes
# to the volumes /opt/openikfz/data (H2 database, framework cache, keys, first operator's password),
# /opt/openikfz/audit (the audit chain's checkpoints, keep it on another volume) and /tmp; /opt/openikfz/etc is a
# volume too (configuration, readable but not writable by the platform). The log goes to standard output.
# Ports: 8080 portal, 8081 back office, 8082 machine API and /health. See docs/operations-image.md.
#
# Reproducible: the same distribution, JDK and Debian packages give the same image digest (file times are
# SOURCE_DATE_EPOCH, default the last commit's time, or 0 outside a git checkout).
# Needs: a JDK >= 21 with jlink (scripts/env.sh picks one; the image's runtime is made from it), GNU tar, gzip,
# sha256sum, ldd, dpkg (the libraries' packages are recorded in the image; Debian or Ubuntu), on x86-64.
set -euo pipefail
source "$(dirname "$0")/env.sh"

usage() { echo "usage: scripts/oci-image.sh [--jvm-option OPT]... <distribution-dir> <image-name:tag> <output.tar>" >&2; exit 2; }
extra_jvm=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jvm-option) [ $# -ge 2 ] || usage; extra_jvm+=("$2"); shift 2 ;;
    -h|--help) usage ;;
    --) shift; break ;;
    -*) echo "unknown option $1" >&2; usage ;;
    *) break ;;
  esac
done
[ $# -eq 3 ] || usage
dist=$1 ref=$2 out=$3

fail() { echo "oci-image: $*" >&2; exit 1; }
[ -d "$dist" ] || fail "$dist is not a folder (expected a distribution, e.g. distribution/target/openikfz)"
dist=$(cd "$dist" && pwd)
launchers=("$dist"/lib/openikfz-launcher-*.jar)
[ -f "${launchers[0]}" ] || fail "$dist has no lib/openikfz-launcher-*.jar: not an Open i-Kfz distribution"
[ ${#launchers[@]} -eq 1 ] || fail "$dist has more than one launcher in lib/: ${launchers[*]}"
launcher=lib/$(basename "${launchers[0]}")
[ -f "$dist/system/openikfz.feature.json" ] || fail "$dist has no system/openikfz.feature.json (the feature to start)"
[ -f "$dist/etc/framework.properties" ] || fail "$dist has no etc/framework.properties"
[ -f "$dist/bin/openikfz" ] || fail "$dist has no bin/openikfz (its JVM options are the image's)"
# name[:tag], lower case as registries want; the tag defaults to latest
[[ "$ref" =~ ^[a-z0-9]([a-z0-9._/-]*[a-z0-9])?(:[0-9]+)?(/[a-z0-9._-]+)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?$ ]] \
  || fail "'$ref' is not an image name (lower-case name, optional :tag, e.g. openikfz-landkreis-x:1.4.0)"
case "${ref##*/}" in *:*) ;; *) ref="$ref:latest" ;; esac
mkdir -p "$(dirname "$out")"
out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

for tool in jlink; do [ -x "$JAVA_HOME/bin/$tool" ] || fail "$JAVA_HOME has no $tool (a JDK is needed, not a JRE)"; done
command -v ldd >/dev/null || fail "ldd is missing (package libc-bin)"
tar --version 2>/dev/null | grep -q "GNU tar" || fail "GNU tar is needed"

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
  SOURCE_DATE_EPOCH=$(git -C "$IKFZ_ROOT" log -1 --format=%ct 2>/dev/null || echo 0)
fi
created=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y-%m-%dT%H:%M:%SZ)

APP_UID=10001 APP_GID=10001
HOME_DIR=/opt/openikfz JAVA_DIR=/opt/java
work=$(mktemp -d "${TMPDIR:-/tmp}/oci-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

# --- the JVM options: the same as bin/openikfz passes (its jvm+=(...) lines), plus the container's own ---------
jvm=()
while IFS= read -r line; do
  # shellcheck disable=SC2206
  jvm+=($line)
done < <(sed -n 's/^[^#]*jvm+=(\([^)]*\)).*/\1/p' "$dist/bin/openikfz")
[ ${#jvm[@]} -gt 0 ] || fail "found no JVM options (jvm+=(...) lines) in $dist/bin/openikfz; has its format changed?"
for o in "${jvm[@]}"; do
  case "$o" in -*) ;; *) fail "bin/openikfz has a JVM option the image cannot take over: $o" ;; esac
done
# memory from the container's limit, and out of memory the process ends (the orchestrator starts it anew) instead
# of limping on; the temporary folder is a volume (the root file system may be read-only); no display
jvm+=(-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp -Djava.awt.headless=true)
jvm+=("${extra_jvm[@]}")

# --- layer 1: the runtime, jlink'ed with the modules the distribution's jars use ---------------------------
echo "oci-image: finding the Java modules the distribution uses ..."
mapfile -t jars < <(cd "$dist" && find lib system connectors deploy -name '*.jar' 2>/dev/null | sort)
# the packages the bundles import and the classes name (scripts/OciImageModules.java says why not jdeps)
modules=$(cd "$dist" && "$JAVA_HOME/bin/java" "$IKFZ_ROOT/scripts/OciImageModules.java" "${jars[@]}") \
  || fail "could not read the distribution's jars"
echo "oci-image: the distribution's jars use: $modules"
# what neither sees: providers and services looked up at run time
#   jdk.crypto.ec: EC keys and TLS curves (eID, TLS ingresses, connectors' mutual TLS; in java.base from JDK 24 on);
#   jdk.localedata: the JDK's German formats and texts; jdk.charsets: ISO-8859-15 and the like of the Länder's
#   files; jdk.zipfs; jdk.naming.dns: DNS over JNDI; jdk.management(.agent), jdk.jfr, jdk.management.jfr, jdk.attach:
#   JFR recordings, JMX metrics and jcmd from outside the container; jdk.httpserver: the simulators (a package the
#   framework exports, org.osgi.framework.system.packages.extra); jdk.unsupported: sun.misc.Unsafe (Felix, H2,
#   Vaadin); java.naming, java.sql: JDBC drivers' lookups
modules="$modules,jdk.crypto.ec,jdk.localedata,jdk.charsets,jdk.zipfs,jdk.naming.dns,jdk.management,jdk.management.agent"
modules="$modules,jdk.jfr,jdk.management.jfr,jdk.attach,jdk.httpserver,jdk.unsupported,java.naming,java.sql"
# a module this JDK does not have (jdk.crypto.ec will go, its classes are in java.base) is left out
"$JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' >"$work/jdk-modules"
modules=$(tr ',' '\n' <<<"$modules" | sed '/^$/d' | sort -u | grep -Fxf "$work/jdk-modules" | paste -sd, -)
echo "oci-image: modules: $modules"
rootfs_java=$work/l1
mkdir -p "$rootfs_java/opt"
# the CDS archive makes the start faster (the JDK writes it reproducibly); the modules stay uncompressed: classes
# load faster, and the gzip'ed layer is smaller than one of a compressed runtime (34 MB against 42 MB)
"$JAVA_HOME/bin/jlink" --add-modules "$modules" --include-locales=de,en \
  --strip-debug --no-header-files --no-man-pages --compress=zip-0 --generate-cds-archive \
  --output "$rootfs_java$JAVA_DIR" >"$work/jlink.out" 2>&1 || { cat "$work/jlink.out" >&2; fail "jlink failed"; }

# --- layer 0: the base: shared libraries the runtime links against, users, empty folders --------------------
rootfs_base=$work/l0
mkdir -p "$rootfs_base"/{etc,tmp,usr/share/doc}
declare -A libs=()
while IFS= read -r so; do
  while read -r path; do libs[$path]=1; done < <(ldd "$so" 2>/dev/null | grep -o '/[^ ]*' | grep -v "^$rootfs_java" || true)
done < <(find "$rootfs_java$JAVA_DIR" -type f \( -name '*.so' -o -path '*/bin/*' \) \
  ! -name libawt_xawt.so ! -name libjsound.so ! -name libsplashscreen.so)  # X11 and sound: never loaded headless
# glibc loads libgcc_s for a thread's cancellation and unwinding at run time (ldd does not show it)
for extra in /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1; do
  [ -e "$extra" ] && { libs[$extra]=1; break; }
done
[ ${#libs[@]} -gt 0 ] || fail "ldd found no libraries of the runtime"
: >"$work/packages"
for path in "${!libs[@]}"; do
  [ -e "$path" ] || fail "the runtime needs $path, which is missing on this machine"
  mkdir -p "$rootfs_base$(dirname "$path")"
  cp -L "$path" "$rootfs_base$path"
  # its Debian package, to record and to ship its copyright
  real=$(readlink -f "$path")
  pkg=$(dpkg -S "$path" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$pkg" ] || pkg=$(dpkg -S "$real" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$pkg" ] || pkg=$(dpkg -S "${real#/usr}" 2>/dev/null | head -1 | cut -d: -f1 || true)
  [ -n "$pkg" ] || fail "$path belongs to no Debian package: cannot say where it comes from"
  echo "$pkg" >>"$work/packages"
done
sort -u "$work/packages" | while read -r pkg; do
  version=$(dpkg-query -W -f='${Version}' "$pkg")
  echo "$pkg $version" >>"$rootfs_base/usr/share/doc/openikfz-image-packages.txt"
  name=${pkg%%:*}
  if [ -f "/usr/share/doc/$name/copyright" ]; then
    mkdir -p "$rootfs_base/usr/share/doc/$name"; cp "/usr/share/doc/$name/copyright" "$rootfs_base/usr/share/doc/$name/"
  fi
done
# the C.UTF-8 locale (LANG): file names and the console in UTF-8; glibc does not build it in
if [ -d /usr/lib/locale/C.utf8 ]; then
  mkdir -p "$rootfs_base/usr/lib/locale"; cp -a /usr/lib/locale/C.utf8 "$rootfs_base/usr/lib/locale/"
  echo libc-bin >>"$work/packages"
else
  fail "/usr/lib/locale/C.utf8 is missing on this machine (package libc-bin)"
fi
printf 'root:x:0:0:root:/root:/usr/sbin/nologin\nopenikfz:x:%s:%s:Open i-Kfz:%s:/usr/sbin/nologin\n' \
  "$APP_UID" "$APP_GID" "$HOME_DIR" >"$rootfs_base/etc/passwd"
printf 'root:x:0:\nopenikfz:x:%s:\n' "$APP_GID" >"$rootfs_base/etc/group"
printf 'passwd: files\ngroup: files\nhosts: files dns\n' >"$rootfs_base/etc/nsswitch.conf"
chmod 1777 "$rootfs_base/tmp"

# --- layer 2: the distribution; what a run left in data/ and logs/ (database, keys, pid) stays out ----------
rootfs_app=$work/l2
mkdir -p "$rootfs_app/opt"
cp -a "$dist" "$rootfs_app$HOME_DIR"
left_out=()
for d in data logs audit; do
  [ -d "$rootfs_app$HOME_DIR/$d" ] || continue
  while IFS= read -r f; do left_out+=("$d/$f"); done < <(cd "$rootfs_app$HOME_DIR/$d" && find . -mindepth 1 -maxdepth 1 ! -name 'README*' -printf '%P\n')
  find "$rootfs_app$HOME_DIR/$d" -mindepth 1 -maxdepth 1 ! -name 'README*' -exec rm -rf {} +
done
[ ${#left_out[@]} -eq 0 ] || echo "oci-image: left out what a run of the distribution made: ${left_out[*]}" >&2
mkdir -p "$rootfs_app$HOME_DIR"/{data,logs,audit,deploy}
# every ingress must listen on the container's interfaces; a district build's own file is taken as it is
if [ ! -f "$rootfs_app$HOME_DIR/etc/org.openikfz.ui.cfg" ]; then
  cat >"$rootfs_app$HOME_DIR/etc/org.openikfz.ui.cfg" <<'EOF'
# The image's default: the three ingresses listen on every interface of the container (the container's network
# and the published ports decide who reaches them). Replace this file (volume etc/, or a ConfigMap) to configure
# TLS, trusted proxies, the public base URL.
host=0.0.0.0
backOfficeHost=0.0.0.0
apiHost=0.0.0.0
EOF
elif ! grep -q '^ *apiHost *= *0\.0\.0\.0' "$rootfs_app$HOME_DIR/etc/org.openikfz.ui.cfg"; then
  echo "oci-image: note: etc/org.openikfz.ui.cfg of $dist does not set apiHost=0.0.0.0: the ingresses it keeps on" \
    "127.0.0.1 cannot be reached from outside the container" >&2
fi

# --- the layers as reproducible tar archives -------------------------------------------------------------
blobs=$work/image/blobs/sha256
mkdir -p "$blobs"
tar_common=(--sort=name --format=posix --numeric-owner --mtime="@$SOURCE_DATE_EPOCH"
  --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime)
diff_ids=() layer_digests=() layer_sizes=()
add_layer() {  # <tar file>: gzips it into the blobs
  local tarfile=$1 diff gz digest
  diff=$(sha256sum "$tarfile" | cut -d' ' -f1)
  gz=$work/layer.gz
  gzip -n -6 -c "$tarfile" >"$gz"
  digest=$(sha256sum "$gz" | cut -d' ' -f1)
  mv "$gz" "$blobs/$digest"
  diff_ids+=("sha256:$diff"); layer_digests+=("$digest"); layer_sizes+=("$(stat -c %s "$blobs/$digest")")
}
# base: owned by root, /tmp world-writable with the sticky bit
tar -C "$rootfs_base" "${tar_common[@]}" --owner=0 --group=0 -cf "$work/l0.tar" .
add_layer "$work/l0.tar"
tar -C "$rootfs_java" "${tar_common[@]}" --owner=0 --group=0 --mode=go-w -cf "$work/l1.tar" .
add_layer "$work/l1.tar"
# the distribution belongs to root and is read-only for the platform; etc/ is readable by the platform's group
# only; data/, logs/ and audit/ belong to the platform's user (a new volume takes the folder's owner)
app=.${HOME_DIR}
tar -C "$rootfs_app" "${tar_common[@]}" --owner=0 --group=0 --mode=u+w,go-w \
  --exclude="$app/etc" --exclude="$app/data" --exclude="$app/logs" --exclude="$app/audit" -cf "$work/l2.tar" .
tar -C "$rootfs_app" "${tar_common[@]}" --owner=0 --group="$APP_GID" --mode=u+rwX,g+rX,g-w,o-rwx \
  -rf "$work/l2.tar" "$app/etc"
tar -C "$rootfs_app" "${tar_common[@]}" --owner="$APP_UID" --group="$APP_GID" --mode=u+rwX,go-rwx \
  -rf "$work/l2.tar" "$app/data" "$app/logs" "$app/audit"
add_layer "$work/l2.tar"

# the class path of the audit verification (bin/openikfz audit-verify, which needs a shell the image does not
# have): the same three jars, for `--entrypoint /opt/java/bin/java ... -cp <it> ...AuditVerifyCommand`
audit_cp=()
for j in org/openikfz/org.openikfz.store com/h2database org/postgresql; do
  found=$(cd "$dist" && find system -path "*/$j/*" -name '*.jar' | sort | head -1)
  [ -n "$found" ] && audit_cp+=("$HOME_DIR/$found")
done
audit_cp=$(IFS=:; echo "${audit_cp[*]}")

# --- config, manifest, index -----------------------------------------------------------------------------
json_str() { local s=${1//\\/\\\\}; s=${s//\"/\\\"}; printf '"%s"' "$s"; }
json_arr() { local first=1 x; printf '['; for x in "$@"; do [ $first = 1 ] || printf ','; first=0; json_str "$x"; done; printf ']'; }
entrypoint=("$JAVA_DIR/bin/java" "${jvm[@]}" "-Dopenikfz.home=$HOME_DIR" -jar "$HOME_DIR/$launcher")
java_version=$("$rootfs_java$JAVA_DIR/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.runtime.version = //p')
revision=$(git -C "$IKFZ_ROOT" rev-parse HEAD 2>/dev/null || echo unknown)
config=$(printf '{"created":"%s","architecture":"amd64","os":"linux","config":{' "$created"
  printf '"User":"%s:%s",' "$APP_UID" "$APP_GID"
  printf '"Env":%s,' "$(json_arr "PATH=$JAVA_DIR/bin:/usr/bin:/bin" "JAVA_HOME=$JAVA_DIR" "LANG=C.UTF-8")"
  printf '"Entrypoint":%s,' "$(json_arr "${entrypoint[@]}")"
  printf '"WorkingDir":"%s",' "$HOME_DIR"
  printf '"ExposedPorts":{"8080/tcp":{},"8081/tcp":{},"8082/tcp":{}},'
  printf '"Volumes":{"%s/data":{},"%s/etc":{},"%s/audit":{},"/tmp":{}},' "$HOME_DIR" "$HOME_DIR" "$HOME_DIR"
  printf '"StopSignal":"SIGTERM",'
  printf '"Labels":{"org.opencontainers.image.title":"Open i-Kfz","org.opencontainers.image.revision":%s,"org.openikfz.java.version":%s,"org.openikfz.java.modules":%s,"org.openikfz.audit-verify.classpath":%s}' \
    "$(json_str "$revision")" "$(json_str "$java_version")" "$(json_str "$modules")" "$(json_str "$audit_cp")"
  printf '},"rootfs":{"type":"layers","diff_ids":%s},' "$(json_arr "${diff_ids[@]}")"
  printf '"history":[{"created":"%s","created_by":"scripts/oci-image.sh: shared libraries, users"},{"created":"%s","created_by":"scripts/oci-image.sh: jlink %s"},{"created":"%s","created_by":"scripts/oci-image.sh: distribution %s"}]}' \
    "$created" "$created" "$(json_str "$modules" | tr -d '"')" "$created" "$(basename "$dist")")
printf '%s' "$config" >"$work/config.json"
config_digest=$(sha256sum "$work/config.json" | cut -d' ' -f1)
config_size=$(stat -c %s "$work/config.json")
mv "$work/config.json" "$blobs/$config_digest"

manifest=$(printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",'
  printf '"config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[' "$config_digest" "$config_size"
  for i in "${!layer_digests[@]}"; do
    [ "$i" -eq 0 ] || printf ','
    printf '{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}' "${layer_digests[$i]}" "${layer_sizes[$i]}"
  done
  printf ']}')
printf '%s' "$manifest" >"$work/manifest"
manifest_digest=$(sha256sum "$work/manifest" | cut -d' ' -f1)
manifest_size=$(stat -c %s "$work/manifest")
mv "$work/manifest" "$blobs/$manifest_digest"

printf '{"imageLayoutVersion":"1.0.0"}' >"$work/image/oci-layout"
# ref.name: podman and skopeo take the full name from it; io.containerd.image.name: docker load's name
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"io.containerd.image.name":%s,"org.opencontainers.image.ref.name":%s}}]}' \
  "$manifest_digest" "$manifest_size" "$(json_str "$ref")" "$(json_str "$ref")" >"$work/image/index.json"
# Docker's own description (docker load before version 25 reads only this)
layer_paths=(); for d in "${layer_digests[@]}"; do layer_paths+=("blobs/sha256/$d"); done
printf '[{"Config":"blobs/sha256/%s","RepoTags":%s,"Layers":%s}]' "$config_digest" "$(json_arr "$ref")" "$(json_arr "${layer_paths[@]}")" \
  >"$work/image/manifest.json"

tar -C "$work/image" "${tar_common[@]}" --owner=0 --group=0 -cf "$out.part" oci-layout index.json manifest.json blobs
mv "$out.part" "$out"
echo "oci-image: $ref -> $out ($(du -h "$out" | cut -f1), image sha256:$manifest_digest, Java $java_version)"
