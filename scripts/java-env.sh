#!/usr/bin/env bash
# Sourced by every project script: finds a JDK >= 21 (JAVA_HOME first, then /usr/lib/jvm/*)
# and exports JAVA_HOME and PATH so Maven and the gatehouse launcher use it.
gatehouse_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
gatehouse_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(gatehouse_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      echo "$major $candidate"
      return 0
    fi
  done
  return 1
}
if ! GATEHOUSE_JDK=$(gatehouse_find_jdk); then
  echo "gatehouse: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm/*)." >&2
  echo "gatehouse: install one (e.g. apt-get install openjdk-21-jdk) or set JAVA_HOME." >&2
  return 1 2>/dev/null || exit 1
fi
# "MAJOR PATH": the version was read once while looking; gatehouse_jvm_flags needs it again.
GATEHOUSE_JAVA_MAJOR=${GATEHOUSE_JDK%% *}
GATEHOUSE_JDK=${GATEHOUSE_JDK#* }
export JAVA_HOME="$GATEHOUSE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"

# gatehouse_jvm_flags [OPTIONS...]: sets GATEHOUSE_JVM_FLAGS, the JVM options the launcher adds
# before GATEHOUSE_JAVA_OPTS; OPTIONS are further options the JVM will get (the bench scripts'
# per-gateway ones), read like GATEHOUSE_JAVA_OPTS for a collector.
# - From JDK 24 on the JVM warns about Netty's use of sun.misc.Unsafe and native access unless
#   they are allowed explicitly (the flags do not exist on older JDKs).
# - On a machine with two CPUs or fewer, the serial collector unless GATEHOUSE_JAVA_OPTS names
#   one. The gateway keeps ~10 MB live, so a young collection copies little: the serial one
#   paused 0.6 ms against G1's 1.5 ms, at the same CPU per request, and G1's parallel workers
#   compete with the event loops for the same two cores. Its p99 was lower in 28 of 40
#   interleaved rounds (bench/README.md, sixth and seventh sessions). With more cores G1 stays,
#   as the JVM chooses it.
gatehouse_jvm_flags() {
  GATEHOUSE_JVM_FLAGS=()
  if [ "$GATEHOUSE_JAVA_MAJOR" -ge 24 ]; then
    GATEHOUSE_JVM_FLAGS+=(--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED)
  fi
  local opt
  # shellcheck disable=SC2086,SC2068 # options are words, as the JVM will get them
  for opt in ${GATEHOUSE_JAVA_OPTS:-} $@; do
    [[ $opt =~ ^-XX:\+Use[A-Za-z0-9]*GC$ ]] && return 0
  done
  if [ "$(nproc 2>/dev/null || echo 1)" -le 2 ]; then
    GATEHOUSE_JVM_FLAGS+=(-XX:+UseSerialGC)
  fi
}
