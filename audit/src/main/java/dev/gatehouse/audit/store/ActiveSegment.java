package dev.gatehouse.audit.store;

import dev.gatehouse.audit.merkle.CompactRange;
import dev.gatehouse.audit.merkle.Hashes;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The segment the writer appends to, and its lifecycle: open the next one (into preallocated space
 * when {@link Preallocator} has a file ready), roll over when it is full or old, seal it (cut the
 * preallocated NULs off at its real length, force, make it read-only), and after a failure cut it
 * back to its acknowledged bytes. Used by the writer thread only.
 */
final class ActiveSegment {
  // Logs under the writer's name: operators filter on it, and these are its messages.
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());

  private final Path dir;
  private final FileOpener opener;
  private final long maxBytes;
  private final Duration maxAge;
  private final Preallocator preallocator;

  /**
   * {@code -Dgatehouse.audit.preallocate=false} turns preallocation off: segments then grow as they
   * are written. Writing zeros ahead buys nothing on a copy-on-write file system (btrfs, ZFS),
   * which allocates anew on every write whatever was there (see {@link Preallocator}).
   */
  static final String PREALLOCATE_PROPERTY = "gatehouse.audit.preallocate";

  private final boolean preallocate =
      !"false".equalsIgnoreCase(System.getProperty(PREALLOCATE_PROPERTY));

  private AppendFile file;
  private long number;
  private Path path;
  private long bytes;
  private long records;
  private CompactRange start;
  private long openedNanos;

  /**
   * @param lastNumber the newest segment on disk (0 if none): the next one opened is one higher
   */
  ActiveSegment(Path dir, FileOpener opener, long maxBytes, Duration maxAge, long lastNumber)
      throws IOException {
    this.dir = dir;
    this.opener = opener;
    this.maxBytes = maxBytes;
    this.maxAge = maxAge;
    this.number = lastNumber;
    this.preallocator = new Preallocator(dir, maxBytes, opener);
  }

  /** Seals the newest segment a previous run left, if any: this run never appends to it. */
  void sealPrevious() {
    if (number > 0) {
      AuditFiles.seal(dir.resolve(SegmentFiles.name(number)));
    }
  }

  /** Whether a file is open for writing. */
  boolean isOpen() {
    return file != null;
  }

  Path path() {
    return path;
  }

  /** Bytes written to the current segment. */
  long bytes() {
    return bytes;
  }

  boolean full() {
    return bytes >= maxBytes
        || (records > 0 && System.nanoTime() - openedNanos >= maxAge.toNanos());
  }

  /**
   * Opens the next segment. {@code range} is the tree over every record before it, kept to
   * re-verify the segment after a failure.
   */
  void openNext(CompactRange range) throws IOException {
    long next = number + 1;
    Path p = dir.resolve(SegmentFiles.name(next));
    path = p;
    bytes = 0;
    records = 0;
    start = range.copy();
    if (preallocator.takeInto(p)) {
      file = opener.openAppend(p, false);
      file.seek(0);
    } else {
      file = opener.openAppend(p, true);
    }
    number = next;
    opener.syncDirectory(dir);
    openedNanos = System.nanoTime();
  }

  /** Writes {@code data}, holding {@code count} records; nothing is counted if the write fails. */
  void write(ByteBuffer data, int count) throws IOException {
    long before = bytes;
    int length = data.remaining();
    file.write(data);
    bytes = before + length;
    records += count;
    if (preallocate && bytes >= maxBytes / 4) {
      preallocator.prepare(); // the next segment, while this one fills
    }
  }

  /** Cuts the preallocated rest off the current segment, forces, closes and seals it. */
  void seal() throws IOException {
    if (file.size() != bytes) {
      file.truncate(bytes);
      file.force();
    }
    file.close();
    file = null;
    AuditFiles.seal(path);
  }

  /**
   * After a failure: forget what was written past the durable prefix and close the file, which is
   * never forced again; {@link #recover} works on a fresh descriptor.
   */
  void rewindAndClose(long durableBytes, long durableRecords) {
    bytes = durableBytes;
    records = durableRecords;
    AuditFiles.closeQuietly(file);
    file = null;
  }

  /** Closes the file after a failed recovery attempt. */
  void closeQuietly() {
    AuditFiles.closeQuietly(file);
    file = null;
  }

  /**
   * Recovery of the failed segment: re-verifies its acknowledged records against {@code expected}
   * (the tree over the durable prefix), cuts it back to them with a fresh descriptor, and removes
   * it if it holds none or seals it otherwise.
   */
  void cutBack(CompactRange expected, List<String> findings) throws IOException {
    if (path != null && Files.exists(path)) {
      reverify(expected, findings);
      AuditFiles.cut(opener, path, bytes);
      if (records == 0) {
        Files.delete(path);
        opener.syncDirectory(dir);
        number--;
      } else {
        AuditFiles.seal(path);
      }
    }
  }

  /**
   * Re-reads the acknowledged part of the failed segment and checks it still hashes to the tree we
   * signed for; a difference is recorded as a finding (never repaired).
   */
  private void reverify(CompactRange expected, List<String> findings) throws IOException {
    byte[] data = Files.readAllBytes(path);
    if (data.length < bytes) {
      findings.add(
          path.getFileName()
              + " is shorter ("
              + data.length
              + " bytes) than its acknowledged records ("
              + bytes
              + " bytes)");
      throw new IOException("acknowledged records of " + path.getFileName() + " are missing");
    }
    CompactRange check = start.copy();
    long lines = 0;
    for (Lines.Line l : Lines.split(Arrays.copyOf(data, (int) bytes))) {
      check.append(Hashes.leaf(l.bytes()));
      lines++;
    }
    if (lines != records || !MessageDigest.isEqual(check.root(), expected.root())) {
      findings.add(
          "acknowledged records in " + path.getFileName() + " changed on disk after the failure");
    }
  }

  void stopPreallocating() {
    preallocator.close();
  }

  /** On stop: seals the segment if it holds records, removes it if it holds none. */
  void closeAtStop() {
    if (file != null && records > 0) {
      try {
        seal();
      } catch (IOException e) {
        // The next start cuts the preallocated tail instead.
        LOG.log(Level.WARNING, "cannot seal " + path.getFileName() + ": " + e);
        AuditFiles.closeQuietly(file);
      }
    } else if (file != null) {
      AuditFiles.closeQuietly(file);
      deleteQuietly(path); // a run that wrote nothing leaves no empty segment behind
    } else if (path != null && records > 0) {
      AuditFiles.seal(path);
    }
    file = null;
  }

  private void deleteQuietly(Path p) {
    try {
      Files.delete(p);
      opener.syncDirectory(dir);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot remove empty segment " + p + ": " + e);
    }
  }
}
