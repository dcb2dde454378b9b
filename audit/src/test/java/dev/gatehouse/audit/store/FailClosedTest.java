package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditUnavailableException;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write or fsync failure refuses every append clearly, corrupts nothing, and heals. */
class FailClosedTest {
  @TempDir Path tmp;

  private static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5); // polling interval, not a timing assumption
    }
  }

  private static List<JsonNode> records(Path dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> out.add(LogReader.parse(line)));
    return out;
  }

  @Test
  void diskFullFailsClosedAndRecoversInANewSegment() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    FailingOpener opener = new FailingOpener();
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withFileOpener(opener))) {
      TestLogs.append(log, "before-1");
      TestLogs.append(log, "before-2");

      opener.full.set(true);
      assertThatThrownBy(() -> TestLogs.append(log, "lost"))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(AuditUnavailableException.class)
          .hasMessage("audit log not writable: No space left on device");
      assertThat(log.isHealthy()).isFalse();
      assertThat(log.healthDetail()).contains("No space left on device");
      // Later appends fail at once, without touching the disk.
      assertThat(log.append(TestLogs.record("refused")).toCompletableFuture())
          .isCompletedExceptionally();
      // While the disk stays full, recovery keeps failing and the log stays closed.
      assertThat(log.isHealthy()).isFalse();

      opener.full.set(false);
      await(log::isHealthy, "the log is writable again");
      TestLogs.append(log, "after");
    }
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
    List<String> texts = new ArrayList<>();
    List<String> types = new ArrayList<>();
    for (JsonNode n : records(dir)) {
      texts.add(n.path("text").asText());
      types.add(n.path("type").asText());
    }
    assertThat(texts).contains("before-1", "before-2", "after").doesNotContain("lost", "refused");
    assertThat(types).contains("recovery");
    assertThat(SegmentFiles.list(dir)).hasSize(2);
  }

  @Test
  void unwritableDirectoryFailsClosedAndRecovers() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    // Tiny segments, so the next batch needs a new file in the directory.
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withSegmentMaxBytes(10))) {
      TestLogs.append(log, "before");
      Unwritable lock = Unwritable.lock(dir);
      try {
        assertThatThrownBy(() -> TestLogs.append(log, "lost"))
            .cause()
            .isInstanceOf(AuditUnavailableException.class)
            .hasMessageStartingWith("audit log not writable: ")
            .hasMessageContaining("segment-000002.log");
        assertThat(log.isHealthy()).isFalse();
      } finally {
        lock.release();
      }
      await(log::isHealthy, "the directory is writable again");
      TestLogs.append(log, "after");
    }
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
  }

  /** Makes a directory unwritable: chmod for normal users, the immutable flag for root. */
  record Unwritable(Path dir, boolean chattr) {
    static Unwritable lock(Path dir) throws Exception {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
      if (!Files.isWritable(dir)) {
        return new Unwritable(dir, false);
      }
      // root ignores permissions; the immutable attribute binds root too.
      Process p = new ProcessBuilder("chattr", "+i", dir.toString()).inheritIO().start();
      assertThat(p.waitFor()).as("chattr +i (needed to lock a directory as root)").isZero();
      return new Unwritable(dir, true);
    }

    void release() throws Exception {
      if (chattr) {
        assertThat(new ProcessBuilder("chattr", "-i", dir.toString()).start().waitFor()).isZero();
      }
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-x---"));
    }
  }
}
