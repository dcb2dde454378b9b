package dev.gatehouse.bench.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.verify.LogReader;
import dev.gatehouse.audit.verify.LogVerifier;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Crash-safety probe for the audit writer alone (bench/audit-crash.sh kills it with SIGKILL).
 *
 * <ul>
 *   <li>{@code append DIR KEY RUN}: opens the log (running recovery), appends records from 8
 *       threads forever, printing {@code ack <seq> <id>} for each record once it is durable.
 *   <li>{@code check DIR PUB ACKS...}: verifies the log and that every acknowledged record is in it
 *       with its id; exit 1 otherwise.
 * </ul>
 */
public final class AuditCrashProbe {
  private AuditCrashProbe() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "append" -> append(Path.of(args[1]), Path.of(args[2]), args[3]);
      case "check" ->
          System.exit(
              check(Path.of(args[1]), Path.of(args[2]), List.of(args).subList(3, args.length)));
      default -> throw new IllegalArgumentException("append | check");
    }
  }

  private static void append(Path dir, Path key, String run) throws Exception {
    PrintStream out = new PrintStream(System.out, false);
    AuditLog log = AuditLog.open(AuditOptions.defaults(dir, key).withSegmentMaxBytes(256 * 1024));
    for (int t = 0; t < 8; t++) {
      final int thread = t;
      Thread.ofPlatform()
          .start(
              () -> {
                for (long n = 0; ; n++) {
                  String id = run + "-" + thread + "-" + n;
                  ObjectNode r = JsonNodeFactory.instance.objectNode();
                  r.put("type", "probe");
                  r.put("id", id);
                  r.put("pad", "p".repeat(500));
                  try {
                    long seq = log.append(r).toCompletableFuture().get(30, TimeUnit.SECONDS);
                    synchronized (out) {
                      out.println("ack " + seq + " " + id);
                      out.flush();
                    }
                  } catch (Exception e) {
                    e.printStackTrace();
                    return;
                  }
                }
              });
    }
    Thread.sleep(Long.MAX_VALUE);
  }

  private static int check(Path dir, Path pub, List<String> ackFiles) throws Exception {
    LogVerifier.Result r = LogVerifier.verify(dir, NoteKeyFiles.readVerifier(pub));
    System.out.println(r.summary());
    if (!r.ok()) {
      return 1;
    }
    Map<Long, String> ids = new HashMap<>();
    LogReader.forEach(
        dir,
        (i, line) -> {
          JsonNode n = LogReader.parse(line);
          if (n != null && n.has("id")) {
            ids.put(i, n.get("id").asText());
          }
          return true;
        });
    long acked = 0;
    for (String f : ackFiles) {
      for (String line : Files.readAllLines(Path.of(f))) {
        String[] p = line.split(" ");
        if (p.length != 3 || !p[0].equals("ack")) {
          continue; // the last line may be cut by the kill
        }
        acked++;
        if (!p[2].equals(ids.get(Long.parseLong(p[1])))) {
          System.out.println("MISSING acknowledged record seq " + p[1] + " id " + p[2]);
          return 1;
        }
      }
    }
    System.out.println("all " + acked + " acknowledged records are in the log");
    return 0;
  }
}
