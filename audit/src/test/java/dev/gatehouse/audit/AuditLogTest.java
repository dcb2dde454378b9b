package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.store.SegmentFiles;
import dev.gatehouse.audit.verify.InclusionProofs;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditLogTest {
  @TempDir Path tmp;

  @Test
  void recordsAreDurableSequencedAndVerify() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    List<CompletableFuture<Long>> futures = new ArrayList<>();
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      log.recordGatewayStart("cafe");
      for (int i = 0; i < 200; i++) {
        futures.add(log.append(TestLogs.record("r" + i)).toCompletableFuture());
      }
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(i + 1L);
      }
      assertThat(log.isHealthy()).isTrue();
      assertThat(log.healthDetail()).isEqualTo("ok");
    }
    LogVerifier.Result result = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(result.ok()).as(result.summary()).isTrue();
    assertThat(result.summary()).startsWith("OK: 201 records in 1 segments");

    List<JsonNode> records = new ArrayList<>();
    LogReader.forEach(dir, (i, line) -> records.add(LogReader.parse(line)));
    assertThat(records.get(0).get("type").asText()).isEqualTo("gateway-start");
    assertThat(records.get(0).get("configHash").asText()).isEqualTo("cafe");
    assertThat(records.get(5).get("instance").asText()).isEqualTo("test-instance");
    assertThat(records.get(5).get("version").asText()).isEqualTo("1.2.3");
    assertThat(records.get(5).get("configHash").asText()).isEqualTo("cafe");
    assertThat(records.get(5).get("seq").asLong()).isEqualTo(5);
    assertThat(records.get(5).get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
  }

  @Test
  void linesAreCanonicalJson() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key))) {
      var r = TestLogs.record("x");
      r.put("b", "é\n\u0001");
      r.putObject("a").put("z", 1).put("y", 1.5);
      log.append(r).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    String line =
        Files.readAllLines(dir.resolve(SegmentFiles.name(1)), StandardCharsets.UTF_8).get(0);
    assertThat(line)
        .startsWith(
            "{\"a\":{\"y\":1.5,\"z\":1},\"b\":\"é\\n\\u0001\",\"instance\":\"test-instance\",\"seq\":0,");
    assertThat(line).doesNotContain(" ");
  }

  @Test
  void inclusionProofsVerifyAndDetectAlteredRecords() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    NoteVerifier v = TestLogs.verifier(key);
    for (long seq = 0; seq < 4; seq++) {
      var proof = InclusionProofs.prove(dir, v, seq);
      assertThat(InclusionProofs.check(proof, v).size()).isEqualTo(4);
      proof.put("record", proof.get("record").asText().replace("\"r", "\"R"));
      proof.remove("leafHash");
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> InclusionProofs.check(proof, v))
          .isInstanceOf(InclusionProofs.ProofFailure.class);
    }
  }

  @Test
  void closeWritesAFinalCheckpointAndReopenStartsANewSegment() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    TestLogs.smallLog(dir, key);
    assertThat(SegmentFiles.list(dir)).hasSize(2);
    LogVerifier.Result r = LogVerifier.verify(dir, TestLogs.verifier(key));
    assertThat(r.ok()).as(r.summary()).isTrue();
    assertThat(r.scan().checkpoints).hasSizeGreaterThanOrEqualTo(2);
    assertThat(r.scan().latestCheckpoint().checkpoint().size()).isEqualTo(4);
  }

  @Test
  void segmentsAreSealedOnSize() throws Exception {
    Path key = TestLogs.keys(tmp, "k");
    Path dir = tmp.resolve("log");
    try (AuditLog log = AuditLog.open(TestLogs.options(dir, key).withSegmentMaxBytes(400))) {
      for (int i = 0; i < 10; i++) {
        TestLogs.append(log, "record number " + i);
      }
    }
    assertThat(SegmentFiles.list(dir).size()).isGreaterThan(2);
    assertThat(LogVerifier.verify(dir, TestLogs.verifier(key)).ok()).isTrue();
  }
}
