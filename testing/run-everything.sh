#!/usr/bin/env bash
# Upstream B: @modelcontextprotocol/server-everything (version pinned in testing/node/package-lock.json)
# in streamableHttp mode on 127.0.0.1:PORT (0 or no argument = a free port), endpoint /mcp.
# Prints "LISTENING <port>" on stdout once the socket is bound; the server's own logs go to stderr.
# The script execs into a single node process, so killing the process this script started stops it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec "$here/node22.sh" "$here/node/everything-launcher.mjs" "${1:-${PORT:-0}}"
