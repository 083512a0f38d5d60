# The team's shared lookup module: it reads the network's state itself.
data "terraform_remote_state" "network" {
  backend = "s3"
  config = {
    bucket = "acme-tfstate"
    key    = "network/terraform.tfstate"
    region = "eu-west-1"
  }
}

output "private_subnet_ids" {
  value = data.terraform_remote_state.network.outputs.private_subnet_ids
}
