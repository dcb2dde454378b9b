package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class AuditCommandTest {
  @TempDir Path tmp;
  Path key;
  Path pub;
  Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cl = new CommandLine(new AuditCommand());
    cl.setOut(new PrintWriter(out, true));
    cl.setErr(new PrintWriter(err, true));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  static ObjectNode exchange(String subject, String tool, String outcome) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("type", "exchange");
    r.putObject("identity").put("subject", subject);
    r.put("connection", "github");
    r.put("method", "tools/call");
    r.put("target", tool);
    r.putObject("decision").put("outcome", outcome);
    r.put("latencyMs", 1.5);
    return r;
  }

  @BeforeEach
  void log() throws Exception {
    key = tmp.resolve("audit.key");
    pub = tmp.resolve("audit.pub");
    Run keygen =
        run(
            "keygen",
            "--name",
            "gatehouse.test/audit",
            "--private-key",
            key.toString(),
            "--public-key",
            pub.toString());
    assertThat(keygen.exit()).as(keygen.err()).isZero();
    assertThat(keygen.out()).contains("gatehouse.test/audit+");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    dir = tmp.resolve("log");
    try (AuditLog log = AuditLog.open(AuditOptions.defaults(dir, key))) {
      log.append(exchange("alice", "search", "allowed"))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      log.append(exchange("bob", "delete_repo", "blocked"))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      log.append(exchange("alice", "read_file", "allowed"))
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void verifyPrintsOneLineAndExitsZero() {
    Run r = run("verify", dir.toString(), "--public-key", pub.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).hasSize(1);
    assertThat(r.out()).startsWith("OK: 3 records in 1 segments");
  }

  @Test
  void verifyNamesTheFirstFailingSeq() throws Exception {
    Path seg = dir.resolve("segment-000001.log");
    Files.setPosixFilePermissions(seg, PosixFilePermissions.fromString("rw-------"));
    var lines = Files.readAllLines(seg);
    Files.write(seg, java.util.List.of(lines.get(0), lines.get(2)));
    Run r = run("verify", dir.toString(), "--public-key", pub.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).startsWith("FAILED: seq 1: ");
  }

  @Test
  void verifySinceCheckpoint() throws Exception {
    Path kept = tmp.resolve("kept.checkpoint");
    Files.writeString(kept, Files.readString(dir.resolve("checkpoints.log")));
    try (AuditLog log = AuditLog.open(AuditOptions.defaults(dir, key))) {
      log.append(exchange("carol", "x", "allowed")).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    Run r =
        run(
            "verify",
            dir.toString(),
            "--public-key",
            pub.toString(),
            "--since-checkpoint",
            kept.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("extends the kept checkpoint (size 3) to size 4");
  }

  @Test
  void proveAndCheckProof() throws Exception {
    Run prove = run("prove", "1", "--dir", dir.toString(), "--public-key", pub.toString());
    assertThat(prove.exit()).as(prove.err()).isZero();
    assertThat(prove.out()).contains("\"leafIndex\" : 1").contains("\"checkpoint\"");
    Path proof = tmp.resolve("proof.json");
    Files.writeString(proof, prove.out());
    Run check = run("check-proof", proof.toString(), "--public-key", pub.toString());
    assertThat(check.exit()).as(check.err()).isZero();
    assertThat(check.out())
        .startsWith("OK: record seq 1 is in gatehouse.test/audit at tree size 3");

    Files.writeString(proof, prove.out().replace("delete_repo", "harmless"));
    Run bad = run("check-proof", proof.toString(), "--public-key", pub.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).startsWith("FAILED: ");
  }

  @Test
  void showAndTailFilter() {
    Run show = run("show", dir.toString(), "--subject", "alice");
    assertThat(show.exit()).isZero();
    assertThat(show.out().lines()).hasSize(2).allMatch(l -> l.contains("alice"));

    Run blocked = run("show", dir.toString(), "--decision", "blocked", "--json");
    assertThat(blocked.out().lines())
        .singleElement()
        .asString()
        .startsWith("{")
        .contains("delete_repo");

    Run tail = run("tail", dir.toString(), "-n", "1", "--tool", "search");
    assertThat(tail.out().lines()).singleElement().asString().contains("search");

    Run none = run("show", dir.toString(), "--from", "2999-01-01T00:00:00Z");
    assertThat(none.out()).isEmpty();
  }

  @Test
  void usageErrorsExitNonZero() {
    assertThat(run("verify", dir.toString()).exit()).isNotZero();
    assertThat(
            run("verify", dir.toString(), "--public-key", tmp.resolve("missing.pub").toString())
                .exit())
        .isEqualTo(2);
  }
}
