package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.verify.LogVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records never wait for a checkpoint: while {@code checkpoints.log} is being forced (a journal
 * commit, several milliseconds on a real disk, here held open by the test), appends keep being
 * written, forced and acknowledged. Before, the writer thread forced checkpoints itself, and every
 * record arriving meanwhile waited.
 */
class CheckpointForceTest {
  @TempDir Path tmp;

  /** Holds every force of checkpoints.log until {@link #release} opens. */
  private static final class HeldCheckpointForces implements FileOpener {
    final CountDownLatch entered = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);

    @Override
    public AppendFile openAppend(Path path, boolean createNew) throws IOException {
      AppendFile real = FileOpener.DEFAULT.openAppend(path, createNew);
      if (!path.getFileName().toString().equals(SegmentFiles.CHECKPOINTS)) {
        return real;
      }
      return new ForwardingAppendFile(real) {
        @Override
        public void force() throws IOException {
          entered.countDown();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
          }
          real.force();
        }
      };
    }

    @Override
    public void syncDirectory(Path dir) throws IOException {
      FileOpener.DEFAULT.syncDirectory(dir);
    }
  }

  @Test
  void appendsAreAcknowledgedWhileACheckpointIsBeingForced() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    HeldCheckpointForces opener = new HeldCheckpointForces();
    try (AuditLog log =
        AuditLog.open(
            TestLogs.options(dir, key)
                .withFileOpener(opener)
                .withCheckpointInterval(Duration.ofMillis(20)))) {
      TestLogs.append(log, "first");
      assertThat(opener.entered.await(20, TimeUnit.SECONDS))
          .as("a checkpoint force started")
          .isTrue();
      List<CompletableFuture<Long>> later = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        later.add(log.append(TestLogs.record("during-" + i)).toCompletableFuture());
      }
      // Durable mode: each completes only once its segment was forced. The checkpoint force is
      // still held, so none of these can have waited for it.
      CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
      assertThat(opener.release.getCount()).isEqualTo(1);
      opener.release.countDown();
      TestLogs.append(log, "last");
    }
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
  }
}
