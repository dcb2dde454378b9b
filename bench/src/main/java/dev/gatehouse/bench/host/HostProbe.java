package dev.gatehouse.bench.host;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * What the machine itself does to latency, with no program under test running: the floor under
 * every latency figure a load benchmark prints on it.
 *
 * <ul>
 *   <li><b>CPU stalls.</b> One thread per CPU reads the clock in a tight loop. A gap between two
 *       reads is time the thread did not run: the kernel or, in a virtual machine, the host took
 *       the CPU away. A request in flight on that CPU waits out the gap too.
 *   <li><b>Wake-ups.</b> Two threads hand a token back and forth, parking in between, a few
 *       thousand times a second so that the CPUs go idle between hand-offs as they do at half load.
 *       A round trip is two wake-ups of a sleeping thread by another, which is what every extra hop
 *       through a proxy costs: a proxy adds two such hops to each request (client to proxy and
 *       proxy to upstream, then back).
 * </ul>
 *
 * <p>Usage: {@code HostProbe [seconds per part=3] [round trips per second=4000]}. The last line,
 * {@code HOST key=value ...}, is for scripts.
 */
public final class HostProbe {
  private static final long HALF_MS = 500_000;
  private static final long ONE_MS = 1_000_000;
  private static final long TWO_MS = 2_000_000;

  private HostProbe() {}

  public static void main(String[] args) throws InterruptedException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    int rate = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
    int cpus = Runtime.getRuntime().availableProcessors();
    long nanos = (long) (seconds * 1e9);

    Stalls stalls = stalls(cpus, nanos);
    long[] trips = wakeUps(nanos, rate);
    Arrays.sort(trips);

    double perCpuSecond = cpus * seconds;
    double half = stalls.overHalf / perCpuSecond;
    double one = stalls.overOne / perCpuSecond;
    double two = stalls.overTwo / perCpuSecond;
    double lostPct = 100.0 * stalls.lostNanos / (nanos * (double) cpus);
    double longestMs = stalls.longest / 1e6;
    double p50 = at(trips, 0.50) / 1e3;
    double p99 = at(trips, 0.99) / 1e3;
    double p999 = at(trips, 0.999) / 1e3;
    System.out.printf(
        Locale.ROOT,
        "host: %d CPUs; CPU stalls per CPU-second: >=0.5 ms %.2f, >=1 ms %.2f, >=2 ms %.2f;"
            + " time lost in stalls >=0.5 ms %.2f %%; longest %.2f ms%n",
        cpus,
        half,
        one,
        two,
        lostPct,
        longestMs);
    System.out.printf(
        Locale.ROOT,
        "host: wake-up round trips (%d/s, two thread wake-ups each): p50 %.0f us, p99 %.0f us,"
            + " p99.9 %.0f us, max %.0f us%n",
        rate,
        p50,
        p99,
        p999,
        trips[trips.length - 1] / 1e3);
    System.out.printf(
        Locale.ROOT,
        "HOST cpus=%d stalls_05_hz=%.2f stalls_1_hz=%.2f stalls_2_hz=%.2f stall_lost_pct=%.2f"
            + " stall_max_ms=%.2f wake_p50_us=%.0f wake_p99_us=%.0f wake_p999_us=%.0f%n",
        cpus,
        half,
        one,
        two,
        lostPct,
        longestMs,
        p50,
        p99,
        p999);
  }

  /** Gaps of half a millisecond and more between clock reads, summed over all spinners. */
  static final class Stalls {
    long overHalf;
    long overOne;
    long overTwo;
    long lostNanos;
    long longest;

    void add(long gap) {
      overHalf++;
      lostNanos += gap;
      if (gap >= ONE_MS) {
        overOne++;
      }
      if (gap >= TWO_MS) {
        overTwo++;
      }
      longest = Math.max(longest, gap);
    }

    synchronized void merge(Stalls other) {
      overHalf += other.overHalf;
      overOne += other.overOne;
      overTwo += other.overTwo;
      lostNanos += other.lostNanos;
      longest = Math.max(longest, other.longest);
    }
  }

  static Stalls stalls(int threads, long nanos) throws InterruptedException {
    Stalls total = new Stalls();
    List<Thread> spinners = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      spinners.add(Thread.ofPlatform().name("spinner-" + i).start(() -> total.merge(spin(nanos))));
    }
    for (Thread spinner : spinners) {
      spinner.join();
    }
    return total;
  }

  private static Stalls spin(long nanos) {
    Stalls own = new Stalls();
    long previous = System.nanoTime();
    long end = previous + nanos;
    while (previous < end) {
      long now = System.nanoTime();
      long gap = now - previous;
      previous = now;
      if (gap >= HALF_MS) {
        own.add(gap);
      }
    }
    return own;
  }

  /**
   * Round trips of a token between two parked threads, one started every {@code 1/rate} s; returns
   * each round trip's duration in nanoseconds.
   */
  static long[] wakeUps(long nanos, int rate) throws InterruptedException {
    // Odd: the token is with the responder; even: it is back with the caller.
    AtomicLong token = new AtomicLong();
    Thread caller = Thread.currentThread();
    Thread responder =
        Thread.ofPlatform()
            .name("responder")
            .daemon()
            .start(
                () -> {
                  long seen = 0;
                  while (true) {
                    while (token.get() == seen) {
                      if (Thread.currentThread().isInterrupted()) {
                        return;
                      }
                      LockSupport.park();
                    }
                    seen = token.incrementAndGet();
                    LockSupport.unpark(caller);
                  }
                });
    long interval = 1_000_000_000L / rate;
    int count = (int) (nanos / interval);
    long[] trips = new long[count];
    long next = System.nanoTime() + interval;
    for (int i = 0; i < count; i++, next += interval) {
      long wait = next - System.nanoTime();
      if (wait > 0) {
        LockSupport.parkNanos(wait);
      }
      long start = System.nanoTime();
      long served = token.incrementAndGet();
      LockSupport.unpark(responder);
      while (token.get() == served) {
        LockSupport.park();
      }
      trips[i] = System.nanoTime() - start;
    }
    responder.interrupt();
    return trips;
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  }
}
