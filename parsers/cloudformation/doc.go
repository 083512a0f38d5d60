// Package cloudformation reads a CloudFormation template (JSON or YAML, with
// its nested stacks) into daslint's model.
//
// It does not use a CloudFormation library as its parser: templates are read
// as yaml.v3 nodes, which keep the line and column of every value in JSON and
// YAML alike, and intrinsic functions are evaluated by the small evaluator in
// this package. Values that cannot be known offline (Fn::ImportValue, SSM
// parameters, parameters without a value, conditions that depend on them)
// stay unknown and carry the reason, so that the analysis can say "unknown"
// honestly instead of guessing. References to resources evaluate to identity
// tokens (model.Token), so that links are followed by identity through
// Fn::Sub, Fn::Join, parameters and nested stack outputs.
//
// The CloudFormation defaults that matter for reachability (docs/semantics.md#defaults-that-matter) are
// applied here: a security group keeps its allow-all egress rule unless the
// SecurityGroupEgress property is given, an unset PubliclyAccessible is left
// to the RDS API, and so on.
package cloudformation
