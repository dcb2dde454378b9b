package dev.gatehouse.bench.masking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.masking.MaskingEngine;
import dev.gatehouse.masking.MaskingRules;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The same workloads as {@link MaskingBenchmark}, timed in this thread's CPU time instead of wall
 * time. On a shared two-core machine wall-clock percentiles mostly measure the other tenants; CPU
 * time is what one core spends masking, which is what the targets ("MB/s per core", "p99 for a 4
 * KiB result") are about. Run: {@code java -cp bench/target/benchmarks.jar
 * dev.gatehouse.bench.masking.MaskingCpuTime}.
 */
public final class MaskingCpuTime {
  private MaskingCpuTime() {}

  public static void main(String[] args) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    MaskingEngine engine = MaskingRules.defaults().engineFor("bench");
    ObjectNode typical = TypicalPayloads.toolResult(256 * 1024, 42);
    ObjectNode small = TypicalPayloads.toolResult(4 * 1024, 7);
    int typicalBytes = typical.toString().getBytes(StandardCharsets.UTF_8).length;
    int smallBytes = small.toString().getBytes(StandardCharsets.UTF_8).length;

    // Warm up the JIT on both shapes.
    for (int i = 0; i < 200; i++) {
      engine.maskMessage(typical.deepCopy());
      for (int k = 0; k < 20; k++) {
        engine.maskMessage(small.deepCopy());
      }
    }

    int rounds = 300;
    long cpu = 0;
    for (int i = 0; i < rounds; i++) {
      ObjectNode m = typical.deepCopy();
      long t0 = mx.getCurrentThreadCpuTime();
      engine.maskMessage(m);
      cpu += mx.getCurrentThreadCpuTime() - t0;
    }
    double mibPerCpuSecond = (double) typicalBytes * rounds / (1 << 20) / (cpu / 1e9);
    System.out.printf(
        Locale.ROOT,
        "typical tool result: %d bytes, %d rounds, %.1f MiB per CPU-second%n",
        typicalBytes,
        rounds,
        mibPerCpuSecond);

    int samples = 20_000;
    long[] ns = new long[samples];
    for (int i = 0; i < samples; i++) {
      ObjectNode m = small.deepCopy();
      long t0 = mx.getCurrentThreadCpuTime();
      engine.maskMessage(m);
      ns[i] = mx.getCurrentThreadCpuTime() - t0;
    }
    Arrays.sort(ns);
    System.out.printf(
        Locale.ROOT,
        "4 KiB result (%d bytes), CPU time per message over %d: p50 %.1f us, p90 %.1f us,"
            + " p99 %.1f us, max %.1f us%n",
        smallBytes,
        samples,
        ns[samples / 2] / 1e3,
        ns[samples * 9 / 10] / 1e3,
        ns[samples * 99 / 100] / 1e3,
        ns[samples - 1] / 1e3);
  }
}
