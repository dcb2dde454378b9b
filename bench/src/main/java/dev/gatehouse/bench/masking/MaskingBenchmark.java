package dev.gatehouse.bench.masking;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.masking.MaskResult;
import dev.gatehouse.masking.MaskingEngine;
import dev.gatehouse.masking.MaskingRules;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The masking engine with every default detector on (MaskingRules.defaults()):
 *
 * <ul>
 *   <li>{@link #typical}: throughput on a ~256 KiB typical tool result; the {@code bytes} counter
 *       is serialised message bytes per second (divide by 2^20 for MiB/s).
 *   <li>{@link #result4k}: per-message time for a 4 KiB result, sampled ({@code p0.99} is the p99).
 *   <li>{@link #adversarial}: average time on strings of near-matches at 64 KiB, 256 KiB and 1 MiB,
 *       to show the time grows linearly with the size.
 * </ul>
 *
 * A fresh copy of the message is made before each invocation (outside the measured time) because
 * masking changes it in place. Run through bench/masking.sh.
 */
public class MaskingBenchmark {
  static final MaskingEngine ENGINE = MaskingRules.defaults().engineFor("bench");

  /** Per-thread copy of a message, refreshed before every call. */
  @State(Scope.Thread)
  public static class Typical {
    ObjectNode template;
    ObjectNode message;
    int size;

    @Setup(Level.Trial)
    public void build() {
      template = TypicalPayloads.toolResult(256 * 1024, 42);
      size = template.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    @Setup(Level.Invocation)
    public void copy() {
      message = template.deepCopy();
    }
  }

  /** A 4 KiB result. */
  @State(Scope.Thread)
  public static class Small {
    ObjectNode template;
    ObjectNode message;

    @Setup(Level.Trial)
    public void build() {
      template = TypicalPayloads.toolResult(4 * 1024, 7);
    }

    @Setup(Level.Invocation)
    public void copy() {
      message = template.deepCopy();
    }
  }

  /** Bytes masked, reported by JMH as a rate. */
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  @State(Scope.Thread)
  public static class Bytes {
    public long bytes;
  }

  /** A message whose text is one string of near-matches. */
  @State(Scope.Thread)
  public static class Adversarial {
    @Param({"65536", "262144", "1048576"})
    public int size;

    @Param({"4111 ", "1 ", "a.b@c", "password=", "-----BEGIN ", "eyJ", "1:"})
    public String unit;

    ObjectNode template;
    ObjectNode message;

    @Setup(Level.Trial)
    public void build() {
      StringBuilder sb = new StringBuilder(size + unit.length());
      while (sb.length() < size) {
        sb.append(unit);
      }
      sb.setLength(size);
      template = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
      template.put("jsonrpc", "2.0").put("id", 1);
      template
          .putObject("result")
          .putArray("content")
          .addObject()
          .put("type", "text")
          .put("text", sb.toString());
    }

    @Setup(Level.Invocation)
    public void copy() {
      message = template.deepCopy();
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  public MaskResult typical(Typical state, Bytes bytes) {
    bytes.bytes += state.size;
    return ENGINE.maskMessage(state.message);
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public MaskResult result4k(Small state) {
    return ENGINE.maskMessage(state.message);
  }

  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public MaskResult adversarial(Adversarial state) {
    return ENGINE.maskMessage(state.message);
  }
}
