package dev.gatehouse.audit.merkle;

import java.util.ArrayList;
import java.util.List;

/**
 * The O(log n) state needed to append to an RFC 6962 tree and compute its root: the roots of the
 * perfect subtrees that make up the leaves so far (one per set bit of the size, largest first). The
 * writer keeps only this, so its memory does not grow with the log.
 */
public final class CompactRange {
  private final List<byte[]> hashes = new ArrayList<>();
  private long size;

  public long size() {
    return size;
  }

  public void append(byte[] leafHash) {
    byte[] carry = leafHash;
    // Each trailing one bit of the old size is a perfect subtree of the same height as the carry:
    // merge them, exactly like a binary increment.
    for (long s = size; (s & 1) == 1; s >>>= 1) {
      carry = Hashes.node(hashes.remove(hashes.size() - 1), carry);
    }
    hashes.add(carry);
    size++;
  }

  /** MTH of all leaves appended so far. */
  public byte[] root() {
    if (hashes.isEmpty()) {
      return Hashes.emptyRoot();
    }
    byte[] acc = hashes.get(hashes.size() - 1);
    for (int i = hashes.size() - 2; i >= 0; i--) {
      acc = Hashes.node(hashes.get(i), acc);
    }
    return acc;
  }

  public CompactRange copy() {
    CompactRange c = new CompactRange();
    c.hashes.addAll(hashes);
    c.size = size;
    return c;
  }
}
