package dev.gatehouse.server.upstream;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A deadline for whatever an upstream connection is doing now, kept without a schedule and a cancel
 * per exchange. The scheduled task outlives the exchanges: {@link #set} schedules only when no task
 * is pending or the new deadline comes before it, and {@link #clear} leaves the task in place. When
 * the task fires it runs the action if the current deadline has passed, else it schedules itself
 * for that deadline; with nothing set it just ends. Under steady traffic a connection's timer so
 * fires about once per timeout period instead of being scheduled (a heap insert) and cancelled (a
 * heap removal) for every request, which was about 2 % of the gateway's CPU per exchange.
 * Event-loop confined: every method runs on {@code executor}.
 */
public final class LazyTimer {
  private final EventExecutor executor;
  private final LongSupplier clock;
  private Runnable action;
  private long deadlineNanos;
  private ScheduledFuture<?> task;
  private long taskDueNanos;
  private long schedules; // for tests: how many tasks were scheduled in all

  /** Deadlines in {@link System#nanoTime}. */
  public LazyTimer(EventExecutor executor) {
    this(executor, System::nanoTime);
  }

  /** Deadlines in {@code clock}'s nanoseconds (a test's mock ticker). */
  LazyTimer(EventExecutor executor, LongSupplier clock) {
    this.executor = executor;
    this.clock = clock;
  }

  /** Runs {@code onExpiry} at {@code deadlineNanos} unless cleared or set again. */
  public void set(long deadlineNanos, Runnable onExpiry) {
    this.deadlineNanos = deadlineNanos;
    this.action = onExpiry;
    if (task != null && taskDueNanos - deadlineNanos > 0) {
      task.cancel(false);
      task = null;
    }
    if (task == null) {
      schedule(deadlineNanos);
    }
  }

  /** Forgets the deadline; a pending task finds nothing to do when it fires. */
  public void clear() {
    action = null;
  }

  public boolean isSet() {
    return action != null;
  }

  /** Cancels the pending task too: the connection is closing and nothing will be set again. */
  public void stop() {
    action = null;
    if (task != null) {
      task.cancel(false);
      task = null;
    }
  }

  boolean hasPendingTask() {
    return task != null;
  }

  long schedules() {
    return schedules;
  }

  private void schedule(long dueNanos) {
    schedules++;
    taskDueNanos = dueNanos;
    task =
        executor.schedule(
            this::fire, Math.max(0, dueNanos - clock.getAsLong()), TimeUnit.NANOSECONDS);
  }

  private void fire() {
    task = null;
    Runnable current = action;
    if (current == null) {
      return;
    }
    if (clock.getAsLong() - deadlineNanos >= 0) {
      action = null;
      current.run();
    } else {
      schedule(deadlineNanos);
    }
  }
}
