#!/usr/bin/env bash
# Tests scripts/action/run.sh (the GitHub Action) offline, run by .ci/run:
# releases are a local directory (DASLINT_RELEASE_BASE=file://...) laid out
# as on GitHub (download/<tag>/<asset>, latest/download/<asset>), holding a
# fake daslint that records how it was run; `go` is a fake that records the
# fallback's go install. Then the released archive of the real daslint
# (scripts/release.sh for this machine) is installed and run once.
# shellcheck disable=SC2016 # inputs in single quotes, to be passed on unexpanded
set -euo pipefail

here="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
failures=0

fail() {
	echo "FAIL $case: $*"
	failures=$((failures + 1))
}

go build -o "$work/releasearchive" "$here/internal/cmd/releasearchive"
real_go="$(command -v go)"

# The fake daslint: --version prints the version it was built as; a run
# appends its directory and arguments to $FAKE_LOG, writes "<format>
# report" to the file of every --format F=FILE, prints "stdout report" (or
# writes it to the file of --output) and exits $FAKE_EXIT.
fake_daslint() { # VERSION FILE
	cat >"$2" <<EOF
#!/usr/bin/env bash
if [ "\$1" = --version ]; then echo "daslint $1"; exit 0; fi
{ echo "pwd \$PWD"; printf 'arg %s\n' "\$@"; } >>"\$FAKE_LOG"
out=/dev/stdout
while [ \$# -gt 0 ]; do
	if [ "\$1" = --format ] && [[ \$2 == *=* ]]; then echo "\${2%%=*} report" >"\${2#*=}"; fi
	if [ "\$1" = --output ]; then out=\$2; fi
	shift
done
echo "stdout report" >"\$out"
exit "\${FAKE_EXIT:-0}"
EOF
	chmod +x "$2"
}

# release DIR VERSION [BAD]: a release of the fake daslint VERSION for
# linux/amd64 in DIR; with BAD, SHA256SUMS names another archive's sum.
release() {
	local dir=$1 bin="$work/build-$2/daslint"
	mkdir -p "$dir" "$(dirname "$bin")"
	fake_daslint "$2" "$bin"
	"$work/releasearchive" -o "$dir/daslint_linux_amd64.tar.gz" -mtime 0 "$bin"
	"$work/releasearchive" -sums -o "$dir/SHA256SUMS" "$dir/daslint_linux_amd64.tar.gz"
	if [ "${3:-}" = bad ]; then
		printf '%s  daslint_linux_amd64.tar.gz\n' "$(printf 'other bytes' | sha256sum | cut -d' ' -f1)" >"$dir/SHA256SUMS"
	fi
}
releases="$work/releases"
release "$releases/download/v1.2.3" 1.2.3
release "$releases/latest/download" 1.3.0
release "$releases/download/v6.6.6" 6.6.6 bad

# The fake go: records its environment and arguments and installs a fake
# daslint of the requested version into GOBIN.
mkdir -p "$work/fakego"
cat >"$work/fakego/go" <<'EOF'
#!/usr/bin/env bash
echo "go $* CGO_ENABLED=$CGO_ENABLED GOBIN=$GOBIN" >>"$GO_LOG"
[ "$1" = install ] || exit 1
v=${2##*@}
v=${v#v}
cat >"$GOBIN/daslint" <<EOS
#!/usr/bin/env bash
if [ "\$1" = --version ]; then echo "daslint $v"; exit 0; fi
{ echo "pwd \$PWD"; printf 'arg %s\n' "\$@"; } >>"\$FAKE_LOG"
exit "\${FAKE_EXIT:-0}"
EOS
chmod +x "$GOBIN/daslint"
EOF
chmod +x "$work/fakego/go"

# run_action NAME [VAR=VALUE...]: runs the action in a fresh workspace
# (with a subdirectory infra/) and runner, with the fake go first on PATH;
# sets status, out (stdout and stderr), log (the fake daslint's), golog,
# outputs ($GITHUB_OUTPUT), summary ($GITHUB_STEP_SUMMARY), ws.
run_action() {
	case=$1
	shift
	local d="$work/case-$case" f
	mkdir -p "$d/ws/infra" "$d/temp"
	ws="$d/ws"
	for f in fake.log go.log output summary; do
		: >"$d/$f"
	done
	set +e
	out="$(cd "$ws" && env -i PATH="$work/fakego:$PATH" HOME="$HOME" \
		RUNNER_OS=Linux RUNNER_ARCH=X64 RUNNER_TEMP="$d/temp" \
		GITHUB_OUTPUT="$d/output" GITHUB_STEP_SUMMARY="$d/summary" \
		GITHUB_ACTION_PATH="$d/_actions/daslint/daslint/main" \
		DASLINT_RELEASE_BASE="file://$releases" \
		FAKE_LOG="$d/fake.log" GO_LOG="$d/go.log" \
		"$@" bash "$here/scripts/action/run.sh" 2>&1)"
	status=$?
	set -e
	log="$(cat "$d/fake.log")"
	golog="$(cat "$d/go.log")"
	outputs="$(cat "$d/output")"
	summary="$(cat "$d/summary")"
}

expect_status() { [ "$status" -eq "$1" ] || fail "exit status $status, want $1; output:"$'\n'"$out"; }
expect_in() { # WHAT TEXT LINE: TEXT has the line LINE
	grep -qxF -- "$3" <<<"$2" || fail "$1 lacks the line \"$3\":"$'\n'"$2"
}
expect_out() { grep -qF -- "$1" <<<"$out" || fail "the output lacks \"$1\":"$'\n'"$out"; }

# 1. A release: downloaded, checksum verified, run once with the summary
# format added; go is not used.
run_action release-checksum DASLINT_VERSION=v1.2.3
expect_status 0
expect_out "sha256 $(cut -d' ' -f1 "$releases/download/v1.2.3/SHA256SUMS") daslint_linux_amd64.tar.gz: OK"
[ -z "$golog" ] || fail "go was run: $golog"
expect_in "the outputs" "$outputs" "exit-code=0"
expect_in "the outputs" "$outputs" "version=1.2.3"
expect_in "the outputs" "$outputs" "report="
expect_in "the run" "$log" "pwd $ws"
expect_in "the run" "$log" "arg github"
grep -q "^arg markdown=$work/case-$case/temp/daslint/v1.2.3/summary-[0-9]*\.md$" <<<"$log" || fail "no markdown format for the summary: $log"
[ "$(grep -c '^pwd' <<<"$log")" -eq 1 ] || fail "daslint ran $(grep -c '^pwd' <<<"$log") times, want once"
[ "$summary" = "markdown report" ] || fail "the job summary is \"$summary\", want the markdown report"
[ "$(tail -n 2 <<<"$log")" = $'arg --\narg .' ] || fail "the paths do not follow --: $log"
[ -x "$work/case-$case/temp/daslint/v1.2.3/bin/daslint" ] || fail "daslint is not installed in RUNNER_TEMP"

# 2. The version: the action's exact tag, else latest; "1.2.3" means v1.2.3.
run_action ref-exact GITHUB_ACTION_PATH=/runner/_actions/daslint/daslint/v1.2.3
expect_in "the outputs" "$outputs" "version=1.2.3"
run_action ref-major GITHUB_ACTION_PATH=/runner/_actions/daslint/daslint/v1
expect_in "the outputs" "$outputs" "version=1.3.0"
expect_out "download file://$releases/latest/download/daslint_linux_amd64.tar.gz"
run_action ref-windows-path GITHUB_ACTION_PATH='D:\a\_actions\daslint\daslint\v1.2.3'
expect_in "the outputs" "$outputs" "version=1.2.3"
run_action version-no-v DASLINT_VERSION=1.2.3 GITHUB_ACTION_PATH=/runner/_actions/daslint/daslint/v9.9.9
expect_in "the outputs" "$outputs" "version=1.2.3"
run_action version-latest DASLINT_VERSION=latest GITHUB_ACTION_PATH=/runner/_actions/daslint/daslint/v1.2.3
expect_in "the outputs" "$outputs" "version=1.3.0"

# 3. A checksum that does not match stops the step; nothing runs, and
# there is no fall back to go install.
run_action checksum-mismatch DASLINT_VERSION=v6.6.6
expect_status 2
expect_out "checksum mismatch for daslint_linux_amd64.tar.gz of v6.6.6"
[ -z "$log" ] || fail "daslint ran: $log"
[ -z "$golog" ] || fail "go was run: $golog"
[ ! -e "$work/case-$case/temp/daslint/v6.6.6/bin/daslint" ] || fail "the bad archive was unpacked"

# 4. No release asset: go install of that version, static, into RUNNER_TEMP.
run_action fallback DASLINT_VERSION=v2.0.0
expect_status 0
expect_in "go" "$golog" "go install github.com/daslint/daslint/cmd/daslint@v2.0.0 CGO_ENABLED=0 GOBIN=$work/case-$case/temp/daslint/v2.0.0/bin"
expect_in "the outputs" "$outputs" "version=2.0.0"
run_action fallback-arch DASLINT_VERSION=v1.2.3 RUNNER_ARCH=X86
expect_in "go" "$golog" "go install github.com/daslint/daslint/cmd/daslint@v1.2.3 CGO_ENABLED=0 GOBIN=$work/case-$case/temp/daslint/v1.2.3/bin"
run_action fallback-no-go DASLINT_VERSION=v2.0.0 PATH=/usr/bin:/bin
expect_status 2
expect_out "no go to build daslint with"

# 5. soft-fail: findings (1) pass the step, an input error (2) does not;
# exit-code is daslint's either way.
run_action findings DASLINT_VERSION=v1.2.3 FAKE_EXIT=1
expect_status 1
expect_in "the outputs" "$outputs" "exit-code=1"
run_action soft-fail DASLINT_VERSION=v1.2.3 FAKE_EXIT=1 DASLINT_SOFT_FAIL=true
expect_status 0
expect_in "the outputs" "$outputs" "exit-code=1"
run_action soft-fail-input-error DASLINT_VERSION=v1.2.3 FAKE_EXIT=2 DASLINT_SOFT_FAIL=true
expect_status 2
expect_in "the outputs" "$outputs" "exit-code=2"
run_action soft-fail-invalid DASLINT_VERSION=v1.2.3 DASLINT_SOFT_FAIL=maybe
expect_status 2
expect_out '"maybe" is not true or false'

# 6. working-directory, formats to files, the report output, args, paths.
run_action working-directory DASLINT_VERSION=v1.2.3 DASLINT_WORKING_DIRECTORY=infra \
	DASLINT_FORMAT="github sarif=daslint.sarif" DASLINT_ARGS="--region  eu-west-1" DASLINT_PATH=$'live\n  modules\n'
expect_status 0
expect_in "the run" "$log" "pwd $ws/infra"
expect_in "the run" "$log" "arg sarif=daslint.sarif"
[ "$(cat "$ws/infra/daslint.sarif" 2>/dev/null)" = "sarif report" ] || fail "infra/daslint.sarif was not written"
expect_in "the outputs" "$outputs" "report=infra/daslint.sarif"
[ "$(grep -A1 -x 'arg --region' <<<"$log" | tail -n 1)" = "arg eu-west-1" ] || fail "args were not split: $log"
[ "$(tail -n 3 <<<"$log")" = $'arg --\narg live\narg modules' ] || fail "the paths: $log"
run_action missing-directory DASLINT_VERSION=v1.2.3 DASLINT_WORKING_DIRECTORY=nope
expect_status 2
expect_out 'working-directory "nope" does not exist'
run_action output DASLINT_VERSION=v1.2.3 DASLINT_FORMAT=sarif DASLINT_OUTPUT=out.sarif
expect_in "the run" "$log" "arg --output"
expect_in "the run" "$log" "arg out.sarif"
[ "$(cat "$ws/out.sarif" 2>/dev/null)" = "stdout report" ] || fail "out.sarif does not hold the report"
expect_in "the outputs" "$outputs" "report=out.sarif"

# 7. The summary: off, or daslint wrote none (exit 2 before reporting).
run_action no-summary DASLINT_VERSION=v1.2.3 DASLINT_SUMMARY=false
grep -q '^arg markdown=' <<<"$log" && fail "the summary format was added: $log"
[ -z "$summary" ] || fail "the job summary was written: $summary"
mkdir -p "$work/silent"
fake_daslint 1.2.3 "$work/silent/daslint"
sed -i 's/^while/exit 2\nwhile/' "$work/silent/daslint"
release "$releases/download/v1.2.4" 1.2.4
"$work/releasearchive" -o "$releases/download/v1.2.4/daslint_linux_amd64.tar.gz" -mtime 0 "$work/silent/daslint"
"$work/releasearchive" -sums -o "$releases/download/v1.2.4/SHA256SUMS" "$releases/download/v1.2.4/daslint_linux_amd64.tar.gz"
run_action summary-no-report DASLINT_VERSION=v1.2.4
expect_status 2
grep -qF "daslint exited with status 2 and wrote no report" <<<"$summary" || fail "the job summary is \"$summary\""

# 8. Inputs are data, never code.
run_action injection DASLINT_VERSION=v1.2.3 DASLINT_PATH='$(touch pwned) `touch pwned2`;touch pwned3 *' \
	DASLINT_ARGS='--region "$(id)"'
expect_status 0
for f in "$ws"/pwned*; do
	[ ! -e "$f" ] || fail "an input ran a command: $f"
done
expect_in "the run" "$log" 'arg $(touch'
expect_in "the run" "$log" 'arg *'
expect_in "the run" "$log" 'arg "$(id)"'
run_action command-in-directory DASLINT_VERSION=v1.2.3 DASLINT_WORKING_DIRECTORY=$'nope\n::warning::injected 100%'
expect_status 2
expect_out '::error title=daslint action::working-directory "nope%0A::warning::injected 100%25" does not exist'
grep -q '^::warning::' <<<"$out" && fail "an input started a workflow command: $out"
run_action bad-version DASLINT_VERSION='v1.2.3/../../evil'
expect_status 2
expect_out 'is not latest or a tag like v1.2.3'
[ -z "$golog$log" ] || fail "something ran: $golog $log"

# 9. action.yml passes inputs through env only.
case=action.yml
if grep -nE '^\s*run:.*\$\{\{|^\s*run:\s*[|>]' "$here/action.yml"; then
	fail "action.yml has an expression or a script in run:"
fi
# Every input reaches the script.
while read -r input; do
	grep -qF "\${{ inputs.$input }}" "$here/action.yml" || fail "input $input is not passed to the script"
done < <(sed -n '/^inputs:/,/^[a-z]/s/^  \([a-z-]*\):$/\1/p' "$here/action.yml")

# 10. The real daslint, from a release archive built by scripts/release.sh.
host="$("$real_go" env GOHOSTOS)/$("$real_go" env GOHOSTARCH)"
if [ "$host" = linux/amd64 ]; then
	SOURCE_DATE_EPOCH=0 "$here/scripts/release.sh" -o "$releases/download/v0.0.0-test" -t linux/amd64 v0.0.0-test >/dev/null
	mkdir -p "$work/case-real/ws"
	cp -r "$here/examples/terraform-nat" "$work/case-real/ws/"
	case=real
	run_action real DASLINT_VERSION=v0.0.0-test DASLINT_WORKING_DIRECTORY=terraform-nat \
		DASLINT_FORMAT="text sarif=daslint.sarif" DASLINT_ARGS="--region eu-west-1"
	expect_in "the outputs" "$outputs" "version=0.0.0-test"
	expect_in "the outputs" "$outputs" "report=terraform-nat/daslint.sarif"
	if [ "$status" -gt 1 ]; then fail "the real daslint exited $status:"$'\n'"$out"; fi
	expect_out "aws_rds_cluster.this"
	grep -qE '"version": ?"2\.1\.0"' "$ws/terraform-nat/daslint.sarif" || fail "no SARIF in terraform-nat/daslint.sarif"
	if ! grep -q 'aws_rds_cluster\.this' <<<"$summary" || grep -q 'wrote no report' <<<"$summary"; then
		fail "the job summary is not daslint's Markdown report: $summary"
	fi
else
	echo "skipped the real release: it is built for linux/amd64 here, this is $host"
fi

if [ "$failures" -gt 0 ]; then
	echo "$failures failures"
	exit 1
fi
echo "ok: the action script"
