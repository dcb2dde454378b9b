package dev.gatehouse.audit.verify;

import dev.gatehouse.audit.merkle.MerkleProofs;
import dev.gatehouse.audit.note.Checkpoint;
import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.note.SignedNote;
import dev.gatehouse.audit.store.LogScan;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Offline verification of an audit directory with only the public key: see {@link LogScan} for what
 * is checked. A log is intact when it has no problem and, if it holds any record, at least one
 * signed checkpoint.
 */
public final class LogVerifier {
  private LogVerifier() {}

  /**
   * The outcome.
   *
   * @param ok true when intact
   * @param summary one line for a person: what was verified, or the first failure
   * @param failingSeq the first failing record's seq, or -1 (ok, or a checkpoint-level failure)
   * @param problems every problem found, first first
   * @param consistencyProof for {@link #verifySince}: base64 hashes proving the kept checkpoint is
   *     a prefix of the latest one
   */
  public record Result(
      boolean ok,
      String summary,
      long failingSeq,
      List<String> problems,
      List<String> consistencyProof,
      LogScan.Result scan) {}

  public static Result verify(Path dir, NoteVerifier key) throws IOException {
    return evaluate(scan(dir, key, false), null);
  }

  /**
   * Verifies the log and proves it extends {@code keptNote}, a checkpoint an auditor saved earlier:
   * the kept checkpoint must verify, and the current log's tree at its size must have its root; the
   * consistency proof to the latest checkpoint is checked and returned.
   */
  public static Result verifySince(Path dir, NoteVerifier key, String keptNote) throws IOException {
    LogScan.Result scan = scan(dir, key, true);
    Checkpoint kept;
    try {
      kept = Checkpoint.parse(SignedNote.parse(keptNote).verify(key));
    } catch (NoteException e) {
      return failure(scan, -1, "kept checkpoint does not verify: " + e.getMessage());
    }
    Result base = evaluate(scan, null);
    if (!base.ok()) {
      return base;
    }
    LogScan.StoredCheckpoint latest = scan.latestCheckpoint();
    if (scan.origin != null && !scan.origin.equals(kept.origin())) {
      return failure(
          scan,
          -1,
          "kept checkpoint is for log '" + kept.origin() + "', not '" + scan.origin + "'");
    }
    if (latest == null || kept.size() > latest.checkpoint().size()) {
      return failure(
          scan,
          latest == null ? 0 : latest.checkpoint().size(),
          "kept checkpoint covers "
              + kept.size()
              + " records but the latest checkpoint only "
              + (latest == null ? 0 : latest.checkpoint().size())
              + ": the log was cut back");
    }
    if (!MessageDigest.isEqual(scan.tree.root(kept.size()), kept.root())) {
      return failure(
          scan,
          0,
          "the log's tree at size "
              + kept.size()
              + " differs from the kept checkpoint: the log was rewritten (fork)");
    }
    List<String> proof = new ArrayList<>();
    long size2 = latest.checkpoint().size();
    if (kept.size() > 0 && kept.size() < size2) {
      List<byte[]> hashes = scan.tree.consistencyProof(kept.size(), size2);
      try {
        MerkleProofs.verifyConsistency(
            kept.size(), size2, hashes, kept.root(), latest.checkpoint().root());
      } catch (MerkleProofs.ProofException e) {
        return failure(scan, 0, "consistency proof fails: " + e.getMessage());
      }
      hashes.forEach(h -> proof.add(Base64.getEncoder().encodeToString(h)));
    }
    return new Result(
        true,
        "OK: the log extends the kept checkpoint (size "
            + kept.size()
            + ") to size "
            + size2
            + " with a consistency proof of "
            + proof.size()
            + " hashes; "
            + base.summary().substring(4),
        -1,
        List.of(),
        proof,
        scan);
  }

  static LogScan.Result scan(Path dir, NoteVerifier key, boolean keepLeaves) throws IOException {
    return LogScan.scan(dir, null, key::verifyNote, keepLeaves);
  }

  private static Result evaluate(LogScan.Result scan, String extra) {
    if (!scan.ok()) {
      LogScan.Problem first = scan.firstProblem();
      List<String> all = scan.problems.stream().map(LogScan.Problem::toString).toList();
      return new Result(false, "FAILED: " + first, first.seq(), all, List.of(), scan);
    }
    LogScan.StoredCheckpoint latest = scan.latestCheckpoint();
    if (latest == null) {
      if (scan.records > 0) {
        return failure(scan, 0, "no signed checkpoint covers the " + scan.records + " records");
      }
      return new Result(true, "OK: empty log", -1, List.of(), List.of(), scan);
    }
    long covered = latest.checkpoint().size();
    StringBuilder sb =
        new StringBuilder("OK: ")
            .append(scan.records)
            .append(" records in ")
            .append(scan.segments)
            .append(" segments, ")
            .append(scan.checkpoints.size())
            .append(" checkpoints verified; latest ")
            .append(scan.origin)
            .append(" size ")
            .append(covered)
            .append(" root ")
            .append(Base64.getEncoder().encodeToString(latest.checkpoint().root()));
    if (scan.records > covered) {
      sb.append("; ").append(scan.records - covered).append(" newer records not yet checkpointed");
    }
    if (scan.tornTail != null) {
      sb.append("; an incomplete last write of ")
          .append(scan.tornTail.bytes())
          .append(" bytes after the latest checkpoint (cut when the gateway starts)");
    }
    if (scan.checkpointTornOffset >= 0) {
      sb.append("; an incomplete last checkpoint (cut when the gateway starts)");
    }
    if (extra != null) {
      sb.append("; ").append(extra);
    }
    return new Result(true, sb.toString(), -1, List.of(), List.of(), scan);
  }

  private static Result failure(LogScan.Result scan, long seq, String reason) {
    String text = (seq >= 0 ? "seq " + seq + ": " : "") + reason;
    return new Result(false, "FAILED: " + text, seq, List.of(text), List.of(), scan);
  }
}
