package dev.gatehouse.server.e2e.support;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping a guessed amount of time. */
public final class Polling {
  private static final long PAUSE_NANOS = Duration.ofMillis(5).toNanos();

  private Polling() {}

  /** Returns once {@code condition} holds; fails with {@code describe} after {@code deadline}. */
  public static void until(
      Duration deadline, BooleanSupplier condition, Supplier<String> describe) {
    long end = System.nanoTime() + deadline.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - end > 0) {
        throw new AssertionError(
            "not true within " + deadline.toMillis() + " ms: " + describe.get());
      }
      // A short pause between checks so the poll does not keep a core of a 2-core machine busy.
      LockSupport.parkNanos(PAUSE_NANOS);
    }
  }
}
