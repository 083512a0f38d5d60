#!/usr/bin/env bash
# Checks that `go install github.com/daslint/daslint/cmd/daslint@vX.Y.Z`
# gives a binary whose --version prints X.Y.Z (from the build info): this
# work tree is served as version v1.2.3 from a local file module proxy, in
# front of the Go module proxy for the dependencies.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"
work="$(mktemp -d)"
trap 'chmod -R u+w "$work"; rm -rf "$work"' EXIT

mod=github.com/daslint/daslint
ver=v1.2.3
dir="$work/proxy/$mod/@v"
mkdir -p "$dir"
echo "$ver" >"$dir/list"
printf '{"Version":"%s","Time":"2026-01-01T00:00:00Z"}\n' "$ver" >"$dir/$ver.info"
cp "$here/go.mod" "$dir/$ver.mod"
# The module zip: the tracked and untracked files, under module@version/,
# without nested modules (directories with their own go.mod), as the Go
# command itself packs a module.
(cd "$here" && git ls-files -z --cached --others --exclude-standard) |
	python3 -c '
import sys, zipfile, os
root, out, prefix = sys.argv[1], sys.argv[2], sys.argv[3]
names = sorted(n for n in sys.stdin.read().split("\0") if n and os.path.isfile(os.path.join(root, n)))
nested = [n[: -len("go.mod")] for n in names if n.endswith("/go.mod")]
with zipfile.ZipFile(out, "w") as z:
    for name in names:
        if not any(name.startswith(d) for d in nested):
            z.write(os.path.join(root, name), prefix + name)
' "$here" "$dir/$ver.zip" "$mod@$ver/"

export GONOSUMDB="$mod" GOFLAGS=
export GOBIN="$work/bin" GOMODCACHE="$work/modcache" GOTOOLCHAIN=local
# Dependencies come from the host's module cache when it has them.
export GOPROXY="file://$work/proxy,file://$(go env GOMODCACHE)/cache/download,https://proxy.golang.org"
go install "$mod/cmd/daslint@$ver"
got="$("$GOBIN/daslint" --version)"
if [ "$got" != "daslint 1.2.3" ]; then
	echo "go install ...@$ver: --version printed \"$got\", want \"daslint 1.2.3\""
	exit 1
fi
echo "ok: go install ...@$ver prints \"$got\""
