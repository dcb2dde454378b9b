package dev.gatehouse.audit.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * File operations shared by start-up repair, the segment lifecycle and fail-closed recovery: cut a
 * file back with a fresh descriptor, seal a segment read-only, close without throwing.
 */
final class AuditFiles {
  // Logs under the writer's name: operators filter on it, and these are its messages.
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());

  private AuditFiles() {}

  /**
   * Cuts {@code file} to {@code length} and forces it through a new descriptor: a descriptor whose
   * force failed is never trusted again.
   */
  static void cut(FileOpener opener, Path file, long length) throws IOException {
    boolean readOnly = !Files.isWritable(file);
    if (readOnly) {
      makeWritable(file);
    }
    try (AppendFile f = opener.openAppend(file, false)) {
      f.truncate(length);
      f.force();
    }
  }

  static void seal(Path path) {
    // Sealed segments are read-only: a guard against accidents, not against an attacker (the
    // Merkle tree and checkpoints are that).
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r-----"));
    } catch (IOException | UnsupportedOperationException e) {
      LOG.log(Level.DEBUG, "cannot make " + path + " read-only: " + e);
    }
  }

  private static void makeWritable(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r-----"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to undo
    }
  }

  static void closeQuietly(AppendFile f) {
    if (f != null) {
      try {
        f.close();
      } catch (IOException e) {
        LOG.log(Level.DEBUG, "closing audit file: " + e);
      }
    }
  }
}
