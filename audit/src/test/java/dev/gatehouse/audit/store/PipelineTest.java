package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditUnavailableException;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Many appenders against the pipelined writer (with one sync thread, the default, and with four
 * forces in flight; segments rolling over under load): every acknowledged record is in the log
 * exactly once, in seq order, and the log verifies, also when the disk fills up in the middle and
 * comes back.
 */
class PipelineTest {
  @TempDir Path tmp;

  /** The writer reads the property when it opens; tests in this JVM run one at a time. */
  private static void syncThreads(int n) {
    System.setProperty(LogWriter.SYNC_THREADS_PROPERTY, Integer.toString(n));
  }

  @AfterEach
  void defaultSyncThreads() {
    System.clearProperty(LogWriter.SYNC_THREADS_PROPERTY);
  }

  private static List<String> texts(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> out.add(LogReader.parse(line).path("text").asText()));
    return out;
  }

  /**
   * Appends from {@code threads} threads, {@code each} records apiece; returns the acknowledged.
   */
  private static Set<String> appendConcurrently(
      AuditLog log, int threads, int each, Runnable midway) throws Exception {
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      final int id = t;
      workers.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < each; i++) {
                  if (id == 0 && i == each / 2) {
                    midway.run();
                  }
                  String text = "t" + id + "-" + i;
                  try {
                    log.append(TestLogs.record(text))
                        .toCompletableFuture()
                        .get(20, TimeUnit.SECONDS);
                    acknowledged.add(text);
                  } catch (ExecutionException e) {
                    assertThat(e.getCause()).isInstanceOf(AuditUnavailableException.class);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                }
              },
              r -> Thread.ofPlatform().start(r)));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    return acknowledged;
  }

  @ParameterizedTest(name = "{0} sync threads")
  @ValueSource(ints = {1, 4})
  void concurrentAppendsAcrossRollOversAreAllDurableOnceAndInOrder(int threads) throws Exception {
    syncThreads(threads);
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    Set<String> acknowledged;
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withSegmentMaxBytes(16 * 1024))) {
      acknowledged = appendConcurrently(log, 16, 200, () -> {});
    }
    assertThat(acknowledged).hasSize(16 * 200);
    List<String> stored = texts(dir);
    assertThat(new HashSet<>(stored)).containsAll(acknowledged);
    assertThat(stored).doesNotHaveDuplicates();
    assertThat(SegmentFiles.list(dir).size()).isGreaterThan(10);
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
  }

  @ParameterizedTest(name = "{0} sync threads")
  @ValueSource(ints = {1, 4})
  void aDiskThatFillsUpUnderLoadLosesNoAcknowledgedRecord(int threads) throws Exception {
    syncThreads(threads);
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    FailingOpener opener = new FailingOpener();
    Set<String> acknowledged;
    try (AuditLog log =
        AuditLog.open(
            TestLogs.options(dir, key).withSegmentMaxBytes(16 * 1024).withFileOpener(opener))) {
      acknowledged =
          appendConcurrently(
              log,
              8,
              200,
              () -> {
                opener.full.set(true);
                // Full until the writer has failed on it (this append at the latest); then space
                // returns and the writer recovers.
                try {
                  log.append(TestLogs.record("while full"))
                      .toCompletableFuture()
                      .get(20, TimeUnit.SECONDS);
                  throw new AssertionError("an append succeeded on a full disk");
                } catch (ExecutionException e) {
                  assertThat(e.getCause()).isInstanceOf(AuditUnavailableException.class);
                } catch (Exception e) {
                  throw new AssertionError(e);
                } finally {
                  opener.full.set(false);
                }
              });
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (!log.isHealthy()) {
        assertThat(System.nanoTime()).as("recovered in time").isLessThan(deadline);
        Thread.onSpinWait();
      }
      TestLogs.append(log, "after");
    }
    assertThat(acknowledged).isNotEmpty().hasSizeLessThan(8 * 200);
    List<String> stored = texts(dir);
    assertThat(new HashSet<>(stored))
        .containsAll(acknowledged)
        .contains("after")
        .doesNotContain("while full");
    assertThat(stored.stream().filter(s -> !s.isEmpty())).doesNotHaveDuplicates();
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
  }
}
