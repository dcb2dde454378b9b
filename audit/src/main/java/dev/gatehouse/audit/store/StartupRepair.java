package dev.gatehouse.audit.store;

import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteSigner;
import dev.gatehouse.audit.note.SignedNote;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Start-up recovery of an audit directory, before the writer opens it: scan it, cut what a crash
 * left unacknowledged (a torn record, an incomplete checkpoint, preallocated zeros), and report
 * tampering or damage at or before a signed checkpoint, which is never repaired.
 */
final class StartupRepair {
  // Logs under the writer's name: operators filter on it, and these are its messages.
  private static final System.Logger LOG = System.getLogger(LogWriter.class.getName());

  /** The scan the writer continues from, and what was repaired or found. */
  record Outcome(LogScan.Result scan, LogWriter.Startup startup) {}

  private StartupRepair() {}

  static Outcome repair(LogWriter.Config config) throws IOException {
    LogScan.Result scan =
        LogScan.scan(config.dir(), config.origin(), note -> resign(note, config.signer()), false);
    List<String> reports = new ArrayList<>();
    if (scan.ok()) {
      if (scan.tornTail != null) {
        AuditFiles.cut(config.opener(), scan.tornTail.segment(), scan.tornTail.offset());
        reports.add(
            "cut a torn tail of "
                + scan.tornTail.bytes()
                + " bytes (unacknowledged records after the last checkpoint) from "
                + scan.tornTail.segment().getFileName()
                + " at byte "
                + scan.tornTail.offset());
      }
      if (scan.checkpointTornOffset >= 0) {
        AuditFiles.cut(
            config.opener(),
            config.dir().resolve(SegmentFiles.CHECKPOINTS),
            scan.checkpointTornOffset);
        reports.add(
            "cut an incomplete checkpoint from "
                + SegmentFiles.CHECKPOINTS
                + " at byte "
                + scan.checkpointTornOffset);
      }
    }
    cutPreallocatedTail(config, scan);
    if (scan.ok()) {
      dropEmptyLastSegment(config, scan);
    }
    LogWriter.Startup startup =
        new LogWriter.Startup(List.copyOf(reports), List.copyOf(scan.problems));
    for (String r : reports) {
      LOG.log(Level.WARNING, "audit log recovery: " + r);
    }
    for (LogScan.Problem p : scan.problems) {
      LOG.log(Level.ERROR, "AUDIT LOG TAMPER ALERT in " + config.dir() + ": " + p);
    }
    return new Outcome(scan, startup);
  }

  /** Verifies our own signature by signing again: Ed25519 is deterministic (RFC 8032). */
  private static String resign(SignedNote note, NoteSigner signer) throws NoteException {
    boolean ours = false;
    byte[] expected = null;
    for (SignedNote.Sig s : note.signatures()) {
      if (s.keyName().equals(signer.name()) && s.keyId() == signer.keyId()) {
        if (expected == null) {
          expected = signer.sign(note.text().getBytes(StandardCharsets.UTF_8));
        }
        if (!MessageDigest.isEqual(expected, s.signature())) {
          throw new NoteException("signature by " + signer.name() + " does not verify");
        }
        ours = true;
      }
    }
    if (!ours) {
      throw new NoteException("checkpoint is not signed by this log's key " + signer.name());
    }
    return note.text();
  }

  /**
   * Cuts the zeros of preallocated space off the newest segment (a run that crashed or was killed
   * did not seal it), so that it is sealed at its real length like every other segment. Only NULs
   * after the data go: this repairs nothing, so it is done even when the scan found problems.
   */
  private static void cutPreallocatedTail(LogWriter.Config config, LogScan.Result scan)
      throws IOException {
    if (scan.lastSegmentNumber == 0) {
      return;
    }
    Path last = config.dir().resolve(SegmentFiles.name(scan.lastSegmentNumber));
    long end =
        scan.ok() && scan.tornTail != null ? scan.tornTail.offset() : scan.lastSegmentDataEnd;
    if (Files.exists(last) && Files.size(last) > end) {
      AuditFiles.cut(config.opener(), last, end);
    }
  }

  private static void dropEmptyLastSegment(LogWriter.Config config, LogScan.Result scan)
      throws IOException {
    if (scan.lastSegmentNumber == 0) {
      return;
    }
    Path last = config.dir().resolve(SegmentFiles.name(scan.lastSegmentNumber));
    if (Files.exists(last) && Files.size(last) == 0) {
      // An empty segment holds no record; reuse its number rather than leave a hole-free gap.
      Files.delete(last);
      config.opener().syncDirectory(config.dir());
      scan.lastSegmentNumber--;
    }
  }
}
