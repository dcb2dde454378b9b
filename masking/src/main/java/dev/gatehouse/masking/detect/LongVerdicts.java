package dev.gatehouse.masking.detect;

/**
 * Yes/no verdicts keyed by a {@code long}, for one message's masking pass: an open-addressing table
 * without boxing. The phone detector keys it by the candidate's digits (a number of at most 17
 * digits fits in a long with its length and '+'), so a verdict is looked up without building a
 * string, and the table does not degrade on thousands of near-identical keys.
 */
public final class LongVerdicts {
  /** {@link #get} of a key never put. */
  public static final int UNKNOWN = -1;

  private long[] keys = new long[64];
  private byte[] state = new byte[64]; // 0 empty, 1 false, 2 true
  private int size;

  /** 1 for true, 0 for false, {@link #UNKNOWN} when {@code key} has no verdict yet. */
  public int get(long key) {
    int mask = keys.length - 1;
    for (int i = slot(key, mask); ; i = (i + 1) & mask) {
      if (state[i] == 0) {
        return UNKNOWN;
      }
      if (keys[i] == key) {
        return state[i] - 1;
      }
    }
  }

  public void put(long key, boolean verdict) {
    if (2 * (size + 1) > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = slot(key, mask);
    while (state[i] != 0 && keys[i] != key) {
      i = (i + 1) & mask;
    }
    if (state[i] == 0) {
      size++;
    }
    keys[i] = key;
    state[i] = (byte) (verdict ? 2 : 1);
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L; // Fibonacci hashing: near-identical keys spread out
    return (int) (h >>> 40) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    byte[] oldState = state;
    keys = new long[oldKeys.length * 2];
    state = new byte[oldKeys.length * 2];
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldState[i] != 0) {
        put(oldKeys[i], oldState[i] == 2);
      }
    }
  }
}
