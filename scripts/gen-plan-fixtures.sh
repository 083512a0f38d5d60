#!/bin/sh
# Regenerates the Terraform plan JSON fixtures of the tfplan golden cases:
# each directory under scripts/plan-fixtures (and each
# testdata/tfplan-beside-code-* case, whose code is its root) is a small root
# (or, with a file `code`, the testdata code case it names, with the
# directory's files added), planned
# offline (mock credentials, no data sources) with terraform 1.11 and the
# AWS provider from a local plugin directory; the plan JSON goes to
# testdata/<case>/plan.json. The case tfplan-beside-code-nat-pass also gets
# the code it was planned from. Then the state cases (tfstate-*) and a plan
# of a root that exists already, below. CI never runs this: it reads the
# committed JSON.
#
# Usage: scripts/gen-plan-fixtures.sh [PLUGIN_DIR]   (default /opt/tf-plugins)
set -eu
plugins=${1:-/opt/tf-plugins}
repo=$(cd "$(dirname "$0")/.." && pwd)
# The roots of the tfplan-beside-code-* cases (but the nat one, below) live
# in their case directories, which keep the plan beside its code: planned
# from there, in a temporary copy, not kept twice.
for src in "$repo"/scripts/plan-fixtures/*/ "$repo"/testdata/tfplan-beside-code-*/; do
	name=$(basename "$src")
	[ "$name" = tfplan-beside-code-nat-pass ] && continue
	work=$(mktemp -d)
	# A fixture with a file `code` is the code case it names (testdata/),
	# planned with the fixture's files beside it (a provider override with
	# mock credentials): the root is not kept twice.
	if [ -f "$src/code" ]; then
		cp -R "$repo/testdata/$(cat "$src/code")"/. "$work"/
		rm -f "$work/README.md" "$work/expect" "$work/want.json"
	fi
	cp -R "$src"/. "$work"/
	rm -f "$work/code"
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform plan -input=false -out=p >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json p | "$repo/scripts/plan-fixtures/pretty.py" >plan.json
	)
	mkdir -p "$repo/testdata/$name"
	cp "$work/plan.json" "$repo/testdata/$name/plan.json"
	rm -rf "$work"
done
# The plan beside its code: the same root, with its main.tf.
mkdir -p "$repo/testdata/tfplan-beside-code-nat-pass"
cp "$repo/scripts/plan-fixtures/tfplan-nat-pass/main.tf" "$repo/testdata/tfplan-beside-code-nat-pass/main.tf"
cp "$repo/testdata/tfplan-nat-pass/plan.json" "$repo/testdata/tfplan-beside-code-nat-pass/plan.json"
# State JSON: a planned root as if applied (state-from-plan.py gives the
# IDs AWS would; the types named after the plan are left to "another
# root"), printed by terraform itself.
state() {
	case=$1 from=$2
	shift 2
	work=$(mktemp -d)
	cp -R "$repo/scripts/plan-fixtures/$from"/. "$work"/
	python3 "$repo/scripts/plan-fixtures/state-from-plan.py" "$repo/testdata/$from/plan.json" "$@" >"$work/terraform.tfstate"
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json terraform.tfstate | "$repo/scripts/plan-fixtures/pretty.py" >state.json
	)
	mkdir -p "$repo/testdata/$case"
	cp "$work/state.json" "$repo/testdata/$case/state.json"
	rm -rf "$work"
}
state tfstate-nat-pass tfplan-nat-pass
state tfstate-nat-missing-fail tfplan-nat-missing-fail
state tfstate-subnets-elsewhere-unknown tfplan-nat-pass aws_subnet
# The format-4 state itself (terraform.tfstate, as `terraform state pull`
# prints it), linted as PATH: checked by `terraform show` on the way.
raw() {
	case=$1 from=$2
	work=$(mktemp -d)
	cp -R "$repo/scripts/plan-fixtures/$from"/. "$work"/
	python3 "$repo/scripts/plan-fixtures/state-from-plan.py" "$repo/testdata/$from/plan.json" >"$work/terraform.tfstate"
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json terraform.tfstate >/dev/null
	)
	mkdir -p "$repo/testdata/$case"
	cp "$work/terraform.tfstate" "$repo/testdata/$case/terraform.tfstate"
	rm -rf "$work"
}
raw tfstate-raw-v4-nat-pass tfplan-nat-pass
# A plan of a root that exists already: its state (as state() makes it) is
# the nat-missing-fail network, and the code adds a KMS endpoint. The
# existing resources carry real IDs in the plan; the new endpoint names
# existing subnets by ID.
existing() {
	case=$1 state_from=$2 code=$3
	work=$(mktemp -d)
	cp -R "$repo/scripts/plan-fixtures/$code"/. "$work"/
	python3 "$repo/scripts/plan-fixtures/state-from-plan.py" "$repo/testdata/$state_from/plan.json" >"$work/terraform.tfstate"
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform plan -input=false -refresh=false -out=p >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json p | "$repo/scripts/plan-fixtures/pretty.py" >plan.json
	)
	mkdir -p "$repo/testdata/$case"
	cp "$work/plan.json" "$repo/testdata/$case/plan.json"
	rm -rf "$work"
}
existing tfplan-existing-network-add-endpoint-pass tfplan-nat-missing-fail tfplan-kms-endpoint-pass
# Networks of other roots, applied (scripts/state-fixtures): the format-4
# state Terraform keeps (terraform.tfstate, what `terraform state pull`
# prints) and `terraform show -json` of it (state.json). Each further
# argument CASE/FILE copies one of them to testdata/CASE/network/FILE: the
# tfstate-context-* cases, whose database roots name the network's IDs or
# read its outputs. CASE/main.tf copies the network's code, its state kept
# in an s3 backend instead, for a case whose state lies beside its code.
network() {
	name=$1
	shift
	work=$(mktemp -d)
	cp -R "$repo/scripts/state-fixtures/$name"/. "$work"/
	(
		cd "$work"
		TF_CLI_CONFIG_FILE=/dev/null terraform init -input=false -plugin-dir="$plugins" >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform plan -input=false -out=p >/dev/null
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json p >plan.json
		python3 "$repo/scripts/plan-fixtures/state-from-plan.py" plan.json >terraform.tfstate
		TF_CLI_CONFIG_FILE=/dev/null terraform show -json terraform.tfstate | "$repo/scripts/plan-fixtures/pretty.py" >state.json
	)
	for c in "$@"; do
		mkdir -p "$repo/testdata/${c%/*}/network"
		if [ "${c##*/}" = main.tf ]; then
			sed -e 's/backend "local"/backend "s3"/' \
				-e 's|path = "terraform.tfstate"|bucket = "acme-terraform-state"\
    key    = "network/terraform.tfstate"\
    region = "eu-west-1"|' \
				"$repo/scripts/state-fixtures/$name/main.tf" >"$repo/testdata/${c%/*}/network/main.tf"
			continue
		fi
		cp "$work/${c##*/}" "$repo/testdata/${c%/*}/network/${c##*/}"
	done
	rm -rf "$work"
}
network network-nat tfstate-context-literal-ids-nat-pass/state.json \
	tfstate-context-literal-ids-no-egress-fail/state.json \
	tfstate-context-remote-state-local-path-pass/terraform.tfstate \
	tfstate-context-remote-state-s3-state-beside-code-no-egress-fail/main.tf \
	tfstate-context-remote-state-s3-state-beside-code-no-egress-fail/state.json
network network-kms-endpoint tfstate-context-literal-ids-kms-endpoint-pass/terraform.tfstate \
	tfstate-context-data-sources-by-id-pass/state.json
