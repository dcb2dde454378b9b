package dev.gatehouse.bench.audit;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * The disk's floor for the audit writer at a sustained rate: one thread writes a batch into a
 * preallocated file every millisecond and fdatasyncs it, the simplest possible durable log, and
 * prints the distribution of write + fdatasync latency, measured from each batch's scheduled time.
 * {@link FsyncProbe} times isolated flushes; this one keeps the disk busy as 20,000 records/s of 1
 * KiB do, and shows what tail any writer on this disk must live with.
 *
 * <p>Usage: {@code SustainedFsyncProbe [dir=<temp>] [seconds=8] [KiB per ms=20] [rounds=3]}
 */
public final class SustainedFsyncProbe {
  private SustainedFsyncProbe() {}

  public static void main(String[] args) throws Exception {
    Path dir =
        args.length > 0 && !args[0].isEmpty()
            ? Files.createDirectories(Path.of(args[0]))
            : Files.createTempDirectory("fsync-probe");
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int kib = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    int batches = seconds * 1000;
    // Not a multiple of the page size, like records: consecutive batches share a page.
    int batchBytes = kib * 1024 + 300;
    long size = (long) batches * batchBytes + (1 << 20);
    System.out.printf(
        "sustained fsync probe: %d KiB written and fdatasynced every ms for %d s, %d rounds, in %s%n",
        kib, seconds, rounds, dir);
    for (int round = 1; round <= rounds; round++) {
      Path file = dir.resolve("sustained-probe");
      Files.deleteIfExists(file);
      preallocate(file, size);
      long[] latency = new long[batches];
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ByteBuffer batch = ByteBuffer.allocate(batchBytes);
        long position = 0;
        long due = System.nanoTime();
        for (int i = 0; i < batches; i++, due += 1_000_000) {
          long wait = due - System.nanoTime();
          if (wait > 0) {
            LockSupport.parkNanos(wait);
          }
          batch.clear();
          while (batch.hasRemaining()) {
            position += channel.write(batch, position);
          }
          channel.force(false);
          latency[i] = System.nanoTime() - due;
        }
      } finally {
        Files.deleteIfExists(file);
      }
      Arrays.sort(latency);
      System.out.printf(
          "round %d: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f ms%n",
          round,
          at(latency, 0.50),
          at(latency, 0.90),
          at(latency, 0.99),
          at(latency, 0.999),
          latency[latency.length - 1] / 1e6);
    }
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e6;
  }

  /** Real zeros, forced: later writes then need no block allocation (as the audit segments). */
  private static void preallocate(Path file, long size) throws Exception {
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer zeros = ByteBuffer.allocate(1 << 20);
      for (long written = 0; written < size; written += zeros.capacity()) {
        zeros.clear();
        channel.write(zeros);
        channel.force(false);
      }
    }
  }
}
