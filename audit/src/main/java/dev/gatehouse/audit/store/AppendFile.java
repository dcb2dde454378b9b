package dev.gatehouse.audit.store;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The few file operations the writer needs, as a seam: tests substitute a file that fails like a
 * full disk ({@code IOException("No space left on device")}) without needing root or a tmpfs.
 */
public interface AppendFile extends Closeable {
  /**
   * Writes all of {@code data} at the current position (the end, unless {@link #seek} moved it).
   */
  void write(ByteBuffer data) throws IOException;

  /** Moves the write position, e.g. to 0 in a preallocated (zero-filled) segment. */
  void seek(long position) throws IOException;

  /** Makes everything written so far durable (fsync / fdatasync). */
  void force() throws IOException;

  void truncate(long size) throws IOException;

  long size() throws IOException;
}
