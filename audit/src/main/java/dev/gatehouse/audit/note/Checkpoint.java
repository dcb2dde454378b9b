package dev.gatehouse.audit.note;

import java.util.Arrays;
import java.util.Base64;

/**
 * A C2SP tlog-checkpoint body (c2sp.org/tlog-checkpoint): origin line, tree size in decimal, base64
 * root hash, each ending in a newline. We write no extension lines, and reject them on reading, so
 * that every byte of a checkpoint we accept is one we could have signed.
 */
public record Checkpoint(String origin, long size, byte[] root) {
  public Checkpoint {
    root = root.clone();
  }

  @Override
  public byte[] root() {
    return root.clone();
  }

  public String text() {
    return origin + "\n" + size + "\n" + Base64.getEncoder().encodeToString(root) + "\n";
  }

  public static Checkpoint parse(String text) throws NoteException {
    String[] lines = text.split("\n", -1);
    if (lines.length != 4 || !lines[3].isEmpty()) {
      throw new NoteException("checkpoint must have exactly origin, size and root lines");
    }
    String origin = lines[0];
    if (origin.isEmpty()) {
      throw new NoteException("checkpoint origin is empty");
    }
    if (!lines[1].matches("0|[1-9][0-9]{0,18}")) {
      throw new NoteException("checkpoint size is not a decimal number without leading zeros");
    }
    long size;
    try {
      size = Long.parseLong(lines[1]);
    } catch (NumberFormatException e) {
      throw new NoteException("checkpoint size out of range");
    }
    byte[] root = NoteText.base64(lines[2], "checkpoint root");
    if (root.length != 32) {
      throw new NoteException("checkpoint root is not 32 bytes");
    }
    return new Checkpoint(origin, size, root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Checkpoint c
        && c.origin.equals(origin)
        && c.size == size
        && Arrays.equals(c.root, root);
  }

  @Override
  public int hashCode() {
    return origin.hashCode() * 31 + Long.hashCode(size);
  }

  @Override
  public String toString() {
    return "Checkpoint["
        + origin
        + ", "
        + size
        + ", "
        + Base64.getEncoder().encodeToString(root)
        + "]";
  }
}
