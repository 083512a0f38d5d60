cidr  = "10.20.0.0/16"
zones = ["eu-west-1a", "eu-west-1b"]
