package dev.gatehouse.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.store.SegmentFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verifier catches every way of altering a small log: each single flipped bit of every segment
 * and of checkpoints.log, and deleted, inserted, duplicated, reordered and cut-off records, a
 * checkpoint by another key, and a fork.
 */
class TamperTest {
  @TempDir Path tmp;
  Path dir;
  Path key;
  NoteVerifier verifier;

  @BeforeEach
  void smallLog() throws Exception {
    key = TestLogs.keys(tmp, "k");
    dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    verifier = TestLogs.verifier(key);
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
      }
    }
    LogVerifier.Result intact = LogVerifier.verify(dir, verifier);
    assertThat(intact.ok()).as(intact.summary()).isTrue();
    assertThat(SegmentFiles.list(dir)).hasSize(2);
    assertThat(intact.scan().checkpoints.size()).isGreaterThanOrEqualTo(2);
  }

  private List<Path> files() throws Exception {
    List<Path> out = new ArrayList<>();
    SegmentFiles.list(dir).forEach(s -> out.add(s.path()));
    out.add(dir.resolve(SegmentFiles.CHECKPOINTS));
    return out;
  }

  @Test
  void everySingleBitFlipAnywhereIsDetected() throws Exception {
    int flips = 0;
    List<String> missed = new ArrayList<>();
    for (Path file : files()) {
      byte[] original = Files.readAllBytes(file);
      for (int bit = 0; bit < original.length * 8; bit++) {
        byte[] copy = original.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        Files.write(file, copy);
        LogVerifier.Result r = LogVerifier.verify(dir, verifier);
        if (r.ok()) {
          missed.add(file.getFileName() + " bit " + bit);
        }
        flips++;
      }
      Files.write(file, original);
    }
    assertThat(flips).isGreaterThan(5000);
    assertThat(missed).isEmpty();
    assertThat(LogVerifier.verify(dir, verifier).ok()).isTrue();
  }

  private List<String> lines(Path segment) throws Exception {
    return new ArrayList<>(Files.readAllLines(segment, StandardCharsets.UTF_8));
  }

  private void write(Path segment, List<String> lines) throws Exception {
    Files.writeString(segment, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private LogVerifier.Result expectFailure() throws Exception {
    LogVerifier.Result r = LogVerifier.verify(dir, verifier);
    assertThat(r.ok()).as(r.summary()).isFalse();
    assertThat(r.summary()).startsWith("FAILED: ");
    return r;
  }

  @Test
  void deletedRecord() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(1));
    List<String> l = lines(seg);
    l.remove(0);
    write(seg, l);
    assertThat(expectFailure().failingSeq()).isEqualTo(0);
  }

  @Test
  void insertedRecord() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(2));
    List<String> l = lines(seg);
    l.add(1, l.get(0).replace("\"r1a\"", "\"forged\"").replace("\"seq\":2", "\"seq\":3"));
    write(seg, l);
    assertThat(expectFailure().failingSeq()).isEqualTo(2);
  }

  @Test
  void duplicatedRecord() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(1));
    List<String> l = lines(seg);
    l.add(1, l.get(0));
    write(seg, l);
    assertThat(expectFailure().failingSeq()).isEqualTo(1);
  }

  @Test
  void reorderedRecords() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(1));
    List<String> l = lines(seg);
    write(seg, List.of(l.get(1), l.get(0)));
    assertThat(expectFailure().failingSeq()).isEqualTo(0);
  }

  @Test
  void alteredRecordWithConsistentSeq() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(2));
    List<String> l = lines(seg);
    l.set(1, l.get(1).replace("\"r1b\"", "\"r1B\""));
    write(seg, l);
    LogVerifier.Result r = expectFailure();
    assertThat(r.summary()).contains("does not match the records");
  }

  @Test
  void recordsCutOffTheEnd() throws Exception {
    Path seg = dir.resolve(SegmentFiles.name(2));
    List<String> l = lines(seg);
    write(seg, l.subList(0, 1));
    LogVerifier.Result r = expectFailure();
    assertThat(r.summary()).contains("cut off the end");
    assertThat(r.failingSeq()).isEqualTo(3);
  }

  @Test
  void wholeLastSegmentDeleted() throws Exception {
    Files.delete(dir.resolve(SegmentFiles.name(2)));
    assertThat(expectFailure().summary()).contains("cut off the end");
  }

  @Test
  void checkpointSignedByAnotherKey() throws Exception {
    Path other = TestLogs.keys(tmp, "other");
    Path otherLog = tmp.resolve("other-log");
    // Same origin name as ours, other key: exactly what a forger without our key could make.
    try (AuditLog log =
        AuditLog.open(TestLogs.options(otherLog, other).withOrigin(verifier.name()))) {
      TestLogs.append(log, "x");
    }
    Files.writeString(
        dir.resolve(SegmentFiles.CHECKPOINTS),
        Files.readString(otherLog.resolve(SegmentFiles.CHECKPOINTS)),
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(expectFailure().summary()).contains("not signed by");
  }

  @Test
  void forkedCheckpointForTheSameSize() throws Exception {
    // A second log under the same key with different content: its checkpoint is validly signed
    // but disagrees with ours.
    Path forkDir = tmp.resolve("fork");
    try (AuditLog log = AuditLog.open(TestLogs.options(forkDir, key))) {
      for (String s : new String[] {"f1", "f2", "f3", "f4"}) {
        TestLogs.append(log, s);
      }
    }
    Files.writeString(
        dir.resolve(SegmentFiles.CHECKPOINTS),
        Files.readString(forkDir.resolve(SegmentFiles.CHECKPOINTS)),
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(expectFailure().summary()).contains("fork");
  }

  @Test
  void sinceCheckpointProvesGrowthAndCatchesRewrites() throws Exception {
    String kept = LogVerifier.verify(dir, verifier).scan().checkpoints.get(0).note();
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      TestLogs.append(log, "later");
    }
    LogVerifier.Result r = LogVerifier.verifySince(dir, verifier, kept);
    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(r.summary()).contains("extends the kept checkpoint");
    assertThat(r.consistencyProof()).isNotEmpty();

    // An auditor's checkpoint from a forked history is not extended by this log.
    Path forkDir = tmp.resolve("fork");
    try (AuditLog log = AuditLog.open(TestLogs.options(forkDir, key))) {
      TestLogs.append(log, "other");
      TestLogs.append(log, "history");
    }
    String forked = LogVerifier.verify(forkDir, verifier).scan().latestCheckpoint().note();
    LogVerifier.Result bad = LogVerifier.verifySince(dir, verifier, forked);
    assertThat(bad.ok()).isFalse();
    assertThat(bad.summary()).contains("fork");
    assertThat(Arrays.asList(bad.problems().toArray())).isNotEmpty();
  }
}
