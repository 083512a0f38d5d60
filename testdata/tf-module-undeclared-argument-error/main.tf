module "network" {
  source = "./mod"
  name   = "prod"
  nmae   = "prod-typo"
}

module "tags" {
  source = "./tags"
  count  = 1
  team   = "data"
}

output "name" {
  value = module.network.name
}
