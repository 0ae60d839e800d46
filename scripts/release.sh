#!/usr/bin/env bash
# Builds the release artefact: dist/sphery-engine-<version>-linux-<arch>.tar.gz (docs/deploy.md).
#
#   scripts/release.sh            # build, pack, check; prints the tarball's path on standard output
#
# The binary is a release build with the Swift standard library and Foundation linked statically
# (--static-swift-stdlib), so the target machine needs only its C libraries (the ldd list is
# printed and kept in BUILD-INFO). The tarball unpacks to one folder:
#
#   sphery-engine-<version>-linux-<arch>/
#     bin/sphery-engine                       the binary (--version prints the version and commit)
#     bin/sphery-engine_*.resources/          its resources (message texts, templates, openapi.yaml);
#                                             the binary looks for them beside itself
#     share/models/DualFlow_-1_10.json        a small demo model, trained here by the binary itself
#     deploy/                                 systemd unit, environment-file template, nginx site
#     docs/, README.md, BENCHMARKS.md         the documentation
#     VERSION                                 the version alone (0.2.0)
#     BUILD-INFO                              version, commit, date, toolchain, ldd
#
# Environment: SPHERY_RELEASE_SCRATCH (build folder, default .build-release),
# SPHERY_RELEASE_DIST (output folder, default dist).
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"

say() { echo "release: $*" >&2; }
fail() { echo "release: FAILED: $*" >&2; exit 1; }

version="$(sed -n 's/.*static let current = "\(.*\)".*/\1/p' Sources/MotivationEngine/ModelFile/EngineVersion.swift)"
[[ -n "$version" ]] || fail "cannot read the version from Sources/MotivationEngine/ModelFile/EngineVersion.swift"
arch="$(uname -m)"
commit="$(git rev-parse HEAD 2> /dev/null || echo unknown)"
if [[ "$commit" != unknown ]] && [[ -n "$(git status --porcelain --untracked-files=no 2> /dev/null)" ]]; then
    commit="$commit-modified"  # built from a working tree with uncommitted changes
fi
built="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
name="sphery-engine-$version-linux-$arch"
scratch="${SPHERY_RELEASE_SCRATCH:-.build-release}"
dist="${SPHERY_RELEASE_DIST:-dist}"
mkdir -p "$dist"
dist="$(cd "$dist" && pwd)"

[[ "$commit" =~ ^([0-9a-f]{40}(-modified)?|unknown)$ ]] || fail "unexpected commit: $commit"

# Package.swift compiles the C target BuildInfo with these two (and only that target: the rest of
# an earlier build in $scratch is reused); --version prints them.
export SPHERY_GIT_COMMIT="$commit" SPHERY_BUILD_DATE="$built"
say "building $name (commit $commit) in $scratch; a first release build takes about 15 minutes on 2 cores"
start=$SECONDS
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product sphery-engine >&2 \
    || fail "swift build failed"
bin="$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)"
say "built in $((SECONDS - start)) s"

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
folder="$stage/$name"
mkdir -p "$folder/bin" "$folder/share/models" "$folder/docs"
cp "$bin/sphery-engine" "$folder/bin/"
strip "$folder/bin/sphery-engine" 2> /dev/null || say "strip is missing: the binary keeps its symbols"
resources=0
for bundle in "$bin"/sphery-engine_*.resources; do
    [[ "$(basename "$bundle")" == *Tests.resources ]] && continue
    cp -R "$bundle" "$folder/bin/"
    resources=$((resources + 1))
done
(( resources > 0 )) || fail "no resource bundles beside $bin/sphery-engine"
cp -R deploy "$folder/deploy"
cp README.md BENCHMARKS.md "$folder/"
cp -R docs/. "$folder/docs/"

# The binary, from its new home with the build folder out of sight, proves it finds its resources
# and trains the small demo model the artefact ships (a check and a fixture in one).
say "checking the unpacked binary and training the shipped demo model"
check="$stage/check"
mkdir -p "$check"
engine="$folder/bin/sphery-engine"
reported="$(cd "$check" && "$engine" --version)" || fail "the binary does not start"
[[ "$reported" == "$version (commit $commit, built $built)" ]] \
    || fail "--version says '$reported', expected '$version (commit $commit, built $built)'"
say "--version: $reported"
(cd "$check" && "$engine" demo-data --db demo.sqlite --users 600 --seed 20 > /dev/null 2>&1) || fail "demo-data failed"
(cd "$check" && "$engine" train --db demo.sqlite --game-mode DualFlow --difficulty -1 --duration 10 --models "$folder/share/models" > /dev/null 2>&1) \
    || fail "training the demo model failed"
analysis="$(cd "$check" && "$engine" analyze --models "$folder/share/models" --json '{"score": 150000, "age": 30, "startSpeed": 5}')" \
    || fail "analyze on the shipped model failed"
grep -q '"motivational_message"' <<< "$analysis" || fail "analyze printed no analysis"
rm -rf "$check"

libraries="$(ldd "$engine" | sed 's/ (0x[0-9a-f]*)//' | sed 's/^[[:space:]]*//')"
swift_version="$(swift --version 2> /dev/null | head -1)"
cat > "$folder/BUILD-INFO" << INFO
name: $name
version: $version
commit: $commit
built: $built
toolchain: $swift_version
linked statically: the Swift standard library and Foundation (--static-swift-stdlib)
needs these shared libraries (ldd):
$(sed 's/^/  /' <<< "$libraries")
INFO
if grep -qiE 'libswift|libFoundation|libdispatch|libicu|libcurl|libxml' <<< "$libraries"; then
    fail "the binary still needs a Swift or Foundation library: $libraries"
fi

echo "$version" > "$folder/VERSION"

tarball="$dist/$name.tar.gz"
tar -C "$stage" -czf "$tarball" "$name"
(cd "$dist" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
say "ldd of bin/sphery-engine:"
sed 's/^/release:   /' <<< "$libraries" >&2
say "binary $(du -h "$engine" | cut -f1), tarball $(du -h "$tarball" | cut -f1), sha256 $(cut -d' ' -f1 "$tarball.sha256")"
say "wrote $tarball"
echo "$tarball"
