#!/usr/bin/env bash
# Measures daslint's resource bounds (issue 5 item 5): builds the binary,
# writes every case of internal/stress (a 10,000-file tree, a root of 1,000
# module calls and the hostile inputs: a 50 MB file, a binary .tf, deep
# nesting, count = 1e9, a YAML alias bomb, 100,000 empty files, ...), runs
# `daslint --format json CASE` on each under /usr/bin/time -v, and prints
# the exit status, peak RSS and wall time per case, then the largest peak
# RSS and the slowest case. A case that takes longer than LIMIT seconds
# (default 300) is killed and reported; a case with a known bug
# (stress.Case.Known) is limited to KNOWN_LIMIT seconds (default 10) and
# left out of the maxima. Run from anywhere; needs GNU time.
set -euo pipefail

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"
limit="${LIMIT:-300}"
known_limit="${KNOWN_LIMIT:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -x /usr/bin/time ] || { echo "measure-bounds: needs GNU time at /usr/bin/time (Debian: apt-get install time)" >&2; exit 2; }

(cd "$here" && go build -o "$work/daslint" ./cmd/daslint && go run ./internal/stress/gen "$work/cases" >"$work/known.txt")

printf '%-28s %5s %12s %10s\n' case exit "peak RSS MB" "wall s"
max_rss=0 max_rss_case="" max_wall=0 max_wall_case=""
for dir in "$work"/cases/*/; do
	name="$(basename "$dir")"
	known="$(sed -n "s/^$name: //p" "$work/known.txt")"
	code=0
	case_limit="$limit"
	[ -z "$known" ] || case_limit="$known_limit"
	# timeout runs under time, so that it kills daslint itself and time
	# still reports the peak RSS of daslint (the largest waited-for child).
	(cd "$work/cases" && /usr/bin/time -v -o "$work/time.txt" timeout "$case_limit" \
		"$work/daslint" --format json "$name" >/dev/null 2>"$work/stderr.txt") || code=$?
	rss_kb="$(sed -n 's/^\s*Maximum resident set size (kbytes): //p' "$work/time.txt")"
	wall="$(sed -n 's/^\s*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; printf "%.2f", s }')"
	[ "$code" -eq 124 ] && wall="killed"
	printf '%-28s %5s %12.1f %10s\n' "$name" "$code" "$(echo "${rss_kb:-0} / 1024" | bc -l)" "$wall"
	if [ -n "$known" ]; then
		echo "  known bug: $known"
		continue
	fi
	if [ "${rss_kb:-0}" -gt "$max_rss" ]; then max_rss="$rss_kb" max_rss_case="$name"; fi
	if [ "$wall" != killed ] && awk -v a="$wall" -v b="$max_wall" 'BEGIN { exit !(a > b) }'; then
		max_wall="$wall" max_wall_case="$name"
	fi
	if [ "$code" -gt 2 ]; then
		echo "  $name: exit status $code (a crash, a kill or a timeout):" >&2
		tail -5 "$work/stderr.txt" >&2
	fi
done
printf '\nlargest peak RSS: %.1f MB (%s)\nslowest case: %s s (%s)\n' \
	"$(echo "$max_rss / 1024" | bc -l)" "$max_rss_case" "$max_wall" "$max_wall_case"
