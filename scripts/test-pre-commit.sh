#!/usr/bin/env bash
# Integration test of the pre-commit hook (.pre-commit-hooks.yaml) with the
# real pre-commit tool: in a temporary git repository holding a broken and a
# fixed Terraform root, a root whose KMS endpoint is in a file of its own,
# a Kubernetes manifest and a workflow, it runs `pre-commit try-repo <this
# repository> daslint` on all files, on staged files, on a staged deletion
# (which pre-commit does not pass: daslint asks git) and between two refs,
# and checks the exit status and the output. pre-commit builds
# daslint with `go install` (language: golang); the host's module cache is
# reused and only the Go module proxy is consulted for what is missing.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"
command -v pre-commit >/dev/null || { echo "pre-commit is not installed"; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache" GOMODCACHE="$(go env GOMODCACHE)" GOTOOLCHAIN=local
export GIT_CONFIG_GLOBAL=/dev/null GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.com GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.com

# The hook repository: this work tree as it is (tracked and untracked files,
# uncommitted changes included), committed in a copy, since try-repo's
# shadow of uncommitted changes leaves untracked files out.
hookrepo="$work/hookrepo"
mkdir -p "$hookrepo"
(cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$hookrepo" 2>/dev/null || true)
git -C "$hookrepo" init -q
git -C "$hookrepo" add -A
git -C "$hookrepo" commit -qm "daslint under test"

repo="$work/repo"
mkdir -p "$repo/live/broken" "$repo/live/fixed" "$repo/live/endpoint" "$repo/k8s" "$repo/.github/workflows"
cp "$here/testdata/tf-one-subnet-broken-fail/main.tf" "$repo/live/broken/main.tf"
cp "$here/examples/terraform-nat/main.tf" "$repo/live/fixed/main.tf"
# tf-endpoint-pass with its KMS interface endpoint in endpoint.tf.
split="$(grep -n '^resource "aws_security_group" "kms_endpoint"' "$here/testdata/tf-endpoint-pass/main.tf" | cut -d: -f1)"
head -n "$((split - 1))" "$here/testdata/tf-endpoint-pass/main.tf" >"$repo/live/endpoint/main.tf"
tail -n "+$split" "$here/testdata/tf-endpoint-pass/main.tf" >"$repo/live/endpoint/endpoint.tf"
printf 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\n' >"$repo/k8s/web.yaml"
printf 'on: push\njobs: {}\n' >"$repo/.github/workflows/ci.yml"
printf '{"name": "web", "private": true}\n' >"$repo/package.json"
cd "$repo"
git init -q
git add -A
git commit -qm init

failures=0
# expect STATUS PATTERN... -- COMMAND...: runs COMMAND, checks its exit status
# and that its output matches every PATTERN (a "!" prefix: does not match).
expect() {
	local want="$1"
	shift
	local patterns=()
	while [ "$1" != "--" ]; do
		patterns+=("$1")
		shift
	done
	shift
	local out status=0
	out="$("$@" 2>&1)" || status=$?
	local ok=1
	[ "$status" -eq "$want" ] || ok=0
	for p in "${patterns[@]}"; do
		if [[ "$p" == !* ]]; then
			! grep -qE -- "${p#!}" <<<"$out" || ok=0
		else
			grep -qE -- "$p" <<<"$out" || ok=0
		fi
	done
	if [ "$ok" -eq 1 ]; then
		echo "ok: $* (exit $status)"
	else
		echo "FAIL: $* exited $status (want $want); patterns: ${patterns[*]}"
		echo "$out" | sed 's/^/    /'
		failures=$((failures + 1))
	fi
}

hook() { pre-commit try-repo "$hookrepo" daslint --verbose "$@"; }

# Every file: the broken root fails (exit 1) and is reported once; the
# manifest, the workflow and package.json are passed to the hook and ignored.
expect 1 'daslint.*Failed' 'DAS001: aws_rds_cluster.main cannot reach AWS KMS' \
	'4 files, 3 clusters: 2 pass, 1 fail' '!k8s/web.yaml' '!package.json' '!input problem[^s]|[1-9] input problems' \
	-- hook --all-files

# Staged files only: a change to the fixed root lints that root alone.
echo '# reviewed' >>live/fixed/main.tf
git add live/fixed/main.tf
expect 0 'daslint.*Passed' '1 file, 1 cluster: 1 pass, 0 fail' '!live/broken' -- hook

# A staged manifest alone: the hook runs and selects nothing.
git commit -qm fixed
echo '  namespace: web' >>k8s/web.yaml
git add k8s/web.yaml
expect 0 'daslint.*Passed' '0 files, 0 clusters' -- hook

# A staged file of the broken root fails the commit.
git commit -qm manifest
echo '# reviewed' >>live/broken/main.tf
git add live/broken/main.tf
expect 1 'daslint.*Failed' 'live/broken/main.tf' 'error DAS001' '!live/fixed' -- hook

# A staged deletion alone: pre-commit passes no file, the hook runs all the
# same (always_run) and daslint learns the deletion from git. Deleting the
# file that holds the KMS endpoint fails the commit.
git commit -qm broken
git rm -q live/endpoint/endpoint.tf
expect 1 'daslint.*Failed' 'live/endpoint/main.tf' 'error DAS001' 'kms-endpoint broken' '!live/fixed' '!live/broken' -- hook

# Renamed out of Terraform: the old path is a deletion too.
git reset -q --hard
git mv live/endpoint/endpoint.tf live/endpoint/endpoint.tf.disabled
expect 1 'daslint.*Failed' 'live/endpoint/main.tf' 'error DAS001' -- hook
git reset -q --hard

# A YAML file no root reads: nothing is linted (the pre-selection decides
# from the files' bytes, without evaluating a root).
printf 'kind: ConfigMap\n' >k8s/config.yaml
git add k8s/config.yaml
expect 0 'daslint.*Passed' '0 files, 0 clusters' -- hook
git commit -qm config
# So is the deletion of one.
git rm -q k8s/config.yaml
expect 0 'daslint.*Passed' '0 files, 0 clusters' -- hook
git reset -q --hard

# Between two refs (pre-push, CI): the deletion is learned from the refs.
git rm -q live/endpoint/endpoint.tf
git commit -qm "no endpoint"
expect 1 'daslint.*Failed' 'live/endpoint/main.tf' 'error DAS001' -- hook --from-ref HEAD~1 --to-ref HEAD
expect 0 'daslint.*Passed' -- hook --from-ref HEAD~2 --to-ref HEAD~1

if [ "$failures" -ne 0 ]; then
	echo "$failures pre-commit checks failed"
	exit 1
fi
echo "pre-commit hook: all checks passed"
