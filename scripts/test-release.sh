#!/usr/bin/env bash
# Checks scripts/release.sh as a snapshot release (run by .ci/run): every
# target builds; SHA256SUMS verifies; a second run gives the same bytes
# (archives, checksums, licences); the host's archive rebuilt with an empty
# Go build cache is byte for byte the one of the first run (so the binary,
# not only the cache, is reproducible); the host's binary is static, prints
# the stamped version, and lints the README example. No network.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH" LC_ALL=C # LC_ALL: the order of globs
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT
version=v0.0.0-snapshot
# A fixed time: the check must not depend on the last commit.
export SOURCE_DATE_EPOCH=1767225600

fail() {
	echo "test-release: $*" >&2
	exit 1
}

"$here/scripts/release.sh" -o "$work/a" "$version"
want="SHA256SUMS daslint_darwin_amd64.tar.gz daslint_darwin_arm64.tar.gz daslint_linux_amd64.tar.gz daslint_linux_arm64.tar.gz daslint_windows_amd64.zip daslint_windows_arm64.zip"
got="$(cd "$work/a" && printf '%s ' * | sed 's/ $//')"
[ "$got" = "$want" ] || fail "release holds \"$got\", want \"$want\""
(cd "$work/a" && sha256sum -c --strict SHA256SUMS) || fail "SHA256SUMS does not verify"

echo "-- the same release again"
"$here/scripts/release.sh" -o "$work/b" "$version" >/dev/null
diff -r "$work/a" "$work/b" || fail "two runs of release.sh differ"

host="$(go env GOHOSTOS)_$(go env GOHOSTARCH)"
echo "-- $host again with an empty build cache"
GOCACHE="$work/gocache" "$here/scripts/release.sh" -o "$work/c" -t "${host/_//}" "$version" >/dev/null
archive=daslint_$host.tar.gz
[ "$(go env GOHOSTOS)" = windows ] && archive=daslint_$host.zip
cmp "$work/a/$archive" "$work/c/$archive" || fail "$archive differs when built with an empty build cache"

echo "-- the $host binary"
mkdir "$work/x"
tar -C "$work/x" -xzf "$work/a/$archive"
members="$(cd "$work/x" && printf '%s ' *)"
[ "$members" = "LICENSE NOTICE README.md THIRD_PARTY_LICENSES daslint " ] || fail "$archive holds \"$members\""
bin="$work/x/daslint"
got="$("$bin" --version)"
[ "$got" = "daslint 0.0.0-snapshot" ] || fail "--version printed \"$got\", want \"daslint 0.0.0-snapshot\""
info="$(go version -m "$bin")"
for setting in 'CGO_ENABLED=0' '-trimpath=true'; do
	grep -q -- "$setting" <<<"$info" || fail "the binary was not built with $setting:"$'\n'"$info"
done
if grep -q "$here" "$bin"; then
	fail "the binary holds the path of the work tree ($here)"
fi
grep -q '^==== gopkg.in/yaml.v3 ' "$work/x/THIRD_PARTY_LICENSES" || fail "THIRD_PARTY_LICENSES lacks the modules"
set +e
(cd "$here" && "$bin" examples/terraform-nat >/dev/null)
status=$?
set -e
[ "$status" -le 1 ] || fail "the released binary exited $status on examples/terraform-nat"
echo "ok: release $version reproducible and verified"
