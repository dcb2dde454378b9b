#!/usr/bin/env bash
# Starts one test upstream on 127.0.0.1 and prints "LISTENING <port>" on stdout once it accepts
# connections (everything else goes to stderr). PORT 0 or omitted = a free port.
#
#   testing/run-fixture.sh conformance [PORT]   upstream A, Streamable HTTP at /mcp
#   testing/run-fixture.sh legacy-sse  [PORT]   upstream A's tools over HTTP+SSE: GET /sse, POST /messages
#   testing/run-fixture.sh everything  [PORT]   upstream B, server-everything at /mcp (= run-everything.sh)
#
# The script execs into the node process: stopping the process it started stops the fixture.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${2:-${PORT:-0}}"
case "${1:-}" in
  conformance) exec "$here/node22.sh" "$here/node/conformance-server.mjs" "$port" ;;
  legacy-sse) exec "$here/node22.sh" "$here/node/legacy-sse-server.mjs" "$port" ;;
  everything) exec "$here/node22.sh" "$here/node/everything-launcher.mjs" "$port" ;;
  *) sed -n '5,7p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; exit 2 ;;
esac
