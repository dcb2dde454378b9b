package dev.gatehouse.bench.audit;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.audit.AuditOptions;
import dev.gatehouse.audit.note.NoteKeyFiles;
import dev.gatehouse.audit.store.ForceTimes;
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
 * <p>With a {@code rate} (records/s) the load is open-loop instead: the threads issue appends on a
 * fixed schedule without waiting for them, as independent requests would arrive, and each latency
 * is measured from the record's scheduled time (so a stall delays the schedule and is counted, not
 * hidden). That answers "at X records/s, what latency does a record see?". An issuing thread wakes
 * at most once per {@code tick} (default 200 us) and issues every record due by then, as an event
 * loop appends what arrived since its last wake-up; the wait for the tick counts in the latency.
 *
 * <p>Usage: {@code AuditWriterBench [threads=64] [seconds=10] [dir=<temp>] [mode=durable] [rate=0
 * (closed loop)] [tickMicros=200]}
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
    double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
    long tickNanos = TimeUnit.MICROSECONDS.toNanos(args.length > 5 ? Long.parseLong(args[5]) : 200);
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
    CountDownLatch done = new CountDownLatch(threads);
    long start;
    boolean deleteAfter = args.length <= 2 || args[2].isEmpty();
    if (rate > 0) {
      openLoop(options, threads, seconds, rate, tickNanos, payload, dir, base, mode, deleteAfter);
      return;
    }
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
      cpuAt(start, log);
      done.await();
      cpuEnd(log);
    }
    long total = Arrays.stream(counts).asLongStream().sum();
    long[] all = new long[(int) total];
    int k = 0;
    for (int t = 0; t < threads; t++) {
      System.arraycopy(latencies[t], 0, all, k, counts[t]);
      k += counts[t];
    }
    System.out.printf(
        "audit writer bench: mode=%s threads=%d duration=%ds (after 2s warm-up)%n",
        mode.name().toLowerCase(), threads, seconds);
    System.out.printf(
        "records/s sustained: %,.0f  (%,d records measured)%n", total / (double) seconds, total);
    report(all, dir, base, deleteAfter);
  }

  private static long cpuStart = -1;
  private static long cpuUsed;
  private static long wallStart;
  private static long wallUsed;
  private static ForceTimes.Snapshot forcesAtStart;
  private static ForceTimes.Snapshot forces;

  /**
   * Samples the process's CPU time and the writer's force times at {@code nanoTime} (the end of the
   * warm-up).
   */
  private static void cpuAt(long nanoTime, AuditLog log) throws InterruptedException {
    long wait = nanoTime - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    cpuStart = processCpuNanos();
    wallStart = System.nanoTime();
    forcesAtStart = log.forceTimes();
  }

  private static void cpuEnd(AuditLog log) {
    cpuUsed = processCpuNanos() - cpuStart;
    wallUsed = System.nanoTime() - wallStart;
    forces = log.forceTimes().since(forcesAtStart);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** Prints the latency distribution and verifies the log; {@code all} is unsorted. */
  private static void report(long[] all, Path dir, Path base, boolean deleteAfter)
      throws Exception {
    Arrays.sort(all);
    long segBytes;
    try (Stream<Path> s = Files.list(dir)) {
      segBytes =
          s.filter(p -> p.getFileName().toString().startsWith("segment-"))
              .mapToLong(p -> p.toFile().length())
              .sum();
    }
    long verifyStart = System.nanoTime();
    LogVerifier.Result verified =
        LogVerifier.verify(dir, NoteKeyFiles.readVerifier(base.resolve("bench.pub")));
    long verifyMs = (System.nanoTime() - verifyStart) / 1_000_000;
    // CPU is what the writer shares with the gateway (and, on this VM, with other work): per
    // record it is also far less sensitive to other load than the wall-clock figures.
    System.out.printf(
        "process CPU during the measured run: %.1f us per record (includes building the records)%n",
        all.length == 0 ? 0 : cpuUsed / 1e3 / all.length);
    System.out.printf(
        "append latency: p50=%.3f ms  p99=%.3f ms  p999=%.3f ms  max=%.3f ms%n",
        pct(all, 0.50),
        pct(all, 0.99),
        pct(all, 0.999),
        all.length == 0 ? 0 : all[all.length - 1] / 1e6);
    if (forces != null && forces.forces() > 0) {
      // The disk's share, measured in the same run: see ForceTimes for why the time beyond 2 ms
      // of the slow forces bounds the share of records over 2 ms from below.
      double share = 100.0 * forces.slowExcessNanos() / wallUsed;
      System.out.printf(
          "disk: %,d forces, mean %.3f ms, max %.3f ms; %,d over 2 ms, their time beyond 2 ms"
              + " %.2f%% of the run: at a steady rate at least that share of records waits over 2 ms"
              + " whatever the writer does (p99 <= 2 ms needs under 1%%)%n",
          forces.forces(),
          forces.totalNanos() / 1e6 / forces.forces(),
          forces.maxNanos() / 1e6,
          forces.slowForces(),
          share);
    }
    System.out.printf(
        "log: %,d bytes in segments (avg record %d bytes); verify: %s (%d ms)%n",
        segBytes,
        verified.scan().records == 0 ? 0 : segBytes / verified.scan().records,
        verified.ok() ? "OK" : verified.summary(),
        verifyMs);
    if (deleteAfter) {
      deleteTree(base);
    }
  }

  /** The open-loop run: {@code rate} records/s in total, spread over {@code threads} issuers. */
  private static void openLoop(
      AuditOptions options,
      int threads,
      int seconds,
      double rate,
      long tickNanos,
      String payload,
      Path dir,
      Path base,
      AuditOptions.Mode mode,
      boolean deleteAfter)
      throws Exception {
    long warmupNanos = TimeUnit.SECONDS.toNanos(2);
    long runNanos = TimeUnit.SECONDS.toNanos(seconds);
    long intervalNanos = (long) (threads * 1e9 / rate); // per issuing thread
    long[] latencies = new long[(int) Math.min(50_000_000, rate * seconds * 1.2 + 1000)];
    // How late each measured record was issued (its thread woke late, or issued others first):
    // part of its latency that is the load generator's, not the writer's.
    long[] lateness = new long[latencies.length];
    java.util.concurrent.atomic.AtomicInteger count =
        new java.util.concurrent.atomic.AtomicInteger();
    AtomicLong issued = new AtomicLong();
    AtomicLong failed = new AtomicLong();
    AtomicLong outstanding = new AtomicLong();
    CountDownLatch done = new CountDownLatch(threads);
    try (AuditLog log = AuditLog.open(options)) {
      long t0 = System.nanoTime();
      long start = t0 + warmupNanos;
      long end = start + runNanos;
      for (int t = 0; t < threads; t++) {
        final int id = t;
        Thread.ofPlatform()
            .name("bench-" + t)
            .start(
                () -> {
                  try {
                    // Threads are staggered evenly over one interval.
                    long due = t0 + intervalNanos * id / threads;
                    for (long n = 0; due < end; n++, due += intervalNanos) {
                      long wait = due - System.nanoTime();
                      if (wait > 0) {
                        // Sleep at least one tick, then issue every record that fell due meanwhile:
                        // one wake-up per tick, not per record. A park per record cost the bench
                        // itself ~20 us of CPU per record here (context switches), which the
                        // gateway's event loops do not pay: they append what arrived per wake-up.
                        java.util.concurrent.locks.LockSupport.parkNanos(Math.max(wait, tickNanos));
                      }
                      final long scheduled = due;
                      final boolean measured = scheduled >= start;
                      ObjectNode r = JsonNodeFactory.instance.objectNode();
                      r.put("type", "exchange");
                      r.put("connection", "bench");
                      r.putObject("identity").put("subject", "user-" + id);
                      r.put("method", "tools/call");
                      r.put("target", "search");
                      r.put("payload", payload);
                      r.put("n", n);
                      if (measured) {
                        issued.incrementAndGet();
                      }
                      outstanding.incrementAndGet();
                      final long late = System.nanoTime() - scheduled;
                      log.append(r)
                          .whenComplete(
                              (seq, err) -> {
                                long took = System.nanoTime() - scheduled;
                                outstanding.decrementAndGet();
                                if (!measured) {
                                  return;
                                }
                                if (err != null) {
                                  failed.incrementAndGet();
                                  return;
                                }
                                int i = count.getAndIncrement();
                                if (i < latencies.length) {
                                  latencies[i] = took;
                                  lateness[i] = late;
                                }
                              });
                    }
                  } finally {
                    done.countDown();
                  }
                });
      }
      cpuAt(start, log);
      done.await();
      while (outstanding.get() > 0) {
        Thread.sleep(1); // drain: the last appends' acknowledgements, polled (a bench, not a test)
      }
      cpuEnd(log);
    }
    int n = Math.min(count.get(), latencies.length);
    System.out.printf(
        "audit writer bench: mode=%s open loop at %,.0f records/s from %d threads (tick %d us),"
            + " duration=%ds (after 2s warm-up)%n",
        mode.name().toLowerCase(), rate, threads, tickNanos / 1000, seconds);
    System.out.printf(
        "records/s achieved: %,.0f  (%,d issued, %,d acknowledged, %,d failed)%n",
        n / (double) seconds, issued.get(), n, failed.get());
    long[] late = Arrays.copyOf(lateness, n);
    long[] fromCall = new long[n];
    for (int i = 0; i < n; i++) {
      fromCall[i] = latencies[i] - late[i];
    }
    Arrays.sort(late);
    Arrays.sort(fromCall);
    System.out.printf(
        "issued late by the bench (its thread woke late or was busy): p50=%.3f ms  p99=%.3f ms;"
            + " from the append call: p50=%.3f ms  p99=%.3f ms%n",
        pct(late, 0.50), pct(late, 0.99), pct(fromCall, 0.50), pct(fromCall, 0.99));
    report(Arrays.copyOf(latencies, n), dir, base, deleteAfter);
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
