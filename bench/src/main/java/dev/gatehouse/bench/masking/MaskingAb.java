package dev.gatehouse.bench.masking;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Interleaved A/B comparison of two builds of the masking engine: {@code java -cp
 * bench/target/benchmarks.jar dev.gatehouse.bench.masking.MaskingAb before.jar after.jar} (each a
 * copy of benchmarks.jar). Each jar is loaded in its own class loader and the rounds alternate, so
 * the neighbours on a shared machine slow both sides alike: back-to-back runs of {@link
 * MaskingCpuTime} on this 2-core VM differ by 30 % or more, while two copies of the same jar here
 * agree within 0.5 %. Prints each side's median CPU time per round on the typical payload and its
 * speed relative to the first jar.
 */
public final class MaskingAb {
  private static final int WARM_UP = 1500;
  private static final int ROUNDS = 400;

  private MaskingAb() {}

  /** One build: its engine with the default rules and its own copy of the typical payload. */
  private static final class Side {
    final String name;
    final Object engine;
    final Object payload;
    final Method mask;
    final Method copy;

    Side(String jar) throws ReflectiveOperationException, java.io.IOException {
      name = Path.of(jar).getFileName().toString();
      // The platform loader as parent: the jar's own Jackson and masking classes, not ours.
      ClassLoader cl =
          new URLClassLoader(
              new URL[] {Path.of(jar).toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> rules = cl.loadClass("dev.gatehouse.masking.MaskingRules");
      Object defaults = rules.getMethod("defaults").invoke(null);
      engine = defaults.getClass().getMethod("engineFor", String.class).invoke(defaults, "bench");
      Method toolResult =
          cl.loadClass(TypicalPayloads.class.getName())
              .getDeclaredMethod("toolResult", int.class, long.class);
      toolResult.setAccessible(true);
      payload = toolResult.invoke(null, 256 * 1024, 42L);
      Class<?> objectNode = cl.loadClass("com.fasterxml.jackson.databind.node.ObjectNode");
      mask = engine.getClass().getMethod("maskMessage", objectNode);
      copy = objectNode.getMethod("deepCopy");
    }

    long round(ThreadMXBean mx) throws ReflectiveOperationException {
      Object message = copy.invoke(payload);
      long t0 = mx.getCurrentThreadCpuTime();
      mask.invoke(engine, message);
      return mx.getCurrentThreadCpuTime() - t0;
    }
  }

  public static void main(String[] jars) throws Exception {
    if (jars.length < 2) {
      System.err.println("usage: MaskingAb before.jar after.jar [more.jar...]");
      System.exit(2);
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    Side[] sides = new Side[jars.length];
    for (int i = 0; i < jars.length; i++) {
      sides[i] = new Side(jars[i]);
    }
    int bytes =
        sides[0].payload.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    for (int r = 0; r < WARM_UP; r++) {
      for (Side s : sides) {
        s.round(mx);
      }
    }
    long[][] t = new long[sides.length][ROUNDS];
    for (int r = 0; r < ROUNDS; r++) {
      for (int i = 0; i < sides.length; i++) {
        t[i][r] = sides[i].round(mx);
      }
    }
    double first = 0;
    for (int i = 0; i < sides.length; i++) {
      Arrays.sort(t[i]);
      double median = t[i][ROUNDS / 2] / 1e9;
      if (i == 0) {
        first = median;
      }
      System.out.printf(
          Locale.ROOT,
          "%-28s median %.3f ms = %.1f MB/s per CPU-second  (x%.3f vs %s)%n",
          sides[i].name,
          median * 1e3,
          bytes / 1e6 / median,
          first / median,
          sides[0].name);
    }
  }
}
