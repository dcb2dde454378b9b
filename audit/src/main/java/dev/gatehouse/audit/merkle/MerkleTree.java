package dev.gatehouse.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 6962 tree over stored leaf hashes: roots of any prefix, inclusion proofs and consistency
 * proofs (RFC 6962 section 2.1.1 and 2.1.2, written from the definitions). Used by the verifier and
 * the proof tools, which read the whole log anyway; the writer keeps only a {@link CompactRange}.
 */
public final class MerkleTree {
  private final List<byte[]> leaves = new ArrayList<>();

  public void append(byte[] leafHash) {
    if (leafHash.length != Hashes.SIZE) {
      throw new IllegalArgumentException("leaf hash must be 32 bytes");
    }
    leaves.add(leafHash);
  }

  public long size() {
    return leaves.size();
  }

  public byte[] leafHash(long index) {
    return leaves.get(Math.toIntExact(index));
  }

  /** MTH(D[0:n]). */
  public byte[] root(long n) {
    checkSize(n);
    return n == 0 ? Hashes.emptyRoot() : subtreeRoot(0, (int) n);
  }

  /** PATH(m, D[0:n]): the audit path of leaf {@code index} in the tree of the first n leaves. */
  public List<byte[]> inclusionProof(long index, long n) {
    checkSize(n);
    if (index < 0 || index >= n) {
      throw new IllegalArgumentException("leaf index " + index + " not in tree of size " + n);
    }
    List<byte[]> proof = new ArrayList<>();
    path((int) index, 0, (int) n, proof);
    return proof;
  }

  /** PROOF(m, D[0:n]): proves the tree of size m is a prefix of the tree of size n. */
  public List<byte[]> consistencyProof(long m, long n) {
    checkSize(n);
    if (m <= 0 || m > n) {
      throw new IllegalArgumentException("need 0 < m <= n, got m=" + m + " n=" + n);
    }
    List<byte[]> proof = new ArrayList<>();
    subproof((int) m, 0, (int) n, true, proof);
    return proof;
  }

  private void checkSize(long n) {
    if (n < 0 || n > leaves.size()) {
      throw new IllegalArgumentException("tree has " + leaves.size() + " leaves, asked for " + n);
    }
  }

  /** MTH of leaves[from, to), to > from. */
  private byte[] subtreeRoot(int from, int to) {
    int n = to - from;
    if (n == 1) {
      return leaves.get(from);
    }
    int k = largestPowerOfTwoBelow(n);
    return Hashes.node(subtreeRoot(from, from + k), subtreeRoot(from + k, to));
  }

  private void path(int m, int from, int to, List<byte[]> out) {
    int n = to - from;
    if (n <= 1) {
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m < k) {
      path(m, from, from + k, out);
      out.add(subtreeRoot(from + k, to));
    } else {
      path(m - k, from + k, to, out);
      out.add(subtreeRoot(from, from + k));
    }
  }

  private void subproof(int m, int from, int to, boolean whole, List<byte[]> out) {
    int n = to - from;
    if (m == n) {
      if (!whole) {
        out.add(subtreeRoot(from, to));
      }
      return;
    }
    int k = largestPowerOfTwoBelow(n);
    if (m <= k) {
      subproof(m, from, from + k, whole, out);
      out.add(subtreeRoot(from + k, to));
    } else {
      subproof(m - k, from + k, to, false, out);
      out.add(subtreeRoot(from, from + k));
    }
  }

  /** The largest power of two strictly less than n (n >= 2). */
  static int largestPowerOfTwoBelow(int n) {
    return Integer.highestOneBit(n - 1);
  }
}
