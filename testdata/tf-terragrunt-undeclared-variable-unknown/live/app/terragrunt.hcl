# A unit of a module from another repository: modules/db is reached through
# no unit, yet the repository uses Terragrunt.
terraform {
  source = "git::https://example.com/org/modules.git//db?ref=v1.0.0"
}
