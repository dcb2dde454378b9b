package dev.gatehouse.audit.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code checkpoints.log} as the writer appends to it: each signed checkpoint is written, then
 * forced on its own, and the length of what was forced is kept so that, after a failure, the file
 * can be cut back to its last complete checkpoint. The writer thread writes, opens, closes and
 * cuts; the checkpoint forcer forces, one checkpoint at a time, and never while the writer closes
 * or cuts (the writer waits for the force in flight first).
 */
final class CheckpointFile {
  private final Path dir;
  private final Path path;
  private final FileOpener opener;
  private volatile AppendFile file;
  private long written; // writer thread
  private volatile long length; // forced

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
    written = length;
    if (created) {
      opener.syncDirectory(dir);
    }
  }

  boolean isOpen() {
    return file != null;
  }

  /**
   * Writes one signed checkpoint (not yet forced).
   *
   * @return the file's length once it is forced, for {@link #force}
   */
  long write(byte[] note) throws IOException {
    file.write(ByteBuffer.wrap(note));
    written += note.length;
    return written;
  }

  /** Forces what was written; the durable length becomes {@code upTo}. */
  void force(long upTo) throws IOException {
    file.force();
    length = upTo;
  }

  /**
   * Recovery: cuts the file back to its last forced checkpoint through a fresh descriptor (the old
   * one is never forced again) and opens it to append to.
   */
  void cutBackAndReopen() throws IOException {
    AuditFiles.cut(opener, path, length);
    file = opener.openAppend(path, false);
    written = length;
  }

  void closeQuietly() {
    AuditFiles.closeQuietly(file);
    file = null;
  }
}
