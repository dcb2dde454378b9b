package dev.gatehouse.audit;

import dev.gatehouse.audit.note.Checkpoint;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/** Pushes the latest checkpoint to every sink on one background thread (see CheckpointSink). */
final class SinkPublisher implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(SinkPublisher.class.getName());

  private record Item(Checkpoint checkpoint, String note) {}

  private final List<CheckpointSink> sinks;
  private final AtomicReference<Item> latest = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean closing;

  SinkPublisher(List<CheckpointSink> sinks) {
    this.sinks = sinks;
    this.thread = Thread.ofPlatform().name("audit-sinks").daemon(true).unstarted(this::run);
    if (!sinks.isEmpty()) {
      thread.start();
    }
  }

  void offer(Checkpoint checkpoint, String note) {
    if (sinks.isEmpty()) {
      return;
    }
    latest.set(new Item(checkpoint, note));
    LockSupport.unpark(thread);
  }

  private void run() {
    while (true) {
      Item item = latest.getAndSet(null);
      if (item == null) {
        if (closing) {
          return;
        }
        LockSupport.park(this);
        continue;
      }
      for (CheckpointSink sink : sinks) {
        try {
          sink.publish(item.checkpoint(), item.note());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } catch (Exception e) {
          LOG.log(
              Level.WARNING,
              "audit checkpoint sink "
                  + sink.describe()
                  + " failed for tree size "
                  + item.checkpoint().size()
                  + ": "
                  + e.getMessage());
        }
      }
    }
  }

  /** Publishes what is pending (the final checkpoint), then stops. */
  @Override
  public void close() {
    closing = true;
    LockSupport.unpark(thread);
    if (!sinks.isEmpty()) {
      try {
        thread.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
