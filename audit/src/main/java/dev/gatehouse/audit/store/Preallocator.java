package dev.gatehouse.audit.store;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Keeps one zero-filled, fsynced file ready in the audit directory, so that the next segment is
 * preallocated space: writing records into it never changes the file's size or block map, and an
 * fdatasync then only has to flush data (no ext4 journal commit per group commit). The file is
 * filled on a background thread while the current segment is written, under a name that is not a
 * segment's ({@value #NAME}), and renamed to the new segment's name when it is needed. The writer
 * starts preparing once the current segment is a quarter full, so a quiet log (or a short test)
 * never writes zeros it does not need.
 *
 * <p>Preallocation is an optimisation, never a condition for writing: when no file is ready (the
 * first segment of a run, a disk too full to preallocate, a segment that filled faster than its
 * successor), the writer creates an empty segment and appends to it as before. A full disk then
 * fails the first write, which fails closed exactly as without preallocation.
 *
 * <p>Used by the writer thread only.
 */
final class Preallocator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Preallocator.class.getName());

  /** The file being prepared; not a segment name, so readers never see it. */
  static final String NAME = "segment.prealloc";

  private final Path file;
  private final long size;
  private final FileOpener opener;
  private CompletableFuture<Void> task;

  /**
   * @param size bytes per file: a segment's size limit, rounded up to whole 4 KiB pages
   */
  Preallocator(Path dir, long size, FileOpener opener) throws IOException {
    this.file = dir.resolve(NAME);
    this.size = (size + 4095) / 4096 * 4096;
    this.opener = opener;
    // Left by a run that stopped while preparing: its contents are unknown, start again.
    Files.deleteIfExists(file);
  }

  /** Starts preparing the next file in the background, unless one is ready or being prepared. */
  void prepare() {
    if (task != null) {
      return;
    }
    task =
        CompletableFuture.runAsync(
            () -> {
              try {
                opener.preallocate(file, size);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            r -> Thread.ofPlatform().name("audit-prealloc").daemon(true).start(r));
  }

  /**
   * Renames the prepared file to {@code segment} when it is ready. False when it is not (still
   * being written, or preparing it failed): the caller then creates {@code segment} empty.
   */
  boolean takeInto(Path segment) {
    if (task == null || !task.isDone()) {
      return false;
    }
    CompletableFuture<Void> done = task;
    task = null;
    try {
      done.get();
    } catch (ExecutionException | InterruptedException e) {
      LOG.log(
          Level.WARNING,
          "cannot preallocate the next audit segment (it will grow as it is written): "
              + (e.getCause() != null ? e.getCause().getMessage() : e));
      return false;
    }
    if (Files.exists(segment)) {
      return false; // the caller's create-new fails with the right name
    }
    try {
      Files.move(file, segment, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      LOG.log(Level.WARNING, "cannot rename the preallocated audit segment: " + e);
      deleteQuietly();
      return false;
    }
  }

  /** Waits for a preparation in progress and removes the prepared file. */
  @Override
  public void close() {
    if (task != null) {
      try {
        task.get();
      } catch (ExecutionException | InterruptedException e) {
        // nothing to keep either way
      }
      task = null;
    }
    deleteQuietly();
  }

  private void deleteQuietly() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "cannot remove " + file + ": " + e);
    }
  }
}
