#!/usr/bin/env python3
"""Indents terraform's JSON output one space a level (so that a resource's
line in the fixture says something), pins the plan's timestamp and sorts
relevant_attributes, so that regenerating the fixtures changes nothing
when nothing changed."""
import json, sys

doc = json.load(sys.stdin)
if "timestamp" in doc:
    doc["timestamp"] = "2026-01-01T00:00:00Z"
if isinstance(doc.get("relevant_attributes"), list):  # in no stable order
    doc["relevant_attributes"].sort(key=lambda a: json.dumps(a, sort_keys=True))
json.dump(doc, sys.stdout, indent=1)
sys.stdout.write("\n")
