package dev.gatehouse.audit;

import dev.gatehouse.audit.store.FileOpener;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How the audit log runs. {@link #defaults} gives the documented defaults; the {@code with…}
 * methods change one value.
 *
 * @param dir directory of segments and {@code checkpoints.log}
 * @param mode {@link Mode#DURABLE} (default): a reply leaves only after its record is fsynced
 * @param segmentMaxBytes a segment is sealed once it holds this many bytes (default 64 MiB)
 * @param segmentMaxAge a segment is sealed at its first write after this age (default 1 h)
 * @param checkpointInterval a checkpoint is signed at least this often while records arrive
 *     (default 1 s), and on close
 * @param privateKeyFile the signing key ({@code gatehouse audit keygen})
 * @param origin the checkpoint origin line; null means the key's name (the spec recommends they
 *     match)
 * @param maxPayloadBytes request and response payloads larger than this (canonical JSON bytes) are
 *     stored truncated with their full SHA-256 (default 64 KiB)
 * @param sinks where each checkpoint is also pushed, so a copy lives outside this host
 * @param instance this gateway's name in records (default: the host name)
 * @param version the gateway version in records
 * @param recoveryInterval how often a failed log tries to become writable again (default 1 s)
 * @param maxQueuedRecords records waiting for the disk beyond which appends are refused
 * @param fileOpener the file seam (tests inject failing files)
 */
public record AuditOptions(
    Path dir,
    Mode mode,
    long segmentMaxBytes,
    Duration segmentMaxAge,
    Duration checkpointInterval,
    Path privateKeyFile,
    String origin,
    int maxPayloadBytes,
    List<CheckpointSink> sinks,
    String instance,
    String version,
    Duration recoveryInterval,
    int maxQueuedRecords,
    FileOpener fileOpener) {

  /** When a reply may leave relative to its record reaching the disk. */
  public enum Mode {
    /** Reply only after fsync: nothing the client saw can be missing from the log. */
    DURABLE,
    /**
     * Reply at once; a crash can lose up to the last group commit (milliseconds of records) that
     * clients already saw. Lower latency, weaker evidence.
     */
    ASYNC
  }

  public AuditOptions {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(privateKeyFile, "privateKeyFile");
    sinks = List.copyOf(sinks);
    if (segmentMaxBytes <= 0 || maxPayloadBytes <= 0 || maxQueuedRecords <= 0) {
      throw new IllegalArgumentException("sizes must be positive");
    }
    if (segmentMaxAge.isNegative() || segmentMaxAge.isZero()) {
      throw new IllegalArgumentException("segmentMaxAge must be positive");
    }
    if (checkpointInterval.isNegative()
        || checkpointInterval.isZero()
        || checkpointInterval.compareTo(Duration.ofSeconds(1)) > 0) {
      throw new IllegalArgumentException("checkpointInterval must be > 0 and at most 1s");
    }
  }

  public static AuditOptions defaults(Path dir, Path privateKeyFile) {
    return new AuditOptions(
        dir,
        Mode.DURABLE,
        64L * 1024 * 1024,
        Duration.ofHours(1),
        Duration.ofSeconds(1),
        privateKeyFile,
        null,
        64 * 1024,
        List.of(),
        hostName(),
        "dev",
        Duration.ofSeconds(1),
        65_536,
        FileOpener.DEFAULT);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (java.io.IOException e) {
      return "gatehouse";
    }
  }

  public AuditOptions withMode(Mode v) {
    return new AuditOptions(
        dir,
        v,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withSegmentMaxBytes(long v) {
    return new AuditOptions(
        dir,
        mode,
        v,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withSegmentMaxAge(Duration v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        v,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withCheckpointInterval(Duration v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        v,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withOrigin(String v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        v,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withMaxPayloadBytes(int v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        v,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withSinks(List<CheckpointSink> v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        v,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withGateway(String instance, String version) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withRecoveryInterval(Duration v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        v,
        maxQueuedRecords,
        fileOpener);
  }

  public AuditOptions withFileOpener(FileOpener v) {
    return new AuditOptions(
        dir,
        mode,
        segmentMaxBytes,
        segmentMaxAge,
        checkpointInterval,
        privateKeyFile,
        origin,
        maxPayloadBytes,
        sinks,
        instance,
        version,
        recoveryInterval,
        maxQueuedRecords,
        v);
  }
}
