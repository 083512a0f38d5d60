#!/bin/sh
# Regenerates the Terraform plan JSON fixtures of the tfplan golden cases:
# each directory under scripts/plan-fixtures is a small root, planned
# offline (mock credentials, no data sources) with terraform 1.11 and the
# AWS provider from a local plugin directory; the plan JSON goes to
# testdata/<case>/plan.json. The case tfplan-beside-code-nat-pass also gets
# the code it was planned from. CI never runs this: it reads the committed
# JSON.
#
# Usage: scripts/gen-plan-fixtures.sh [PLUGIN_DIR]   (default /opt/tf-plugins)
set -eu
plugins=${1:-/opt/tf-plugins}
repo=$(cd "$(dirname "$0")/.." && pwd)
for src in "$repo"/scripts/plan-fixtures/*/; do
	name=$(basename "$src")
	work=$(mktemp -d)
	cp -R "$src"/. "$work"/
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform plan -input=false -out=p >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json p | python3 -m json.tool --indent 1 >plan.json
	)
	mkdir -p "$repo/testdata/$name"
	cp "$work/plan.json" "$repo/testdata/$name/plan.json"
	rm -rf "$work"
done
# The plan beside its code: the same root, with its main.tf.
mkdir -p "$repo/testdata/tfplan-beside-code-nat-pass"
cp "$repo/scripts/plan-fixtures/tfplan-nat-pass/main.tf" "$repo/testdata/tfplan-beside-code-nat-pass/main.tf"
cp "$repo/testdata/tfplan-nat-pass/plan.json" "$repo/testdata/tfplan-beside-code-nat-pass/plan.json"
