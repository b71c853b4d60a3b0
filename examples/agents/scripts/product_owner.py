#!/usr/bin/env python3
"""Example product owner: PROCEED when consensus passed, ITERATE while iterations remain, else ABORT."""
import json
import sys

doc = json.load(sys.stdin)
consensus = doc.get("consensus") or {}
passed = consensus.get("passed")
if passed is None and "value" in consensus and "threshold" in consensus:
    passed = consensus["value"] >= consensus["threshold"]
iteration = int(doc.get("iteration", 1))
last = int(doc.get("max_iterations", iteration + 1))

if passed:
    decision, why = "PROCEED", f"consensus {consensus.get('value')} reached {consensus.get('threshold')}"
elif iteration < last:
    decision, why = "ITERATE", f"consensus not reached in iteration {iteration} of {last}"
else:
    decision, why = "ABORT", f"consensus not reached after the last iteration ({last})"
print(json.dumps({"confidence": 0.9, "status": "success", "decision": decision, "reasoning": why, "summary": why}))
