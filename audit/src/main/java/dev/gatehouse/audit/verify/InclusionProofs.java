package dev.gatehouse.audit.verify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.audit.merkle.Hashes;
import dev.gatehouse.audit.merkle.MerkleProofs;
import dev.gatehouse.audit.note.Checkpoint;
import dev.gatehouse.audit.note.NoteException;
import dev.gatehouse.audit.note.NoteVerifier;
import dev.gatehouse.audit.note.SignedNote;
import dev.gatehouse.audit.store.LogScan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Inclusion proofs for single records, as self-contained JSON (docs/audit-format.md, "Inclusion
 * proof"): the record's exact bytes, its leaf index, the RFC 6962 audit path and the signed
 * checkpoint it leads to. Any RFC 6962 implementation can check one; {@link #check} does.
 */
public final class InclusionProofs {
  private InclusionProofs() {}

  /** Thrown when no proof can be made or a proof does not verify. */
  public static final class ProofFailure extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofFailure(String message) {
      super(message);
    }
  }

  /** Proves record {@code seq} against the latest checkpoint; the log must verify first. */
  public static ObjectNode prove(Path dir, NoteVerifier key, long seq)
      throws IOException, ProofFailure {
    LogScan.Result scan = LogVerifier.scan(dir, key, true);
    if (!scan.ok()) {
      throw new ProofFailure("the log does not verify: " + scan.firstProblem());
    }
    LogScan.StoredCheckpoint latest = scan.latestCheckpoint();
    if (latest == null || seq < 0 || seq >= latest.checkpoint().size()) {
      throw new ProofFailure(
          "seq "
              + seq
              + " is not covered by a checkpoint yet (latest covers "
              + (latest == null ? 0 : latest.checkpoint().size())
              + " records)");
    }
    long size = latest.checkpoint().size();
    byte[][] found = new byte[1][];
    LogReader.forEach(
        dir,
        (index, line) -> {
          if (index == seq) {
            found[0] = line;
            return false;
          }
          return true;
        });
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("record", new String(found[0], StandardCharsets.UTF_8));
    out.put("leafIndex", seq);
    out.put("treeSize", size);
    out.put("leafHash", b64(Hashes.leaf(found[0])));
    ArrayNode proof = out.putArray("proof");
    scan.tree.inclusionProof(seq, size).forEach(h -> proof.add(b64(h)));
    out.put("checkpoint", latest.note());
    return out;
  }

  /**
   * Checks a proof made by {@link #prove}: the checkpoint is signed by {@code key}, the record's
   * leaf hash is its own, and the audit path leads to the checkpoint's root.
   *
   * @return the verified checkpoint
   */
  public static Checkpoint check(JsonNode proof, NoteVerifier key) throws ProofFailure {
    try {
      String record = text(proof, "record");
      long index = proof.path("leafIndex").asLong(-1);
      long size = proof.path("treeSize").asLong(-1);
      Checkpoint cp = Checkpoint.parse(SignedNote.parse(text(proof, "checkpoint")).verify(key));
      if (cp.size() != size) {
        throw new ProofFailure("treeSize " + size + " is not the checkpoint's size " + cp.size());
      }
      byte[] leaf = Hashes.leaf(record.getBytes(StandardCharsets.UTF_8));
      if (proof.has("leafHash") && !b64(leaf).equals(proof.get("leafHash").asText())) {
        throw new ProofFailure("leafHash is not the hash of the record");
      }
      JsonNode seq = LogReader.parse(record.getBytes(StandardCharsets.UTF_8));
      if (seq == null || seq.path("seq").asLong(-1) != index) {
        throw new ProofFailure("the record's seq is not its leafIndex " + index);
      }
      List<byte[]> path = new ArrayList<>();
      for (JsonNode h : proof.path("proof")) {
        path.add(Base64.getDecoder().decode(h.asText()));
      }
      MerkleProofs.verifyInclusion(index, size, leaf, path, cp.root());
      return cp;
    } catch (NoteException e) {
      throw new ProofFailure("checkpoint does not verify: " + e.getMessage());
    } catch (MerkleProofs.ProofException e) {
      throw new ProofFailure("inclusion proof does not verify: " + e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new ProofFailure("malformed proof: " + e.getMessage());
    }
  }

  private static String text(JsonNode n, String field) throws ProofFailure {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new ProofFailure("proof has no " + field);
    }
    return v.textValue();
  }

  private static String b64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }
}
