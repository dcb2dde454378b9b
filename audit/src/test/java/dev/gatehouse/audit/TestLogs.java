package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.note.NoteVerifier;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Small fixtures: keys, options and records for audit tests. */
public final class TestLogs {
  private TestLogs() {}

  /** Keys in {@code dir}: returns the private key path; the public key is next to it. */
  public static Path keys(Path dir, String name) throws Exception {
    Path priv = dir.resolve(name + ".key");
    NoteKeyFiles.generate("audit.example/" + name, priv, dir.resolve(name + ".pub"));
    return priv;
  }

  public static NoteVerifier verifier(Path privateKey) throws Exception {
    String f = privateKey.getFileName().toString().replace(".key", ".pub");
    return NoteKeyFiles.readVerifier(privateKey.resolveSibling(f));
  }

  public static AuditOptions options(Path logDir, Path key) {
    return AuditOptions.defaults(logDir, key)
        .withGateway("test-instance", "1.2.3")
        .withRecoveryInterval(Duration.ofMillis(20));
  }

  public static ObjectNode record(String text) {
    ObjectNode r = JsonNodeFactory.instance.objectNode();
    r.put("type", "test");
    r.put("text", text);
    return r;
  }

  public static long append(AuditLog log, String text) throws Exception {
    return log.append(record(text)).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** Two segments, two checkpoints, four records: two runs of two records each. */
  public static void smallLog(Path logDir, Path key) throws Exception {
    for (int run = 0; run < 2; run++) {
      try (AuditLog log = AuditLog.open(options(logDir, key))) {
        append(log, "r" + run + "a");
        append(log, "r" + run + "b");
      }
    }
  }
}
