#!/usr/bin/env bash
# Latency of gateway variants side by side with the direct call (a) and nginx proxy_pass (c), all
# at one paced rate, in interleaved rounds (a c v1 v2 ... a c v1 v2 ...), so that each variant's
# p99 is read against nginx's in the same minutes. On these shared cores a p99 moves by a
# millisecond between runs minutes apart (bench/README.md), far more than most changes under test.
#
# usage: bench/latency-ab.sh [--rate R] [--seconds S] [--rounds N] [--jar JAR] VARIANT...
#   VARIANT  NAME=JVM_OPTIONS, e.g. default= g1=-XX:+UseG1GC (empty options: the launcher's defaults);
#            every variant runs the same jar with one event loop, as in load.sh
#   --rate   requests/s offered to every target (default 12600, about half the gateway's
#            saturation here), --seconds per run (10), --rounds (5), --jar (gatehouse.jar)
# Prints each run's line, then per target the medians and every round's p99.
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RATE=12600 SECS=10 ROUNDS=5 JAR="$REPO_ROOT/gateway-server/target/gatehouse.jar"
VARIANTS=()
while [ $# -gt 0 ]; do
  case $1 in
    --rate) RATE=${2:?}; shift ;;
    --seconds) SECS=${2:?}; shift ;;
    --rounds) ROUNDS=${2:?}; shift ;;
    --jar) JAR=$(realpath "${2:?}"); shift ;;
    *=*) VARIANTS+=("$1") ;;
    *) bench_die "usage: bench/latency-ab.sh [--rate R] [--seconds S] [--rounds N] [--jar JAR] NAME=JVM_OPTIONS..." ;;
  esac
  shift
done
[ ${#VARIANTS[@]} -gt 0 ] || bench_die "name at least one variant, e.g. default= g1=-XX:+UseG1GC"
[ -f "$JAR" ] || bench_die "no such jar: $JAR (build it with ./gatehouse --version)"

bench_require nginx:nginx wrk:wrk curl:curl python3:python3
bench_raise_nofile 65536
bench_make_tmp
bench_warn_if_busy
bench_java_setup

mapfile -t PORTS < <(bench_free_ports $((2 + 2 * ${#VARIANTS[@]})))
PORT_A=${PORTS[0]} PORT_C=${PORTS[1]}
REPLY='{"jsonrpc":"2.0","id":1,"result":{"content":[{"type":"text","text":"hello from the bench"}],"isError":false}}'
mkdir -p "$BENCH_TMP/logs" "$BENCH_TMP/tmp"
declare -A NGINX_PID
for name in upstream proxy; do
  bench_render "$BENCH_DIR/nginx/$name.conf.template" "$BENCH_TMP/$name.conf" \
    PREFIX="$BENCH_TMP" PORT_A="$PORT_A" PORT_C="$PORT_C" REPLY="$REPLY"
  bench_start "nginx-$name" "$BENCH_TMP/logs/$name.out" nginx -p "$BENCH_TMP" -c "$BENCH_TMP/$name.conf"
  NGINX_PID[$name]=$BENCH_LAST_PID
done
declare -A URL=([a]="http://127.0.0.1:$PORT_A/mcp" [c]="http://127.0.0.1:$PORT_C/mcp")
bench_wait_http "${URL[a]}" 10 "${NGINX_PID[upstream]}" -X POST --data '{}' || bench_die "upstream nginx (a) did not come up"
bench_wait_http "${URL[c]}" 10 "${NGINX_PID[proxy]}" -X POST --data '{}' || bench_die "proxy nginx (c) did not come up"
TARGETS=(a c)
i=2
for variant in "${VARIANTS[@]}"; do
  name=${variant%%=*} opts=${variant#*=}
  [[ $name =~ ^[a-z0-9_-]+$ && $name != a && $name != c ]] || bench_die "bad variant name '$name'"
  port=${PORTS[$i]} admin=${PORTS[$((i + 1))]}
  i=$((i + 2))
  bench_render "$BENCH_DIR/gatehouse.yaml.template" "$BENCH_TMP/$name.yaml" \
    PORT_B="$port" PORT_ADMIN="$admin" UPSTREAM="${URL[a]}" POOL_MAX=64
  # shellcheck disable=SC2086 # the variant's options are split on purpose
  bench_jvm_flags $opts
  # shellcheck disable=SC2086
  bench_start "gateway $name" "$BENCH_TMP/$name.log" java "${BENCH_JVM_FLAGS[@]}" -Dgatehouse.eventLoops=1 \
    ${GATEHOUSE_JAVA_OPTS:-} $opts -jar "$JAR" serve --config "$BENCH_TMP/$name.yaml"
  bench_wait_http "http://127.0.0.1:$admin/healthz" 120 "$BENCH_LAST_PID" \
    || bench_die "gateway $name did not come up; see $BENCH_TMP/$name.log"
  URL[$name]="http://127.0.0.1:$port/mcp/bench"
  TARGETS+=("$name")
done

run() { # TARGET SECONDS RATE (0: unpaced): prints wrk's RESULT line
  BENCH_RATE_PER_THREAD=$3 wrk -t1 -c32 -d"$2s" --timeout 5s -s "$BENCH_DIR/wrk/tools-call.lua" \
    "${URL[$1]}" 2>&1 | grep '^RESULT ' || bench_die "no RESULT from wrk on $1"
}
# Each gateway's JIT needs about 30 s of load to settle (see load.sh); nginx needs nothing.
for t in "${TARGETS[@]:2}"; do run "$t" 30 0 >/dev/null; done

echo "== latency A/B: $RATE req/s, ${SECS}s per run, $ROUNDS rounds, $(date -u +%FT%TZ), load average $(cut -d' ' -f1 /proc/loadavg)"
for variant in "${VARIANTS[@]}"; do echo "   ${variant%%=*}: ${variant#*=}"; done
ROWS="$BENCH_TMP/rows"
for r in $(seq "$ROUNDS"); do
  for t in "${TARGETS[@]}"; do
    line=$(run "$t" "$SECS" "$RATE")
    row="round=$r target=$t $(grep -oE '(rps|p50_us|p99_us|p999_us|non2xx|timeouts)=[0-9.]+' <<<"$line" | tr '\n' ' ')"
    echo "  $row" | tee -a "$ROWS"
  done
done
echo "-- medians over $ROUNDS rounds"
python3 - "$ROWS" <<'PY'
import collections, statistics, sys
runs = collections.defaultdict(lambda: collections.defaultdict(list))
order = []
for line in open(sys.argv[1]):
    kv = dict(f.split("=", 1) for f in line.split())
    t = kv.pop("target"); kv.pop("round")
    if t not in order:
        order.append(t)
    for k, v in kv.items():
        runs[t][k].append(float(v))
a99 = statistics.median(runs["a"]["p99_us"])
for t in order:
    m = {k: statistics.median(v) for k, v in runs[t].items()}
    print(f"  {t:10} {m['rps']:8.0f} req/s  p50 {m['p50_us'] / 1e3:.3f}  p99 {m['p99_us'] / 1e3:.3f}"
          f"  p99.9 {m['p999_us'] / 1e3:.3f} ms  added p99 over (a) {(m['p99_us'] - a99) / 1e3:+.3f} ms"
          f"  (p99 per round: {', '.join(f'{x / 1e3:.2f}' for x in runs[t]['p99_us'])})")
PY
