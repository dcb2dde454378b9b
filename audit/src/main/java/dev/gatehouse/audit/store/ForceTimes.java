package dev.gatehouse.audit.store;

/**
 * How long the writer's forces (fdatasync of the segment) took: how many, in total, the slowest,
 * and those over {@link #SLOW_NANOS}. It separates what the disk costs from what the writer adds: a
 * record that arrives while a force is in flight waits for it to end and then for its own, so while
 * a force takes longer than 2 ms, every record that arrives in all but its last 2 ms waits longer
 * than 2 ms. {@link Snapshot#slowExcessNanos()} is that time; as a share of a run at a steady
 * arrival rate, it is the least share of records the disk alone keeps over 2 ms.
 *
 * <p>Written by the sync threads, read by anyone; a force takes hundreds of microseconds, so one
 * monitor is cheap next to it.
 */
public final class ForceTimes {
  public static final long SLOW_NANOS = 2_000_000;

  /**
   * @param forces forces completed (successful or not)
   * @param totalNanos their total duration
   * @param maxNanos the longest
   * @param slowForces those over {@link #SLOW_NANOS}
   * @param slowExcessNanos the sum, over the slow ones, of their duration beyond {@link
   *     #SLOW_NANOS}
   */
  public record Snapshot(
      long forces, long totalNanos, long maxNanos, long slowForces, long slowExcessNanos) {
    /** What happened between {@code earlier} and this (the maximum is this one's: a bound). */
    public Snapshot since(Snapshot earlier) {
      return new Snapshot(
          forces - earlier.forces,
          totalNanos - earlier.totalNanos,
          maxNanos,
          slowForces - earlier.slowForces,
          slowExcessNanos - earlier.slowExcessNanos);
    }
  }

  private long forces;
  private long totalNanos;
  private long maxNanos;
  private long slowForces;
  private long slowExcessNanos;

  synchronized void add(long nanos) {
    forces++;
    totalNanos += nanos;
    maxNanos = Math.max(maxNanos, nanos);
    if (nanos > SLOW_NANOS) {
      slowForces++;
      slowExcessNanos += nanos - SLOW_NANOS;
    }
  }

  public synchronized Snapshot snapshot() {
    return new Snapshot(forces, totalNanos, maxNanos, slowForces, slowExcessNanos);
  }
}
