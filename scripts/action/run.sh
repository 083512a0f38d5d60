#!/usr/bin/env bash
# The GitHub Action (action.yml) in one testable script: install daslint,
# run it once, report. Every input arrives in the environment (action.yml
# never puts ${{ }} into a script), so no input can become shell code; the
# inputs that are lists are split on white space with globbing off.
#
# Install: the release archive for the runner's OS and architecture,
# checked against the release's SHA256SUMS, into $RUNNER_TEMP (nothing is
# added to PATH). When the release has no such asset, the binary comes from
# `go install github.com/daslint/daslint/cmd/daslint@VERSION` (CGO_ENABLED=0)
# with the runner's Go. A checksum that does not match stops the step: it is
# never a reason to fall back.
#
# Environment (the action's inputs):
#   DASLINT_VERSION            "latest", a tag (v1.2.3) or "" (the action's own
#                              tag, from GITHUB_ACTION_PATH, when it is an exact
#                              vX.Y.Z, else latest)
#   DASLINT_WORKING_DIRECTORY  where daslint runs (default .)
#   DASLINT_PATH               paths to lint, relative to it (default .)
#   DASLINT_FORMAT             formats, each given to --format (default github)
#   DASLINT_OUTPUT             a file for the report daslint would print (--output)
#   DASLINT_ARGS               more daslint arguments
#   DASLINT_SOFT_FAIL          "true": exit 0 when daslint exits 1 (findings)
#   DASLINT_SUMMARY            "true": the Markdown report into the job summary
#   DASLINT_RELEASE_BASE       where releases are (default
#                              https://github.com/daslint/daslint/releases;
#                              a mirror, or file:// in tests)
# and the runner's RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT,
# GITHUB_STEP_SUMMARY, GITHUB_ACTION_PATH.
#
# Outputs: exit-code (daslint's status), report (the report file, relative
# to the workspace when working-directory is), version (of daslint).
# Exit status: daslint's, except 0 for 1 with soft-fail; 2 when daslint
# could not be installed or an input is invalid (before daslint ran).
set -euo pipefail

module=github.com/daslint/daslint
base=${DASLINT_RELEASE_BASE:-https://github.com/daslint/daslint/releases}

# die reports a problem found before daslint ran, as an annotation (the
# runner reads workflow commands on standard error too; standard output may
# be a command substitution).
# The message is escaped as workflow commands require, so that an input
# with a line break cannot start a command of its own.
die() {
	local msg="$*"
	msg=${msg//%/%25}
	msg=${msg//$'\r'/%0D}
	msg=${msg//$'\n'/%0A}
	echo "::error title=daslint action::$msg" >&2
	exit 2
}

# The script keeps to bash 3.2 (macOS's /bin/bash): no ${x,,}, mapfile or
# namerefs, and no "${a[@]}" of an empty array under set -u.
is_true() {
	case $1 in
	true | True | TRUE) return 0 ;;
	false | False | FALSE | "") return 1 ;;
	esac
	die "\"$1\" is not true or false"
}

# resolve_version prints the release tag to install, or "latest".
resolve_version() {
	local v=${DASLINT_VERSION:-} ref
	if [ -z "$v" ]; then
		# The runner unpacks an action into _actions/<owner>/<repo>/<ref>
		# (\ separates on Windows). github.action_ref is no substitute: it
		# is empty in composite actions' steps, or the ref of an enclosing
		# action (actions/runner#2473).
		ref=${GITHUB_ACTION_PATH:-}
		ref=${ref##*[\\/]}
		if [[ $ref =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
			v=$ref
		else
			v=latest
		fi
	fi
	if [ "$v" = latest ]; then
		echo latest
		return
	fi
	[[ $v =~ ^v ]] || v=v$v
	[[ $v =~ ^v[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || die "version \"$v\" is not latest or a tag like v1.2.3"
	echo "$v"
}

# asset_name prints the release archive for this runner, or nothing when
# daslint is not released for it.
asset_name() {
	local os arch
	case ${RUNNER_OS:-} in
	Linux) os=linux ;;
	macOS) os=darwin ;;
	Windows) os=windows ;;
	*) return 0 ;;
	esac
	case ${RUNNER_ARCH:-} in
	X64) arch=amd64 ;;
	ARM64) arch=arm64 ;;
	*) return 0 ;;
	esac
	if [ "$os" = windows ]; then
		echo "daslint_${os}_${arch}.zip"
	else
		echo "daslint_${os}_${arch}.tar.gz"
	fi
}

sha256() {
	if command -v sha256sum >/dev/null; then
		sha256sum "$1" | cut -d' ' -f1
	else
		shasum -a 256 "$1" | cut -d' ' -f1
	fi
}

# install_release downloads, verifies and unpacks the archive NAME of TAG
# into DIR. It returns 1 when the release or the asset is not there (the
# caller falls back to go install) and stops the step on a bad checksum.
install_release() {
	local tag=$1 name=$2 dir=$3 url want got
	if [ "$tag" = latest ]; then
		url="$base/latest/download"
	else
		url="$base/download/$tag"
	fi
	mkdir -p "$dir/download"
	echo "download $url/$name"
	curl -fsSL --retry 3 -o "$dir/download/SHA256SUMS" "$url/SHA256SUMS" || return 1
	curl -fsSL --retry 3 -o "$dir/download/$name" "$url/$name" || return 1
	want=$(awk -v n="$name" '$2 == n || $2 == "*" n { print $1 }' "$dir/download/SHA256SUMS")
	[ -n "$want" ] || die "SHA256SUMS of $tag has no line for $name"
	got=$(sha256 "$dir/download/$name")
	[ "$got" = "$want" ] || die "checksum mismatch for $name of $tag: SHA256SUMS says $want, the download is $got"
	echo "sha256 $got $name: OK"
	mkdir -p "$dir/bin"
	case $name in
	*.zip) unzip -q -o "$dir/download/$name" -d "$dir/bin" || 7z x -y -o"$dir/bin" "$dir/download/$name" >/dev/null ;;
	*) tar -xzf "$dir/download/$name" -C "$dir/bin" ;;
	esac
}

install_go() {
	local tag=$1 dir=$2
	command -v go >/dev/null || die "no release asset for this runner and no go to build daslint with: set up Go first (actions/setup-go)"
	echo "go install $module/cmd/daslint@$tag"
	mkdir -p "$dir/bin"
	CGO_ENABLED=0 GOBIN="$dir/bin" go install "$module/cmd/daslint@$tag" || die "go install $module/cmd/daslint@$tag failed"
}

main() {
	[ -n "${RUNNER_TEMP:-}" ] || die "RUNNER_TEMP is not set"
	local tag name dir exe status=0 report='' summary='' v soft_fail=false want_summary=false
	# Every input is checked before anything is installed or run.
	if is_true "${DASLINT_SOFT_FAIL:-false}"; then
		soft_fail=true
	fi
	if is_true "${DASLINT_SUMMARY:-true}" && [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
		want_summary=true
	fi
	tag=$(resolve_version)
	name=$(asset_name)
	dir="$RUNNER_TEMP/daslint/$tag"
	exe="$dir/bin/daslint"
	if [ "${RUNNER_OS:-}" = Windows ]; then
		exe="$dir/bin/daslint.exe"
	fi

	echo "::group::Install daslint $tag"
	if [ -x "$exe" ]; then
		echo "already installed in $dir/bin"
	elif [ -n "$name" ] && install_release "$tag" "$name" "$dir"; then
		:
	else
		echo "no release asset ${name:-for $RUNNER_OS/$RUNNER_ARCH} of $tag: building it"
		install_go "$tag" "$dir"
	fi
	[ -x "$exe" ] || die "$exe was not installed"
	v=$("$exe" --version) || die "$exe --version failed"
	v=${v#daslint }
	echo "daslint $v"
	echo "::endgroup::"

	local wd=${DASLINT_WORKING_DIRECTORY:-.}
	cd -- "$wd" || die "working-directory \"$wd\" does not exist"

	# The lists are split on white space (line breaks too), expanding
	# nothing: no globs, no variables, no quotes.
	local formats=() args=() paths=() argv=() f
	IFS=$' \t\n' read -r -d '' -a formats <<<"${DASLINT_FORMAT:-github}" || true
	IFS=$' \t\n' read -r -d '' -a args <<<"${DASLINT_ARGS:-}" || true
	IFS=$' \t\n' read -r -d '' -a paths <<<"${DASLINT_PATH:-.}" || true
	for f in ${formats[@]+"${formats[@]}"}; do
		argv+=(--format "$f")
		# The first format written to a file is the report.
		if [ -z "$report" ] && [[ $f == *=* ]]; then
			report=${f#*=}
		fi
	done
	if [ -n "${DASLINT_OUTPUT:-}" ]; then
		report=$DASLINT_OUTPUT
	fi
	if [ "$want_summary" = true ]; then
		summary="$dir/summary-$$.md"
		rm -f "$summary"
		argv+=(--format "markdown=$summary")
	fi
	if [ -n "${DASLINT_OUTPUT:-}" ]; then
		# daslint writes it whole or not at all, and never over an input.
		argv+=(--output "$DASLINT_OUTPUT")
	fi
	argv+=(${args[@]+"${args[@]}"} -- ${paths[@]+"${paths[@]}"})

	echo "daslint ${argv[*]}"
	"$exe" "${argv[@]}" || status=$?

	if [ -n "$summary" ]; then
		if [ -s "$summary" ]; then
			cat "$summary" >>"$GITHUB_STEP_SUMMARY"
		else
			printf '### daslint\n\ndaslint exited with status %d and wrote no report; see the log of the step.\n' "$status" >>"$GITHUB_STEP_SUMMARY"
		fi
	fi
	if [ -n "$report" ] && [[ $report != /* ]] && [ "$wd" != . ]; then
		report="${wd%/}/$report"
	fi
	if [ -n "${GITHUB_OUTPUT:-}" ]; then
		{
			echo "exit-code=$status"
			echo "version=$v"
			# A name with a line break cannot be an output line.
			[[ $report == *$'\n'* ]] || echo "report=$report"
		} >>"$GITHUB_OUTPUT"
	fi

	if [ "$status" -eq 1 ] && [ "$soft_fail" = true ]; then
		echo "daslint exited 1 (error findings); soft-fail: the step passes"
		return 0
	fi
	return "$status"
}

main "$@"
