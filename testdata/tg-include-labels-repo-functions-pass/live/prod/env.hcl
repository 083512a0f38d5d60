# Settings of the prod environment, included by its units.
locals {
  env = "prod"
}
