#!/usr/bin/env bash
# A CFN loop of real Claude Code agents on a small task: a Claude Code implementer writes slug.py and
# its tests, the unit tests and a Claude Code reviewer validate, a Claude Code product owner decides.
# Needs the claude CLI (npm install -g @anthropic-ai/claude-code), logged in (claude /login) or with
# ANTHROPIC_API_KEY set, and python3. Spends real money: the run is capped at $1.00 by default
# (CFN_EXAMPLE_BUDGET=2.50 to change it); cfn loop show reports what it cost.
# Usage: examples/claude/run.sh [HOME_DIR]   (default ./.cfn)
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cfn=$here/../../bin/cfn
home=${1:-${CFN_HOME:-.cfn}}
budget=${CFN_EXAMPLE_BUDGET:-1.00}

command -v "${CFN_CLAUDE_BIN:-claude}" >/dev/null || {
  echo "examples/claude: the claude CLI was not found (install: npm install -g @anthropic-ai/claude-code)" >&2
  exit 1
}
workdir=$(mktemp -d "${TMPDIR:-/tmp}/cfn-claude.XXXXXX")
cp "$here/task/TASK.md" "$workdir/"
echo "+ workdir: $workdir (budget \$$budget)" >&2
"$cfn" --home "$home" init >/dev/null
"$cfn" --home "$home" loop run "$(cat "$here/task/TASK.md")" --mode mvp \
  --workdir "$workdir" --agents-dir "$here/agents" \
  --loop3 python-implementer --loop2 unit-tests,reviewer --product-owner product-owner \
  --expected-files slug.py,test_slug.py --max-iterations 3 --max-cost-usd "$budget"
