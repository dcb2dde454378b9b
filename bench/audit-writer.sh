#!/usr/bin/env bash
# Audit writer benchmark: N threads append 1 KiB records durably (fsync group commit) for ~10 s.
# Usage: bench/audit-writer.sh [threads=64] [seconds=10] [dir=<temp dir>] [mode=durable|async] [rate]
# With a rate (records/s) the load is open-loop: appends on a fixed schedule, latency from it;
# an issuing thread wakes once per tick (6th argument, microseconds, default 200) and issues
# every record due by then, as an event loop would, instead of one wake-up per record.
# The directory decides the disk being measured: pass one on the disk the gateway will use.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -q -pl bench -am package -DskipTests >/dev/null
exec java -cp bench/target/benchmarks.jar dev.gatehouse.bench.audit.AuditWriterBench "$@"
