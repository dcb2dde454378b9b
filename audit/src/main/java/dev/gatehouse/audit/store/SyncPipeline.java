package dev.gatehouse.audit.store;

import dev.gatehouse.audit.AuditUnavailableException;
import dev.gatehouse.audit.merkle.CompactRange;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The sync threads between the writer and the disk: the writer hands written records on, a free
 * sync thread forces the segment once for everything handed on since the last force (group commit),
 * and outcomes are resolved strictly in order: a group's futures complete only when its force and
 * those of every earlier group succeeded, so the acknowledged records (the durable prefix, kept
 * here) are always a prefix of the log.
 *
 * <p>Shares the writer's lock: appends, the writer and the sync threads agree on one state (the
 * queue, the sticky failure, the durable prefix) without a second lock to order. Methods named
 * {@code ...Locked} expect the caller to hold it; the others take it.
 */
final class SyncPipeline {
  // Logs under the writer's name: operators filter on it, and these are its messages.
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());

  /**
   * Records written and handed to the sync threads as one force. Built by the writer, forced by one
   * sync thread, resolved in {@code number} order.
   */
  private static final class Group {
    final long number;
    final Path segment;
    final List<Pending> records = new ArrayList<>();
    long endOffset;
    CompactRange rangeAfter;
    boolean forced;
    IOException error;

    Group(long number, Path segment) {
      this.number = number;
      this.segment = segment;
    }
  }

  private final ReentrantLock lock;

  /** The writer's condition: signalled when a force is resolved. */
  private final Condition writerWake;

  /** The sync threads wait on this: a group to force, stop. */
  private final Condition syncWake;

  private final FileOpener opener;
  private final StickyFailure failure;
  private final List<Thread> syncers = new ArrayList<>();
  private final ForceTimes forceTimes = new ForceTimes();

  // Guarded by lock.
  private Group open; // written, not yet taken by a sync thread
  private final ArrayDeque<Group> inFlight = new ArrayDeque<>();
  private long nextGroup;
  private long brokenFrom = Long.MAX_VALUE; // groups from this number on failed to force
  private boolean syncStop;
  // The durable prefix: records whose force (and every earlier one) succeeded.
  private long durableSize;
  private CompactRange durableRange;
  private long durableSegmentBytes;
  private long durableSegmentRecords;

  /**
   * @param durableSize records already durable (those found at start)
   * @param durableRange the tree over them
   */
  SyncPipeline(
      ReentrantLock lock,
      Condition writerWake,
      FileOpener opener,
      StickyFailure failure,
      int threads,
      long durableSize,
      CompactRange durableRange) {
    this.lock = lock;
    this.writerWake = writerWake;
    this.syncWake = lock.newCondition();
    this.opener = opener;
    this.failure = failure;
    this.durableSize = durableSize;
    this.durableRange = durableRange;
    for (int i = 0; i < threads; i++) {
      syncers.add(Thread.ofPlatform().name("audit-sync-" + i).daemon(true).unstarted(this::sync));
    }
  }

  ForceTimes.Snapshot forceTimes() {
    return forceTimes.snapshot();
  }

  void start() {
    syncers.forEach(Thread::start);
  }

  /** Lets the sync threads finish the force they are doing and end. */
  void stop() {
    lock.lock();
    try {
      syncStop = true;
      syncWake.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Adds written records to the group the next free sync thread takes.
   *
   * @param endOffset the segment's length once they are in it
   * @param rangeAfter the tree over every record up to and including them
   */
  void handOn(List<Pending> records, Path segment, long endOffset, CompactRange rangeAfter) {
    lock.lock();
    try {
      if (open == null) {
        open = new Group(nextGroup++, segment);
      }
      open.records.addAll(records);
      open.endOffset = endOffset;
      open.rangeAfter = rangeAfter;
      syncWake.signal();
    } finally {
      lock.unlock();
    }
  }

  /** Whether a force could start now. */
  boolean threadFreeLocked() {
    return inFlight.size() + (open != null ? 1 : 0) < syncers.size();
  }

  /** Everything written is resolved (forced or failed). */
  boolean idleLocked() {
    return open == null && inFlight.isEmpty();
  }

  /** Waits until every force in flight is resolved (and, unless failed, everything written). */
  void await() {
    lock.lock();
    try {
      while (!inFlight.isEmpty() || (open != null && !failure.isSet())) {
        writerWake.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * After a failure, once {@link #await} returned: moves the records written but not handed to a
   * sync thread to {@code into} (they are failed, never forced) and forgets the broken groups.
   */
  void drainAfterFailureLocked(List<Pending> into) {
    if (open != null) {
      into.addAll(open.records);
      open = null;
    }
    brokenFrom = Long.MAX_VALUE;
  }

  long durableSizeLocked() {
    return durableSize;
  }

  CompactRange durableRangeLocked() {
    return durableRange;
  }

  long durableSegmentBytesLocked() {
    return durableSegmentBytes;
  }

  long durableSegmentRecordsLocked() {
    return durableSegmentRecords;
  }

  /** A new segment starts with nothing durable in it. */
  void segmentOpened() {
    lock.lock();
    try {
      durableSegmentBytes = 0;
      durableSegmentRecords = 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * A sync thread. Each forces through its own descriptor of the segment: Linux reports a writeback
   * error once per open file description, so with one shared descriptor an error on an earlier
   * batch's pages could be reported to a later, concurrent force only, and the earlier force would
   * wrongly succeed. With a descriptor each, every force sees every error that happened before it
   * finished, and the in-order resolution fails the right batches.
   */
  private void sync() {
    AppendFile file = null;
    Path path = null;
    try {
      while (true) {
        Group g;
        lock.lock();
        try {
          while (open == null || failure.isSet()) {
            if (syncStop) {
              return;
            }
            syncWake.awaitUninterruptibly();
          }
          g = open;
          open = null;
          inFlight.add(g);
        } finally {
          lock.unlock();
        }
        IOException error = null;
        try {
          if (!g.segment.equals(path)) {
            AuditFiles.closeQuietly(file);
            file = null;
            file = opener.openAppend(g.segment, false);
            path = g.segment;
          }
          long started = System.nanoTime();
          try {
            file.force();
          } finally {
            forceTimes.add(System.nanoTime() - started);
          }
        } catch (IOException e) {
          error = e;
          // Never forced again: recovery works on fresh descriptors.
          AuditFiles.closeQuietly(file);
          file = null;
          path = null;
        }
        resolve(g, error);
      }
    } finally {
      AuditFiles.closeQuietly(file);
    }
  }

  /**
   * Records the outcome of {@code g}'s force and completes every group at the head of the in-flight
   * queue whose outcome is known, in order: a group succeeds only if its force and all earlier ones
   * did, so acknowledged records are always a prefix of the log.
   */
  private void resolve(Group g, IOException error) {
    List<Group> done = new ArrayList<>();
    List<Group> lost = new ArrayList<>();
    AuditUnavailableException ex;
    lock.lock();
    try {
      g.forced = true;
      g.error = error;
      if (error != null) {
        failure.set(error);
        brokenFrom = Math.min(brokenFrom, g.number);
      }
      while (!inFlight.isEmpty() && inFlight.peekFirst().forced) {
        Group h = inFlight.pollFirst();
        if (h.number < brokenFrom) {
          durableSize += h.records.size();
          durableRange = h.rangeAfter;
          durableSegmentBytes = h.endOffset;
          durableSegmentRecords += h.records.size();
          done.add(h);
        } else {
          failure.refuse(h.records.size());
          lost.add(h);
        }
      }
      ex = failure.get();
      writerWake.signal();
    } finally {
      lock.unlock();
    }
    for (Group d : done) {
      for (Pending p : d.records) {
        if (p.future() != null) {
          p.future().complete(p.seq());
        }
      }
    }
    for (Group l : lost) {
      for (Pending p : l.records) {
        if (p.future() != null) {
          p.future().completeExceptionally(ex);
        }
      }
    }
    if (error != null) {
      StickyFailure.logFailed(LOG, error);
    }
  }
}
