package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code checkpoints.log} as the writer appends to it: each signed checkpoint is written and forced
 * on its own, and the length of what was forced is kept so that, after a failure, the file can be
 * cut back to its last complete checkpoint. Used by the writer thread only.
 */
final class CheckpointFile {
  private final Path dir;
  private final Path path;
  private final FileOpener opener;
  private AppendFile file;
  private long length;

  CheckpointFile(Path dir, FileOpener opener) {
    this.dir = dir;
    this.path = dir.resolve(SegmentFiles.CHECKPOINTS);
    this.opener = opener;
  }

  /** Opens (creating if needed) the file to append to. */
  void open() throws IOException {
    boolean created = !Files.exists(path);
    file = opener.openAppend(path, false);
    length = file.size();
    if (created) {
      opener.syncDirectory(dir);
    }
  }

  boolean isOpen() {
    return file != null;
  }

  /** Appends one signed checkpoint and forces it; the length grows only once it is durable. */
  void append(byte[] note) throws IOException {
    file.write(ByteBuffer.wrap(note));
    file.force();
    length += note.length;
  }

  /**
   * Recovery: cuts the file back to its last forced checkpoint through a fresh descriptor (the old
   * one is never forced again) and opens it to append to.
   */
  void cutBackAndReopen() throws IOException {
    AuditFiles.cut(opener, path, length);
    file = opener.openAppend(path, false);
  }

  void closeQuietly() {
    AuditFiles.closeQuietly(file);
    file = null;
  }
}
