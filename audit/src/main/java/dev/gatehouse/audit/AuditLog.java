package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.note.Checkpoint;
import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.note.NoteSigner;
import dev.gatehouse.audit.store.ForceTimes;
import dev.gatehouse.audit.store.LogScan;
import dev.gatehouse.audit.store.LogWriter;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The audit log of one gateway: owns the writer (records, group commit, checkpoints) and the
 * checkpoint sinks. {@link #open} recovers the directory first: a torn tail after the last
 * checkpoint is cut and recorded; anything wrong at or before a checkpoint becomes a {@code
 * tamper-alert} record, the first of the new segment, and is never repaired.
 */
public final class AuditLog implements AutoCloseable {
  private final AuditOptions options;
  private final LogWriter writer;
  private final SinkPublisher sinks;
  private final String origin;
  private volatile String configHash;

  private AuditLog(AuditOptions options, NoteSigner signer) throws IOException {
    this.options = options;
    this.origin = options.origin() != null ? options.origin() : signer.name();
    this.sinks = new SinkPublisher(options.sinks());
    LogWriter.Listener listener =
        new LogWriter.Listener() {
          @Override
          public void onCheckpoint(Checkpoint checkpoint, String signedNote) {
            sinks.offer(checkpoint, signedNote);
          }

          @Override
          public void onRecovered(
              String failure, Instant failedAt, long refused, List<String> findings) {
            ArrayNode details = JsonNodeFactory.instance.arrayNode();
            details.add("failure: " + failure);
            details.add("failed at: " + failedAt);
            details.add("appends refused meanwhile: " + refused);
            findings.forEach(details::add);
            append(AuditRecords.recovery("audit log writable again", details));
          }
        };
    this.writer =
        LogWriter.open(
            new LogWriter.Config(
                options.dir(),
                options.mode() == AuditOptions.Mode.DURABLE,
                options.segmentMaxBytes(),
                options.segmentMaxAge(),
                options.checkpointInterval(),
                options.recoveryInterval(),
                options.maxQueuedRecords(),
                options.fileOpener(),
                signer,
                origin,
                listener));
  }

  /** Reads the key, recovers the directory and starts writing (a new segment). */
  public static AuditLog open(AuditOptions options) throws IOException {
    NoteSigner signer;
    try {
      signer = NoteKeyFiles.readSigner(options.privateKeyFile());
    } catch (NoteException e) {
      throw new IOException(
          "audit private key " + options.privateKeyFile() + " is not usable: " + e.getMessage(), e);
    }
    AuditLog log = new AuditLog(options, signer);
    LogWriter.Startup startup = log.writer.startup();
    // Tamper alerts first: they are the first records of the new segment.
    for (LogScan.Problem p : startup.problems()) {
      log.append(AuditRecords.tamperAlert(p.seq(), p.reason()));
    }
    if (!startup.reports().isEmpty()) {
      ArrayNode details = JsonNodeFactory.instance.arrayNode();
      startup.reports().forEach(details::add);
      log.append(AuditRecords.recovery("start-up recovery", details));
    }
    return log;
  }

  /**
   * Appends {@code record} (the log takes ownership; see {@link AuditRecords}). Completes with the
   * record's seq once durable (or at once in async mode); fails with {@link
   * AuditUnavailableException} when the log cannot take it. Completion may run on the writer
   * thread: callers hop to their own executor for anything but trivial work.
   */
  public CompletionStage<Long> append(ObjectNode record) {
    if (!record.has("instance")) {
      record.put("instance", options.instance());
    }
    if (!record.has("version")) {
      record.put("version", options.version());
    }
    String hash = configHash;
    if (hash != null && !record.has("configHash")) {
      record.put("configHash", hash);
    }
    return writer.append(record);
  }

  /** The hash of the configuration now in force; stamped on every later record. */
  public void configHash(String hash) {
    this.configHash = hash;
  }

  public CompletionStage<Long> recordGatewayStart(String configHash) {
    configHash(configHash);
    return append(AuditRecords.gatewayStart(configHash));
  }

  public CompletionStage<Long> recordGatewayStop(String reason) {
    return append(AuditRecords.gatewayStop(reason));
  }

  /** Records a configuration change and makes {@code newHash} current. */
  public CompletionStage<Long> recordConfigChange(
      String newHash, String source, String actor, JsonNode detail) {
    String old = configHash;
    configHash(newHash);
    return append(AuditRecords.configChange(old, newHash, source, actor, detail));
  }

  public boolean durable() {
    return options.mode() == AuditOptions.Mode.DURABLE;
  }

  public int maxPayloadBytes() {
    return options.maxPayloadBytes();
  }

  /** How long the writer's forces have taken, the disk's share of a record's latency. */
  public ForceTimes.Snapshot forceTimes() {
    return writer.forceTimes();
  }

  /** For /readyz: false while the log refuses records. */
  public boolean isHealthy() {
    return writer.isHealthy();
  }

  /**
   * "ok", or why the log refuses records (e.g. "audit log not writable: No space left on device").
   */
  public String healthDetail() {
    return writer.healthDetail();
  }

  /** What start-up recovery found (also recorded in the log). */
  public LogWriter.Startup startup() {
    return writer.startup();
  }

  public String origin() {
    return origin;
  }

  public AuditOptions options() {
    return options;
  }

  /** Writes what is queued, signs a final checkpoint, pushes it to the sinks. */
  @Override
  public void close() {
    writer.close();
    sinks.close();
  }
}
