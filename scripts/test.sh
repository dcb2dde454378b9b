#!/usr/bin/env bash
# THE test command (README, .ci/run): sets up what the suite needs, runs every module's tests with
# Netty's paranoid leak detection, fails on any LEAK: report, and ends with a summary line
#   tests: N passed, N failed, N skipped
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# shellcheck source=scripts/java-env.sh
source scripts/java-env.sh

# PostgreSQL for the tests of shared state (approvals, rate limits) once they exist: installs
# Debian's server packages when pg_ctl/initdb are not on the machine. Call it before mvn when a
# test needs it.
ensure_postgres() {
  local bindir
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  if command -v pg_ctl >/dev/null && command -v initdb >/dev/null; then
    return 0
  fi
  if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
    echo "test.sh: installing PostgreSQL (Debian packages)" >&2
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  fi
  export PATH="$bindir:$PATH"
}

# npm fixtures and Node 22 for the conformance and real-client tests.
if [ -f testing/setup.sh ]; then
  bash testing/setup.sh
fi

mkdir -p target
log=target/test-output.log
# Reports of an earlier run must not be counted if a module does not get to run this time.
rm -rf ./*/target/surefire-reports ./*/target/failsafe-reports

set +e
mvn -B verify 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

if grep -q 'LEAK:' "$log"; then
  echo "test.sh: Netty reported a buffer leak (LEAK: in $log):" >&2
  grep -n -m 5 'LEAK:' "$log" >&2
  [ "$status" -ne 0 ] || status=1
fi

total=0 failed=0 skipped=0
for report in ./*/target/surefire-reports/TEST-*.xml ./*/target/failsafe-reports/TEST-*.xml; do
  [ -f "$report" ] || continue
  suite=$(grep -m 1 -o '<testsuite [^>]*>' "$report" || true)
  attr() { echo "$suite" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  total=$((total + $(attr tests)))
  failed=$((failed + $(attr failures) + $(attr errors)))
  skipped=$((skipped + $(attr skipped)))
done
passed=$((total - failed - skipped))
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build failed outside a test (compilation, formatting, a leak): count it as one failure so
  # the summary never reads as green.
  failed=1
fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
exit "$status"
