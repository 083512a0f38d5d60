// Package model is daslint's source-independent picture of the AWS
// resources that decide whether an Aurora cluster's database activity
// stream can reach AWS KMS: VPCs, subnets, route tables, gateways, VPC
// endpoints, security groups, network ACLs, DB subnet groups, clusters,
// instances and activity streams.
//
// The parsers (Terraform, CloudFormation) fill a Model; the network
// analysis reads it. The model knows nothing of HCL or YAML, and it makes no
// decisions: defaults that differ between Terraform and CloudFormation are
// resolved by the parser that knows them, and AWS semantics (implicit main
// route tables, default security groups, ...) live in package network.
//
// Values that may not be known offline are carried as Str, Bool, Int, Ref and
// Refs, each of which is either known, unset, or unknown with the reason
// (an Unresolved) and the source range of the expression that produced it.
package model
