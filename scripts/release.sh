#!/usr/bin/env bash
# Builds the release of daslint VERSION: one static binary per target
# (CGO_ENABLED=0, -trimpath, -buildvcs=false, the version stamped with
# -X main.stampedVersion), each in an archive with LICENSE, NOTICE,
# README.md and THIRD_PARTY_LICENSES (the licences of the Go modules and of
# the Go standard library the binary is built from), and SHA256SUMS over
# the archives. The same tree, Go version and SOURCE_DATE_EPOCH give the
# same bytes on any machine (.ci/run checks that via scripts/test-release.sh).
#
# Usage: scripts/release.sh [-o DIR] [-t "GOOS/GOARCH ..."] VERSION
#
#   VERSION  a tag: v1.2.3 or v1.2.3-rc.1 (daslint --version prints 1.2.3)
#   -o DIR   where to write; absent or empty (default: dist)
#   -t LIST  the targets (default: linux, darwin and windows on amd64 and arm64)
#
# Archives are named daslint_<os>_<arch>.tar.gz (.zip for windows), without
# the version, so that https://github.com/daslint/daslint/releases/latest/download/<name>
# always names the newest. Archive times are SOURCE_DATE_EPOCH when set,
# else the time of the last commit. Needs only Go (and git for the default
# time).
set -euo pipefail

usage() {
	sed -n '10,14s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

out=dist
targets="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
while getopts o:t:h opt; do
	case $opt in
	o) out=$OPTARG ;;
	t) targets=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 1 ] || usage
version=$1
if ! [[ $version =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]]; then
	echo "release.sh: version \"$version\" is not a tag like v1.2.3 or v1.2.3-rc.1" >&2
	exit 2
fi

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
	echo "release.sh: $out is not empty" >&2
	exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"

if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
	SOURCE_DATE_EPOCH="$(git log -1 --format=%ct)" || {
		echo "release.sh: not in a git checkout: set SOURCE_DATE_EPOCH" >&2
		exit 2
	}
fi

if git rev-parse --git-dir >/dev/null 2>&1 && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "release.sh: warning: the work tree has uncommitted changes; this is not the release of a commit" >&2
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Settings that would change the bytes are fixed here rather than taken
# from the caller's environment.
export CGO_ENABLED=0 GOFLAGS=-mod=readonly GOAMD64=v1 GOARM64=v8.0 GOEXPERIMENT=
go version
go build -o "$work/releasearchive" ./internal/cmd/releasearchive

# third_party_licenses prints the licence of the Go standard library and of
# every module that the binary for GOOS/GOARCH links, sorted by module path.
# A module without a licence file stops the release.
third_party_licenses() {
	printf 'Licences of the code that daslint %s is built from, besides its own (LICENSE).\n' "$version"
	printf '\n==== Go standard library (%s)\n\n' "$(go env GOVERSION)"
	cat "$(go env GOROOT)/LICENSE"
	local path ver dir files
	go list -deps -f '{{with .Module}}{{if not .Main}}{{.Path}} {{.Version}} {{.Dir}}{{end}}{{end}}' ./cmd/daslint |
		sort -u | while read -r path ver dir; do
		files="$(find "$dir" -maxdepth 1 -type f \( -iname 'LICENSE*' -o -iname 'LICENCE*' -o -iname 'COPYING*' -o -iname 'NOTICE*' \) | LC_ALL=C sort)"
		if [ -z "$files" ]; then
			echo "release.sh: module $path $ver has no licence file" >&2
			return 1
		fi
		printf '\n==== %s %s\n' "$path" "$ver"
		for f in $files; do
			printf '\n-- %s\n\n' "$(basename "$f")"
			cat "$f"
		done
	done
}

ldflags="-s -w -buildid= -X main.stampedVersion=$version"
archives=()
for target in $targets; do
	goos=${target%/*} goarch=${target#*/}
	dir="$work/$goos-$goarch"
	mkdir -p "$dir"
	exe=daslint
	[ "$goos" = windows ] && exe=daslint.exe
	echo "build $goos/$goarch"
	GOOS=$goos GOARCH=$goarch go build -trimpath -buildvcs=false -ldflags="$ldflags" -o "$dir/$exe" ./cmd/daslint
	GOOS=$goos GOARCH=$goarch third_party_licenses >"$dir/THIRD_PARTY_LICENSES"
	cp LICENSE NOTICE README.md "$dir/"
	archive="$out/daslint_${goos}_${goarch}.tar.gz"
	[ "$goos" = windows ] && archive="$out/daslint_${goos}_${goarch}.zip"
	"$work/releasearchive" -o "$archive" -mtime "$SOURCE_DATE_EPOCH" \
		"$dir/$exe" "$dir/LICENSE" "$dir/NOTICE" "$dir/README.md" "$dir/THIRD_PARTY_LICENSES"
	archives+=("$archive")
done

mapfile -t sorted < <(printf '%s\n' "${archives[@]}" | LC_ALL=C sort)
"$work/releasearchive" -sums -o "$out/SHA256SUMS" "${sorted[@]}"
echo "daslint $version in $out:"
cat "$out/SHA256SUMS"
