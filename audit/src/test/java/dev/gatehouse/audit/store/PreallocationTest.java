package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Preallocated segments: the live segment ends in NULs, which readers and the verifier treat as the
 * end of the data; sealing and start-up recovery cut them off; a torn write inside the preallocated
 * space is cut off and reported like any torn tail.
 */
class PreallocationTest {
  @TempDir Path tmp;

  private static List<String> texts(Path dir) throws Exception {
    List<String> out = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> out.add(LogReader.parse(line).path("text").asText()));
    return out;
  }

  private static Path lastSegment(Path dir) throws Exception {
    List<SegmentFiles.Segment> all = SegmentFiles.list(dir);
    return all.get(all.size() - 1).path();
  }

  private static boolean endsInNul(Path file) throws Exception {
    byte[] data = Files.readAllBytes(file);
    return data.length > 0 && data[data.length - 1] == 0;
  }

  /**
   * Appends until the writer is writing into a preallocated segment (one is prepared in the
   * background once a segment is a quarter full and taken at the next roll-over). Returns the texts
   * appended, all acknowledged.
   */
  private static List<String> fillUntilPreallocated(AuditLog log, Path dir) throws Exception {
    List<String> appended = new ArrayList<>();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!endsInNul(lastSegment(dir))) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no preallocated segment after " + appended.size() + " records");
      }
      String text = "record-" + appended.size() + "-" + "p".repeat(200);
      TestLogs.append(log, text);
      appended.add(text);
    }
    // A log verifies once a checkpoint covers its records (one follows within the interval).
    while (checkpointed(dir) < appended.size()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no checkpoint covers " + appended.size() + " records");
      }
      Thread.sleep(5); // polling interval, not a timing assumption
    }
    return appended;
  }

  private static long checkpointed(Path dir) throws Exception {
    LogScan.StoredCheckpoint cp =
        LogScan.scan(dir, null, note -> note.text(), false).latestCheckpoint();
    return cp == null ? 0 : cp.checkpoint().size();
  }

  private static dev.gatehouse.audit.AuditOptions options(Path dir, Path key) {
    return TestLogs.options(dir, key)
        .withSegmentMaxBytes(4096)
        .withCheckpointInterval(java.time.Duration.ofMillis(20));
  }

  /** What a crash would leave: the directory's files as they are now, in another directory. */
  private static Path snapshot(Path dir, Path to) throws Exception {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        if (p.getFileName().toString().endsWith(".log")) {
          Path copy = to.resolve(p.getFileName());
          Files.copy(p, copy);
          Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rw-r-----"));
        }
      }
    }
    return to;
  }

  @Test
  void withPreallocationOffSegmentsGrowAsWrittenAndNoZerosAreWritten() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    System.setProperty(ActiveSegment.PREALLOCATE_PROPERTY, "false");
    try (AuditLog log = AuditLog.open(options(dir, key))) {
      for (int i = 0; i < 200; i++) { // 200 records of 200+ bytes: several 4 KiB segments
        TestLogs.append(log, "record-" + i + "-" + "p".repeat(200));
        assertThat(Files.exists(dir.resolve(Preallocator.NAME))).isFalse();
        assertThat(endsInNul(lastSegment(dir))).isFalse();
      }
      assertThat(SegmentFiles.list(dir).size()).isGreaterThan(3);
    } finally {
      System.clearProperty(ActiveSegment.PREALLOCATE_PROPERTY);
    }
    assertThat(texts(dir)).hasSize(200);
  }

  @Test
  void liveSegmentEndsInNulsThatReadersSkipAndSealingCuts() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    List<String> appended;
    try (AuditLog log = AuditLog.open(options(dir, key))) {
      appended = fillUntilPreallocated(log, dir);
      // While live: the NULs are not records, and the log verifies.
      assertThat(texts(dir)).containsExactlyElementsOf(appended);
      LogVerifier.Result live = LogVerifier.verify(dir, TestLogs.verifier(key));
      assertThat(live.ok()).as(live.summary()).isTrue();
      assertThat(live.scan().tornTail).isNull();
    }
    for (SegmentFiles.Segment s : SegmentFiles.list(dir)) {
      assertThat(endsInNul(s.path())).as(s.path().getFileName() + " cut on sealing").isFalse();
    }
    assertThat(dir.resolve(Preallocator.NAME)).doesNotExist();
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(texts(dir)).containsExactlyElementsOf(appended);
  }

  @Test
  void aCrashedRunsPreallocatedTailIsCutWithoutARepairReport() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    Path crashed;
    List<String> appended;
    try (AuditLog log = AuditLog.open(options(dir, key))) {
      appended = fillUntilPreallocated(log, dir);
      crashed = snapshot(dir, tmp.resolve("crashed"));
    }
    Path last = lastSegment(crashed);
    assertThat(endsInNul(last)).isTrue();
    LogVerifier.Result before = LogVerifier.verify(crashed, TestLogs.verifier(key));
    assertThat(before.ok()).as(before.summary()).isTrue();

    try (AuditLog log = AuditLog.open(TestLogs.options(crashed, key))) {
      assertThat(log.startup().problems()).isEmpty();
      assertThat(log.startup().reports()).isEmpty(); // NULs are unused space, not a repair
      TestLogs.append(log, "after restart");
    }
    assertThat(endsInNul(last)).isFalse();
    LogVerifier.Result after = LogVerifier.verify(crashed, TestLogs.verifier(key));
    assertThat(after.ok()).as(after.summary()).isTrue();
    List<String> expected = new ArrayList<>(appended);
    expected.add("after restart");
    assertThat(texts(crashed)).containsExactlyElementsOf(expected);
  }

  @Test
  void aTornWriteInsidePreallocatedSpaceIsCutAndReported() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    Path crashed;
    List<String> appended;
    try (AuditLog log = AuditLog.open(options(dir, key))) {
      appended = fillUntilPreallocated(log, dir);
      crashed = snapshot(dir, tmp.resolve("crashed"));
    }
    Path last = lastSegment(crashed);
    long end = Lines.dataEnd(Files.readAllBytes(last));
    // A crash mid-batch: the first part of a record reached the disk, a page further on did too,
    // the page in between is still zeros.
    try (FileChannel ch = FileChannel.open(last, StandardOpenOption.WRITE)) {
      ch.write(ByteBuffer.wrap("{\"seq\":999,\"te".getBytes(StandardCharsets.UTF_8)), end);
      ch.write(ByteBuffer.wrap("xt\":\"lost\"}\n".getBytes(StandardCharsets.UTF_8)), end + 700);
    }
    assertThat(endsInNul(last)).isTrue();
    LogVerifier.Result before = LogVerifier.verify(crashed, TestLogs.verifier(key));
    assertThat(before.ok()).as(before.summary()).isTrue();
    assertThat(before.scan().tornTail).isNotNull();
    assertThat(before.scan().tornTail.offset()).isEqualTo(end);

    try (AuditLog log = AuditLog.open(TestLogs.options(crashed, key))) {
      assertThat(log.startup().problems()).isEmpty();
      assertThat(log.startup().reports()).singleElement().asString().contains("torn tail");
      TestLogs.append(log, "after restart");
    }
    assertThat(Files.size(last)).isEqualTo(end);
    LogVerifier.Result after = LogVerifier.verify(crashed, TestLogs.verifier(key));
    assertThat(after.ok()).as(after.summary()).isTrue();
    List<JsonNode> recs = new ArrayList<>();
    LogReader.forEach(crashed, (i, line) -> recs.add(LogReader.parse(line)));
    assertThat(recs)
        .extracting(n -> n.path("text").asText())
        .containsSubsequence(appended)
        .contains("after restart")
        .doesNotContain("lost");
    assertThat(recs.get(appended.size()).path("type").asText()).isEqualTo("recovery");
  }

  @Test
  void nulsInASealedSegmentAreDamage() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    Path first = dir.resolve(SegmentFiles.name(1));
    Files.setPosixFilePermissions(first, PosixFilePermissions.fromString("rw-r-----"));
    Files.write(first, new byte[4096], StandardOpenOption.APPEND);
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isFalse();
    assertThat(r.summary()).contains("segment-000001.log");
  }
}
