variable "name" {
  type = string
}

variable "subnet_ids" {
  type = list(string)
}

variable "security_group_ids" {
  type = list(string)
}

variable "kms_key_id" {
  type = string
}

module "aurora" {
  source  = "acme/aurora/aws"
  version = "1.0.0"

  name               = var.name
  subnet_ids         = var.subnet_ids
  security_group_ids = var.security_group_ids
  kms_key_id         = var.kms_key_id
}

output "cluster_arn" {
  value = module.aurora.cluster_arn
}
