#!/usr/bin/env bash
# Crash-safety probe of the audit writer alone: append from 8 threads, SIGKILL at a random moment,
# restart (recovery runs), repeat; then verify the log and that every acknowledged record is in it.
# Usage: bench/audit-crash.sh [kills=10]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/java-env.sh
mvn -q -pl bench -am package -DskipTests >/dev/null
JAR=bench/target/benchmarks.jar
KILLS=${1:-10}
WORK=$(mktemp -d)
# keygen through the library (the CLI lives in gateway-server)
cat > "$WORK/Keygen.java" <<'JAVA'
public class Keygen { public static void main(String[] a) throws Exception {
  dev.gatehouse.audit.note.NoteKeyFiles.generate("crash.gatehouse/audit", java.nio.file.Path.of(a[0]), java.nio.file.Path.of(a[1])); } }
JAVA
java -cp "$JAR" "$WORK/Keygen.java" "$WORK/k.key" "$WORK/k.pub"
ACKS=()
for i in $(seq 1 "$KILLS"); do
  java -cp "$JAR" dev.gatehouse.bench.audit.AuditCrashProbe append "$WORK/log" "$WORK/k.key" "run$i" \
    >"$WORK/acks-$i.txt" 2>"$WORK/err-$i.txt" &
  PID=$!
  sleep "$(awk -v r=$RANDOM 'BEGIN{printf "%.2f", 1.5 + (r % 2000) / 1000}')"
  kill -9 "$PID"; wait "$PID" 2>/dev/null || true
  ACKS+=("$WORK/acks-$i.txt")
  echo "kill $i: $(grep -c '^ack' "$WORK/acks-$i.txt") acknowledged"
done
java -cp "$JAR" dev.gatehouse.bench.audit.AuditCrashProbe append "$WORK/log" "$WORK/k.key" final >/dev/null 2>&1 &
PID=$!; sleep 2; kill -9 "$PID"; wait "$PID" 2>/dev/null || true
java -cp "$JAR" dev.gatehouse.bench.audit.AuditCrashProbe check "$WORK/log" "$WORK/k.pub" "${ACKS[@]}"
rm -rf "$WORK"
