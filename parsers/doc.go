// Package parsers finds what to lint under the paths a user names and reads
// each of them into a model: every directory holding Terraform files is a
// root module (package parsers/terraform), every CloudFormation template a
// stack (package parsers/cloudformation). It keeps the rest of daslint free
// of file-system concerns: module directories that another root calls, and
// nested stack templates, are not linted again on their own.
package parsers
