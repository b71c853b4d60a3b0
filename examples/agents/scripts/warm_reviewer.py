#!/usr/bin/env python3
"""Example warm agent: one JSON task per line on stdin, one JSON answer per line on stdout."""
import json
import os
import sys

for line in sys.stdin:
    task = json.loads(line)
    workdir = task["workdir"]
    expected = task["input"].get("deliverables") or []
    if not expected:
        print(json.dumps({"confidence": 0.0, "status": "failed", "summary": "no deliverables to check"}), flush=True)
        continue
    missing = [f for f in expected if not os.path.exists(os.path.join(workdir, f))]
    feedback = [{"severity": "CRITICAL", "message": f"missing deliverable: {f}"} for f in missing]
    print(json.dumps({
        "confidence": (len(expected) - len(missing)) / len(expected),
        "status": "success",
        "summary": f"{len(expected) - len(missing)} of {len(expected)} deliverables present",
        "feedback": feedback,
    }), flush=True)
