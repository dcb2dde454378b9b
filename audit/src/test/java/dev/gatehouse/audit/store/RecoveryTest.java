package dev.gatehouse.audit.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.TestLogs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Start-up recovery: torn tails are cut and reported; tampering is alerted, never repaired. */
class RecoveryTest {
  @TempDir Path tmp;

  private static List<JsonNode> records(Path dir) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> out.add(LogReader.parse(line)));
    return out;
  }

  private static void makeWritable(Path p) throws Exception {
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-r-----"));
  }

  @Test
  void tornRecordAfterTheLastCheckpointIsCutAndReported() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    Path last = dir.resolve(SegmentFiles.name(2));
    makeWritable(last);
    // A crash in the middle of a write: a full unacknowledged record and half of another.
    String full = "{\"seq\":4,\"text\":\"unacknowledged\",\"type\":\"test\"}\n";
    Files.writeString(
        last, full + "{\"seq\":5,\"te", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Files.writeString(
        dir.resolve(SegmentFiles.CHECKPOINTS),
        "audit.example/k\n5\nAAAA",
        StandardOpenOption.APPEND);
    LogVerifier.Result before = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(before.ok()).as(before.summary()).isTrue();
    assertThat(before.summary()).contains("incomplete last checkpoint");

    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      assertThat(log.startup().problems()).isEmpty();
      assertThat(log.startup().reports()).hasSize(2);
      assertThat(log.startup().reports().get(0))
          .contains("torn tail")
          .contains("segment-000002.log");
      TestLogs.append(log, "after restart");
    }
    LogVerifier.Result after = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(after.ok()).as(after.summary()).isTrue();
    List<JsonNode> recs = records(dir);
    // The full-but-unacknowledged record was after the tear point? No: it was complete, so it
    // stays; only the half record and the half checkpoint were cut.
    assertThat(recs)
        .extracting(n -> n.path("text").asText())
        .contains("unacknowledged", "after restart");
    assertThat(recs.get(5).path("type").asText()).isEqualTo("recovery");
    assertThat(Files.readString(dir.resolve(SegmentFiles.CHECKPOINTS))).doesNotContain("AAAA");
  }

  @Test
  void damageBeforeACheckpointIsATamperAlertAndIsNotRepaired() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    Path first = dir.resolve(SegmentFiles.name(1));
    makeWritable(first);
    String original = Files.readString(first);
    String altered = original.replace("\"r0b\"", "\"R0B\"");
    Files.writeString(first, altered);

    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      assertThat(log.startup().problems()).isNotEmpty();
      TestLogs.append(log, "after");
    }
    assertThat(Files.readString(first)).isEqualTo(altered);
    List<JsonNode> recs = records(dir);
    JsonNode alert = recs.get(4);
    assertThat(alert.path("type").asText()).isEqualTo("tamper-alert");
    assertThat(alert.path("reason").asText()).contains("does not match the records");
    // The alert is the first record of the new segment.
    String third = Files.readAllLines(dir.resolve(SegmentFiles.name(3))).get(0);
    assertThat(third).contains("tamper-alert");
    assertThat(LogVerifier.verify(dir, TestLogs.verifier(key)).ok()).isFalse();
  }

  @Test
  void reopeningAnIntactLogFindsNothing() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      assertThat(log.startup().problems()).isEmpty();
      assertThat(log.startup().reports()).isEmpty();
    }
    assertThat(SegmentFiles.list(dir)).hasSize(2); // the empty third segment was not kept
  }
}
