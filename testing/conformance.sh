#!/usr/bin/env bash
# Runs the @modelcontextprotocol/conformance 0.1.16 server suite (active scenarios unless --suite)
# with Node 22 against URL, and summarises it.
#
#   testing/conformance.sh URL [OUTDIR] [--expected-failures FILE] [--suite active|all|pending]
#                              [--scenario NAME]
#
# OUTDIR (default: a new temporary directory) receives conformance's per-scenario results
# (server-<scenario>-<time>/checks.json), its full output (conformance.log) and passed.txt.
# Prints "conformance: N passed, M failed (scenarios)", the failing scenarios, and the run time.
# Exit code: conformance's own (0 = all passed, or with a baseline: only expected failures).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
usage() { sed -n '5,6p' "${BASH_SOURCE[0]}" | sed 's/^# *//' >&2; exit 2; }

url=""; outdir=""; extra=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --expected-failures) [[ $# -ge 2 ]] || usage; extra+=(--expected-failures "$(cd "$(dirname "$2")" && pwd)/$(basename "$2")"); shift 2 ;;
    --suite|--scenario) [[ $# -ge 2 ]] || usage; extra+=("$1" "$2"); shift 2 ;;
    -h|--help) usage ;;
    -*) echo "conformance.sh: unknown option $1" >&2; usage ;;
    *) if [[ -z "$url" ]]; then url="$1"; elif [[ -z "$outdir" ]]; then outdir="$1"; else usage; fi; shift ;;
  esac
done
[[ -n "$url" ]] || usage
[[ -n "$outdir" ]] || outdir="$(mktemp -d "${TMPDIR:-/tmp}/conformance.XXXXXX")"
mkdir -p "$outdir"
outdir="$(cd "$outdir" && pwd)"

cli="$here/node/node_modules/@modelcontextprotocol/conformance/dist/index.js"
[[ -f "$cli" ]] || { echo "conformance.sh: conformance is not installed; run: bash testing/setup.sh" >&2; exit 127; }

log="$outdir/conformance.log"
start_ms="$(date +%s%3N)"
set +e
"$here/node22.sh" "$cli" server --url "$url" -o "$outdir" "${extra[@]}" >"$log" 2>&1
rc=$?
set -e
end_ms="$(date +%s%3N)"

"$here/node22.sh" "$here/node/lib/conformance-summary.mjs" "$log" "$outdir" "$start_ms" "$outdir/passed.txt"
if grep -q "Baseline check passed" "$log"; then
  echo "  baseline: all failures are expected"
elif grep -qE "Unexpected failures|Baseline is stale" "$log"; then
  sed -n '/Stale baseline entries/,/^$/p;/Unexpected failures (not in baseline)/,/^$/p' "$log" | sed 's/\x1b\[[0-9;]*m//g; s/^/  baseline: /' | grep -v '^  baseline: *$'
fi
echo "conformance: took $(( (end_ms - start_ms) / 1000 )).$(( (end_ms - start_ms) % 1000 / 100 ))s against $url; results in $outdir (exit $rc)"
exit "$rc"
