package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.TestLogs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer's force times: what the disk costs, kept apart from what the writer adds. */
class ForceTimesTest {
  @TempDir Path tmp;

  @Test
  void slowForcesCountOnlyTheirTimeBeyondTwoMilliseconds() {
    ForceTimes times = new ForceTimes();
    times.add(300_000);
    times.add(2_000_000); // exactly the threshold: not slow
    times.add(5_000_000);
    times.add(12_500_000);
    ForceTimes.Snapshot s = times.snapshot();
    assertThat(s.forces()).isEqualTo(4);
    assertThat(s.totalNanos()).isEqualTo(19_800_000);
    assertThat(s.maxNanos()).isEqualTo(12_500_000);
    assertThat(s.slowForces()).isEqualTo(2);
    assertThat(s.slowExcessNanos()).isEqualTo(3_000_000 + 10_500_000);

    times.add(4_000_000);
    ForceTimes.Snapshot later = times.snapshot().since(s);
    assertThat(later.forces()).isEqualTo(1);
    assertThat(later.slowForces()).isEqualTo(1);
    assertThat(later.slowExcessNanos()).isEqualTo(2_000_000);
  }

  @Test
  void everyAcknowledgedDurableAppendWasCoveredByATimedForce() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    try (AuditLog log = AuditLog.open(TestLogs.options(tmp.resolve("log"), key))) {
      ForceTimes.Snapshot before = log.forceTimes();
      for (int i = 0; i < 5; i++) {
        TestLogs.append(log, "record " + i); // waits for its force
      }
      ForceTimes.Snapshot during = log.forceTimes().since(before);
      // One force per append here (each waits for the last), at least one in any case.
      assertThat(during.forces()).isBetween(1L, 5L + 2);
      assertThat(during.totalNanos()).isPositive();
      assertThat(log.forceTimes().maxNanos()).isPositive();
    }
  }
}
