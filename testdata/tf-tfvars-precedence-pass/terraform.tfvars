nat_connectivity = "private"
