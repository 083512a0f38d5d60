// Package parsers finds what to lint under the paths a user names and reads
// each of them into a model. The flow is one way:
//
//   - discover walks the paths and offers every file it finds, and every
//     file named, to the front ends in a fixed order (frontEnds): a
//     Terragrunt unit, a Terragrunt stack, a Terraform root module, a
//     folder of AWS facts, a Terraform plan or state JSON, a CloudFormation
//     template (CDK cloud assemblies among them). The first to claim a file
//     says which root it stands for: the file, or its directory. A
//     Terragrunt stack is then replaced by the units it generates
//     (expandStacks).
//   - the catalog holds every root of the run, linted and --context ones,
//     and the front ends; it reads a root once, when it is linted or when
//     another root needs it, through the front end of its kind (Load).
//   - a root being read asks the rest of the world through its env: another
//     root's outputs (terraform_remote_state, a unit's dependency), the AWS
//     facts for data sources, another stack's exports. The catalog answers,
//     so no front end calls another.
//   - each model is then joined with the real objects of the run (facts,
//     states) and handed on; network, rules and report know where a fact
//     came from only by its provenance.
//
// It keeps the rest of daslint free of file-system concerns: module
// directories that another root calls, and nested stack templates, are not
// linted again on their own.
package parsers
