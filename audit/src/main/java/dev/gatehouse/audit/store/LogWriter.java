package dev.gatehouse.audit.store;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.AuditUnavailableException;
import dev.gatehouse.audit.merkle.CompactRange;
import dev.gatehouse.audit.merkle.Hashes;
import dev.gatehouse.audit.note.Checkpoint;
import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteSigner;
import dev.gatehouse.audit.note.SignedNote;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The single writer of an audit directory. Callers {@link #append} records from any thread; one
 * writer thread drains the queue, hashes and writes the records, and hands what it wrote to a sync
 * thread, which forces the segment once for everything handed to it so far (group commit). The
 * writer does not wait for the force: it writes the next batch while the previous one is being
 * forced, so a batch's CPU work and its write overlap the disk's flush of the one before.
 *
 * <p>There is one sync thread unless the system property {@value #SYNC_THREADS_PROPERTY} asks for
 * more (up to 8). Several forces in flight suit a disk whose flushes overlap ({@code FsyncProbe}
 * shows whether they do) on a machine with CPU to spare: each force is a syscall and a wake-up, and
 * on our shared 2-core VM four sync threads cost more CPU per record than they saved in waiting, so
 * the default is one. Whatever the number, records are acknowledged strictly in order: a batch's
 * futures complete only when its force and those of every earlier batch succeeded, so the
 * acknowledged records are always a prefix of the log. The writer also signs a checkpoint over that
 * durable prefix whenever it grew and the checkpoint interval has passed, and on close.
 *
 * <p>Segments are preallocated (see {@link Preallocator}) and cut to their real length when sealed.
 *
 * <p>Failure is fail-closed and sticky: an I/O error puts the writer in a failed state in which
 * every pending and new append fails with {@link AuditUnavailableException}. The file that failed
 * is never forced again (after a failed fsync the kernel may have dropped the dirty pages and a
 * second fsync can report success for data that is gone). Recovery, tried every {@code
 * recoveryInterval}: re-read the failed segment and check that its acknowledged records are intact
 * (same tree root), cut it back to its last acknowledged byte with a fresh descriptor and force
 * that, cut {@code checkpoints.log} back to its last complete checkpoint likewise, then start a new
 * segment. Only when all of that succeeds does the writer accept records again.
 *
 * <p>This class coordinates; the parts live beside it: {@link SyncPipeline} (sync threads, in-order
 * acknowledgement, the durable prefix), {@link ActiveSegment} (open, roll, seal, cut back), {@link
 * CheckpointFile}, {@link StickyFailure} (the fail-closed state) and {@link StartupRepair}.
 */
public final class LogWriter implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** What the writer needs; built by {@code AuditLog} from {@code AuditOptions}. */
  public record Config(
      Path dir,
      boolean durable,
      long segmentMaxBytes,
      Duration segmentMaxAge,
      Duration checkpointInterval,
      Duration recoveryInterval,
      int maxQueued,
      FileOpener opener,
      NoteSigner signer,
      String origin,
      Listener listener) {}

  /** Events for the owner (sinks, logging, follow-up records). Called on the writer thread. */
  public interface Listener {
    void onCheckpoint(Checkpoint checkpoint, String signedNote);

    /** The writer accepts records again after {@code failure}; {@code refused} appends failed. */
    void onRecovered(String failure, Instant failedAt, long refused, List<String> findings);
  }

  /**
   * What start-up recovery found.
   *
   * @param reports harmless repairs (a torn tail cut off), for the log and a recovery record
   * @param problems tampering or damage at or before a signed checkpoint: never repaired
   */
  public record Startup(List<String> reports, List<LogScan.Problem> problems) {}

  /** The number of sync threads, i.e. of forces in flight at most (see the class doc). */
  public static final String SYNC_THREADS_PROPERTY = "gatehouse.audit.syncThreads";

  /** While the sync threads are busy, appends wake the writer once per this many records. */
  private static final int WAKE_EVERY = 32;

  /** A batch is written (and can be handed to a sync thread) once it holds this many bytes. */
  private static final int MAX_WRITE_BYTES = 256 * 1024;

  private final Config config;
  private final Startup startup;
  private final ReentrantLock lock = new ReentrantLock();

  /** The writer waits on this: new records, a resolved force, close. */
  private final Condition wake = lock.newCondition();

  private final Thread thread;
  private final SyncPipeline pipeline;

  // Guarded by lock.
  private List<Pending> queue = new ArrayList<>();
  private long nextSeq;
  private boolean closing;
  private final StickyFailure failure = new StickyFailure();
  private long lastTimeMillis = Long.MIN_VALUE;
  private String lastTime;

  // Writer thread only.
  private CompactRange range; // every record written, durable or not
  private final RecordBuffer buf = new RecordBuffer(MAX_WRITE_BYTES + 64 * 1024);
  private final ActiveSegment segment;
  private final CheckpointFile checkpoints;
  private long checkpointSize = -1; // guarded by lock: the size of the last forced checkpoint
  private boolean checkpointInFlight; // guarded by lock
  private long lastCheckpointNanos;

  /**
   * Forces {@code checkpoints.log} off the writer thread: a checkpoint's force commits the file's
   * growth to the ext4 journal and took 2-25 ms on the benchmark disk, once a second; on the writer
   * thread every record arriving meanwhile waited for it. Records never need to wait for
   * checkpoints: a checkpoint only covers records already durable.
   */
  private final ExecutorService checkpointForcer =
      Executors.newSingleThreadExecutor(
          r -> Thread.ofPlatform().name("audit-checkpoint").daemon(true).unstarted(r));

  private long lastRecoveryNanos;
  private Instant failedAt;
  private final CompletableFuture<Void> stopped = new CompletableFuture<>();

  private LogWriter(Config config, LogScan.Result scan, Startup startup, ActiveSegment segment) {
    this.config = config;
    this.segment = segment;
    this.checkpoints = new CheckpointFile(config.dir(), config.opener());
    this.startup = startup;
    this.range = scan.range;
    this.nextSeq = scan.records;
    LogScan.StoredCheckpoint latest = scan.latestCheckpoint();
    if (scan.ok() && latest != null && latest.checkpoint().size() == scan.records) {
      checkpointSize = scan.records; // nothing new to sign until records arrive
    }
    // The first checkpoint comes one interval after start, not with the first record.
    this.lastCheckpointNanos = System.nanoTime();
    this.thread = Thread.ofPlatform().name("audit-writer").daemon(true).unstarted(this::run);
    int syncThreads = Math.max(1, Math.min(8, Integer.getInteger(SYNC_THREADS_PROPERTY, 1)));
    this.pipeline =
        new SyncPipeline(
            lock, wake, config.opener(), failure, syncThreads, scan.records, scan.range.copy());
  }

  /** Recovers the directory (see class doc), opens a new segment and starts the writer thread. */
  public static LogWriter open(Config config) throws IOException {
    Files.createDirectories(config.dir());
    StartupRepair.Outcome repaired = StartupRepair.repair(config);
    LogScan.Result scan = repaired.scan();
    ActiveSegment segment =
        new ActiveSegment(
            config.dir(),
            config.opener(),
            config.segmentMaxBytes(),
            config.segmentMaxAge(),
            scan.lastSegmentNumber);
    LogWriter w = new LogWriter(config, scan, repaired.startup(), segment);
    w.openFiles();
    w.thread.start();
    w.pipeline.start();
    return w;
  }

  private void openFiles() throws IOException {
    checkpoints.open();
    segment.sealPrevious();
    newSegment();
  }

  /** What recovery found at start; the owner records it. */
  public Startup startup() {
    return startup;
  }

  /**
   * Queues {@code record} (taking ownership of it: the writer adds {@code seq} and {@code time}).
   * In durable mode the stage completes with the record's seq once it is on disk; in async mode at
   * once. Fails with {@link AuditUnavailableException} when the log cannot take records.
   */
  public CompletionStage<Long> append(ObjectNode record) {
    record.remove("seq");
    record.remove("time");
    byte[][] parts = CanonicalJson.split(record, "seq", "time");
    lock.lock();
    try {
      if (failure.isSet()) {
        failure.refuse(1);
        return CompletableFuture.failedStage(failure.get());
      }
      if (closing) {
        return CompletableFuture.failedStage(new AuditUnavailableException("audit log is closed"));
      }
      if (queue.size() >= config.maxQueued()) {
        return CompletableFuture.failedStage(
            new AuditUnavailableException(
                "audit log overloaded: " + queue.size() + " records waiting for the disk"));
      }
      long seq = nextSeq++;
      String time = timestamp(Instant.now());
      CompletableFuture<Long> future = config.durable() ? new CompletableFuture<>() : null;
      queue.add(new Pending(seq, time, parts, future));
      if ((queue.size() == 1 && pipeline.threadFreeLocked()) || queue.size() % WAKE_EVERY == 0) {
        // While every sync thread is busy the records wait for the force to finish (which wakes
        // the writer) rather than waking it one by one: a wake-up and a write per record cost
        // more CPU than the pipelining saved. A long force still gets the writer going every
        // WAKE_EVERY records, so the next batch is mostly written when the force returns.
        wake.signal();
      }
      return future != null
          ? future.minimalCompletionStage()
          : CompletableFuture.completedStage(seq);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The record time, formatted once per millisecond: under load many records share one, and
   * formatting costs more than the rest of what is done under the lock. Caller holds the lock.
   */
  private String timestamp(Instant now) {
    long millis = now.toEpochMilli();
    if (millis != lastTimeMillis) {
      lastTimeMillis = millis;
      lastTime = TIME.format(now);
    }
    return lastTime;
  }

  /** How long the segment forces have taken since the writer opened (see {@link ForceTimes}). */
  public ForceTimes.Snapshot forceTimes() {
    return pipeline.forceTimes();
  }

  public boolean isHealthy() {
    lock.lock();
    try {
      return !failure.isSet() && !closing;
    } finally {
      lock.unlock();
    }
  }

  /** "ok" or why the log refuses records. */
  public String healthDetail() {
    lock.lock();
    try {
      return failure.isSet() ? failure.get().getMessage() : closing ? "audit log is closed" : "ok";
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting records, writes what is queued, signs a final checkpoint, stops. */
  @Override
  public void close() {
    lock.lock();
    try {
      closing = true;
      wake.signal();
    } finally {
      lock.unlock();
    }
    try {
      stopped.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.log(Level.ERROR, "audit writer did not stop cleanly", e);
    }
  }

  // ---- writer thread ----

  private void run() {
    try {
      while (true) {
        List<Pending> batch;
        boolean stop;
        boolean failed;
        lock.lock();
        try {
          // Wake for: records, a failure not yet acted on, a drained pipeline to close, a due
          // checkpoint; and, while failed, the next recovery attempt (the timer).
          while (queue.isEmpty()
              && !(failure.isSet() && (segment.isOpen() || checkpoints.isOpen()))
              && !(closing && pipeline.idleLocked() && !checkpointInFlight)
              && !(!failure.isSet() && checkpointDue(false))) {
            long waitNanos = nanosUntilTimer();
            if (waitNanos <= 0) {
              break;
            }
            try {
              wake.awaitNanos(waitNanos);
            } catch (InterruptedException e) {
              // Only close() should stop the writer; treat an interrupt as a close.
              closing = true;
            }
          }
          batch = queue;
          queue = new ArrayList<>();
          stop = closing;
          failed = failure.isSet();
        } finally {
          lock.unlock();
        }
        if (failed) {
          if (segment.isOpen() || checkpoints.isOpen()) {
            enterFailedState();
          }
          failAll(batch);
          if (System.nanoTime() - lastRecoveryNanos >= config.recoveryInterval().toNanos()) {
            tryRecover();
          }
          if (stop && queueEmpty()) {
            break;
          }
          continue;
        }
        if (!batch.isEmpty()) {
          writeBatch(batch);
        }
        if (isFailed()) {
          continue;
        }
        boolean idle;
        lock.lock();
        try {
          idle = pipeline.idleLocked();
        } finally {
          lock.unlock();
        }
        // A checkpoint covers the durable prefix, so it need not wait for the forces in flight;
        // the last one, on close, waits until everything written is durable.
        if (checkpointDue(stop && idle)) {
          writeCheckpoint();
        }
        if (stop
            && idle
            && queueEmpty()
            && !isFailed()
            && !checkpointInFlight()
            && !checkpointDue(true)) {
          break;
        }
      }
    } catch (RuntimeException | Error e) {
      LOG.log(Level.ERROR, "audit writer thread died", e);
      markFailed(new IOException("audit writer thread died: " + e));
      enterFailedState();
    } finally {
      pipeline.stop();
      segment.stopPreallocating();
      awaitCheckpoint();
      checkpointForcer.shutdown();
      checkpoints.closeQuietly();
      segment.closeAtStop();
      stopped.complete(null);
    }
  }

  private boolean queueEmpty() {
    lock.lock();
    try {
      return queue.isEmpty();
    } finally {
      lock.unlock();
    }
  }

  private boolean isFailed() {
    lock.lock();
    try {
      return failure.isSet();
    } finally {
      lock.unlock();
    }
  }

  /** Caller holds the lock. */
  private long nanosUntilTimer() {
    long now = System.nanoTime();
    if (failure.isSet()) {
      return lastRecoveryNanos + config.recoveryInterval().toNanos() - now;
    }
    if (!checkpointInFlight && pipeline.durableSizeLocked() != checkpointSize) {
      return lastCheckpointNanos + config.checkpointInterval().toNanos() - now;
    }
    return TimeUnit.SECONDS.toNanos(60); // a checkpoint force in flight signals when done
  }

  private boolean checkpointDue(boolean closing) {
    lock.lock();
    try {
      if (checkpointInFlight || pipeline.durableSizeLocked() == checkpointSize) {
        return false;
      }
      return closing
          || System.nanoTime() - lastCheckpointNanos >= config.checkpointInterval().toNanos();
    } finally {
      lock.unlock();
    }
  }

  /** Writes {@code batch} in pieces of at most {@link #MAX_WRITE_BYTES}, each handed on at once. */
  private void writeBatch(List<Pending> batch) {
    int from = 0;
    while (from < batch.size()) {
      if (isFailed()) { // a force failed meanwhile: write nothing more to this file
        failAll(batch.subList(from, batch.size()));
        return;
      }
      if (!segment.isOpen() || segment.full()) {
        try {
          rollSegment();
        } catch (IOException e) {
          fail(e, batch.subList(from, batch.size()));
          return;
        }
        if (isFailed()) { // a force failed while the old segment drained
          failAll(batch.subList(from, batch.size()));
          return;
        }
      }
      buf.reset();
      int to = from;
      while (to < batch.size() && buf.size() < MAX_WRITE_BYTES) {
        Pending p = batch.get(to++);
        if (p.seq() != range.size()) {
          throw new IllegalStateException("seq " + p.seq() + " out of order at " + range.size());
        }
        int start = buf.size();
        buf.appendRecord(p.seq(), p.time(), p.parts());
        range.append(Hashes.leaf(buf.array(), start, buf.size() - start));
        buf.newline();
      }
      try {
        segment.write(buf.contents(), to - from);
      } catch (IOException e) {
        // Whatever part of this piece reached the file is not acknowledged: the failed state
        // rewinds to the durable prefix and recovery cuts the segment back to it. Records in
        // flight before this piece may still complete.
        fail(e, batch.subList(from, batch.size()));
        return;
      }
      handOn(batch.subList(from, to));
      from = to;
    }
  }

  /** Hands written records to the sync threads. */
  private void handOn(List<Pending> records) {
    pipeline.handOn(records, segment.path(), segment.bytes(), range.copy());
  }

  // ---- checkpoints, segments ----

  private void writeCheckpoint() {
    long size;
    byte[] root;
    lock.lock();
    try {
      size = pipeline.durableSizeLocked();
      root = pipeline.durableRangeLocked().root();
    } finally {
      lock.unlock();
    }
    Checkpoint cp = new Checkpoint(config.origin(), size, root);
    String note;
    try {
      note = SignedNote.sign(cp.text(), config.signer()).format();
    } catch (NoteException e) {
      throw new IllegalStateException("cannot sign a well-formed checkpoint", e);
    }
    byte[] bytes = note.getBytes(StandardCharsets.UTF_8);
    long upTo;
    try {
      upTo = checkpoints.write(bytes);
    } catch (IOException e) {
      fail(e, List.of());
      return;
    }
    lock.lock();
    try {
      checkpointInFlight = true;
    } finally {
      lock.unlock();
    }
    lastCheckpointNanos = System.nanoTime();
    checkpointForcer.execute(() -> forceCheckpoint(cp, note, size, upTo));
  }

  /** On the checkpoint forcer: makes the written checkpoint durable, then publishes it. */
  private void forceCheckpoint(Checkpoint cp, String note, long size, long upTo) {
    IOException error = null;
    try {
      checkpoints.force(upTo);
    } catch (IOException e) {
      error = e;
    }
    lock.lock();
    try {
      checkpointInFlight = false;
      if (error == null) {
        checkpointSize = size;
      } else {
        failure.set(error); // the writer sees it, enters the failed state and recovers
      }
      wake.signalAll();
    } finally {
      lock.unlock();
    }
    if (error != null) {
      StickyFailure.logFailed(LOG, error);
      return;
    }
    try {
      config.listener().onCheckpoint(cp, note);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit checkpoint listener failed", e);
    }
  }

  private boolean checkpointInFlight() {
    lock.lock();
    try {
      return checkpointInFlight;
    } finally {
      lock.unlock();
    }
  }

  /** Waits until no checkpoint force is in flight (before the writer closes or cuts the file). */
  private void awaitCheckpoint() {
    lock.lock();
    try {
      while (checkpointInFlight) {
        wake.awaitUninterruptibly();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Seals the current segment once everything written to it is durable, and opens the next. */
  private void rollSegment() throws IOException {
    if (segment.isOpen()) {
      pipeline.await();
      if (isFailed()) {
        return;
      }
      segment.seal();
    }
    newSegment();
  }

  private void newSegment() throws IOException {
    // Reset before the open: if it fails, recovery must not cut the new file to the old length.
    pipeline.segmentOpened();
    segment.openNext(range);
  }

  // ---- failure and recovery ----

  /** Sets the sticky failure (first one wins) so that appends are refused from now on. */
  private AuditUnavailableException markFailed(IOException e) {
    lock.lock();
    try {
      return failure.set(e);
    } finally {
      lock.unlock();
    }
  }

  /** A write, checkpoint or segment failure on the writer thread. */
  private void fail(IOException e, List<Pending> batch) {
    markFailed(e);
    StickyFailure.logFailed(LOG, e);
    enterFailedState();
    failAll(batch);
  }

  /**
   * Lets the forces in flight resolve, fails whatever was written but not handed on and whatever is
   * queued, rewinds to the durable prefix and closes the files: they are never forced again;
   * recovery works on fresh descriptors.
   */
  private void enterFailedState() {
    pipeline.await();
    awaitCheckpoint();
    List<Pending> drained = new ArrayList<>();
    long keepBytes;
    long keepRecords;
    lock.lock();
    try {
      pipeline.drainAfterFailureLocked(drained);
      drained.addAll(queue);
      queue = new ArrayList<>();
      nextSeq = pipeline.durableSizeLocked();
      range = pipeline.durableRangeLocked().copy();
      keepBytes = pipeline.durableSegmentBytesLocked();
      keepRecords = pipeline.durableSegmentRecordsLocked();
    } finally {
      lock.unlock();
    }
    failedAt = Instant.now();
    lastRecoveryNanos = System.nanoTime();
    segment.rewindAndClose(keepBytes, keepRecords);
    checkpoints.closeQuietly();
    failAll(drained);
  }

  private void failAll(List<Pending> batch) {
    AuditUnavailableException ex;
    lock.lock();
    try {
      ex = failure.get();
      failure.refuse(batch.size());
    } finally {
      lock.unlock();
    }
    for (Pending p : batch) {
      if (p.future() != null) {
        p.future().completeExceptionally(ex);
      }
    }
  }

  private void tryRecover() {
    lastRecoveryNanos = System.nanoTime();
    List<String> findings = new ArrayList<>();
    try {
      segment.cutBack(range, findings);
      checkpoints.cutBackAndReopen();
      newSegment();
    } catch (IOException e) {
      segment.closeQuietly();
      checkpoints.closeQuietly();
      LOG.log(Level.WARNING, "audit log still not writable: " + e.getMessage());
      return;
    }
    String why;
    long count;
    lock.lock();
    try {
      why = failure.get().getMessage();
      count = failure.refused();
      failure.clear();
      nextSeq = pipeline.durableSizeLocked();
    } finally {
      lock.unlock();
    }
    LOG.log(Level.WARNING, "audit log writable again after: " + why);
    try {
      config.listener().onRecovered(why, failedAt, count, findings);
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit recovery listener failed", e);
    }
  }
}
