# A root with no Aurora cluster, cluster instance or activity stream: the
# modules that are not vendored cannot change any DAS verdict, so one
# warning names them all.
module "vpc" {
  source = "terraform-aws-modules/vpc/aws"
  cidr   = "10.0.0.0/16"
}

module "label" {
  source    = "cloudposse/label/null"
  namespace = "eg"
}

module "logs" {
  source = "git::https://example.com/org/log-bucket.git?ref=v1.2.0"
  name   = module.label.id
}

resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = module.vpc.vpc_id
}
