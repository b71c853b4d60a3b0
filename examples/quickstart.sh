#!/usr/bin/env bash
# The main job on the embedded default (SQLite in ./.cfn, in-process coordination): initialise a
# home, import the bundled example skills, deploy them to agent types, and load what a
# backend-developer agent gets. Safe to run again: unchanged skills are skipped.
# Usage: examples/quickstart.sh [HOME_DIR]   (default ./.cfn)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cfn=$here/../bin/cfn
home=${1:-${CFN_HOME:-.cfn}}
run() { echo "+ cfn $*" >&2; "$cfn" --home "$home" "$@"; }

run init
run skill import "$here/skills" --approver quickstart@example.com
run skill deploy cfn-coordination --agents backend-developer,tester,reviewer --priority 1 --required
run skill deploy error-handling --agents backend-developer --priority 2
run skill deploy tdd-workflow --agents backend-developer,tester --priority 3 --phase loop3
run skill deploy api-design --agents backend-developer --priority 4 --keywords api,http
run skill deploy code-review --agents reviewer --priority 2 --phase loop2
run skill deploy db-migrations --agents backend-developer --priority 6 --keywords database,migration
run skill list
run skill load --agent backend-developer --phase loop3 --keywords api
