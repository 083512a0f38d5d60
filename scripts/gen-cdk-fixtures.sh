#!/bin/sh
# Regenerates the cloud assemblies of the testdata/cfn-cdk-app-* golden
# cases with `cdk synth`'s library, from scripts/cdk-fixtures/app.js: each
# case is one variant of the app (see the comment at its top). It installs
# the pinned aws-cdk-lib and constructs from npm into a temporary
# directory, synthesizes each variant there, and copies the template, the
# manifest and the cdk.out marker into testdata/<case>/cdk.out (not the
# assets: the custom resource's handler is aws-cdk-lib's code). CI never
# runs this: it reads the committed files.
#
# Usage: scripts/gen-cdk-fixtures.sh   (needs node and npm)
set -eu
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$repo/scripts/cdk-fixtures/package.json" "$repo/scripts/cdk-fixtures/app.js" "$work/"
(cd "$work" && npm install --no-audit --no-fund --silent)

# synth CASE VAR=VALUE...: the app with those variables, into testdata/CASE.
synth() {
	name=$1
	shift
	rm -rf "$work/out"
	(cd "$work" && env OUTDIR=out "$@" node app.js)
	dest="$repo/testdata/$name/cdk.out"
	rm -rf "$dest"
	mkdir -p "$dest"
	cp "$work/out/DasStack.template.json" "$work/out/manifest.json" "$work/out/cdk.out" "$dest/"
	echo "wrote $dest"
}

synth cfn-cdk-app-single-nat-pass NATS=1
synth cfn-cdk-app-isolated-endpoint-pass NATS=0 ISOLATED=1 KMSEP=1
synth cfn-cdk-app-isolated-endpoint-no-private-dns-fail NATS=0 ISOLATED=1 KMSEP=nodns
synth cfn-cdk-app-isolated-no-route-fail NATS=0 ISOLATED=1
