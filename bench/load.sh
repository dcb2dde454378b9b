#!/usr/bin/env bash
# Foundation load benchmark (issue 2): JSON tools/call round trips
#   (a) direct to a fast upstream (nginx answering a fixed JSON-RPC reply),
#   (b) through Gatehouse, (c) through nginx proxy_pass, the plain-proxy reference,
# on one machine in one run. Measures each target's saturation throughput, then p50/p99 at half
# of the saturation rate, and prints b/a, b/c, the latency Gatehouse adds over (a) and PASS/FAIL
# against the targets (b/c >= 0.9, added p99 <= 1 ms). See bench/README.md.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<'EOF'
usage: bench/load.sh [options]
  --skip-gateway     measure (a) and (c) only
  --auth TOKEN       send Authorization: Bearer TOKEN (for an auth-on gateway run)
  --with-auth        authentication and authorization on: a CI service token is created for the
                     run, the gateway requires it and checks access rules; every target gets the
                     same header (one token reused, as a real client does)
  --label TEXT       printed with the results (e.g. "auth on")
  --duration S       seconds per measured run (default 10)
  --warmup S         seconds of unmeasured load per target first (default 3; the gateway gets BENCH_GATEWAY_WARMUP, default 30)
  --connections N    wrk connections (default 32)
  --threads N        wrk threads (default 1)
  --half-of WHICH    the half-load rate is half the saturation of: slowest (default: the
                     slowest target, so none runs above half its capacity) or direct
  --rounds N         measure every target N times, interleaved (a b c a b c ...), and report
                     medians (default 3): on shared cores the capacity drifts between runs
  --pin              load generator on CPU 0, every server (upstream, proxies) on the others,
                     so that each proxy has the same CPU share whatever its thread count
  --audit MODE       audit on (durable or async): a signing key and log dir in the temp dir;
                     after the run the log is verified with `gatehouse audit verify`
  --no-masking       masking off for the bench connection (it is on by default)
  --event-loops N    the gateway's event loop threads (default 1, like the one worker each nginx
                     runs here; "default" leaves the gateway's own default, one per core)
  --host-probe S     seconds for each part of the host probe, run before and after the half-load
                     runs with nothing else busy (default 3; 0 = skip): CPU stalls and thread
                     wake-ups of the machine itself, the floor under every latency printed here
  --keep-tmp         keep the temp dir (configs, logs, raw wrk output)
EOF
}

SKIP_GATEWAY=0
AUTH=""
WITH_AUTH=0
LABEL=""
DURATION=10
WARMUP=3
GATEWAY_WARMUP=${BENCH_GATEWAY_WARMUP:-30}
CONNS=32
THREADS=1
HALF_OF=slowest
PIN=0
AUDIT_MODE=""
NO_MASKING=0
ROUNDS=3
EVENT_LOOPS=1
HOST_PROBE=3
while [ $# -gt 0 ]; do
  case $1 in
    --skip-gateway) SKIP_GATEWAY=1 ;;
    --auth) AUTH=${2:?--auth needs a token}; shift ;;
    --with-auth) WITH_AUTH=1 ;;
    --label) LABEL=${2:?--label needs text}; shift ;;
    --duration) DURATION=${2:?}; shift ;;
    --warmup) WARMUP=${2:?}; shift ;;
    --connections) CONNS=${2:?}; shift ;;
    --threads) THREADS=${2:?}; shift ;;
    --half-of) HALF_OF=${2:?}; shift ;;
    --pin) PIN=1 ;;
    --audit) AUDIT_MODE=${2:?--audit needs durable or async}; shift ;;
    --no-masking) NO_MASKING=1 ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    --event-loops) EVENT_LOOPS=${2:?}; shift ;;
    --host-probe) HOST_PROBE=${2:?}; shift ;;
    --keep-tmp) BENCH_KEEP_TMP=1 ;;
    -h | --help) usage; exit 0 ;;
    *) usage >&2; exit 64 ;;
  esac
  shift
done
case $HALF_OF in direct | slowest) ;; *) bench_die "--half-of must be direct or slowest" ;; esac
case $AUDIT_MODE in "" | durable | async) ;; *) bench_die "--audit must be durable or async" ;; esac

PIN_NOTE="not pinned"
if [ "$PIN" -eq 1 ]; then
  [ "$(nproc)" -ge 2 ] || bench_die "--pin needs at least 2 CPUs"
  BENCH_CLIENT_CPUS=0
  BENCH_SERVER_CPUS="1-$(($(nproc) - 1))"
  PIN_NOTE="pinned: wrk on CPU 0, servers on CPU $BENCH_SERVER_CPUS"
fi

bench_require nginx:nginx wrk:wrk curl:curl python3:python3
bench_raise_nofile 65536
bench_make_tmp
if [ "$WITH_AUTH" -eq 1 ]; then
  # A service token (hash-checked, cached like a JWT) and access rules allowing the bench tool.
  TOKEN_STORE="$BENCH_TMP/service-tokens.json"
  AUTH=$(cd "$REPO_ROOT" && ./gatehouse token create --name bench --groups bench --expires 1d \
    --store "$TOKEN_STORE" 2>/dev/null | grep -E '^gh_svc_' | head -n 1)
  [ -n "$AUTH" ] || bench_die "could not create a service token for --with-auth"
  BENCH_GATEWAY_EXTRA_YAML="$BENCH_TMP/auth.yaml"
  cat > "$BENCH_GATEWAY_EXTRA_YAML" <<AUTHYAML
    access:
      rules:
        - name: bench
          groups: [bench]
          allow: {tools: ["*"]}
auth:
  audience: https://bench.invalid
  serviceTokens:
    store: $TOKEN_STORE
AUTHYAML
  export BENCH_GATEWAY_EXTRA_YAML
fi
# Feature sections appended to the gateway's config (after any auth section above).
FEATURES_YAML="$BENCH_TMP/features.yaml"
: >"$FEATURES_YAML"
if [ -n "${BENCH_GATEWAY_EXTRA_YAML:-}" ]; then
  cat "$BENCH_GATEWAY_EXTRA_YAML" >>"$FEATURES_YAML"
fi
if [ -n "$AUDIT_MODE" ]; then
  (cd "$REPO_ROOT" && ./gatehouse audit keygen --name bench.gatehouse/audit \
    --private-key "$BENCH_TMP/audit.key" --public-key "$BENCH_TMP/audit.pub" >/dev/null) \
    || bench_die "gatehouse audit keygen failed"
  cat >>"$FEATURES_YAML" <<AUDITYAML
audit:
  dir: $BENCH_TMP/audit
  privateKeyFile: $BENCH_TMP/audit.key
  mode: $AUDIT_MODE
AUDITYAML
fi
if [ "$NO_MASKING" -eq 1 ]; then
  printf 'masking:\n  connections:\n    bench: none\n' >>"$FEATURES_YAML"
fi
BENCH_GATEWAY_EXTRA_YAML=$FEATURES_YAML
export BENCH_GATEWAY_EXTRA_YAML
FEATURE_NOTE="audit ${AUDIT_MODE:-off}, masking $([ "$NO_MASKING" -eq 1 ] && echo off || echo on)"
if [ "$EVENT_LOOPS" = default ]; then
  FEATURE_NOTE+=", gateway event loops: its default (one per core)"
else
  [[ $EVENT_LOOPS =~ ^[1-9][0-9]*$ ]] || bench_die "--event-loops needs a positive number or 'default'"
  # Thread parity with nginx's workers (see bench/README.md); the launcher passes
  # GATEHOUSE_JAVA_OPTS to the gateway's JVM.
  export GATEHOUSE_JAVA_OPTS="${GATEHOUSE_JAVA_OPTS:-} -Dgatehouse.eventLoops=$EVENT_LOOPS"
  FEATURE_NOTE+=", gateway event loops $EVENT_LOOPS"
fi
AUTH_STATE=off
[ -n "$AUTH" ] && AUTH_STATE=on
bench_warn_if_busy

mapfile -t PORTS < <(bench_free_ports 4)
PORT_A=${PORTS[0]} PORT_B=${PORTS[1]} PORT_C=${PORTS[2]} PORT_ADMIN=${PORTS[3]}
# The fixed reply of the upstream: a tools/call result as small MCP servers send it.
REPLY='{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hello from the bench"}],"isError":false}}'

start_nginx() { # name template
  local name=$1 conf="$BENCH_TMP/$1.conf"
  mkdir -p "$BENCH_TMP/logs" "$BENCH_TMP/tmp"
  bench_render "$BENCH_DIR/nginx/$2" "$conf" \
    PREFIX="$BENCH_TMP" PORT_A="$PORT_A" PORT_C="$PORT_C" REPLY="$REPLY"
  nginx -t -q -p "$BENCH_TMP" -c "$conf" || bench_die "nginx rejected $conf"
  bench_start "nginx-$name" "$BENCH_TMP/logs/$name.out" nginx -p "$BENCH_TMP" -c "$conf"
}

start_nginx upstream upstream.conf.template
PID_A=$BENCH_LAST_PID
start_nginx proxy proxy.conf.template
PID_C=$BENCH_LAST_PID

URL_A="http://127.0.0.1:$PORT_A/mcp"
URL_B="http://127.0.0.1:$PORT_B/mcp/bench"
URL_C="http://127.0.0.1:$PORT_C/mcp"
POST_ARGS=(-X POST -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream'
  -H 'MCP-Protocol-Version: 2025-06-18' --data '{"jsonrpc":"2.0","id":1,"method":"tools/call","params":{"name":"echo","arguments":{}}}')
[ -n "$AUTH" ] && POST_ARGS+=(-H "Authorization: Bearer $AUTH")

bench_wait_http "$URL_A" 10 "$PID_A" "${POST_ARGS[@]}" || bench_die "upstream nginx (a) did not come up; see $BENCH_TMP/logs"
bench_wait_http "$URL_C" 10 "$PID_C" "${POST_ARGS[@]}" || bench_die "proxy nginx (c) did not come up; see $BENCH_TMP/logs"

TARGETS=(a c)
GATEWAY_STATUS="skipped (--skip-gateway)"
if [ "$SKIP_GATEWAY" -eq 0 ]; then
  if bench_start_gateway "$URL_A" "$PORT_B" "$PORT_ADMIN" 64; then
    TARGETS=(a b c)
    GATEWAY_STATUS="measured"
  else
    GATEWAY_STATUS="FAILED TO START (see above)"
  fi
fi

declare -A URL=([a]=$URL_A [b]=$URL_B [c]=$URL_C)
declare -A NAME=([a]="direct" [b]="gatehouse" [c]="nginx proxy")

# Every target must return the upstream's reply unchanged before it is measured.
for t in "${TARGETS[@]}"; do
  body=$(curl -fsS --max-time 5 "${POST_ARGS[@]}" "${URL[$t]}") || bench_die "(${t}) ${URL[$t]} failed the sanity request"
  [ "$body" = "$REPLY" ] || bench_die "(${t}) ${URL[$t]} answered '$body', expected the upstream's reply"
done

declare -A RESULT
ERRORS=0

# run_wrk TARGET KIND SECONDS RATE: one wrk run; RATE 0 = unpaced. Stores the RESULT line.
run_wrk() {
  local t=$1 kind=$2 seconds=$3 rate=$4 out="$BENCH_TMP/wrk-$1-$2.txt" line
  BENCH_RATE_PER_THREAD=$(awk -v r="$rate" -v n="$THREADS" 'BEGIN { printf "%.3f", r / n }') \
    BENCH_AUTH="$AUTH" ${BENCH_CLIENT_CPUS:+taskset -c "$BENCH_CLIENT_CPUS"} wrk -t"$THREADS" -c"$CONNS" -d"${seconds}s" --timeout 5s \
    -s "$BENCH_DIR/wrk/tools-call.lua" "${URL[$t]}" >"$out" 2>&1 \
    || bench_die "wrk failed on (${t}); output: $(tail -n 5 "$out")"
  line=$(grep '^RESULT ' "$out") || bench_die "no RESULT line from wrk on (${t}); see $out"
  RESULT[$t.$kind]=$line
}

# field TARGET.KIND KEY
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<" ${RESULT[$1]}"; }

report_run() { # TARGET KIND ROUND
  local key=$1.$2.$3 errs
  errs=$(($(field "$key" connect_errors) + $(field "$key" read_errors) + $(field "$key" write_errors) + $(field "$key" timeouts) + $(field "$key" non2xx)))
  printf '  (%s) %-11s %-10s %9s req/s  p50 %6s us  p99 %6s us  errors %s%s\n' \
    "$1" "${NAME[$1]}" "$2" "$(field "$key" rps)" "$(field "$key" p50_us)" "$(field "$key" p99_us)" "$errs" \
    "$([ "$ROUNDS" -gt 1 ] && echo "  (round $3)")"
  if [ "$errs" -gt 0 ]; then
    ERRORS=$((ERRORS + errs))
  fi
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

# combine TARGET KIND: RESULT[TARGET.KIND] from the rounds: medians of rate and percentiles,
# sums of the error counts.
combine() {
  local t=$1 kind=$2 line=RESULT key r
  for key in rps p50_us p99_us; do
    line+=" $key=$(for r in $(seq "$ROUNDS"); do field "$t.$kind.$r" "$key"; done | median)"
  done
  for key in connect_errors read_errors write_errors timeouts non2xx; do
    line+=" $key=$(for r in $(seq "$ROUNDS"); do field "$t.$kind.$r" "$key"; done | awk '{ s += $1 } END { print s + 0 }')"
  done
  RESULT[$t.$kind]=$line
}

echo "== Gatehouse load benchmark ${LABEL:+($LABEL)}"
echo "   $(date -u +%FT%TZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)," \
  "wrk -t$THREADS -c$CONNS, ${DURATION}s per run, auth $AUTH_STATE, $FEATURE_NOTE, $PIN_NOTE, gateway: $GATEWAY_STATUS"

echo "-- saturation (unpaced, after ${WARMUP}s warm-up each; $ROUNDS round(s), medians below)"
for r in $(seq "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    warm=$WARMUP
    # The JVM needs longer to compile the hot path than nginx needs to do anything: on two busy
    # cores C2 took about 30 s to settle (throughput rose 2.7k -> 6.2k -> 11.2k req/s over three
    # successive 8 s runs), so the gateway gets a long warm-up of its own, once.
    [ "$r" -eq 1 ] && [ "$t" = b ] && [ "$warm" -lt "$GATEWAY_WARMUP" ] && warm=$GATEWAY_WARMUP
    run_wrk "$t" warmup "$warm" 0
    run_wrk "$t" "saturation.$r" "$DURATION" 0
    report_run "$t" saturation "$r"
  done
done
for t in "${TARGETS[@]}"; do
  combine "$t" saturation
done

if [ "$HALF_OF" = direct ]; then
  HALF_RATE=$(awk -v r="$(field a.saturation rps)" 'BEGIN { printf "%d", r / 2 }')
else
  HALF_RATE=$(for t in "${TARGETS[@]}"; do field "$t.saturation" rps; done \
    | sort -g | head -n 1 | awk '{ printf "%d", $1 / 2 }')
fi

# The server process group of each target: its CPU time during the paced run, divided by the
# requests it served, is the CPU each proxy spends per request. Unlike throughput on two shared
# cores, that figure hardly moves with whatever else runs on the machine.
declare -A GROUP=([a]=$PID_A [c]=$PID_C)
[ -n "${GATEWAY_PID:-}" ] && GROUP[b]=$GATEWAY_PID
declare -A CPU_US WAIT_US
CLK_TCK=$(getconf CLK_TCK)

# host_probe WHEN: the machine's own stalls, with every target idle (see bench_host_probe).
declare -A HOST
host_probe() {
  [ "$HOST_PROBE" != 0 ] || return 0
  echo "-- host, $1 the half-load runs (nothing under load; ${HOST_PROBE}s per part)"
  bench_host_probe "$HOST_PROBE"
  local key
  for key in stalls_1_hz stall_lost_pct wake_p99_us; do HOST[$1.$key]=$(bench_host_field "$key"); done
}
host_probe before

echo "-- half load: $HALF_RATE req/s (half the $HALF_OF saturation), paced; $ROUNDS round(s), medians below"
for r in $(seq "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    ticks0=$(bench_group_cpu_ticks "${GROUP[$t]}") wait0=$(bench_group_wait_ns "${GROUP[$t]}")
    run_wrk "$t" "half.$r" "$DURATION" "$HALF_RATE"
    ticks1=$(bench_group_cpu_ticks "${GROUP[$t]}") wait1=$(bench_group_wait_ns "${GROUP[$t]}")
    CPU_US[$t.$r]=$(awk -v d=$((ticks1 - ticks0)) -v hz="$CLK_TCK" -v rps="$(field "$t.half.$r" rps)" -v s="$DURATION" \
      'BEGIN { printf "%.1f", (rps > 0 ? d / hz * 1e6 / (rps * s) : 0) }')
    WAIT_US[$t.$r]=$(awk -v d=$((wait1 - wait0)) -v rps="$(field "$t.half.$r" rps)" -v s="$DURATION" \
      'BEGIN { printf "%.1f", (rps > 0 ? d / 1e3 / (rps * s) : 0) }')
    report_run "$t" half "$r"
  done
done
for t in "${TARGETS[@]}"; do
  combine "$t" half
  CPU_US[$t]=$(for r in $(seq "$ROUNDS"); do echo "${CPU_US[$t.$r]}"; done | median)
  WAIT_US[$t]=$(for r in $(seq "$ROUNDS"); do echo "${WAIT_US[$t.$r]}"; done | median)
done

host_probe after

# The table and the verdict (awk does the floating point).
summary_args=(-v host="$(for w in before after; do for k in stalls_1_hz stall_lost_pct wake_p99_us; do
  printf ' host_%s_%s=%s' "$k" "$w" "${HOST[$w.$k]:-na}"; done; done)")
summary_args+=(-v skip="$SKIP_GATEWAY" -v label="$LABEL" -v half="$HALF_RATE" -v errors="$ERRORS" -v have_b=0)
for t in "${TARGETS[@]}"; do
  [ "$t" = b ] && summary_args+=(-v have_b=1)
  summary_args+=(-v "${t}_cpu=${CPU_US[$t]}" -v "${t}_wait=${WAIT_US[$t]}")
  summary_args+=(-v "${t}_sat=$(field "$t.saturation" rps)" -v "${t}_rps=$(field "$t.half" rps)"
    -v "${t}_p50=$(field "$t.half" p50_us)" -v "${t}_p99=$(field "$t.half" p99_us)")
done
status=0
awk "${summary_args[@]}" '
function ms(us) { return sprintf("%.3f", us / 1000) }
function kept(rps) { return rps >= 0.97 * half }
function cell(have, rps) { return have ? sprintf("%.0f%s", rps, kept(rps) ? "" : "*") : "n/a" }
BEGIN {
  print ""
  printf "%-22s %14s %14s %14s\n", "", "(a) direct", "(b) gatehouse", "(c) nginx"
  printf "%-22s %14.0f %14s %14.0f\n", "saturation req/s", a_sat, have_b ? sprintf("%.0f", b_sat) : "n/a", c_sat
  printf "%-22s %14s %14s %14s\n", "half-load req/s", cell(1, a_rps), cell(have_b, b_rps), cell(1, c_rps)
  printf "%-22s %14s %14s %14s\n", "half-load p50 ms", ms(a_p50), have_b ? ms(b_p50) : "n/a", ms(c_p50)
  printf "%-22s %14s %14s %14s\n", "half-load p99 ms", ms(a_p99), have_b ? ms(b_p99) : "n/a", ms(c_p99)
  printf "%-22s %14s %14s %14s\n", "server CPU us/req", a_cpu, have_b ? b_cpu : "n/a", c_cpu
  printf "%-22s %14s %14s %14s\n", "server wait us/req", a_wait, have_b ? b_wait : "n/a", c_wait
  if (!kept(a_rps) || !kept(c_rps) || (have_b && !kept(b_rps)))
    print "* below 97% of the paced rate: that target (or the load generator) could not keep up"
  print "  (wait: time the server threads were ready to run but had no CPU, per request)"
  print ""
  printf "c/a throughput            %.3f  (the plain proxy against no proxy, for scale)\n", c_sat / a_sat
  printf "added by nginx over (a)   p50 %s ms, p99 %s ms at %d req/s\n", ms(c_p50 - a_p50), ms(c_p99 - a_p99), half
  verdict = "PASS"
  if (have_b) {
    ba = b_sat / a_sat; bc = b_sat / c_sat
    add50 = b_p50 - a_p50; add99 = b_p99 - a_p99
    r1 = bc >= 0.9 ? "PASS" : "FAIL"
    r2 = add99 <= 1000 ? "PASS" : "FAIL"
    printf "b/a throughput            %.3f\n", ba
    printf "b/c throughput            %.3f  target >= 0.9     %s\n", bc, r1
    printf "added by gatehouse (b-a)  p50 %s ms\n", ms(add50)
    printf "added by gatehouse (b-a)  p99 %s ms  target <= 1 ms  %s\n", ms(add99), r2
    if (r2 == "FAIL" && c_p99 - a_p99 > 1000)
      printf "  (the plain nginx proxy also added over 1 ms at p99 in this run: see the host lines above)\n"
    if (r1 == "FAIL" || r2 == "FAIL") verdict = "FAIL"
  } else {
    verdict = skip ? "N/A (--skip-gateway: (a) and (c) only)" : "INCOMPLETE (the gateway did not start)"
  }
  if (errors > 0) { verdict = "FAIL"; printf "%d failed requests (errors or non-2xx) in the measured runs\n", errors }
  printf "RESULT %s%s\n", verdict, label != "" ? " (" label ")" : ""
  printf "SUMMARY label=\"%s\" half_rate=%d a_sat=%.0f b_sat=%s c_sat=%.0f a_p50_us=%d a_p99_us=%d b_p50_us=%s b_p99_us=%s c_p50_us=%d c_p99_us=%d a_cpu_us=%s b_cpu_us=%s c_cpu_us=%s a_wait_us=%s b_wait_us=%s c_wait_us=%s%s\n",
    label, half, a_sat, have_b ? sprintf("%.0f", b_sat) : "na", c_sat, a_p50, a_p99,
    have_b ? b_p50 : "na", have_b ? b_p99 : "na", c_p50, c_p99, a_cpu, have_b ? b_cpu : "na", c_cpu,
    a_wait, have_b ? b_wait : "na", c_wait, host
  exit verdict == "PASS" || verdict ~ /^N\/A/ ? 0 : (verdict == "FAIL" ? 1 : 2)
}' || status=$?
if [ -n "$AUDIT_MODE" ] && [ -n "${GATEWAY_PID:-}" ]; then
  # The log of every exchange above must verify offline (stopping the gateway writes its final
  # checkpoint first).
  bench_stop "$GATEWAY_PID"
  if verify=$(cd "$REPO_ROOT" && ./gatehouse audit verify "$BENCH_TMP/audit" --public-key "$BENCH_TMP/audit.pub" 2>&1); then
    echo "audit log: $verify"
  else
    echo "audit log: VERIFY FAILED: $verify"
    status=1
  fi
fi
exit "$status"
