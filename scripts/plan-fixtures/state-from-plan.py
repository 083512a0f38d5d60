#!/usr/bin/env python3
"""Writes a terraform.tfstate (format 4) for the root planned in plan.json,
as if it had been applied: every attribute unknown until apply gets the
value AWS would give it (an ID of the resource's kind, or the ID of the
resource its configuration references). gen-plan-fixtures.sh then has
terraform itself print it with `terraform show -json terraform.tfstate`, so
the state JSON fixture is terraform's own output. It handles the reference
shapes the fixtures use: X.attr, X[i].attr, X with count.index."""
import hashlib, json, sys

plan = json.load(open(sys.argv[1]))
# Resource types to leave out of the state, as if another root managed them.
drop = set(sys.argv[2:])
region, account = "eu-west-1", "123456789012"
prefix = {"aws_vpc": "vpc", "aws_subnet": "subnet", "aws_internet_gateway": "igw",
          "aws_route_table": "rtb", "aws_route_table_association": "rtbassoc", "aws_eip": "eipalloc",
          "aws_nat_gateway": "nat", "aws_security_group": "sg", "aws_vpc_endpoint": "vpce",
          "aws_network_acl": "acl"}
ids = {}


def fake(addr, typ):
    h = hashlib.sha1(addr.encode()).hexdigest()[:17]
    return prefix.get(typ, "id") + "-" + h


resources = plan["planned_values"]["root_module"]["resources"]
conf = {r["address"]: r for r in plan["configuration"]["root_module"]["resources"]}
for r in resources:
    v = r["values"]
    ident = v.get("name") if r["type"] == "aws_db_subnet_group" else v.get("cluster_identifier") if r["type"] == "aws_rds_cluster" else v.get("identifier") if r["type"] == "aws_rds_cluster_instance" else None
    ids[r["address"]] = ident or fake(r["address"], r["type"])


def arn(r):
    rds = {"aws_rds_cluster": "cluster", "aws_rds_cluster_instance": "db", "aws_db_subnet_group": "subgrp"}
    if r["type"] in rds:
        return "arn:aws:rds:%s:%s:%s:%s" % (region, account, rds[r["type"]], ids[r["address"]])
    svc = "kms" if r["type"] == "aws_kms_key" else "ec2"
    kind = r["type"][len("aws_"):].replace("_", "-")
    return "arn:aws:%s:%s:%s:%s/%s" % (svc, region, account, kind, ids[r["address"]])


def ref_value(refs, own_index):
    bases = [x for x in refs if not x.startswith(("count.", "each.", "var.", "local."))]
    target = None
    for x in bases:
        parts = x.split(".")
        base = parts[0] + "." + parts[1]
        if "[" in parts[1] or len(parts) > 2 or target is None:
            target = (base, parts[2] if len(parts) > 2 else "id")
    base, attr = target
    if base in ids:
        addr = base
    elif base.split("[")[0] + "[%d]" % own_index in ids:
        addr = base.split("[")[0] + "[%d]" % own_index
    else:
        addr = base
    if attr == "arn":
        return arn(next(r for r in resources if r["address"] == addr))
    return ids[addr]


changes = {c["address"]: c["change"]["after_unknown"] for c in plan["resource_changes"]}
out = {}
for r in resources:
    v = dict(r["values"])
    cfg = conf[r["address"].split("[")[0]]
    idx = r.get("index", 0) if isinstance(r.get("index"), int) else 0
    for k, u in changes.get(r["address"], {}).items():
        if k == "id":
            v[k] = ids[r["address"]]
        elif k == "arn":
            v[k] = arn(r)
        elif k == "key_id":
            v[k] = ids[r["address"]]
        elif u is True and k in cfg["expressions"] and "references" in cfg["expressions"][k]:
            refs = cfg["expressions"][k]["references"]
            if k.endswith("_ids"):
                v[k] = [ref_value([a], idx) for a in refs if a.endswith(".id")]
            else:
                v[k] = ref_value(refs, idx)
        elif isinstance(u, list) and "references" in cfg["expressions"].get(k, {}) and any(u):  # route blocks
            refs = cfg["expressions"][k]["references"]
            for i, item in enumerate(u):
                for kk in item:
                    v[k][i][kk] = ref_value(refs, idx)
        elif r["type"] == "aws_vpc" and k in ("main_route_table_id", "default_route_table_id"):
            v[k] = "rtb-main" + ids[r["address"]][4:12]
        elif r["type"] == "aws_vpc" and k == "default_security_group_id":
            v[k] = "sg-default" + ids[r["address"]][4:12]
        elif r["type"] == "aws_vpc" and k == "default_network_acl_id":
            v[k] = "acl-default" + ids[r["address"]][4:12]
    out.setdefault((r["type"], r["name"]), []).append({"index_key": r.get("index"), "schema_version": r["schema_version"], "attributes": v, "sensitive_attributes": []})


def output_value(refs):
    """The value of an output that reads X.attr, X[i].attr or X[*].attr."""
    ref = refs[0]
    parts = ref.split(".")
    base, attr = parts[0] + "." + parts[1], parts[2] if len(parts) > 2 else "id"
    if attr == "*":
        attr = parts[3] if len(parts) > 3 else "id"
    one = lambda addr: arn(next(r for r in resources if r["address"] == addr)) if attr == "arn" else ids[addr]
    if base in ids:
        return one(base)
    return [one(a) for a in ids if a.startswith(base + "[")]


outputs = {}
for name, o in plan["configuration"]["root_module"].get("outputs", {}).items():
    refs = o.get("expression", {}).get("references")
    if refs:
        v = output_value(refs)
        outputs[name] = {"value": v, "type": ["list", "string"] if isinstance(v, list) else "string"}
state = {"version": 4, "terraform_version": "1.11.0", "serial": 1, "lineage": "00000000-0000-0000-0000-000000000000", "outputs": outputs, "resources": []}
for (typ, name), insts in out.items():
    if typ in drop:
        continue
    for i in insts:
        if i["index_key"] is None:
            del i["index_key"]
    state["resources"].append({"mode": "managed", "type": typ, "name": name, "provider": "provider[\"registry.terraform.io/hashicorp/aws\"]", "instances": insts})
json.dump(state, sys.stdout, indent=1)
