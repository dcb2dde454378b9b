#!/usr/bin/env bash
# Idle SSE streams benchmark (issue 2): holds 1,000 concurrent idle MCP server streams (GET
# /mcp) open through Gatehouse and prints the gateway JVM's resident memory (VmRSS) before,
# while they are open, and after they are closed. The upstream (bench/sse_upstream.py) keeps
# each stream open and silent; the client (bench/sse_clients.py) holds them. See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: bench/sse-idle.sh [options]
  --count N      streams to hold open (default 1000)
  --hold S       seconds to hold them (default 15)
  --auth TOKEN   send Authorization: Bearer TOKEN
  --label TEXT   printed with the results
  --direct       no gateway: streams go straight to the upstream (checks the harness itself;
                 the RSS printed is then the Python upstream's)
  --keep-tmp     keep the temp dir (config, logs)
EOF
}

COUNT=1000
HOLD=15
AUTH=""
LABEL=""
DIRECT=0
while [ $# -gt 0 ]; do
  case $1 in
    --count) COUNT=${2:?}; shift ;;
    --hold) HOLD=${2:?}; shift ;;
    --auth) AUTH=${2:?--auth needs a token}; shift ;;
    --label) LABEL=${2:?--label needs text}; shift ;;
    --direct) DIRECT=1 ;;
    --keep-tmp) BENCH_KEEP_TMP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
  shift
done

bench_require curl:curl python3:python3
# Each stream is a socket in the client, two in the gateway and one in the upstream.
bench_raise_nofile $((COUNT * 2 + 4096))
bench_make_tmp
bench_warn_if_busy

mapfile -t PORTS < <(bench_free_ports 3)
PORT_UP=${PORTS[0]} PORT_B=${PORTS[1]} PORT_ADMIN=${PORTS[2]}
UPSTREAM="http://127.0.0.1:$PORT_UP/mcp"

bench_start sse-upstream "$BENCH_TMP/upstream.log" python3 "$BENCH_DIR/sse_upstream.py" --port "$PORT_UP"
PID_UP=$BENCH_LAST_PID
bench_wait_http "http://127.0.0.1:$PORT_UP/stats" 10 "$PID_UP" || bench_die "the SSE upstream did not start; see $BENCH_TMP/upstream.log"

if [ "$DIRECT" -eq 1 ]; then
  TARGET_URL=$UPSTREAM
  MEASURED_PID=$PID_UP
  MEASURED="upstream (python, --direct)"
else
  # Every open stream holds one upstream connection, so the pool must allow them all.
  bench_start_gateway "$UPSTREAM" "$PORT_B" "$PORT_ADMIN" $((COUNT + 64)) \
    || bench_die "gateway (b) is not available; nothing to measure (--direct checks the harness alone)"
  TARGET_URL="http://127.0.0.1:$PORT_B/mcp/bench"
  MEASURED_PID=$(bench_gateway_jvm_pid)
  MEASURED="gateway process $MEASURED_PID ($(ps -o comm= -p "$MEASURED_PID"))"
fi

CLIENT_ARGS=(--url "$TARGET_URL" --count "$COUNT" --hold "$HOLD")
[ -n "$AUTH" ] && CLIENT_ARGS+=(--header "Authorization: Bearer $AUTH")

# One JSON round trip first, so "before" is a gateway that has served traffic, not a cold one.
curl -fsS -o /dev/null --max-time 5 -X POST -H 'Content-Type: application/json' \
  -H 'Accept: application/json, text/event-stream' -H 'MCP-Protocol-Version: 2025-06-18' \
  ${AUTH:+-H "Authorization: Bearer $AUTH"} \
  --data '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{}}}' \
  "$TARGET_URL" || bench_die "a JSON tools/call through $TARGET_URL failed"

RSS_BEFORE=$(bench_rss_kib "$MEASURED_PID")
CLIENT_LOG="$BENCH_TMP/clients.log"
: >"$CLIENT_LOG" # exists before the first grep below, whenever the client starts writing
python3 "$BENCH_DIR/sse_clients.py" "${CLIENT_ARGS[@]}" >"$CLIENT_LOG" 2>&1 &
CLIENT_PID=$!
BENCH_PIDS+=("$CLIENT_PID")

deadline=$((SECONDS + 60))
until grep -q '^READY' "$CLIENT_LOG"; do
  kill -0 "$CLIENT_PID" 2>/dev/null || bench_die "the SSE client exited early: $(cat "$CLIENT_LOG")"
  [ "$SECONDS" -lt "$deadline" ] || bench_die "the SSE client did not open its streams within 60s"
  sleep 0.2
done

# Sample while the streams are held; the peak is the number that matters.
RSS_HELD=0
UPSTREAM_OPEN=0
while kill -0 "$CLIENT_PID" 2>/dev/null && ! grep -q '^HELD' "$CLIENT_LOG"; do
  rss=$(bench_rss_kib "$MEASURED_PID")
  [ "$rss" -gt "$RSS_HELD" ] && RSS_HELD=$rss
  open=$(curl -fsS --max-time 2 "http://127.0.0.1:$PORT_UP/stats" | sed -n 's/.*"open_streams": *\([0-9]*\).*/\1/p')
  [ "${open:-0}" -gt "$UPSTREAM_OPEN" ] && UPSTREAM_OPEN=$open
  sleep 1
done
CLIENT_STATUS=0
wait "$CLIENT_PID" || CLIENT_STATUS=$?
# Give the gateway a moment to tear the closed streams down before the "after" sample.
sleep 3
RSS_AFTER=$(bench_rss_kib "$MEASURED_PID")
UPSTREAM_LEFT=$(curl -fsS --max-time 2 "http://127.0.0.1:$PORT_UP/stats" | sed -n 's/.*"open_streams": *\([0-9]*\).*/\1/p')

mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
echo "== Gatehouse idle SSE streams ${LABEL:+($LABEL)}"
echo "   $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), measuring the $MEASURED"
sed 's/^/   client: /' "$CLIENT_LOG"
echo "   streams open at the upstream (peak): $UPSTREAM_OPEN of $COUNT; still open after close: ${UPSTREAM_LEFT:-?}"
echo "   RSS before:              $(mib "$RSS_BEFORE")"
echo "   RSS with streams open:   $(mib "$RSS_HELD") (peak of 1 s samples)"
echo "   RSS after closing:       $(mib "$RSS_AFTER")"
awk -v b="$RSS_BEFORE" -v h="$RSS_HELD" -v n="$COUNT" \
  'BEGIN { printf "   per stream:              %.1f KiB ((held - before) / %d)\n", (h - b) / n, n }'
echo "SUMMARY label=\"$LABEL\" streams=$COUNT rss_before_kib=$RSS_BEFORE rss_held_kib=$RSS_HELD rss_after_kib=$RSS_AFTER upstream_open=$UPSTREAM_OPEN"
if [ "$CLIENT_STATUS" -ne 0 ] || [ "$UPSTREAM_OPEN" -lt "$COUNT" ]; then
  echo "RESULT FAIL (not every stream opened and stayed open end to end)"
  exit 1
fi
echo "RESULT OK"
