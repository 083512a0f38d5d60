#!/usr/bin/env python3
"""Writes the AWS facts fixtures of the facts-* golden cases.

The files have the shapes that the AWS CLI prints (botocore's ec2 and rds
service models: DescribeVpcsResult, DescribeSubnetsResult, ...), 4-space
indented as `aws ... --output json` prints them. One account snapshot: a
VPC with a public subnet (internet gateway, NAT gateway) and two database
subnets whose main route table sends 0.0.0.0/0 to the NAT gateway; an
Aurora PostgreSQL cluster with a started activity stream. Variants change
one fact each. Run from the repository root.
"""
import copy, json, os, shutil, sys

ACCOUNT = "111122223333"
REGION = "eu-west-1"
VPC = "vpc-0a1b2c3d4e5f60001"
PUB = "subnet-0a1b2c3d4e5f60011"
DB1 = "subnet-0a1b2c3d4e5f60021"
DB2 = "subnet-0a1b2c3d4e5f60022"
IGW = "igw-0a1b2c3d4e5f60031"
NAT = "nat-0a1b2c3d4e5f60041"
RTB_MAIN = "rtb-0a1b2c3d4e5f60051"
RTB_PUB = "rtb-0a1b2c3d4e5f60052"
SG_DEFAULT = "sg-0a1b2c3d4e5f60061"
SG_DB = "sg-0a1b2c3d4e5f60062"
SG_KMS = "sg-0a1b2c3d4e5f60063"
ACL = "acl-0a1b2c3d4e5f60071"
VPCE_S3 = "vpce-0a1b2c3d4e5f60081"
VPCE_KMS = "vpce-0a1b2c3d4e5f60082"

def tags(name):
    return [{"Key": "Name", "Value": name}]

def subnet(sid, cidr, az, name):
    return {"AvailabilityZoneId": "euw1-az" + az[-1], "MapCustomerOwnedIpOnLaunch": False, "OwnerId": ACCOUNT,
            "AssignIpv6AddressOnCreation": False, "Ipv6CidrBlockAssociationSet": [], "Tags": tags(name),
            "SubnetArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:subnet/{sid}", "EnableDns64": False, "Ipv6Native": False,
            "PrivateDnsNameOptionsOnLaunch": {"HostnameType": "ip-name", "EnableResourceNameDnsARecord": False,
                                              "EnableResourceNameDnsAAAARecord": False},
            "SubnetId": sid, "State": "available", "VpcId": VPC, "CidrBlock": cidr, "AvailableIpAddressCount": 250,
            "AvailabilityZone": az, "DefaultForAz": False, "MapPublicIpOnLaunch": False}

def allow_all_egress():
    return [{"IpProtocol": "-1", "UserIdGroupPairs": [], "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "PrefixListIds": []}]

def base():
    f = {}
    f["vpcs.json"] = {"Vpcs": [{"OwnerId": ACCOUNT, "InstanceTenancy": "default",
        "CidrBlockAssociationSet": [{"AssociationId": "vpc-cidr-assoc-0a1b2c3d4e5f60091", "CidrBlock": "10.0.0.0/16",
                                     "CidrBlockState": {"State": "associated"}}],
        "IsDefault": False, "Tags": tags("main"), "BlockPublicAccessStates": {"InternetGatewayBlockMode": "off"},
        "VpcId": VPC, "State": "available", "CidrBlock": "10.0.0.0/16", "DhcpOptionsId": "dopt-0a1b2c3d4e5f60099"}]}
    f["subnets.json"] = {"Subnets": [subnet(PUB, "10.0.0.0/24", "eu-west-1a", "public-a"),
                                     subnet(DB1, "10.0.10.0/24", "eu-west-1a", "db-a"),
                                     subnet(DB2, "10.0.11.0/24", "eu-west-1b", "db-b")]}
    f["route-tables.json"] = {"RouteTables": [
        {"Associations": [{"Main": True, "RouteTableAssociationId": "rtbassoc-0a1b2c3d4e5f600a1", "RouteTableId": RTB_MAIN,
                           "AssociationState": {"State": "associated"}}],
         "PropagatingVgws": [], "RouteTableId": RTB_MAIN,
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
                    {"DestinationPrefixListId": "pl-6da54004", "GatewayId": VPCE_S3, "Origin": "CreateRoute", "State": "active"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": NAT, "Origin": "CreateRoute", "State": "active"}],
         "Tags": tags("private"), "VpcId": VPC, "OwnerId": ACCOUNT},
        {"Associations": [{"Main": False, "RouteTableAssociationId": "rtbassoc-0a1b2c3d4e5f600a2", "RouteTableId": RTB_PUB,
                           "SubnetId": PUB, "AssociationState": {"State": "associated"}}],
         "PropagatingVgws": [], "RouteTableId": RTB_PUB,
         "Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "Origin": "CreateRouteTable", "State": "active"},
                    {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": IGW, "Origin": "CreateRoute", "State": "active"}],
         "Tags": tags("public"), "VpcId": VPC, "OwnerId": ACCOUNT}]}
    f["internet-gateways.json"] = {"InternetGateways": [{"Attachments": [{"State": "available", "VpcId": VPC}],
        "InternetGatewayId": IGW, "OwnerId": ACCOUNT, "Tags": tags("main")}]}
    f["nat-gateways.json"] = {"NatGateways": [{"CreateTime": "2026-01-12T09:14:03+00:00",
        "NatGatewayAddresses": [{"AllocationId": "eipalloc-0a1b2c3d4e5f600b1", "NetworkInterfaceId": "eni-0a1b2c3d4e5f600b2",
                                 "PrivateIp": "10.0.0.12", "PublicIp": "203.0.113.10", "AssociationId": "eipassoc-0a1b2c3d4e5f600b3",
                                 "IsPrimary": True, "Status": "succeeded"}],
        "NatGatewayId": NAT, "State": "available", "SubnetId": PUB, "VpcId": VPC, "Tags": tags("nat-a"),
        "ConnectivityType": "public"}]}
    f["vpc-endpoints.json"] = {"VpcEndpoints": [{"VpcEndpointId": VPCE_S3, "VpcEndpointType": "Gateway", "VpcId": VPC,
        "ServiceName": f"com.amazonaws.{REGION}.s3", "State": "available",
        "PolicyDocument": "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"*\",\"Resource\":\"*\"}]}",
        "RouteTableIds": [RTB_MAIN], "SubnetIds": [], "Groups": [], "PrivateDnsEnabled": False, "RequesterManaged": False,
        "NetworkInterfaceIds": [], "DnsEntries": [], "CreationTimestamp": "2026-01-12T09:20:00+00:00", "Tags": [], "OwnerId": ACCOUNT}]}
    f["security-groups.json"] = {"SecurityGroups": [
        {"GroupId": SG_DEFAULT, "IpPermissionsEgress": allow_all_egress(), "VpcId": VPC,
         "SecurityGroupArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{SG_DEFAULT}", "OwnerId": ACCOUNT,
         "GroupName": "default", "Description": "default VPC security group",
         "IpPermissions": [{"IpProtocol": "-1", "UserIdGroupPairs": [{"UserId": ACCOUNT, "GroupId": SG_DEFAULT}],
                            "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": []}]},
        {"GroupId": SG_DB, "IpPermissionsEgress": allow_all_egress(), "Tags": tags("aurora"), "VpcId": VPC,
         "SecurityGroupArn": f"arn:aws:ec2:{REGION}:{ACCOUNT}:security-group/{SG_DB}", "OwnerId": ACCOUNT,
         "GroupName": "aurora", "Description": "Aurora cluster",
         "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 5432, "ToPort": 5432, "UserIdGroupPairs": [],
                            "IpRanges": [{"CidrIp": "10.0.0.0/16"}], "Ipv6Ranges": [], "PrefixListIds": []}]}]}
    entry = lambda n, egress, action: {"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": action, "RuleNumber": n}
    f["network-acls.json"] = {"NetworkAcls": [{"Associations": [
            {"NetworkAclAssociationId": "aclassoc-0a1b2c3d4e5f600c1", "NetworkAclId": ACL, "SubnetId": PUB},
            {"NetworkAclAssociationId": "aclassoc-0a1b2c3d4e5f600c2", "NetworkAclId": ACL, "SubnetId": DB1},
            {"NetworkAclAssociationId": "aclassoc-0a1b2c3d4e5f600c3", "NetworkAclId": ACL, "SubnetId": DB2}],
        "Entries": [entry(100, True, "allow"), entry(32767, True, "deny"), entry(100, False, "allow"), entry(32767, False, "deny")],
        "IsDefault": True, "NetworkAclId": ACL, "Tags": [], "VpcId": VPC, "OwnerId": ACCOUNT}]}
    f["db-subnet-groups.json"] = {"DBSubnetGroups": [{"DBSubnetGroupName": "aurora-db", "DBSubnetGroupDescription": "Aurora",
        "VpcId": VPC, "SubnetGroupStatus": "Complete",
        "Subnets": [{"SubnetIdentifier": DB1, "SubnetAvailabilityZone": {"Name": "eu-west-1a"}, "SubnetOutpost": {}, "SubnetStatus": "Active"},
                    {"SubnetIdentifier": DB2, "SubnetAvailabilityZone": {"Name": "eu-west-1b"}, "SubnetOutpost": {}, "SubnetStatus": "Active"}],
        "DBSubnetGroupArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:subgrp:aurora-db", "SupportedNetworkTypes": ["IPV4"]}]}
    def cluster(cid, stream):
        c = {"AllocatedStorage": 1, "AvailabilityZones": ["eu-west-1a", "eu-west-1b", "eu-west-1c"], "BackupRetentionPeriod": 7,
             "DBClusterIdentifier": cid, "DBClusterParameterGroup": "default.aurora-postgresql16", "DBSubnetGroup": "aurora-db",
             "Status": "available", "Endpoint": f"{cid}.cluster-c1a2b3c4d5e6.{REGION}.rds.amazonaws.com", "MultiAZ": True,
             "Engine": "aurora-postgresql", "EngineVersion": "16.4", "Port": 5432, "MasterUsername": "postgres",
             "DBClusterMembers": [{"DBInstanceIdentifier": f"{cid}-1", "IsClusterWriter": True, "DBClusterParameterGroupStatus": "in-sync", "PromotionTier": 1}],
             "VpcSecurityGroups": [{"VpcSecurityGroupId": SG_DB, "Status": "active"}], "HostedZoneId": "Z29XKXDKYMONMX",
             "StorageEncrypted": True, "KmsKeyId": f"arn:aws:kms:{REGION}:{ACCOUNT}:key/0f1e2d3c-4b5a-6978-8695-a4b3c2d1e0f9",
             "DbClusterResourceId": "cluster-ABCDEFGHIJKLMNOPQRSTUVWXY0", "DBClusterArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:cluster:{cid}",
             "EngineMode": "provisioned", "DeletionProtection": True, "ActivityStreamStatus": stream}
        if stream in ("started", "starting"):
            c.update({"ActivityStreamMode": "async", "ActivityStreamKmsKeyId": "alias/das",
                      "ActivityStreamKinesisStreamName": f"aws-rds-das-cluster-ABCDEFGHIJKLMNOPQRSTUVWXY0"})
        return c
    f["db-clusters.json"] = {"DBClusters": [cluster("orders", "started"), cluster("reports", "stopped")]}
    def instance(iid, cid, az):
        return {"DBInstanceIdentifier": iid, "DBInstanceClass": "db.r6g.large", "Engine": "aurora-postgresql",
                "DBInstanceStatus": "available", "MasterUsername": "postgres", "AvailabilityZone": az,
                "DBSubnetGroup": {"DBSubnetGroupName": "aurora-db", "DBSubnetGroupDescription": "Aurora", "VpcId": VPC,
                                  "SubnetGroupStatus": "Complete", "Subnets": []},
                "VpcSecurityGroups": [{"VpcSecurityGroupId": SG_DB, "Status": "active"}], "MultiAZ": False,
                "EngineVersion": "16.4", "PubliclyAccessible": False, "DBClusterIdentifier": cid, "StorageEncrypted": True,
                "DBInstanceArn": f"arn:aws:rds:{REGION}:{ACCOUNT}:db:{iid}", "ActivityStreamStatus": "stopped"}
    f["db-instances.json"] = {"DBInstances": [instance("orders-1", "orders", "eu-west-1a"), instance("orders-2", "orders", "eu-west-1b"),
                                              instance("reports-1", "reports", "eu-west-1a")]}
    f[f"{VPC}-enableDnsSupport.json"] = {"EnableDnsSupport": {"Value": True}, "VpcId": VPC}
    f[f"{VPC}-enableDnsHostnames.json"] = {"EnableDnsHostnames": {"Value": True}, "VpcId": VPC}
    return f

def kms_endpoint(f):
    """Adds an active KMS endpoint in the database subnets, whose group admits 443 from the cluster's group."""
    f["vpc-endpoints.json"]["VpcEndpoints"].append({"VpcEndpointId": VPCE_KMS, "VpcEndpointType": "Interface", "VpcId": VPC,
        "ServiceName": f"com.amazonaws.{REGION}.kms", "State": "available",
        "PolicyDocument": "{\n  \"Statement\": [\n    {\n      \"Action\": \"*\", \n      \"Effect\": \"Allow\", \n      \"Principal\": \"*\", \n      \"Resource\": \"*\"\n    }\n  ]\n}",
        "RouteTableIds": [], "SubnetIds": [DB1, DB2], "Groups": [{"GroupId": SG_KMS, "GroupName": "kms-endpoint"}],
        "IpAddressType": "ipv4", "DnsOptions": {"DnsRecordIpType": "ipv4"}, "PrivateDnsEnabled": True, "RequesterManaged": False,
        "NetworkInterfaceIds": ["eni-0a1b2c3d4e5f600d1", "eni-0a1b2c3d4e5f600d2"],
        "DnsEntries": [{"DnsName": f"kms.{REGION}.amazonaws.com", "HostedZoneId": "Z0123456789ABCDEFGHIJ"}],
        "CreationTimestamp": "2026-01-12T09:30:00+00:00", "Tags": [], "OwnerId": ACCOUNT})
    f["security-groups.json"]["SecurityGroups"].append({"GroupId": SG_KMS, "IpPermissionsEgress": allow_all_egress(), "VpcId": VPC,
        "OwnerId": ACCOUNT, "GroupName": "kms-endpoint", "Description": "KMS endpoint",
        "IpPermissions": [{"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
                           "UserIdGroupPairs": [{"UserId": ACCOUNT, "GroupId": SG_DB}], "IpRanges": [], "Ipv6Ranges": [], "PrefixListIds": []}]})
    # No NAT route: the endpoint is the only path.
    f["route-tables.json"]["RouteTables"][0]["Routes"].pop()
    return f

def write(dirname, files):
    if os.path.isdir(dirname):
        shutil.rmtree(dirname)
    os.makedirs(dirname)
    for name, doc in files.items():
        with open(os.path.join(dirname, name), "w") as fh:
            json.dump(doc, fh, indent=4)
            fh.write("\n")

def variant(change):
    f = copy.deepcopy(base())
    change(f)
    return f

def failed_nat(f):
    f["nat-gateways.json"]["NatGateways"][0].update({"State": "failed", "FailureCode": "Gateway.NotAttached",
        "FailureMessage": "Network vpc-0a1b2c3d4e5f60001 has no Internet gateway attached"})

def drop(*names):
    def change(f):
        for n in names:
            del f[n]
    return change

def drop_dns(f):
    kms_endpoint(f)
    drop(f"{VPC}-enableDnsSupport.json", f"{VPC}-enableDnsHostnames.json")(f)

def context_only(f):
    for n in ["db-clusters.json", "db-instances.json"]:
        del f[n]

def context_no_endpoints(f):
    context_only(f)
    del f["vpc-endpoints.json"]

T = "testdata"
write(f"{T}/facts-audit-started-stream-nat-pass/facts", base())
write(f"{T}/facts-audit-failed-nat-fail/facts", variant(failed_nat))
write(f"{T}/facts-audit-kms-endpoint-pass/facts", variant(kms_endpoint))
write(f"{T}/facts-audit-kms-endpoint-dns-attributes-missing-unknown/facts", variant(drop_dns))
write(f"{T}/facts-audit-no-route-tables-unknown/facts", variant(drop("route-tables.json")))
write(f"{T}/facts-context-tf-literal-ids-pass/facts", variant(context_only))
write(f"{T}/facts-context-tf-no-endpoints-file-unknown/facts", variant(context_no_endpoints))
write(f"{T}/facts-context-cfn-literal-ids-pass/facts", variant(context_only))
write(f"{T}/facts-context-tf-data-sources-pass/facts", variant(context_only))
def context_no_subnets(f):
    context_only(f)
    del f["subnets.json"]
write(f"{T}/facts-context-tf-data-sources-no-subnets-file-unknown/facts", variant(context_no_subnets))
# Facts as PATH beside a Terraform root: one world, both linted.
write(f"{T}/facts-path-beside-tf-root-one-world-pass/facts", base())
# The runnable example of docs/world.md.
write("examples/aws-facts/facts", base())
# DNS attributes matter for private DNS and public instances, not for a NAT path.
write(f"{T}/facts-audit-nat-dns-attributes-missing-pass/facts",
      variant(drop(f"{VPC}-enableDnsSupport.json", f"{VPC}-enableDnsHostnames.json")))

# Data sources answered by the facts (docs/semantics.md#data-sources-answered-by-other-sources): one database root per
# case looks the shared network up; these are the context snapshots.
def ctx(*changes):
    def change(f):
        context_only(f)
        for c in changes:
            c(f)
    return change

def sg_db_no_egress(f):
    f["security-groups.json"]["SecurityGroups"][1]["IpPermissionsEgress"] = []

def db_acl_deny_egress(f):
    """Adds a network ACL tagged Tier=db, associated with no subnet, that denies all egress."""
    entry = lambda n, egress, action: {"CidrBlock": "0.0.0.0/0", "Egress": egress, "Protocol": "-1", "RuleAction": action, "RuleNumber": n}
    f["network-acls.json"]["NetworkAcls"].append({"Associations": [],
        "Entries": [entry(32767, True, "deny"), entry(100, False, "allow"), entry(32767, False, "deny")],
        "IsDefault": False, "NetworkAclId": "acl-0a1b2c3d4e5f60072", "Tags": [{"Key": "Tier", "Value": "db"}],
        "VpcId": VPC, "OwnerId": ACCOUNT})

def prefix_lists(f):
    f["managed-prefix-lists.json"] = {"PrefixLists": [
        {"PrefixListId": "pl-6da54004", "AddressFamily": "IPv4", "State": "create-complete",
         "PrefixListArn": f"arn:aws:ec2:{REGION}:aws:prefix-list/pl-6da54004",
         "PrefixListName": f"com.amazonaws.{REGION}.s3", "Tags": [], "OwnerId": "AWS"}]}

def data_case(name, *changes):
    write(f"{T}/facts-data-{name}/facts", variant(ctx(*changes)))

data_case("vpc-no-match-input-error-unknown")
data_case("db-subnet-group-pass")
data_case("db-subnet-group-fail", failed_nat)
data_case("db-subnet-group-unknown", drop("db-subnet-groups.json"))
data_case("db-subnet-group-no-match-input-error-unknown")
data_case("security-group-fail", sg_db_no_egress)
data_case("security-groups-pass")
data_case("security-group-unknown", drop("security-groups.json"))
data_case("route-table-pass")
data_case("vpc-main-route-table-pass")
data_case("nat-gateway-fail", failed_nat)
data_case("route-table-several-unknown")
data_case("vpc-endpoint-pass", kms_endpoint)
data_case("vpc-endpoint-no-match-input-error-pass")
data_case("network-acls-fail", db_acl_deny_egress)
data_case("prefix-list-unknown", prefix_lists)
# The whole account, clusters included: the stream's cluster is found and
# joins the root with its instances and network (docs/semantics.md#literal-ids-and-names).
write(f"{T}/facts-data-rds-cluster-nat-pass/facts", base())
write(f"{T}/facts-context-cfn-custom-das-literal-cluster-pass/facts", base())
write(f"{T}/facts-context-stream-literal-arn-failed-nat-fail/facts", variant(failed_nat))

def public_group_no_instances(f):
    # The cluster's DB subnet group is the public subnet; no instance facts.
    del f["db-instances.json"]
    f["db-subnet-groups.json"]["DBSubnetGroups"][0]["Subnets"] = [{"SubnetIdentifier": "subnet-0a1b2c3d4e5f60011",
        "SubnetAvailabilityZone": {"Name": "eu-west-1a"}, "SubnetOutpost": {}, "SubnetStatus": "Active"}]

write(f"{T}/facts-context-stream-literal-arn-no-instances-unknown/facts", variant(public_group_no_instances))
