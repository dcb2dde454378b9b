package dev.gatehouse.bench.audit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The floor the audit writer stands on: how long one durable write of a group-commit batch takes on
 * this disk, for each way of making it durable. Every iteration writes one {@code batchKiB} batch
 * to each case's own file in turn and times write + durability together; interleaving the cases
 * means they all see the same background load (the disk is shared), so they compare fairly.
 *
 * <ol>
 *   <li>{@code append+fsync}: append, {@code force(true)} (fsync);
 *   <li>{@code append+fdatasync}: append, {@code force(false)}; the file grows, so ext4 still has
 *       to journal the new size with every call;
 *   <li>{@code prealloc+fdatasync}: overwrite inside a file that was filled with zeros and fsynced
 *       up front; the size never changes, so fdatasync need only flush data blocks (plus a cache
 *       flush), not commit the journal;
 *   <li>{@code append+O_DSYNC}: each append is durable when {@code write} returns;
 *   <li>{@code prealloc+O_DSYNC}: the same into a preallocated file.
 * </ol>
 *
 * <p>Usage: {@code FsyncProbe [iterations=3000] [batchKiB=32] [dir=<temp>]}
 */
public final class FsyncProbe {
  private FsyncProbe() {}

  /** One way of writing a batch durably, with its own file. */
  private record Case(String name, FileChannel channel, boolean force, boolean metadata) {
    long once(ByteBuffer batch) throws IOException {
      long t = System.nanoTime();
      while (batch.hasRemaining()) {
        channel.write(batch);
      }
      if (force) {
        channel.force(metadata);
      }
      return System.nanoTime() - t;
    }
  }

  public static void main(String[] args) throws Exception {
    int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3000;
    int batchKiB = args.length > 1 ? Integer.parseInt(args[1]) : 32;
    boolean tempDir = args.length <= 2;
    Path dir =
        tempDir
            ? Files.createTempDirectory("fsync-probe")
            : Files.createDirectories(Path.of(args[2]));
    byte[] bytes = new byte[batchKiB * 1024];
    Arrays.fill(bytes, (byte) 'x');
    ByteBuffer batch = ByteBuffer.wrap(bytes);
    long fileBytes = (long) iterations * bytes.length;
    Case[] cases = {
      new Case("append+fsync", open(dir.resolve("a.dat"), false), true, true),
      new Case("append+fdatasync", open(dir.resolve("b.dat"), false), true, false),
      new Case("prealloc+fdatasync", preallocate(dir.resolve("c.dat"), fileBytes), true, false),
      new Case("append+O_DSYNC", open(dir.resolve("d.dat"), true), false, false),
      new Case("prealloc+O_DSYNC", preallocate(dir.resolve("e.dat"), fileBytes, true), false, false)
    };
    long[][] nanos = new long[cases.length][iterations];
    try {
      for (int i = 0; i < iterations; i++) {
        for (int c = 0; c < cases.length; c++) {
          nanos[c][i] = cases[c].once(batch.rewind());
        }
      }
    } finally {
      for (Case c : cases) {
        c.channel().close();
      }
      for (String f : new String[] {"a.dat", "b.dat", "c.dat", "d.dat", "e.dat"}) {
        Files.deleteIfExists(dir.resolve(f));
      }
      if (tempDir) {
        Files.deleteIfExists(dir);
      }
    }
    System.out.printf(
        "fsync probe: %d iterations of %d KiB per case, cases interleaved, in %s%n",
        iterations, batchKiB, dir);
    printHeader();
    for (int c = 0; c < cases.length; c++) {
      printRow(cases[c].name(), nanos[c], bytes.length, 1);
    }
    System.out.println(
        "concurrent write+fdatasync, k threads writing disjoint regions of one file in turn"
            + " (MiB/s is the total):");
    for (boolean prealloc : new boolean[] {false, true}) {
      for (int k : new int[] {1, 2, 4, 8}) {
        printRow(
            (prealloc ? "prealloc " : "append ") + k + " in flight",
            concurrent(dir, k, iterations, bytes, prealloc),
            bytes.length,
            k);
      }
    }
  }

  /**
   * Whether fdatasyncs overlap on this disk: k threads write and force disjoint regions of one
   * preallocated file at the same time. If the total rate grows with k, a writer can have several
   * flushes in flight instead of queueing each batch behind the previous flush.
   */
  private static long[] concurrent(Path dir, int k, int iterations, byte[] bytes, boolean prealloc)
      throws Exception {
    Path file = dir.resolve("f.dat");
    long[][] nanos = new long[k][iterations / k];
    long[] wall = new long[1];
    java.util.concurrent.atomic.AtomicLong next = new java.util.concurrent.atomic.AtomicLong();
    try (FileChannel ch =
        prealloc ? preallocate(file, (long) iterations * bytes.length) : open(file, false)) {
      Thread[] threads = new Thread[k];
      java.util.concurrent.atomic.AtomicReference<Exception> error =
          new java.util.concurrent.atomic.AtomicReference<>();
      long start = System.nanoTime();
      for (int t = 0; t < k; t++) {
        final int id = t;
        threads[t] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      try {
                        for (int i = 0; i < nanos[id].length; i++) {
                          long pos = next.getAndAdd(bytes.length);
                          ByteBuffer b = ByteBuffer.wrap(bytes);
                          long t0 = System.nanoTime();
                          while (b.hasRemaining()) {
                            pos += ch.write(b, pos);
                          }
                          ch.force(false);
                          nanos[id][i] = System.nanoTime() - t0;
                        }
                      } catch (Exception e) {
                        error.set(e);
                      }
                    });
      }
      for (Thread t : threads) {
        t.join();
      }
      wall[0] = System.nanoTime() - start;
      if (error.get() != null) {
        throw error.get();
      }
    } finally {
      Files.deleteIfExists(file);
    }
    long[] all = Arrays.stream(nanos).flatMapToLong(Arrays::stream).toArray();
    lastWallNanos = wall[0];
    return all;
  }

  private static long lastWallNanos;

  private static void printHeader() {
    System.out.printf(
        "%-20s %9s %9s %9s %9s %9s%n", "case", "p50 ms", "p90 ms", "p99 ms", "max ms", "MiB/s");
  }

  private static void printRow(String name, long[] sorted, int batchBytes, int inFlight) {
    Arrays.sort(sorted);
    double meanNanos = Arrays.stream(sorted).average().orElse(1);
    double mibs =
        inFlight == 1
            ? batchBytes / (meanNanos / 1e9) / (1 << 20)
            : (double) sorted.length * batchBytes / (lastWallNanos / 1e9) / (1 << 20);
    System.out.printf(
        "%-20s %9.3f %9.3f %9.3f %9.3f %9.1f%n",
        name,
        pct(sorted, 0.50),
        pct(sorted, 0.90),
        pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6,
        mibs);
  }

  private static FileChannel open(Path file, boolean dsync) throws IOException {
    return dsync
        ? FileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)
        : FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  private static FileChannel preallocate(Path file, long size) throws IOException {
    return preallocate(file, size, false);
  }

  /**
   * Real zero blocks, not a sparse file: writing into a hole would allocate (and journal) again.
   */
  private static FileChannel preallocate(Path file, long size, boolean dsync) throws IOException {
    try (FileChannel ch = open(file, false)) {
      ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
      for (long written = 0; written < size; ) {
        zeros.clear().limit((int) Math.min(zeros.capacity(), size - written));
        written += ch.write(zeros);
      }
      ch.force(true);
    }
    return dsync
        ? FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.DSYNC)
        : FileChannel.open(file, StandardOpenOption.WRITE);
  }

  private static double pct(long[] sorted, double q) {
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }
}
