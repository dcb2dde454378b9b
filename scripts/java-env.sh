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
      echo "$candidate"
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
export JAVA_HOME="$GATEHOUSE_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
