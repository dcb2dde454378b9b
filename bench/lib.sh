# shellcheck shell=bash
# Shared by load.sh and sse-idle.sh (sourced, not run): tool installation, free ports, process
# start/stop and the gateway's start. Every process started through bench_start runs in its own
# process group, so that bench_stop_all ends launcher scripts and the JVMs they fork alike.

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(dirname "$BENCH_DIR")
BENCH_PIDS=()
BENCH_TMP=""
BENCH_KEEP_TMP=0 # set by --keep-tmp
# CPU lists for taskset (empty: the kernel schedules freely). See --pin in load.sh.
BENCH_SERVER_CPUS=""
# shellcheck disable=SC2034 # read by load.sh
BENCH_CLIENT_CPUS=""

bench_log() { printf '[bench] %s\n' "$*" >&2; }
bench_die() { printf '[bench] ERROR: %s\n' "$*" >&2; exit 1; }

# Installs the Debian packages behind any missing command. Arguments: "command:package" pairs.
bench_require() {
  local missing=() pair
  for pair in "$@"; do
    command -v "${pair%%:*}" >/dev/null 2>&1 || missing+=("${pair#*:}")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || bench_die "missing ${missing[*]}; install them (apt-get install -y ${missing[*]}) or run as root"
  bench_log "installing ${missing[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null \
    || bench_die "apt-get install ${missing[*]} failed"
}

# Raises the open-file limit for this shell and everything it starts.
bench_raise_nofile() {
  local want=$1 hard
  hard=$(ulimit -Hn)
  if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then
    ulimit -Hn "$want" 2>/dev/null || want=$hard
  fi
  ulimit -Sn "$want" 2>/dev/null || bench_log "could not raise ulimit -n to $want (now $(ulimit -Sn))"
}

bench_make_tmp() {
  BENCH_TMP=$(mktemp -d /tmp/gatehouse-bench.XXXXXX)
  # nginx workers drop root privileges and must still reach their prefix directory.
  chmod 755 "$BENCH_TMP"
  trap bench_cleanup EXIT
  set -E
  trap 'bench_log "failed (line $LINENO): $BASH_COMMAND"' ERR
  trap 'exit 130' INT
  trap 'exit 143' TERM
}

# N free loopback ports, one per line (the kernel picks them; they are free when printed).
bench_free_ports() {
  python3 - "$1" <<'PY'
import socket, sys
socks = []
for _ in range(int(sys.argv[1])):
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    socks.append(s)
for s in socks:
    print(s.getsockname()[1])
PY
}

# bench_start NAME LOGFILE CMD...: runs CMD in the background in a new process group; sets
# BENCH_LAST_PID (which is also the group id).
bench_start() {
  local name=$1 logfile=$2
  shift 2
  if [ -n "$BENCH_SERVER_CPUS" ]; then
    set -- taskset -c "$BENCH_SERVER_CPUS" "$@"
  fi
  setsid "$@" >"$logfile" 2>&1 </dev/null &
  BENCH_LAST_PID=$!
  BENCH_PIDS+=("$BENCH_LAST_PID")
  bench_log "started $name (pid $BENCH_LAST_PID, log $logfile)"
}

# Ends one process group started by bench_start: TERM, then KILL after 5 s.
bench_stop() {
  local pid=$1
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL -- "-$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

bench_cleanup() {
  local pid
  for pid in "${BENCH_PIDS[@]}"; do
    bench_stop "$pid"
  done
  BENCH_PIDS=()
  if [ -n "$BENCH_TMP" ] && [ "$BENCH_KEEP_TMP" -eq 0 ]; then
    rm -rf "$BENCH_TMP"
  elif [ -n "$BENCH_TMP" ]; then
    bench_log "kept $BENCH_TMP"
  fi
}

# bench_wait_http URL SECONDS PID [CURL ARGS...]: waits until URL answers 2xx; fails early if PID
# (the server's process) has exited.
bench_wait_http() {
  local url=$1 seconds=$2 pid=$3
  shift 3
  local deadline=$((SECONDS + seconds))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      return 2
    fi
    if curl -fsS -o /dev/null --max-time 2 "$@" "$url" 2>/dev/null; then
      return 0
    fi
    sleep 0.2
  done
  return 1
}

# bench_render TEMPLATE OUT KEY=VALUE...: replaces each @KEY@ in TEMPLATE.
bench_render() {
  local template=$1 out=$2 pair script=()
  shift 2
  for pair in "$@"; do
    script+=(-e "s|@${pair%%=*}@|${pair#*=}|g")
  done
  sed "${script[@]}" "$template" >"$out"
  if grep -q '@[A-Z_]*@' "$out"; then
    bench_die "unrendered placeholder in $out: $(grep -o '@[A-Z_]*@' "$out" | head -n 1)"
  fi
}

# bench_start_gateway UPSTREAM_URL PORT_MCP PORT_ADMIN POOL_MAX: starts ./gatehouse serve with a
# generated config and waits for /healthz. Sets GATEWAY_PID (process group) on success; on
# failure prints why and returns non-zero.
bench_start_gateway() {
  local upstream=$1 port_b=$2 port_admin=$3 pool_max=$4
  local launcher="$REPO_ROOT/gatehouse" config="$BENCH_TMP/gatehouse.yaml"
  local timeout=${BENCH_GATEWAY_START_TIMEOUT:-120}
  GATEWAY_PID=""
  if [ ! -x "$launcher" ]; then
    bench_log "gateway (b): $launcher does not exist yet (the gatehouse launcher of issue 2);"
    bench_log "gateway (b): nothing to measure through Gatehouse. Use --skip-gateway to run (a) and (c) only."
    return 1
  fi
  bench_render "$BENCH_DIR/gatehouse.yaml.template" "$config" \
    PORT_B="$port_b" PORT_ADMIN="$port_admin" UPSTREAM="$upstream" POOL_MAX="$pool_max"
  # Extra YAML (e.g. auth and access rules for an auth-on run) goes at the end of the file.
  if [ -n "${BENCH_GATEWAY_EXTRA_YAML:-}" ]; then
    cat "$BENCH_GATEWAY_EXTRA_YAML" >> "$config"
  fi
  # shellcheck disable=SC2016 # $1 and $2 are the inner shell's arguments
  bench_start gatehouse "$BENCH_TMP/gateway.log" \
    bash -c 'cd "$1" && exec ./gatehouse serve --config "$2"' \
    gatehouse "$REPO_ROOT" "$config"
  local pid=$BENCH_LAST_PID rc=0
  bench_wait_http "http://127.0.0.1:$port_admin/healthz" "$timeout" "$pid" || rc=$?
  if [ "$rc" -ne 0 ]; then
    if [ "$rc" -eq 2 ]; then
      bench_log "gateway (b): ./gatehouse serve exited before /healthz answered; its log:"
    else
      bench_log "gateway (b): /healthz on port $port_admin did not answer within ${timeout}s; its log:"
    fi
    tail -n 30 "$BENCH_TMP/gateway.log" | sed 's/^/[gateway] /' >&2
    bench_stop "$pid"
    return 1
  fi
  GATEWAY_PID=$pid
  bench_log "gateway (b) is up: MCP http://127.0.0.1:$port_b/mcp/bench, admin :$port_admin"
}

# The JVM inside the gateway's process group (the launcher may or may not exec java).
bench_gateway_jvm_pid() {
  local pid comm
  while read -r pid comm; do
    if [ "$comm" = java ]; then
      echo "$pid"
      return 0
    fi
  done < <(ps -o pid=,comm= -g "$GATEWAY_PID")
  echo "$GATEWAY_PID"
}

# Warns when other work already keeps the CPUs busy: every number would then be noisy.
bench_warn_if_busy() {
  local load
  load=$(cut -d' ' -f1 /proc/loadavg)
  if awk -v l="$load" 'BEGIN { exit !(l > 1.0) }'; then
    bench_log "warning: load average $load before the run; other work competes for the $(nproc) cores and the numbers will be noisy"
  fi
}

# bench_java_setup: a JDK >= 21 on PATH (scripts/java-env.sh) for gateways started with java -jar,
# and BENCH_JVM_FLAGS, the flags the ./gatehouse launcher adds (see bench_jvm_flags).
bench_java_setup() {
  # shellcheck source=scripts/java-env.sh
  source "$REPO_ROOT/scripts/java-env.sh"
  # shellcheck disable=SC2119 # no options of its own: the launcher's flags alone
  bench_jvm_flags
}

# bench_jvm_flags [OPTIONS...]: BENCH_JVM_FLAGS for a gateway that also gets OPTIONS (and
# GATEHOUSE_JAVA_OPTS): the launcher's own (gatehouse_jvm_flags: Netty's native access, and the
# collector unless the options name one), so that a variant naming a collector gets only that one.
# shellcheck disable=SC2120 # cpu-ab.sh and latency-ab.sh pass options
bench_jvm_flags() {
  gatehouse_jvm_flags "$@"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  BENCH_JVM_FLAGS=("${GATEHOUSE_JVM_FLAGS[@]}")
}

# bench_host_probe SECONDS: what the machine itself does to latency, with nothing under test
# running (HostProbe.java: CPU stalls seen by a spinning thread per CPU, and the wake-up round
# trip between two threads). Prints its two lines and sets BENCH_HOST to its HOST key=value line.
# Run from the source file (the JDK compiles it in memory), so no Maven build is needed.
bench_host_probe() {
  local out
  out=$(bench_java_setup && java \
    "$BENCH_DIR/src/main/java/dev/gatehouse/bench/host/HostProbe.java" "$1" 2>&1) || {
    bench_log "host probe failed: $out"
    BENCH_HOST=""
    return 0
  }
  grep '^host:' <<<"$out" | sed 's/^/   /'
  BENCH_HOST=$(grep '^HOST ' <<<"$out" | sed 's/^HOST //')
}

# bench_host_field KEY: one value from the last bench_host_probe (na when there is none).
bench_host_field() {
  local v
  v=$(sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"${BENCH_HOST:-}")
  echo "${v:-na}"
}

# Resident set size of a process in KiB (VmRSS from /proc/PID/status).
bench_rss_kib() {
  awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0
}

# Nanoseconds the threads of process group $1 spent ready to run but without a CPU (the second
# field of /proc/PID/task/TID/schedstat): on shared cores, the part of a server's latency that is
# queueing for the processor rather than its own work. 0 when the kernel keeps no schedstats.
bench_group_wait_ns() {
  local pid f wait total=0
  for pid in $(ps -o pid= -g "$1"); do
    for f in /proc/"$pid"/task/*/schedstat; do
      read -r _ wait _ 2>/dev/null <"$f" || continue
      total=$((total + wait))
    done
  done
  echo "$total"
}

# CPU time (user + system, in clock ticks) used so far by every process of a process group.
bench_group_cpu_ticks() {
  local pid total=0 t
  for pid in $(ps -o pid= -g "$1"); do
    # Fields 14 and 15 of /proc/PID/stat, counted after the ')' that ends the command name.
    t=$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{ print $12 + $13 }') || continue
    total=$((total + ${t:-0}))
  done
  echo "$total"
}
