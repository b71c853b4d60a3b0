#!/usr/bin/env python3
"""Example test validator: runs the unittest tests of $CFN_WORKDIR and prints 'N passed, N failed'."""
import os
import re
import sys
import unittest

workdir = os.environ.get("CFN_WORKDIR", ".")
sys.path.insert(0, workdir)
suite = unittest.defaultTestLoader.discover(workdir, pattern="test_*.py", top_level_dir=workdir)
result = unittest.TextTestRunner(stream=sys.stderr, verbosity=2).run(suite)
for test, trace in result.failures + result.errors:
    lines = trace.strip().splitlines()
    why = next((l for l in reversed(lines) if re.match(r"^\w+(Error|Exception)\b", l)), lines[-1])
    print(f"FAIL: {test.id()}: {why}")
failed = len(result.failures) + len(result.errors)
skipped = len(result.skipped)
passed = result.testsRun - failed - skipped
print(f"{passed} passed, {failed} failed, {skipped} skipped")
