#!/usr/bin/env bash
# Self-test of scripts/realworld.sh: two tiny repositories in a temporary
# directory, one with references to two different undeclared variables (one
# cause: one group of count 2; exit 2) and one that passes (a copy of
# examples/terraform-nat). Checks the per-repository rows, the totals, the
# cluster row, the grouped message with its example location, that -o keeps
# the raw reports, and that a run without a report is counted as a crash. Skips (exit 0) when jq is missing, so that it is
# safe to run anywhere.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
if ! command -v jq >/dev/null; then
	echo "test-realworld: skipped, jq is not installed"
	exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/repos/broken/envs/prod" "$work/repos/fixed"
cat >"$work/repos/broken/envs/prod/main.tf" <<'EOF'
resource "aws_vpc" "main" {
  cidr_block = var.cidr
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.main.id
  cidr_block = var.subnet_cidr
}
EOF
cp "$here/examples/terraform-nat/main.tf" "$work/repos/fixed/main.tf"

"$here/scripts/realworld.sh" -t 60s -o "$work/out" "$work/repos" >"$work/summary.md" 2>"$work/stderr"

fail=0
expect() {
	if ! grep -qF -- "$1" "$work/summary.md"; then
		echo "test-realworld: missing line: $1"
		fail=1
	fi
}
expect '| broken | 2 | 1 | 0 | 0 | 0 | 0 | 2 | 0 |'
expect '| fixed | 0 | 1 | 1 | 1 | 0 | 0 | 0 | 0 |'
expect '| **all** | | 2 | 1 | 1 | 0 | 0 | 2 | 0 |'
expect '| fixed | `aws_rds_cluster.this` | main.tf:'
expect '| 2 | 1 | error | reference to undeclared input variable "X" | broken/envs/prod/main.tf:2: reference to undeclared input variable "cidr" |'
for f in broken.json broken.rc broken.stderr fixed.json; do
	[ -f "$work/out/$f" ] || { echo "test-realworld: -o did not keep $f"; fail=1; }
done

# A run that writes no report (here: -a passes a flag daslint rejects) is a
# row without counts and a crash entry with the first line of stderr.
"$here/scripts/realworld.sh" -a --no-such-flag "$work/repos" >"$work/summary.md" 2>"$work/stderr"
expect '| fixed | 2 | - | - | - | - | - | no report | - |'
expect '| 2 | 2 | crash | daslint: flag provided but not defined: -no-such-flag |'

if [ "$fail" -ne 0 ]; then
	echo "--- summary"
	cat "$work/summary.md"
	echo "--- stderr"
	cat "$work/stderr"
	exit 1
fi
echo "test-realworld: ok"
