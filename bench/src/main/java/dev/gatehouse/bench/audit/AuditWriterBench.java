package dev.gatehouse.bench.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.verify.LogVerifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The audit writer alone, durable mode: N threads each append 1 KiB records and wait for each to be
 * fsynced (as a held response would), for a fixed duration. Prints sustained records/s and the
 * per-append latency distribution (queue + group commit + fsync). Not JMH: the quantity of interest
 * is a closed-loop throughput/latency pair under group commit, not a per-op average.
 *
 * <p>Usage: {@code AuditWriterBench [threads=64] [seconds=10] [dir=<temp>] [mode=durable]}
 */
public final class AuditWriterBench {
  private AuditWriterBench() {}

  public static void main(String[] args) throws Exception {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 64;
    int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
    Path base =
        args.length > 2 && !args[2].isEmpty()
            ? Files.createDirectories(Path.of(args[2]))
            : Files.createTempDirectory("audit-bench");
    AuditOptions.Mode mode =
        args.length > 3
            ? AuditOptions.Mode.valueOf(args[3].toUpperCase())
            : AuditOptions.Mode.DURABLE;
    Path dir = base.resolve("log");
    Path key = base.resolve("bench.key");
    NoteKeyFiles.generate("bench.gatehouse/audit", key, base.resolve("bench.pub"));

    String payload = "x".repeat(1024 - 190); // record ~1 KiB once the common fields are added
    AuditOptions options =
        AuditOptions.defaults(dir, key).withMode(mode).withGateway("bench", "bench");
    long warmupNanos = TimeUnit.SECONDS.toNanos(2);
    long runNanos = TimeUnit.SECONDS.toNanos(seconds);
    int maxSamples = 4_000_000;
    long[][] latencies = new long[threads][];
    int[] counts = new int[threads];
    AtomicLong bytes = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    long start;
    try (AuditLog log = AuditLog.open(options)) {
      long t0 = System.nanoTime();
      start = t0 + warmupNanos;
      long end = start + runNanos;
      for (int t = 0; t < threads; t++) {
        final int id = t;
        latencies[id] = new long[maxSamples / threads];
        Thread.ofPlatform()
            .name("bench-" + t)
            .start(
                () -> {
                  try {
                    long n = 0;
                    while (true) {
                      long now = System.nanoTime();
                      if (now >= end) {
                        break;
                      }
                      ObjectNode r = JsonNodeFactory.instance.objectNode();
                      r.put("type", "exchange");
                      r.put("connection", "bench");
                      r.putObject("identity").put("subject", "user-" + id);
                      r.put("method", "tools/call");
                      r.put("target", "search");
                      r.put("payload", payload);
                      r.put("n", n++);
                      log.append(r).toCompletableFuture().get(30, TimeUnit.SECONDS);
                      long took = System.nanoTime() - now;
                      if (now >= start && counts[id] < latencies[id].length) {
                        latencies[id][counts[id]++] = took;
                      }
                    }
                  } catch (Exception e) {
                    e.printStackTrace();
                  } finally {
                    done.countDown();
                  }
                });
      }
      done.await();
    }
    long total = Arrays.stream(counts).asLongStream().sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, k, counts[t]);
      k += counts[t];
    }
    Arrays.sort(all);
    long segBytes;
    try (Stream<Path> s = Files.list(dir)) {
      segBytes =
          s.filter(p -> p.getFileName().toString().startsWith("segment-"))
              .mapToLong(p -> p.toFile().length())
              .sum();
    }
    bytes.set(segBytes);
    long verifyStart = System.nanoTime();
    LogVerifier.Result verified =
        LogVerifier.verify(dir, NoteKeyFiles.readVerifier(base.resolve("bench.pub")));
    long verifyMs = (System.nanoTime() - verifyStart) / 1_000_000;
    System.out.printf(
        "audit writer bench: mode=%s threads=%d duration=%ds (after 2s warm-up)%n",
        mode.name().toLowerCase(), threads, seconds);
    System.out.printf(
        "records/s sustained: %,.0f  (%,d records measured)%n", total / (double) seconds, total);
    System.out.printf(
        "append latency: p50=%.3f ms  p99=%.3f ms  p999=%.3f ms  max=%.3f ms%n",
        pct(all, 0.50),
        pct(all, 0.99),
        pct(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    System.out.printf(
        "log: %,d bytes in segments (avg record %d bytes); verify: %s (%d ms)%n",
        bytes.get(),
        verified.scan().records == 0 ? 0 : bytes.get() / verified.scan().records,
        verified.ok() ? "OK" : verified.summary(),
        verifyMs);
    if (args.length <= 2 || args[2].isEmpty()) {
      deleteTree(base);
    }
  }

  private static double pct(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)] / 1e6;
  }

  private static void deleteTree(Path base) throws Exception {
    try (Stream<Path> s = Files.walk(base)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
