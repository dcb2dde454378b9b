package dev.gatehouse.server.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Keys, verification and record reading for tests that run the gateway with audit on. */
final class AuditTestSupport {
  private AuditTestSupport() {}

  /** Generates a signing key pair in {@code dir}: {@code audit.key} and {@code audit.pub}. */
  static void keygen(Path dir) throws Exception {
    NoteKeyFiles.generate("gatehouse-test", dir.resolve("audit.key"), dir.resolve("audit.pub"));
  }

  static String auditSection(Path dir) {
    return """
        audit:
          dir: %s
          privateKeyFile: %s
          mode: durable
        """
        .formatted(dir.resolve("log"), dir.resolve("audit.key"));
  }

  static LogVerifier.Result verify(Path dir) throws Exception {
    NoteVerifier key = NoteKeyFiles.readVerifier(dir.resolve("audit.pub"));
    return LogVerifier.verify(dir.resolve("log"), key);
  }

  static List<JsonNode> records(Path dir) throws IOException {
    List<JsonNode> records = new ArrayList<>();
    LogReader.forEach(
        dir.resolve("log"),
        (index, line) -> {
          JsonNode record = LogReader.parse(line);
          if (record != null) {
            records.add(record);
          }
          return true;
        });
    return records;
  }
}
