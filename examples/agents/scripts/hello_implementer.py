#!/usr/bin/env python3
"""Example implementer: writes greeting.py and test_greeting.py into $CFN_WORKDIR (agent protocol)."""
import json
import os
import sys

task = json.load(sys.stdin)
workdir = os.environ["CFN_WORKDIR"]
iteration = int(os.environ.get("CFN_ITERATION", "1"))
bug = "[bug-first]" in str(task.get("task", "")) and iteration == 1

body = 'return "Hello " + name' if bug else 'return f"Hello, {name}!"'
with open(os.path.join(workdir, "greeting.py"), "w") as f:
    f.write(f"def greet(name):\n    {body}\n")
with open(os.path.join(workdir, "test_greeting.py"), "w") as f:
    f.write(
        "import unittest\n"
        "from greeting import greet\n\n\n"
        "class GreetingTest(unittest.TestCase):\n"
        "    def test_greets_by_name(self):\n"
        "        self.assertEqual(greet('Ada'), 'Hello, Ada!')\n\n"
        "    def test_greets_anyone(self):\n"
        "        self.assertTrue(greet('x').startswith('Hello'))\n"
    )

print(f"wrote greeting.py (iteration {iteration}, {len(task.get('feedback') or [])} feedback items)", file=sys.stderr)
print(json.dumps({
    "confidence": 0.9,
    "status": "success",
    "summary": f"greeting.py and its tests written (iteration {iteration})",
    "files": ["greeting.py", "test_greeting.py"],
}))
