#!/usr/bin/env bash
# Builds bench/target/benchmarks.jar and runs the masking benchmarks with modest iterations
# (the development machines have two shared cores: read the error columns). Extra arguments go
# to JMH, e.g. `bench/masking.sh -p size=65536` or `bench/masking.sh 'MaskingBenchmark.typical'`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -q -pl bench -am package -DskipTests
filter="MaskingBenchmark"
if [ $# -gt 0 ] && [[ "$1" != -* ]]; then
  filter="$1"
  shift
fi
exec java -jar bench/target/benchmarks.jar "$filter" -f 1 -wi 2 -w 2s -i 3 -r 3s -t 1 "$@"
