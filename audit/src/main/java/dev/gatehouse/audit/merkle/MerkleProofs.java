package dev.gatehouse.audit.merkle;

import java.security.MessageDigest;
import java.util.List;

/**
 * Verification of RFC 6962 inclusion and consistency proofs without the tree (RFC 9162 section
 * 2.1.3.2 and 2.1.4.2 in their bit-decomposed form). Every method throws {@link ProofException} on
 * any mismatch: a proof of the wrong length, a wrong root, impossible sizes.
 */
public final class MerkleProofs {
  private MerkleProofs() {}

  /** Thrown when a proof does not verify; the message says why. */
  public static final class ProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public ProofException(String message) {
      super(message);
    }
  }

  public static void verifyInclusion(
      long index, long size, byte[] leafHash, List<byte[]> proof, byte[] root)
      throws ProofException {
    byte[] computed = rootFromInclusion(index, size, leafHash, proof);
    if (!MessageDigest.isEqual(computed, root)) {
      throw new ProofException("inclusion proof leads to a different root");
    }
  }

  /** The root that {@code proof} implies for leaf {@code index} of a tree of {@code size}. */
  public static byte[] rootFromInclusion(long index, long size, byte[] leafHash, List<byte[]> proof)
      throws ProofException {
    if (index < 0 || size <= 0 || index >= size) {
      throw new ProofException("leaf index " + index + " is outside a tree of size " + size);
    }
    if (leafHash.length != Hashes.SIZE) {
      throw new ProofException("leaf hash is not 32 bytes");
    }
    checkEntries(proof);
    int inner = innerProofSize(index, size);
    int border = Long.bitCount(index >>> inner);
    if (proof.size() != inner + border) {
      throw new ProofException(
          "inclusion proof has " + proof.size() + " hashes, expected " + (inner + border));
    }
    byte[] res = chainInner(leafHash, proof.subList(0, inner), index);
    return chainBorderRight(res, proof.subList(inner, proof.size()));
  }

  public static void verifyConsistency(
      long size1, long size2, List<byte[]> proof, byte[] root1, byte[] root2)
      throws ProofException {
    if (size1 < 0 || size2 < size1) {
      throw new ProofException("size2 (" + size2 + ") < size1 (" + size1 + ")");
    }
    if (size1 == 0) {
      // The empty tree is a prefix of everything: such a "proof" proves nothing, so we refuse it
      // rather than report a meaningless success (the reference vectors expect this).
      throw new ProofException("consistency with the empty tree proves nothing");
    }
    if (size1 == size2) {
      if (!proof.isEmpty()) {
        throw new ProofException("equal sizes need an empty proof");
      }
      if (!MessageDigest.isEqual(root1, root2)) {
        throw new ProofException("equal sizes but different roots");
      }
      return;
    }
    if (proof.isEmpty()) {
      throw new ProofException("empty consistency proof");
    }
    checkEntries(proof);
    int inner = innerProofSize(size1 - 1, size2);
    int border = Long.bitCount((size1 - 1) >>> inner);
    int shift = Long.numberOfTrailingZeros(size1);
    inner -= shift;
    byte[] seed;
    int start;
    if (size1 == 1L << shift) {
      // size1 is a perfect subtree of size2: its root is the seed, not part of the proof.
      seed = root1;
      start = 0;
    } else {
      seed = proof.get(0);
      start = 1;
    }
    if (proof.size() != start + inner + border) {
      throw new ProofException(
          "consistency proof has "
              + proof.size()
              + " hashes, expected "
              + (start + inner + border));
    }
    List<byte[]> rest = proof.subList(start, proof.size());
    long mask = (size1 - 1) >>> shift;
    byte[] hash1 = chainInnerRight(seed, rest.subList(0, inner), mask);
    hash1 = chainBorderRight(hash1, rest.subList(inner, rest.size()));
    if (!MessageDigest.isEqual(hash1, root1)) {
      throw new ProofException("consistency proof does not lead to root1");
    }
    byte[] hash2 = chainInner(seed, rest.subList(0, inner), mask);
    hash2 = chainBorderRight(hash2, rest.subList(inner, rest.size()));
    if (!MessageDigest.isEqual(hash2, root2)) {
      throw new ProofException("consistency proof does not lead to root2");
    }
  }

  private static void checkEntries(List<byte[]> proof) throws ProofException {
    for (byte[] h : proof) {
      if (h == null || h.length != Hashes.SIZE) {
        throw new ProofException("proof hash is not 32 bytes");
      }
    }
  }

  /** Number of proof hashes below the point where the leaf's path meets the right border. */
  private static int innerProofSize(long index, long size) {
    return 64 - Long.numberOfLeadingZeros(index ^ (size - 1));
  }

  private static byte[] chainInner(byte[] seed, List<byte[]> proof, long index) {
    for (int i = 0; i < proof.size(); i++) {
      seed =
          ((index >>> i) & 1) == 0
              ? Hashes.node(seed, proof.get(i))
              : Hashes.node(proof.get(i), seed);
    }
    return seed;
  }

  private static byte[] chainInnerRight(byte[] seed, List<byte[]> proof, long index) {
    for (int i = 0; i < proof.size(); i++) {
      if (((index >>> i) & 1) == 1) {
        seed = Hashes.node(proof.get(i), seed);
      }
    }
    return seed;
  }

  private static byte[] chainBorderRight(byte[] seed, List<byte[]> proof) {
    for (byte[] h : proof) {
      seed = Hashes.node(h, seed);
    }
    return seed;
  }
}
