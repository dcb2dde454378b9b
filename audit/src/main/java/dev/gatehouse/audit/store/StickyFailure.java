package dev.gatehouse.audit.store;

import dev.gatehouse.audit.AuditUnavailableException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;

/**
 * The writer's fail-closed state: the first I/O error, kept until recovery succeeds, and how many
 * appends were refused meanwhile (reported when the log recovers). Shared by appending threads, the
 * writer thread and the sync threads; guarded by the writer's lock, which every caller holds.
 */
final class StickyFailure {
  private AuditUnavailableException failure;
  private long refused;

  boolean isSet() {
    return failure != null;
  }

  /** The failure appends fail with; null while the log is writable. */
  AuditUnavailableException get() {
    return failure;
  }

  /** Sets the failure unless one is set (the first one wins, so its cause is the one reported). */
  AuditUnavailableException set(IOException e) {
    if (failure == null) {
      failure = new AuditUnavailableException("audit log not writable: " + describe(e), e);
      refused = 0;
    }
    return failure;
  }

  void refuse(long count) {
    refused += count;
  }

  long refused() {
    return refused;
  }

  /** The log accepts records again. */
  void clear() {
    failure = null;
  }

  /**
   * Logs that the log stopped taking records, in the one wording operators alert on, whichever
   * thread (writer, sync, checkpoint) met the failure.
   */
  static void logFailed(System.Logger log, IOException e) {
    log.log(
        System.Logger.Level.ERROR,
        "AUDIT LOG FAILED, refusing requests until it is writable: " + describe(e),
        e);
  }

  /** A reason a person can act on; NIO's AccessDeniedException message is just the path. */
  static String describe(IOException e) {
    if (e instanceof AccessDeniedException a) {
      return "permission denied: " + a.getFile();
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return f.getReason() + ": " + f.getFile();
    }
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
