nat_connectivity = "public"
