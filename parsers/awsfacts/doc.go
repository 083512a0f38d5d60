// Package awsfacts is the front end for AWS facts: the JSON that the AWS
// CLI prints for `aws ec2 describe-vpcs`, `describe-subnets`,
// `describe-route-tables`, `describe-internet-gateways`,
// `describe-nat-gateways`, `describe-vpc-endpoints`,
// `describe-security-groups`, `describe-network-acls`,
// `describe-managed-prefix-lists`, `describe-vpc-attribute` and
// `aws rds describe-db-subnet-groups`, `describe-db-clusters`,
// `describe-db-instances` (docs/semantics.md#sources-of-one-run). A file is recognised by its
// top-level key, exactly as the AWS CLI (botocore's service models) shapes
// the output.
//
// The files of one snapshot (an account and region) become one model whose
// addresses are the real IDs (`subnet-0abc`, DB identifiers) and whose
// ranges point at each object's line in its facts file. Links are by
// identity: an ID that names an object of the snapshot becomes a Key, any
// other stays a Literal (an external resource, hence unknown).
//
// Facts of a type are the complete list of that type; a type with no facts
// file is incomplete, and the model says so explicitly (see markers.go), so
// that the network analysis can never pass on the absence of an object that
// was simply not exported.
package awsfacts
