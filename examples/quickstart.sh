#!/usr/bin/env bash
# The main job on the embedded default (SQLite in ./.cfn, in-process coordination): initialise a
# home, import the bundled example skills and deploy them to agent types, then run a real CFN loop
# offline: an implementer writes code into a fresh workdir, validators run its unit tests, a
# product owner decides. Safe to run again: unchanged skills are skipped, each loop is a new run.
# Usage: examples/quickstart.sh [HOME_DIR]   (default ./.cfn; needs python3 for the example agents)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cfn=$here/../bin/cfn
home=${1:-${CFN_HOME:-.cfn}}
run() { echo "+ cfn $*" >&2; "$cfn" --home "$home" "$@"; }

run init
run skill import "$here/skills" --approver quickstart@example.com
run skill deploy cfn-coordination --agents backend-developer,tester,reviewer,hello-implementer,unit-tests --priority 1 --required
run skill deploy error-handling --agents backend-developer --priority 2
run skill deploy tdd-workflow --agents backend-developer,tester,hello-implementer --priority 3 --phase loop3
run skill deploy api-design --agents backend-developer --priority 4 --keywords api,http
run skill deploy code-review --agents reviewer,unit-tests --priority 2 --phase loop2
run skill deploy db-migrations --agents backend-developer --priority 6 --keywords database,migration
run skill list
run skill load --agent backend-developer --phase loop3 --keywords api

# A CFN loop on the bundled example agents (examples/agents): iteration 1 ships a bug on purpose
# ([bug-first]), the validators' failing test becomes feedback, iteration 2 fixes it and the
# product owner proceeds.
workdir=$(mktemp -d "${TMPDIR:-/tmp}/cfn-quickstart.XXXXXX")
run loop run "write a greeting module with tests [bug-first]" --mode mvp \
  --workdir "$workdir" --agents-dir "$here/agents" --expected-files greeting.py
echo "workdir: $workdir" >&2
run loop list --limit 3
