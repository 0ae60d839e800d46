#!/usr/bin/env bash
# Proves the release artefact runs on a bare Debian 12 without the Swift toolchain: a minimal
# root made by `debootstrap --variant=minbase bookworm` (cached in .build-chroot/bookworm), the
# tarball unpacked into its /opt, and in a chroot:
#   1. ldd: every library the binary needs is in the bare root;
#   2. sphery-engine --version;
#   3. analyze on the model the artefact ships (share/models);
#   4. demo-data into an SQLite file, then serve on it answering /ready (database reachable),
#      an analysis and a player look-up on loopback (a chroot shares the host's network).
# The Containerfile's runtime stage is this same artefact on debian:bookworm-slim; container
# registries are not reachable here, so this test stands for it.
#
#   scripts/release-chroot-test.sh [TARBALL]     # default: the newest dist/sphery-engine-*.tar.gz
#
# Needs root (debootstrap, chroot, mounts). Prints PASS or FAIL per step; exits non-zero on a failure.
set -euo pipefail
cd "$(dirname "$0")/.."

tarball="${1:-$(ls -t dist/sphery-engine-*.tar.gz 2> /dev/null | head -1)}"
[[ -f "$tarball" ]] || { echo "chroot test: no tarball; run scripts/release.sh first" >&2; exit 2; }
[[ $EUID -eq 0 ]] || { echo "chroot test: needs root (debootstrap, chroot, mount)" >&2; exit 2; }
command -v debootstrap > /dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap > /dev/null; }

root="$(pwd)/.build-chroot/bookworm"
mirror="${SPHERY_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if [[ ! -f "$root/.complete" ]]; then
    echo "chroot test: making a bare Debian 12 root in $root (debootstrap --variant=minbase, a few minutes once)" >&2
    rm -rf "$root"
    mkdir -p "$root"
    debootstrap --variant=minbase bookworm "$root" "$mirror" > "$root.log" 2>&1 || { tail -20 "$root.log" >&2; exit 1; }
    touch "$root/.complete"
fi

name="$(basename "$tarball" .tar.gz)"
rm -rf "$root/opt/$name" "$root/tmp/chroot-test"
tar -C "$root/opt" -xzf "$tarball"
mkdir -p "$root/tmp/chroot-test"
engine="/opt/$name/bin/sphery-engine"

mounted=()
cleanup() {
    [[ -n "${server:-}" ]] && kill "$server" 2> /dev/null && wait "$server" 2> /dev/null
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[i]}" 2> /dev/null || umount -l "${mounted[i]}"; done
}
trap cleanup EXIT
for point in proc dev; do
    if [[ $point == proc ]]; then mount -t proc proc "$root/proc"; else mount --bind /dev "$root/dev"; fi
    mounted+=("$root/$point")
done

failures=0
step() {  # step NAME COMMAND...: runs a check, prints PASS or FAIL with its output's first lines
    local name="$1"
    shift
    local output
    if output="$("$@" 2>&1)"; then
        echo "PASS  $name"
        sed -n '1,6s/^/      /p' <<< "$output"
    else
        echo "FAIL  $name"
        sed 's/^/      /' <<< "$output" | tail -20
        failures=$((failures + 1))
    fi
}
inside() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp "$@"; }

echo "chroot test: $name on $(cat "$root/etc/debian_version" 2> /dev/null || echo '?') (debootstrap minbase, no Swift toolchain)"
step "no Swift toolchain in the root" bash -c "! ls '$root'/usr/bin/swift* > /dev/null 2>&1"
step "ldd: every library is found" bash -c "chroot '$root' ldd '$engine' | tee /dev/stderr | grep -q 'not found' && exit 1 || exit 0"
step "sphery-engine --version" inside "$engine" --version
step "analyze on the shipped model" bash -c "chroot '$root' '$engine' analyze --models /opt/$name/share/models --json '{\"score\": 150000, \"age\": 30, \"startSpeed\": 5}' | grep -q '\"next_target\"'"
step "demo-data into SQLite" inside "$engine" demo-data --db /tmp/chroot-test/demo.sqlite --users 300

port="${SPHERY_CHROOT_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}"
# Started without a shell function in between, so that $! is the server itself (chroot and env exec it).
chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp "$engine" serve --db /tmp/chroot-test/demo.sqlite --models "/opt/$name/share/models" --port "$port" \
    --no-prediction-log > "$root/tmp/chroot-test/serve.log" 2>&1 &
server=$!
ready() {
    for _ in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/ready" 2> /dev/null && return 0
        sleep 0.1
    done
    tail -5 "$root/tmp/chroot-test/serve.log"
    return 1
}
step "serve answers /ready" ready
step "serve answers an analysis" bash -c "curl -fsS -X POST -H 'Content-Type: application/json' \
    -d '{\"score\": 150000, \"age\": 30, \"startSpeed\": 5}' http://127.0.0.1:$port/v1/analyze | grep -q '\"next_target\"'"
lookup() {  # the first of the demo's players with a workout in the segment
    for user in $(seq 1 100); do
        curl -fsS "http://127.0.0.1:$port/v1/players/$user/motivation?game_mode=DualFlow&difficulty=-1&duration=10" 2> /dev/null \
            | grep -q '"motivational_message"' && echo "player $user answered" && return 0
    done
    return 1
}
step "serve answers a player look-up" lookup
kill -TERM "$server"
stopping=$SECONDS
if wait "$server"; then
    echo "PASS  serve stops on SIGTERM with status 0 (in $((SECONDS - stopping)) s)"
else
    echo "FAIL  serve stops on SIGTERM with status 0 (status $?)"
    tail -5 "$root/tmp/chroot-test/serve.log"
    failures=$((failures + 1))
fi
server=""

if ((failures > 0)); then
    echo "chroot test: $failures step(s) FAILED"
    exit 1
fi
echo "chroot test: every step PASSED"
