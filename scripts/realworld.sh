#!/usr/bin/env bash
# Real-world check (issue 8): lints every repository under DIR with the
# daslint of this work tree and summarises the results, to find input errors
# on valid code and wrong verdicts on code that upstream projects ship.
#
#   scripts/realworld.sh [-t TIMEOUT] [-o OUTDIR] [-a ARG]... DIR
#
# Each direct subdirectory of DIR is one repository (a checkout of a public
# Terraform or CloudFormation project; the script never fetches anything).
# The script builds daslint from this work tree into a temporary directory,
# then, from the top of each repository, runs
#
#   daslint --format json --timeout TIMEOUT [ARG]... .
#
# (TIMEOUT default 120s; each -a adds one ARG, e.g. `-a --all-clusters`; a
# coreutils `timeout` 60 s later is the safety net should --timeout not end
# the process). It prints Markdown on stdout:
#
#   - per repository: exit status (`killed` when the safety net fired), files
#     read, clusters by verdict, input errors and warnings (`errors` entries by
#     severity);
#   - every reported cluster with its verdict;
#   - across all repositories, the `errors` entries grouped by severity and
#     message, sorted by count: file paths, ARNs, Terraform addresses,
#     CloudFormation logical IDs, numbers and quoted names are normalised out
#     of the message (to `PATH`, `ARN`, `ADDR`, `ID`, `N`, `"X"`) so that
#     identical causes group, with the number of repositories and one example
#     location (`repository/file:line`) each. A repository whose run wrote no
#     JSON report appears as a `crash` entry with the first line of stderr.
#
# With -o OUTDIR the raw reports are kept there (REPO.json, REPO.stderr,
# REPO.rc); otherwise they go to a temporary directory that is removed.
#
# Dependencies: bash, Go (/usr/local/go/bin or PATH), jq 1.6 or later
# (Debian: apt-get install jq) and coreutils `timeout`. Not run by CI;
# scripts/test-realworld.sh is its self-test.
set -euo pipefail

usage() { echo "usage: scripts/realworld.sh [-t TIMEOUT] [-o OUTDIR] [-a ARG]... DIR" >&2; exit 2; }

timeout_arg="120s"
outdir=""
extra=()
while getopts "t:o:a:h" opt; do
	case "$opt" in
	t) timeout_arg="$OPTARG" ;;
	o) outdir="$OPTARG" ;;
	a) extra+=("$OPTARG") ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ "$#" -eq 1 ] || usage
[ -d "$1" ] || { echo "realworld: $1 is not a directory" >&2; exit 2; }
dir="$(cd "$1" && pwd)"

command -v jq >/dev/null || { echo "realworld: needs jq (Debian: apt-get install jq)" >&2; exit 2; }
command -v timeout >/dev/null || { echo "realworld: needs coreutils timeout" >&2; exit 2; }

here="$(cd "$(dirname "$0")/.." && pwd)"
export PATH="/usr/local/go/bin:$PATH"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
if [ -z "$outdir" ]; then
	outdir="$work/out"
fi
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"

(cd "$here" && go build -o "$work/daslint" ./cmd/daslint)

# The safety net: --timeout plus 60 seconds, in whole seconds. A duration
# that is not a plain number of seconds or minutes gets a 1-hour net.
case "$timeout_arg" in
*ms) net=61 ;;
*s) net=$((${timeout_arg%s} + 60)) ;;
*m) net=$((${timeout_arg%m} * 60 + 60)) ;;
*) net=3600 ;;
esac

# One line of JSON per repository in $work/runs.jsonl:
# {repo, rc, killed, report (or null), stderr (first line)}.
: >"$work/runs.jsonl"
for repo in "$dir"/*/; do
	name="$(basename "$repo")"
	echo "realworld: $name" >&2
	rc=0
	(cd "$repo" && timeout -k 5 "$net" "$work/daslint" --format json --timeout "$timeout_arg" ${extra[@]+"${extra[@]}"} . \
		>"$outdir/$name.json" 2>"$outdir/$name.stderr") || rc=$?
	echo "$rc" >"$outdir/$name.rc"
	report="$outdir/$name.json"
	# -s: an empty file (no report at all) is [], not "no input".
	if ! jq -se 'length == 1 and (.[0] | type) == "object" and .[0].schema == "daslint/v1"' "$report" >/dev/null 2>&1; then
		report="$work/null.json"
		echo null >"$report"
	fi
	jq -c --arg repo "$name" --argjson rc "$rc" --arg stderr "$(head -n 1 "$outdir/$name.stderr")" \
		'{repo: $repo, rc: $rc, killed: ($rc == 124 or $rc == 137), report: ., stderr: $stderr}' \
		"$report" >>"$work/runs.jsonl"
done

jq -rs -f /dev/stdin "$work/runs.jsonl" <<'JQ'
# norm removes what varies between occurrences of one cause: quoted names,
# ARNs, paths, Terraform addresses, CloudFormation logical IDs after the
# words that introduce them, and numbers.
def norm:
  gsub("\"[^\"]*\""; "\"X\"")
  | gsub("`[^`]*`"; "`X`")
  | gsub("'[^' ]*'"; "'X'")
  | gsub("arn:[^\\s\"]+"; "ARN")
  | gsub("(?<![A-Za-z0-9_])[0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]+"; "CIDR")
  | gsub("[^\\s\"(]*/[^\\s\")]*"; "PATH")
  | gsub("(?<t>[A-Za-z0-9]+::[A-Za-z0-9:-]+) [A-Za-z][A-Za-z0-9]*:"; "\(.t) ID:")
  | gsub("(?<![A-Za-z0-9_.])(?:(?:resource|data|module|var|local|each|count|self|path)\\.)?[A-Za-z][A-Za-z0-9_-]*(?:\\[[^\\]]*\\])?(?:\\.[A-Za-z_][A-Za-z0-9_-]*(?:\\[[^\\]]*\\])?)+"; "ADDR")
  | gsub("[A-Za-z][A-Za-z0-9]*( -> [A-Za-z][A-Za-z0-9]*)+"; "ID -> ...")
  | gsub("(?<w>(?:Ref to|GetAtt to|GetAtt|DependsOn|[Cc]ondition|[Rr]esource|[Pp]arameter|[Oo]utput|[Mm]apping|[Ss]tack|[Tt]emplate) )(?!(?:ADDR|PATH|ARN|CIDR|ID)\\b)(?=[A-Za-z0-9]*[A-Z0-9])[A-Za-z][A-Za-z0-9]*(?=[ ,:;.)]|$)"; "\(.w)ID")
  | gsub("(?<![A-Za-z_])[0-9]+(\\.[0-9]+)*"; "N")
  | gsub("\\s+"; " ");
def cell: tostring | gsub("\\|"; "\\|") | gsub("\n"; " ");
def status: if .killed then "killed (\(.rc))" else (.rc | tostring) end;

. as $runs
| "## Per repository\n",
  "| repository | exit | files | clusters | pass | fail | unknown | input errors | warnings |",
  "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ($runs[] | . as $r
   | if .report == null then
       "| \(.repo) | \(status) | - | - | - | - | - | no report | - |"
     else
       .report as $j
       | "| \(.repo) | \(status) | \($j.summary.files) | \($j.clusters | length) | \([$j.clusters[] | select(.verdict == "pass")] | length) | \([$j.clusters[] | select(.verdict == "fail")] | length) | \([$j.clusters[] | select(.verdict == "unknown")] | length) | \([$j.errors[] | select(.severity == "error")] | length) | \([$j.errors[] | select(.severity == "warning")] | length) |"
     end),
  "| **all** | | \([$runs[].report.summary.files // 0] | add // 0) | \([$runs[].report.clusters // [] | length] | add // 0) | \([$runs[].report.clusters // [] | .[] | select(.verdict == "pass")] | length) | \([$runs[].report.clusters // [] | .[] | select(.verdict == "fail")] | length) | \([$runs[].report.clusters // [] | .[] | select(.verdict == "unknown")] | length) | \([$runs[].report.errors // [] | .[] | select(.severity == "error")] | length) | \([$runs[].report.errors // [] | .[] | select(.severity == "warning")] | length) |",
  "",
  "## Clusters\n",
  ([$runs[] | .repo as $repo | (.report.clusters // [])[] | {repo: $repo, id, file, line, verdict, path}]
   | if length == 0 then "No cluster reported." else
       "| repository | cluster | location | verdict |",
       "| --- | --- | --- | --- |",
       (.[] | "| \(.repo) | `\(.id | cell)` | \(.file):\(.line) | \(.verdict)\(if .path then " (" + .path + ")" else "" end) |")
     end),
  "",
  "## Errors and warnings by message\n",
  ([$runs[] | .repo as $repo
    | if .report == null then
        {severity: "crash", message: (if .stderr == "" then "no JSON report (exit \(.rc))" else .stderr end), repo: $repo, file: "", line: 0}
      else
        .report.errors[] | {severity, message, repo: $repo, file, line}
      end
    | .key = (.message | norm)]
   | group_by([.severity, .key])
   | map({severity: .[0].severity, key: .[0].key, count: length,
          repos: (map(.repo) | unique | length), example: .[0]})
   | sort_by(-.count, .severity, .key)
   | if length == 0 then "No input error or warning." else
       "| count | repos | severity | message (normalised) | example |",
       "| ---: | ---: | --- | --- | --- |",
       (.[] | "| \(.count) | \(.repos) | \(.severity) | \(.key | cell) | \(.example.repo)/\(.example.file):\(.example.line): \(.example.message | cell) |")
     end)
JQ
