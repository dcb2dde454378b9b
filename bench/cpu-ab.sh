#!/usr/bin/env bash
# Two gateway builds side by side: both load at the same time under the same paced wrk load (one
# wrk each), so both see the same noise from the neighbours, and each one's own CPU time per
# request is compared. On shared cores a CPU difference of a few per cent is lost between
# throughput runs minutes apart (bench/README.md); measured at once it shows within ~2 %.
#
# usage: bench/cpu-ab.sh JAR_A JAR_B [--rate R] [--seconds S] [--pairs N]
#   JAR_A/B  gatehouse.jar builds (e.g. a copy of gateway-server/target/gatehouse.jar before a change)
#   --rate   requests/s offered to EACH gateway (default 4000), --seconds per pair (default 12),
#   --pairs  how many measured pairs (default 4), after a 20 s warm-up of both
# GATEHOUSE_JAVA_OPTS reaches both JVMs; GATEHOUSE_JAVA_OPTS_A / _B only one of them, so the same jar
# can be compared against itself under other JVM options (e.g. another garbage collector).
# Prints each pair's CPU µs/request of A and B and the ratio B/A, then the median ratio.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

[ $# -ge 2 ] || bench_die "usage: bench/cpu-ab.sh JAR_A JAR_B [--rate R] [--seconds S] [--pairs N]"
JAR_A=$(realpath "$1") JAR_B=$(realpath "$2")
shift 2
RATE=4000 SECS=12 PAIRS=4
while [ $# -gt 0 ]; do
  case $1 in
    --rate) RATE=${2:?}; shift ;;
    --seconds) SECS=${2:?}; shift ;;
    --pairs) PAIRS=${2:?}; shift ;;
    *) bench_die "unknown option $1" ;;
  esac
  shift
done
for jar in "$JAR_A" "$JAR_B"; do [ -f "$jar" ] || bench_die "no such jar: $jar"; done

bench_require nginx:nginx wrk:wrk curl:curl python3:python3
bench_raise_nofile 65536
bench_make_tmp
bench_warn_if_busy
bench_java_setup

mapfile -t PORTS < <(bench_free_ports 5)
PORT_UP=${PORTS[0]}
REPLY='{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hello from the bench"}],"isError":false}}'
mkdir -p "$BENCH_TMP/logs" "$BENCH_TMP/tmp"
bench_render "$BENCH_DIR/nginx/upstream.conf.template" "$BENCH_TMP/upstream.conf" \
  PREFIX="$BENCH_TMP" PORT_A="$PORT_UP" PORT_C=0 REPLY="$REPLY"
bench_start nginx-upstream "$BENCH_TMP/logs/upstream.out" nginx -p "$BENCH_TMP" -c "$BENCH_TMP/upstream.conf"

declare -A PID PORT
start_one() { # NAME JAR PORT_MCP PORT_ADMIN
  local config="$BENCH_TMP/$1.yaml" own_opts_var="GATEHOUSE_JAVA_OPTS_$1"
  bench_render "$BENCH_DIR/gatehouse.yaml.template" "$config" \
    PORT_B="$3" PORT_ADMIN="$4" UPSTREAM="http://127.0.0.1:$PORT_UP/mcp" POOL_MAX=64
  # shellcheck disable=SC2086 # the JVM options are split on purpose
  bench_jvm_flags ${!own_opts_var:-}
  # shellcheck disable=SC2086
  bench_start "gateway $1" "$BENCH_TMP/$1.log" java "${BENCH_JVM_FLAGS[@]}" ${GATEHOUSE_JAVA_OPTS:-} ${!own_opts_var:-} \
    -jar "$2" serve --config "$config"
  PID[$1]=$BENCH_LAST_PID PORT[$1]=$3
  bench_wait_http "http://127.0.0.1:$4/healthz" 120 "${PID[$1]}" \
    || bench_die "gateway $1 ($2) did not come up; see $BENCH_TMP/$1.log"
}
start_one A "$JAR_A" "${PORTS[1]}" "${PORTS[2]}"
start_one B "$JAR_B" "${PORTS[3]}" "${PORTS[4]}"

load_both() { # SECONDS: paced wrk on both at once; sets REQ[A], REQ[B]
  local name pids=()
  for name in A B; do
    BENCH_RATE_PER_THREAD=$RATE wrk -t1 -c32 -d"$1s" --timeout 5s -s "$BENCH_DIR/wrk/tools-call.lua" \
      "http://127.0.0.1:${PORT[$name]}/mcp/bench" >"$BENCH_TMP/wrk-$name.txt" 2>&1 &
    pids+=($!)
  done
  wait "${pids[@]}" # only the two wrk runs: the servers are this shell's children too
  for name in A B; do
    REQ[$name]=$(sed -n 's/^RESULT .*requests=\([0-9]*\).*/\1/p' "$BENCH_TMP/wrk-$name.txt")
    [ -n "${REQ[$name]}" ] || bench_die "no RESULT from wrk on $name: $(tail -n 3 "$BENCH_TMP/wrk-$name.txt")"
  done
}

declare -A REQ T0 T1
load_both 20 # warm-up (JIT) for both, not measured
CLK_TCK=$(getconf CLK_TCK)
echo "== CPU per request, A=$JAR_A ${GATEHOUSE_JAVA_OPTS_A:-} B=$JAR_B ${GATEHOUSE_JAVA_OPTS_B:-}, $RATE req/s on each at once, ${SECS}s per pair"
RATIOS=()
for p in $(seq "$PAIRS"); do
  for name in A B; do T0[$name]=$(bench_group_cpu_ticks "${PID[$name]}"); done
  load_both "$SECS"
  for name in A B; do T1[$name]=$(bench_group_cpu_ticks "${PID[$name]}"); done
  line=$(awk -v a=$((T1[A] - T0[A])) -v b=$((T1[B] - T0[B])) -v ra="${REQ[A]}" -v rb="${REQ[B]}" \
    -v hz="$CLK_TCK" -v l="$(cut -d' ' -f1 /proc/loadavg)" -v p="$p" \
    'BEGIN { ca = a * 1e6 / hz / ra; cb = b * 1e6 / hz / rb;
             printf "pair %d: A %.1f us/req  B %.1f us/req  B/A %.3f  (load %s)", p, ca, cb, cb / ca, l }')
  echo "$line"
  RATIOS+=("$(sed 's/.*B\/A \([0-9.]*\).*/\1/' <<<"$line")")
done
printf '%s\n' "${RATIOS[@]}" | sort -n | awk '{ r[NR] = $1 } END {
  m = NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2
  printf "median B/A %.3f over %d pairs (below 1: B spends less CPU per request)\n", m, NR }'
