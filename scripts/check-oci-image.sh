#!/usr/bin/env bash
# The distribution's OCI image, built by scripts/oci-image.sh, run the way an operator runs it: loaded with
# podman (from the oci-archive, as `podman load` reads it), started with nothing but the image's own
# configuration (its user, entrypoint, environment, volumes, ports) on a read-only root file system, data/ on a
# host folder. Passes when the portal answers 200, the back office 200, /health on the API port says UP, the
# platform ran as uid 10001 and wrote its database and keys to the data volume and its audit checkpoints to the
# image's audit volume, nothing outside the volumes, and stops cleanly on SIGTERM (podman stop); the audit
# verification then runs from the image and finds the trail intact.
#
#   scripts/check-oci-image.sh [distribution-dir]     (default distribution/target/openikfz)
#
# Needs podman and runc (scripts/prerequisites.sh installs them) and root: the image's files belong to uids 0
# and 10001. Uses a podman store of its own in a temporary folder; leaves nothing behind.
set -euo pipefail
source "$(dirname "$0")/env.sh"
dist=${1:-$IKFZ_ROOT/distribution/target/openikfz}
image=localhost/openikfz-check:test

fail() { echo "check-oci-image: FAILED: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (podman with the image's uids 0 and 10001)"
command -v podman >/dev/null || fail "podman is missing (scripts/prerequisites.sh installs it)"
command -v curl >/dev/null || fail "curl is missing"
started=$(date +%s)

work=$(mktemp -d /tmp/openikfz-oci-check.XXXXXX)
# a store of its own: the machine's images and containers stay untouched, and everything goes with $work;
# overlay cannot lie on an overlay file system (a container's /tmp), vfs can (copies, slower)
driver=overlay
case "$(stat -f -c %T "$work")" in overlay*) driver=vfs ;; esac
pod=(podman --root "$work/storage" --runroot "$work/run" --storage-driver "$driver")
# crun (podman's default) refuses cgroups in hybrid mode, as some CI machines and VMs have them; runc runs there
if command -v runc >/dev/null; then pod+=(--runtime runc); fi
container=
cleanup() {
  if [ -n "$container" ]; then "${pod[@]}" rm -f -v "$container" >/dev/null 2>&1 || true; fi
  "${pod[@]}" rmi -f "$image" >/dev/null 2>&1 || true
  "${pod[@]}" volume prune -f >/dev/null 2>&1 || true
  # the store's overlay mounts must go before its folder
  "${pod[@]}" system reset -f >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "check-oci-image: building the image of $dist ..."
"$IKFZ_ROOT/scripts/oci-image.sh" "$dist" "$image" "$work/image.tar"

echo "check-oci-image: loading it into podman ($(( $(date +%s) - started )) s) ..."
loaded=$("${pod[@]}" load -q -i "$work/image.tar" 2>&1) || fail "podman load: $loaded"
grep -q "$image" <<<"$loaded" || fail "podman load did not name the image $image: $loaded"

# the image's configuration, as podman read it
inspect() { "${pod[@]}" image inspect --format "$1" "$image"; }
[ "$(inspect '{{.Config.User}}')" = "10001:10001" ] || fail "image user is '$(inspect '{{.Config.User}}')', not 10001:10001"
volumes=$(inspect '{{range $k, $v := .Config.Volumes}}{{$k}} {{end}}')
for v in /opt/openikfz/data /opt/openikfz/etc /opt/openikfz/audit /tmp; do
  grep -qw -- "$v" <<<"$volumes" || fail "image declares no volume $v (it has: $volumes)"
done
ports=$(inspect '{{range $k, $v := .Config.ExposedPorts}}{{$k}} {{end}}')
for p in 8080/tcp 8081/tcp 8082/tcp; do grep -qw "$p" <<<"$ports" || fail "image exposes no $p (it has: $ports)"; done

# data/ on a host folder of the platform's user, as a volume would be; etc/, audit/ and /tmp: the image's
# volumes (podman makes them from the image's folders); no tmpfs of podman's own, so that /tmp is the image's
mkdir -m 700 "$work/data" && chown 10001:10001 "$work/data"
echo "check-oci-image: starting it ($(( $(date +%s) - started )) s): read-only root file system, data/ on $work/data ..."
# the ulimits: podman's defaults exceed what an unprivileged VM lets a container have; these are ordinary ones
container=$("${pod[@]}" run -d --read-only --read-only-tmpfs=false \
  --ulimit nofile=8192:8192 --ulimit nproc=4096:4096 \
  -v "$work/data:/opt/openikfz/data" \
  -p 127.0.0.1::8080 -p 127.0.0.1::8081 -p 127.0.0.1::8082 "$image")
logs() { "${pod[@]}" logs "$container" 2>&1 | tail -n "${1:-60}" >&2; }
port() { "${pod[@]}" port "$container" "$1/tcp" | head -1 | sed 's/.*://'; }
portal=$(port 8080) backoffice=$(port 8081) api=$(port 8082)

# wait for the condition, up to three minutes: the portal answers (the launcher reports "started" only when
# every component came up), or the container ended
status() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1" || true; }
deadline=$((SECONDS + 180))
until [ "$(status "http://127.0.0.1:$portal/")" = 200 ]; do
  if [ "$("${pod[@]}" inspect --format '{{.State.Running}}' "$container")" != true ]; then
    logs; fail "the container ended before the portal answered"
  fi
  [ $SECONDS -lt $deadline ] || { logs; fail "the portal did not answer 200 within 180 s"; }
  sleep 0.5
done
# started, as the launcher says: everything came up
until "${pod[@]}" logs "$container" 2>&1 | grep -q "Open i-Kfz started in"; do
  [ $SECONDS -lt $deadline ] || { logs; fail "the platform did not report its start"; }
  sleep 0.5
done
if "${pod[@]}" logs "$container" 2>&1 | grep -q "^ERROR"; then logs 200; fail "the platform logged errors while starting"; fi
[ "$(status "http://127.0.0.1:$backoffice/sachbearbeitung")" = 200 ] || fail "the back office did not answer 200"
echo "check-oci-image: the portal answers ($(( $(date +%s) - started )) s); checking ..."
health=$(curl -s --max-time 10 "http://127.0.0.1:$api/health" || true)
grep -q '"status":"UP"' <<<"$health" || { logs; fail "/health on the API port says: $health"; }

# the platform's process, as the kernel sees it: the image's user, entrypoint and environment
pid=$("${pod[@]}" inspect --format '{{.State.Pid}}' "$container")
uid=$(awk '/^Uid:/ {print $2}' "/proc/$pid/status")
[ "$uid" = 10001 ] || fail "the platform runs as uid '$uid', not 10001"
cmdline=$(tr '\0' ' ' <"/proc/$pid/cmdline")
[[ "$cmdline" == "/opt/java/bin/java "*"-Dopenikfz.home=/opt/openikfz -jar /opt/openikfz/lib/openikfz-launcher-"* ]] \
  || fail "the platform was not started by the image's entrypoint: $cmdline"
for e in LANG=C.UTF-8 JAVA_HOME=/opt/java; do
  tr '\0' '\n' <"/proc/$pid/environ" | grep -qx "$e" || fail "the platform's environment lacks the image's $e"
done
# it wrote its database, keys and first operator's password to the data volume, as uid 10001
for f in audit.key staff.key initial-operator.txt; do
  [ -f "$work/data/$f" ] || fail "data/$f is missing in the data volume (found: $(ls "$work/data"))"
  [ "$(stat -c %u "$work/data/$f")" = 10001 ] || fail "data/$f belongs to uid $(stat -c %u "$work/data/$f"), not 10001"
done
ls "$work/data"/*.mv.db >/dev/null 2>&1 || fail "no H2 database in the data volume (found: $(ls "$work/data"))"
# nothing was written outside the volumes (podman diff lists changes to the root file system; the mount points
# of the volumes and of what podman itself provides, /etc/hosts and the like, are changes of podman's)
changes=$("${pod[@]}" diff "$container" \
  | grep -vE '^[AC] /(opt(/openikfz(/(data|etc|audit))?)?|tmp|etc(/(hosts|hostname|resolv\.conf))?|run(/\.containerenv)?)$' || true)
[ -z "$changes" ] || fail "the container changed its root file system: $changes"
[ "$("${pod[@]}" inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$container")" = true ] || fail "root file system not read-only"

echo "check-oci-image: stopping it with SIGTERM ($(( $(date +%s) - started )) s) ..."
"${pod[@]}" stop -t 60 "$container" >/dev/null
code=$("${pod[@]}" inspect --format '{{.State.ExitCode}}' "$container")
# the JVM ends with 143 (128 + SIGTERM) after its shutdown hook stopped the framework; 137 would be the kill
case "$code" in 0|143) ;; *) logs; fail "the platform ended with $code on SIGTERM (137: killed after the timeout)" ;; esac
if "${pod[@]}" logs "$container" 2>&1 | grep -q "did not stop cleanly"; then logs; fail "the platform did not stop cleanly"; fi
# the audit chain seals a checkpoint at shutdown, into the image's audit volume
audit=$("${pod[@]}" inspect --format '{{range .Mounts}}{{if eq .Destination "/opt/openikfz/audit"}}{{.Source}}{{end}}{{end}}' "$container")
[ -n "$audit" ] && [ -s "$audit/checkpoints.log" ] || fail "no audit checkpoints in the audit volume ($audit)"

# the audit verification, as docs/operations-image.md tells operators to run it from the image (no shell there)
echo "check-oci-image: verifying the audit trail with the image's Java ($(( $(date +%s) - started )) s) ..."
cp=$(inspect '{{index .Config.Labels "org.openikfz.audit-verify.classpath"}}')
[ -n "$cp" ] || fail "the image has no label org.openikfz.audit-verify.classpath"
verified=$("${pod[@]}" run --rm --read-only --read-only-tmpfs=false --ulimit nofile=8192:8192 --ulimit nproc=4096:4096 \
  -v "$work/data:/opt/openikfz/data" -v "$audit:/opt/openikfz/audit" --entrypoint /opt/java/bin/java "$image" \
  -cp "$cp" org.openikfz.store.internal.AuditVerifyCommand /opt/openikfz 2>&1) || fail "audit verification: $verified"
grep -q "Audit trail intact" <<<"$verified" || fail "audit verification: $verified"

echo "check-oci-image: OK: portal 200, back office 200, /health UP, uid 10001, entrypoint and environment of the image," \
  "read-only root, volumes, clean stop," \
  "audit trail intact" \
  "($(( $(date +%s) - started )) s)"
