#!/usr/bin/env bash
# bench-peers.sh — daslint side by side with its peers and the parse-only
# floor (issue 10). Not run by CI.
#
# Usage: scripts/bench-peers.sh [-r RUNS] [-R PEER_RUNS] [-s STACKS] [-G] [-P] [-C SECS] [REPO ...]
#
# It builds Trivy and TFLint at pinned versions from the Go module proxy
# (go install) into a cache folder, once; builds daslint (this work tree)
# and the parse-only floor (internal/cmd/parsefloor); writes the generated
# trees (stress.WriteStacks: 100 and 2,000 stacks of 9 resources, one root;
# the growth series from 1,000 to 40,000 resources); then runs, on each
# tree and on each REPO given (a checkout, e.g. of
# terraform-aws-modules/terraform-aws-security-group), every tool under
# GNU /usr/bin/time -v and prints Markdown on stdout: the machine, date and
# versions, a table of median wall time, peak RSS and CPU use with the
# ratios, and the growth table (daslint and the floor only). Progress goes
# to stderr.
#
#   -r RUNS       runs of daslint and the floor per input (default 5)
#   -R PEER_RUNS  runs of Trivy and TFLint per input (default 5; Trivy
#                 takes minutes per run on the 2,000-stack tree)
#   -s STACKS     the sizes of the generated trees, in stacks (default
#                 "100 2000"; "" for none)
#   -G            skip the growth series
#   -P            skip the peers (no build, daslint and the floor only)
#   -C SECS       time the growth series cold: wait SECS seconds before
#                 each timed run instead of running it once untimed first
#
# Each timed run of the growth series follows an untimed run of the same
# command, so that every size starts in the same state: on a virtual
# machine that hands free memory back to its host (Firecracker's free page
# reporting, a balloon), memory the machine has not used for a few seconds
# costs about twenty times as much to touch again, and a run that followed
# a smaller one would pay that for the difference alone. With -C, every
# run pays it for all the memory it touches, as a run does after the
# machine has been idle (docs/performance.md, "Memory a run touches").
#
# The cache folder is $DASLINT_BENCH_CACHE, default ~/.cache/daslint-bench:
# bin/ holds the peers, *.log their build logs, trivy-cache/ Trivy's own
# cache. The first build takes about 20 minutes on 2 cores (Trivy is most
# of it) and downloads the peers' modules through GOPROXY; later runs
# reuse the binaries. The tools run offline: Trivy with its embedded
# checks (--skip-check-update, --skip-version-check, --disable-telemetry
# where it has the flag), TFLint with its bundled Terraform ruleset only
# (no .tflint.hcl, no plugin).
#
# Needs Go, GNU time (Debian: apt-get install time) and git.
set -euo pipefail

TRIVY_VERSION=0.74.0
TFLINT_VERSION=0.64.0
STACKS=(100 2000)
GROWTH=(111 222 556 1111 2222 4444) # stacks: 999 to 39,996 resources

runs=5
peer_runs=5
growth=1
peers=1
cold=
while getopts "r:R:s:GPC:h" opt; do
	case $opt in
	r) runs=$OPTARG ;;
	R) peer_runs=$OPTARG ;;
	s) read -r -a STACKS <<<"$OPTARG" ;;
	G) growth=0 ;;
	P) peers=0 ;;
	C) cold=$OPTARG ;;
	*)
		sed -n '2,/^set -e/p' "$0" | sed 's/^# \{0,1\}//; /^set -e/d' >&2
		exit 2
		;;
	esac
done
shift $((OPTIND - 1))
repos=("$@")

for r in "${repos[@]}"; do
	[ -d "$r" ] || {
		echo "bench-peers: $r is not a directory" >&2
		exit 2
	}
done
[ -x /usr/bin/time ] || {
	echo "bench-peers: GNU time is missing (Debian: apt-get install time)" >&2
	exit 2
}

cache=${DASLINT_BENCH_CACHE:-$HOME/.cache/daslint-bench}
load_start=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
top=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
say() { echo "bench-peers: $*" >&2; }
commas() { echo "$1" | sed ':a; s/\B[0-9]\{3\}\>/,&/; ta'; }

# build_peer NAME VERSION MODULE [ENV=VALUE ...] installs MODULE@vVERSION
# into $cache/bin unless the binary there reports VERSION.
build_peer() {
	local name=$1 version=$2 module=$3
	shift 3
	local bin=$cache/bin/$name
	# Not `--version | grep -q`: grep's early exit fails the pipeline.
	if [ -x "$bin" ] && [[ $("$bin" --version 2>&1 || true) == *"$version"* ]]; then
		return
	fi
	mkdir -p "$cache/bin"
	say "building $name $version into $cache/bin (the first build takes about 20 minutes; log: $cache/$name.log)"
	local start=$SECONDS
	if ! env "$@" GOBIN="$cache/bin" GOFLAGS=-buildvcs=false go install "$module@v$version" >"$cache/$name.log" 2>&1; then
		say "building $name failed; see $cache/$name.log"
		exit 1
	fi
	say "built $name in $((SECONDS - start)) s"
}

if [ "$peers" = 1 ]; then
	# Trivy's own builds set GOEXPERIMENT=jsonv2: it imports encoding/json/v2.
	build_peer trivy "$TRIVY_VERSION" github.com/aquasecurity/trivy/cmd/trivy GOEXPERIMENT=jsonv2
	build_peer tflint "$TFLINT_VERSION" github.com/terraform-linters/tflint
fi

say "building daslint, the parse floor and an empty Go program"
# Static, as released (CGO_ENABLED=0): daslint links package net (through
# the cidr functions), which with cgo makes a dynamically linked binary
# whose every start runs the dynamic loader (about 1 ms). Every binary of
# the comparison is built the same way.
export CGO_ENABLED=0
(cd "$top" && go build -o "$work/bin/daslint" ./cmd/daslint && go build -o "$work/bin/parsefloor" ./internal/cmd/parsefloor)
mkdir -p "$work/empty"
printf 'package main\n\nfunc main() {}\n' >"$work/empty/main.go"
printf 'module empty\n\ngo 1.26\n' >"$work/empty/go.mod"
(cd "$work/empty" && go build -o "$work/bin/empty" .)
# Every binary of the comparison runs as a fresh copy. A file the linker
# has just written stays in the page cache as it was written, in small
# pages, and on some machines starts measurably slower than the same bytes
# copied (daslint --version on the AMD machine of December 2026: 11.5 ms
# against 10.0 ms). A copy is what an installed or downloaded binary is,
# and it makes daslint (built just now) and the peers (built long before)
# alike.
for b in daslint parsefloor empty; do
	cp "$work/bin/$b" "$work/bin/$b.copy" && mv "$work/bin/$b.copy" "$work/bin/$b"
done
if [ "$peers" = 1 ]; then
	cp "$cache/bin/trivy" "$cache/bin/tflint" "$work/bin/"
fi

say "writing the generated trees"
gen() { (cd "$top" && go run ./internal/stress/gen -stacks "$1" "$work/trees/stacks$1"); }
for n in "${STACKS[@]}"; do gen "$n"; done
if [ "$growth" = 1 ]; then
	for n in "${GROWTH[@]}"; do [ -d "$work/trees/stacks$n" ] || gen "$n"; done
fi

# measure KEY RUNS OK CMD... runs CMD RUNS times under /usr/bin/time -v,
# its output discarded, and records under KEY the median wall time (s,
# from bash's EPOCHREALTIME around each run: time -v counts in 10 ms
# steps), the median CPU time (user + system, s) and the largest peak RSS
# (MB); an exit status not in OK (a regular expression) records the error
# instead.
declare -A wall cpu rss failed samples_wall samples_cpu samples_rss
measure() {
	local key=$1 n=$2 ok=$3
	shift 3
	local i
	for ((i = 0; i < n; i++)); do
		sample "$key" "$ok" "$@" || return 0
	done
	summarize "$key"
}

# sample KEY OK CMD... runs CMD once, as measure does, and adds its wall
# time, CPU time and peak RSS to KEY's samples; it fails, and records the
# error, on an exit status not in OK or when KEY failed before.
sample() {
	local key=$1 ok=$2
	shift 2
	[ -z "${failed[$key]:-}" ] || return 1
	local t0=$EPOCHREALTIME t1
	/usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || true
	t1=$EPOCHREALTIME
	local status m c
	status=$(awk -F': ' '/Exit status/ {print $2}' "$work/time")
	if ! [[ $status =~ ^($ok)$ ]]; then
		failed[$key]="exit $status"
		say "$key: exit status $status: $(tail -c 300 "$work/stderr" | tr '\n' ' ')"
		return 1
	fi
	m=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
	c=$(awk -F': ' '/(User|System) time \(seconds\)/ {s += $2} END {print s}' "$work/time")
	samples_wall[$key]+=" $(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN {printf "%.6f", b - a}')"
	samples_cpu[$key]+=" $c"
	samples_rss[$key]+=" $m"
}

# summarize KEY records the medians and the largest peak of KEY's samples,
# unless KEY failed.
summarize() {
	local key=$1
	[ -z "${failed[$key]:-}" ] || return 0
	local walls cpus peaks
	read -r -a walls <<<"${samples_wall[$key]}"
	read -r -a cpus <<<"${samples_cpu[$key]}"
	read -r -a peaks <<<"${samples_rss[$key]}"
	wall[$key]=$(median "${walls[@]}")
	cpu[$key]=$(median "${cpus[@]}")
	rss[$key]=$(($(printf '%s\n' "${peaks[@]}" | sort -g | tail -n 1) / 1024))
	say "$key: ${wall[$key]} s wall, ${cpu[$key]} s CPU, ${rss[$key]} MB (median of ${#walls[@]})"
}
# startup N times `daslint --version` and an empty Go program, N runs
# each, alternating, without /usr/bin/time (whose own start would count):
# the median wall time of each, in wall[version] and wall[empty].
startup() {
	local i t0 t1 t2 versions=() empties=()
	for ((i = 0; i < $1; i++)); do
		t0=$EPOCHREALTIME
		"$work/bin/empty"
		t1=$EPOCHREALTIME
		"$work/bin/daslint" --version >/dev/null
		t2=$EPOCHREALTIME
		empties+=("$(awk -v a="${t0/,/.}" -v b="${t1/,/.}" 'BEGIN {printf "%.6f", b - a}')")
		versions+=("$(awk -v a="${t1/,/.}" -v b="${t2/,/.}" 'BEGIN {printf "%.6f", b - a}')")
	done
	wall[version]=$(median "${versions[@]}")
	wall[empty]=$(median "${empties[@]}")
	say "start-up: daslint --version ${wall[version]} s, an empty program ${wall[empty]} s (median of $1)"
}

median() { printf '%s\n' "$@" | sort -g | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}'; }

# The commands, each on input directory $2.
run_tool() {
	local tool=$1 dir=$2 key=$3 n=$4
	case $tool in
	daslint) measure "$key" "$n" '0|1' "$work/bin/daslint" --format json "$dir" ;;
	floor) measure "$key" "$n" '0|1' "$work/bin/parsefloor" "$dir" ;;
	trivy)
		measure "$key" "$n" 0 "$work/bin/trivy" config --cache-dir "$cache/trivy-cache" \
			--skip-check-update --skip-version-check "${trivy_extra[@]}" --quiet --format json "$dir"
		;;
	tflint) measure "$key" "$n" 0 "$work/bin/tflint" --chdir "$dir" --recursive --format json --force ;;
	esac
}
trivy_extra=()
if [ "$peers" = 1 ] && "$work/bin/trivy" config --help 2>&1 | grep -q -- --disable-telemetry; then
	trivy_extra=(--disable-telemetry)
fi

inputs=()
declare -A label
for n in "${STACKS[@]}"; do
	inputs+=("$work/trees/stacks$n")
	label[$work/trees/stacks$n]="$(commas "$n") stacks, $(commas $((9 * n))) resources, $(commas $((n + 1))) files (one root)"
done
for r in "${repos[@]}"; do
	r=$(cd "$r" && pwd)
	inputs+=("$r")
	files=$(find "$r" -name '*.tf' -not -path '*/.*' | wc -l)
	dirs=$(find "$r" -name '*.tf' -not -path '*/.*' -exec dirname {} \; | sort -u | wc -l)
	label[$r]="$(basename "$r") ($files .tf files in $dirs directories)"
done

# Warm the page cache and the peers' caches once per tool, uncounted.
"$work/bin/daslint" --version >/dev/null

for in in "${inputs[@]}"; do
	say "input ${label[$in]}"
	"$work/bin/daslint" --format json "$in" >/dev/null || true
	run_tool daslint "$in" "daslint $in" "$runs"
	run_tool floor "$in" "floor $in" "$runs"
	if [ "$peers" = 1 ]; then
		run_tool trivy "$in" "trivy $in" "$peer_runs"
		run_tool tflint "$in" "tflint $in" "$peer_runs"
	fi
done
small=$top/examples/terraform-nat
say "input one small root and start-up"
measure "daslint $small" "$runs" '0|1' "$work/bin/daslint" --format json "$small"
measure "floor $small" "$runs" '0|1' "$work/bin/parsefloor" "$small"
startup $((20 * runs + 1))

# settle CMD... puts the machine in the state a growth sample starts
# from: after an untimed run of CMD, or, with -C, after $cold seconds idle.
settle() {
	if [ -n "$cold" ]; then
		sleep "$cold"
	else
		"$@" >/dev/null 2>&1 || true
	fi
}

if [ "$growth" = 1 ]; then
	# In rounds, each round every size once: a slow period of the machine
	# then falls on every size alike instead of on some, and the ratio of
	# two sizes (the "step" column) is not a measure of the period.
	for ((round = 1; round <= runs; round++)); do
		say "growth: round $round of $runs"
		for n in "${GROWTH[@]}"; do
			in=$work/trees/stacks$n
			settle "$work/bin/daslint" --format json "$in"
			sample "daslint $in" '0|1' "$work/bin/daslint" --format json "$in" || true
			settle "$work/bin/parsefloor" "$in"
			sample "floor $in" '0|1' "$work/bin/parsefloor" "$in" || true
		done
	done
	for n in "${GROWTH[@]}"; do
		summarize "daslint $work/trees/stacks$n"
		summarize "floor $work/trees/stacks$n"
	done
fi

# cell KEY [BASE]: "0.19 s, 0.18 s CPU, 35 MB", with the ratio to BASE's
# wall time when given.
cell() {
	local key=$1 base=${2:-}
	if [ -n "${failed[$key]:-}" ]; then
		echo "error (${failed[$key]})"
		return
	fi
	[ -n "${wall[$key]:-}" ] || {
		echo "—"
		return
	}
	secs "${wall[$key]}"
	if [ -n "$base" ] && [ -n "${wall[$base]:-}" ]; then
		awk -v w="${wall[$key]}" -v b="${wall[$base]}" 'BEGIN {if (b > 0) printf " (%.1f×)", w / b}'
	fi
	if awk -v c="${cpu[$key]}" 'BEGIN {exit !(c < 0.01)}'; then
		echo ", < 10 ms CPU, ${rss[$key]} MB" # time -v counts in 10 ms steps
	else
		echo ", $(secs "${cpu[$key]}") CPU, ${rss[$key]} MB"
	fi
}

# secs S prints S seconds readably: 3 significant digits, ms below 0.1 s.
secs() {
	awk -v s="$1" 'BEGIN {
		if (s < 0.1) printf "%.1f ms", s * 1000
		else if (s < 1) printf "%.3f s", s
		else if (s < 10) printf "%.2f s", s
		else printf "%.1f s", s
	}'
}

cpu_model=$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
mem=$(awk '/MemTotal/ {printf "%.0f GB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
rev=$(cd "$top" && git describe --always --dirty 2>/dev/null || echo unknown)
echo "Measured $(date -u '+%Y-%m-%d %H:%M UTC') on $(nproc) cores (${cpu_model:-unknown CPU}), $mem, $(uname -sr);"
echo "load average $load_start at the start, $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) at the end"
echo "(above the number of cores, other work competed for them and wall times grow; CPU times less so);"
echo "$(go version | cut -d' ' -f3); daslint $rev$([ "$peers" = 1 ] && echo ", Trivy $TRIVY_VERSION, TFLint $TFLINT_VERSION")."
echo "Whole process: median wall time of $runs runs (peers: $peer_runs; start-up: $((20 * runs + 1))), median CPU time"
echo "(user + system: a CPU time near the wall time means one core was used), largest peak RSS"
echo "(/usr/bin/time -v). In parentheses: the peer's wall time over daslint's; for the floor, daslint's"
echo "wall time over the floor's. The floor is single-threaded."
echo
echo "| input | daslint | Trivy $TRIVY_VERSION | TFLint $TFLINT_VERSION | parse only (hclparse, sequential) |"
echo "| --- | --- | --- | --- | --- |"
for in in "${inputs[@]}"; do
	floor=$(cell "floor $in")
	if [ -n "${wall[floor $in]:-}" ] && [ -n "${wall[daslint $in]:-}" ]; then
		floor+=$(awk -v d="${wall[daslint $in]}" -v f="${wall[floor $in]}" -v dc="${cpu[daslint $in]}" -v fc="${cpu[floor $in]}" \
			'BEGIN {if (f > 0) printf "; daslint is %.1f× this", d / f; if (fc > 0) printf " (CPU: %.1f×)", dc / fc}')
	fi
	echo "| ${label[$in]} | $(cell "daslint $in") | $(cell "trivy $in" "daslint $in") | $(cell "tflint $in" "daslint $in") | $floor |"
done
echo "| one small root (examples/terraform-nat) | $(cell "daslint $small") | | | $(cell "floor $small") |"
echo "| \`daslint --version\` | $(secs "${wall[version]}") (an empty Go program: $(secs "${wall[empty]}"); $(secs "$(awk -v a="${wall[version]}" -v b="${wall[empty]}" 'BEGIN {print a - b}')") more) | | | |"

if [ "$growth" = 1 ]; then
	echo
	if [ -n "$cold" ]; then
		state="each run after $cold s idle (cold memory)"
	else
		state="each run right after an untimed run of itself"
	fi
	echo "Growth (one root, stress.WriteStacks): median of $runs rounds, each round every size once, $state;"
	echo "CPU is user + system time; step: daslint's wall time over the size before (and how many times the resources)."
	echo
	echo "| resources | files | daslint: wall | CPU | peak RSS | step | parse only: wall | CPU | peak RSS | daslint / parse (wall) | daslint CPU per 1,000 resources |"
	echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
	prev=
	for n in "${GROWTH[@]}"; do
		in=$work/trees/stacks$n
		d="daslint $in" f="floor $in"
		if [ -n "${failed[$d]:-}" ] || [ -z "${wall[$d]:-}" ]; then
			echo "| $(commas $((9 * n))) | $(commas $((n + 1))) | error | | | | | | | | |"
			prev=
			continue
		fi
		step=
		if [ -n "$prev" ]; then
			step=$(awk -v a="${wall[daslint $work/trees/stacks$prev]}" -v b="${wall[$d]}" -v m="$prev" -v n="$n" \
				'BEGIN {printf "%.2f× (%.1f×)", b / a, n / m}')
		fi
		echo "| $(commas $((9 * n))) | $(commas $((n + 1))) | $(secs "${wall[$d]}") | $(secs "${cpu[$d]}") | ${rss[$d]} MB | $step" \
			"| $(secs "${wall[$f]:-0}") | $(secs "${cpu[$f]:-0}") | ${rss[$f]:-0} MB" \
			"| $(awk -v d="${wall[$d]}" -v f="${wall[$f]:-0}" 'BEGIN {if (f > 0) printf "%.1f×", d / f}')" \
			"| $(secs "$(awk -v c="${cpu[$d]}" -v n="$n" 'BEGIN {print c / (9 * n / 1000)}')") |"
		prev=$n
	done
fi
