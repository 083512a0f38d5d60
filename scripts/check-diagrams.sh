#!/usr/bin/env bash
# check-diagrams.sh renders the golden files of report/testdata and every
# golden case of testdata/ as Markdown and DOT, then parses every Mermaid
# block with the mermaid package's own parser (scripts/check-mermaid.mjs)
# and every DOT document with Graphviz (dot -Tsvg). The Go tests check the
# same output structurally (internal/diagramcheck); this runs the real
# parsers. Needs node and npm (mermaid and jsdom are installed, at pinned
# versions, into $DIAGRAM_TOOLS, default a temporary directory) and dot.
# Run from anywhere; exits non-zero when a diagram does not parse.
set -euo pipefail

cd "$(dirname "$0")/.."
export PATH="/usr/local/go/bin:$PATH"

MERMAID_VERSION=11.12.0
JSDOM_VERSION=26.1.0

tools="${DIAGRAM_TOOLS:-$(mktemp -d)}"
if [ ! -d "$tools/node_modules/mermaid" ] || [ ! -d "$tools/node_modules/jsdom" ]; then
	echo "installing mermaid@$MERMAID_VERSION jsdom@$JSDOM_VERSION into $tools"
	npm install --prefix "$tools" --no-audit --no-fund --no-save --silent \
		"mermaid@$MERMAID_VERSION" "jsdom@$JSDOM_VERSION"
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
go build -o "$out/daslint" ./cmd/daslint
cp report/testdata/*.md report/testdata/*.dot "$out/"
for dir in testdata/*/; do
	name="$(basename "$dir")"
	args=()
	if [ -f "$dir/args" ]; then
		mapfile -t args < "$dir/args"
	fi
	# Exit status 1 (findings) and 2 (input errors) are verdicts here;
	# the output is what is checked.
	"$out/daslint" "${args[@]}" --format markdown "$dir" > "$out/$name.md" || true
	"$out/daslint" "${args[@]}" --format dot "$dir" > "$out/$name.dot" || true
done

NODE_PATH="$tools/node_modules" node scripts/check-mermaid.mjs "$out"/*.md

dots=0
for f in "$out"/*.dot; do
	if ! dot -Tsvg "$f" > /dev/null; then
		echo "$f: dot -Tsvg failed"
		exit 1
	fi
	dots=$((dots + 1))
done
echo "check-diagrams: $dots DOT documents rendered by $(dot -V 2>&1)"
