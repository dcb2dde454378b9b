package dev.gatehouse.audit.store;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.gatehouse.audit.merkle.CompactRange;
import dev.gatehouse.audit.merkle.Hashes;
import dev.gatehouse.audit.merkle.MerkleTree;
import dev.gatehouse.audit.note.Checkpoint;
import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.SignedNote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a whole audit directory and checks it: every segment line is a complete JSON object whose
 * {@code seq} is its leaf index, every checkpoint parses and carries a valid signature, checkpoint
 * sizes never shrink, and the root of the records' tree at every checkpoint's size equals the
 * signed root (which is stronger than checking consistency proofs between checkpoints: each
 * checkpoint is compared with the real tree). Both the offline verifier and the writer's start-up
 * recovery use this one implementation.
 *
 * <p>Records after the last valid checkpoint that are incomplete or unreadable are not a problem
 * but a {@linkplain Result#tornTail torn tail}: the last write of a crashed process. Anything wrong
 * at or before a checkpoint is a {@link Problem}.
 */
public final class LogScan {
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  /** Verifies one checkpoint note's signature; throws with the reason when it does not. */
  @FunctionalInterface
  public interface SignatureCheck {
    /** Returns the verified note text. */
    String verify(SignedNote note) throws NoteException;
  }

  /**
   * Something wrong at or before a signed checkpoint.
   *
   * @param seq the first record affected, or -1 when the problem is a checkpoint that cannot be
   *     tied to a record
   * @param reason what is wrong, for a person
   * @param exact false when the problem lies somewhere in a range starting at {@code seq} (a
   *     checkpoint root mismatch cannot say which record differs)
   */
  public record Problem(long seq, String reason, boolean exact) {
    /** A problem pinned to exactly {@code seq}. */
    public Problem(long seq, String reason) {
      this(seq, reason, true);
    }

    @Override
    public String toString() {
      return (seq >= 0 ? "seq " + seq + ": " : "") + reason;
    }
  }

  /** A checkpoint that parsed and verified, with where it is stored. */
  public record StoredCheckpoint(Checkpoint checkpoint, String note, long offset) {}

  /**
   * Where valid records stop in the last segment.
   *
   * @param segment the segment file
   * @param offset byte offset of the first unusable byte
   * @param bytes how many bytes follow it
   */
  public record TornTail(Path segment, long offset, long bytes) {}

  /** Everything the scan learned. */
  public static final class Result {
    public final List<Problem> problems = new ArrayList<>();
    public final List<StoredCheckpoint> checkpoints = new ArrayList<>();
    public final CompactRange range = new CompactRange();
    public MerkleTree tree;
    public long records;
    public long segments;
    public long lastSegmentNumber;

    /**
     * Length of the newest segment without its preallocated NUL tail (0 when there is no segment or
     * it holds no data); the writer cuts the segment there before it seals it.
     */
    public long lastSegmentDataEnd;

    public TornTail tornTail;
    public long checkpointTornOffset = -1;
    public long checkpointFileLength;
    public String origin;
    boolean mismatchReported;

    public boolean ok() {
      return problems.isEmpty();
    }

    /** The first problem: exact ones by seq (checkpoint-level ones, seq -1, first), then ranges. */
    public Problem firstProblem() {
      // A record pinned exactly beats a checkpoint mismatch whose range merely starts earlier.
      return problems.stream()
          .min(
              java.util.Comparator.comparing((Problem p) -> !p.exact())
                  .thenComparingLong(Problem::seq))
          .orElse(null);
    }

    public StoredCheckpoint latestCheckpoint() {
      return checkpoints.isEmpty() ? null : checkpoints.get(checkpoints.size() - 1);
    }
  }

  private LogScan() {}

  /**
   * @param origin the expected origin line, or null to take it from the first checkpoint
   * @param keepLeaves also keep every leaf hash (for proofs); costs 32 bytes per record
   */
  public static Result scan(Path dir, String origin, SignatureCheck check, boolean keepLeaves)
      throws IOException {
    Result r = new Result();
    r.origin = origin;
    if (keepLeaves) {
      r.tree = new MerkleTree();
    }
    readCheckpoints(dir, check, r);
    long lastCheckpointSize =
        r.checkpoints.stream().mapToLong(c -> c.checkpoint().size()).max().orElse(0);
    List<SegmentFiles.Segment> segments = SegmentFiles.list(dir);
    r.segments = segments.size();
    int nextCheckpoint = 0;
    nextCheckpoint = compareCheckpoints(r, nextCheckpoint);
    boolean recordProblem = false;
    long expectedNumber = 1;
    scanning:
    for (int s = 0; s < segments.size(); s++) {
      SegmentFiles.Segment seg = segments.get(s);
      if (seg.number() != expectedNumber) {
        r.problems.add(
            new Problem(
                r.records,
                "segment "
                    + SegmentFiles.name(expectedNumber)
                    + " is missing (found "
                    + seg.path().getFileName()
                    + ")"));
        recordProblem = true;
      }
      expectedNumber = seg.number() + 1;
      r.lastSegmentNumber = seg.number();
      boolean last = s == segments.size() - 1;
      byte[] data = Files.readAllBytes(seg.path());
      // Only the newest segment may end in preallocated NULs: sealing cuts every other one to its
      // real length, so NULs there are damage (an incomplete record).
      int end = last ? Lines.dataEnd(data) : data.length;
      if (last) {
        r.lastSegmentDataEnd = end;
      }
      for (Lines.Line line : Lines.split(data, end)) {
        long seq = r.records;
        String bad =
            line.terminated()
                ? checkRecord(line.bytes(), seq)
                : "record is incomplete (no newline)";
        if (bad != null) {
          if (last && seq >= lastCheckpointSize) {
            r.tornTail = new TornTail(seg.path(), line.offset(), end - line.offset());
            break scanning;
          }
          if (!recordProblem) {
            r.problems.add(
                new Problem(
                    seq, bad + " in " + seg.path().getFileName() + " at byte " + line.offset()));
            recordProblem = true;
          }
        }
        byte[] leaf = Hashes.leaf(line.bytes());
        r.range.append(leaf);
        if (r.tree != null) {
          r.tree.append(leaf);
        }
        r.records++;
        nextCheckpoint = compareCheckpoints(r, nextCheckpoint);
      }
    }
    for (int i = nextCheckpoint; i < r.checkpoints.size(); i++) {
      long size = r.checkpoints.get(i).checkpoint().size();
      if (size > r.records) {
        r.problems.add(
            new Problem(
                r.records,
                "checkpoint for tree size "
                    + size
                    + " covers more records than the log holds ("
                    + r.records
                    + "): records were cut off the end"));
        break;
      }
    }
    return r;
  }

  /** Compares every checkpoint whose size the range has just reached with the range's root. */
  private static int compareCheckpoints(Result r, int next) {
    while (next < r.checkpoints.size()
        && r.checkpoints.get(next).checkpoint().size() == r.range.size()) {
      Checkpoint cp = r.checkpoints.get(next).checkpoint();
      if (!MessageDigest.isEqual(cp.root(), r.range.root()) && !r.mismatchReported) {
        long from = 0;
        for (int i = next - 1; i >= 0; i--) {
          if (r.checkpoints.get(i).checkpoint().size() < cp.size()) {
            from = r.checkpoints.get(i).checkpoint().size();
            break;
          }
        }
        r.problems.add(
            new Problem(
                from,
                "checkpoint for tree size "
                    + cp.size()
                    + " does not match the records: a record in seq "
                    + from
                    + ".."
                    + (cp.size() - 1)
                    + " was altered, inserted, removed or reordered, or the checkpoint is a fork",
                false));
        r.mismatchReported = true;
      }
      next++;
    }
    return next;
  }

  private static void readCheckpoints(Path dir, SignatureCheck check, Result r) throws IOException {
    Path file = dir.resolve(SegmentFiles.CHECKPOINTS);
    if (!Files.exists(file)) {
      return;
    }
    byte[] data = Files.readAllBytes(file);
    r.checkpointFileLength = data.length;
    String origin = r.origin;
    CheckpointLog.Parsed parsed =
        CheckpointLog.parse(data, origin == null ? firstLine(data) : origin);
    long previousSize = -1;
    int index = 0;
    for (CheckpointLog.Entry e : parsed.entries()) {
      index++;
      String where =
          "checkpoint #" + index + " (byte " + e.offset() + " of " + SegmentFiles.CHECKPOINTS + ")";
      Checkpoint cp;
      String note;
      try {
        SignedNote sn = SignedNote.parse(e.bytes());
        note = sn.format();
        cp = Checkpoint.parse(check.verify(sn));
      } catch (NoteException ex) {
        r.problems.add(new Problem(-1, where + ": " + ex.getMessage()));
        return;
      }
      if (origin == null) {
        origin = cp.origin();
        r.origin = origin;
      } else if (!origin.equals(cp.origin())) {
        r.problems.add(
            new Problem(-1, where + ": origin '" + cp.origin() + "' is not '" + origin + "'"));
        return;
      }
      if (cp.size() < previousSize) {
        r.problems.add(
            new Problem(
                cp.size(),
                where
                    + ": tree size "
                    + cp.size()
                    + " is smaller than the previous "
                    + previousSize
                    + " (the log only grows)"));
        return;
      }
      previousSize = cp.size();
      r.checkpoints.add(new StoredCheckpoint(cp, note, e.offset()));
    }
    if (parsed.garbageOffset() >= 0) {
      r.problems.add(
          new Problem(
              -1, SegmentFiles.CHECKPOINTS + " is damaged at byte " + parsed.garbageOffset()));
    }
    r.checkpointTornOffset = parsed.tornOffset();
  }

  private static String firstLine(byte[] data) {
    int nl = 0;
    while (nl < data.length && data[nl] != '\n') {
      nl++;
    }
    return new String(data, 0, nl, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** Null when the line is a record with this seq, else why not. */
  static String checkRecord(byte[] line, long seq) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      return "record is not valid JSON";
    }
    if (node == null || !node.isObject()) {
      return "record is not a JSON object";
    }
    JsonNode s = node.get("seq");
    if (s == null || !s.isIntegralNumber()) {
      return "record has no integer seq";
    }
    if (s.longValue() != seq) {
      return "record says seq "
          + s.asText()
          + " where seq "
          + seq
          + " belongs (deleted, inserted, duplicated or reordered record)";
    }
    return null;
  }
}
