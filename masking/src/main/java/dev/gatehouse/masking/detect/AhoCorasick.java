package dev.gatehouse.masking.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Aho-Corasick automaton over {@code char}s: finds every occurrence of any of a set of terms in one
 * pass over the text, in time linear in the text plus the number of matches, whatever the number of
 * terms. Transitions are stored per state as a sorted char array with binary search, a compact
 * layout that suits term lists of a few thousand entries. Case-insensitive matching folds both the
 * terms and the text with {@link Character#toLowerCase(char)} (char-wise, so offsets stay aligned
 * with the original text).
 */
public final class AhoCorasick {
  private final boolean ignoreCase;
  private final char[][] edgeChars;
  private final int[][] edgeTargets;
  private final int[] fail;

  /** Lengths of the terms ending in each state (own and via the failure chain), or null. */
  private final int[][] outputs;

  /** Receives (start, end) of each match. */
  @FunctionalInterface
  public interface Hit {
    void at(int start, int end);
  }

  public AhoCorasick(List<String> terms, boolean ignoreCase) {
    this.ignoreCase = ignoreCase;
    // Build the trie with growable per-state maps first.
    List<char[]> chars = new ArrayList<>();
    List<int[]> targets = new ArrayList<>();
    List<int[]> outs = new ArrayList<>();
    chars.add(new char[0]);
    targets.add(new int[0]);
    outs.add(null);
    for (String raw : terms) {
      if (raw.isEmpty()) {
        continue;
      }
      int state = 0;
      for (int i = 0; i < raw.length(); i++) {
        char c = fold(raw.charAt(i));
        int next = find(chars.get(state), targets.get(state), c);
        if (next < 0) {
          next = chars.size();
          chars.add(new char[0]);
          targets.add(new int[0]);
          outs.add(null);
          insert(chars, targets, state, c, next);
        }
        state = next;
      }
      outs.set(state, append(outs.get(state), raw.length()));
    }
    int size = chars.size();
    edgeChars = chars.toArray(new char[0][]);
    edgeTargets = targets.toArray(new int[0][]);
    fail = new int[size];
    outputs = outs.toArray(new int[0][]);
    // Breadth-first: failure links and merged outputs.
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int t : edgeTargets[0]) {
      fail[t] = 0;
      queue.add(t);
    }
    while (!queue.isEmpty()) {
      int state = queue.poll();
      char[] cs = edgeChars[state];
      int[] ts = edgeTargets[state];
      for (int k = 0; k < cs.length; k++) {
        int child = ts[k];
        int f = fail[state];
        int next;
        while ((next = find(edgeChars[f], edgeTargets[f], cs[k])) < 0 && f != 0) {
          f = fail[f];
        }
        fail[child] = next >= 0 && next != child ? next : 0;
        int[] inherited = outputs[fail[child]];
        if (inherited != null) {
          int[] own = outputs[child];
          outputs[child] = own == null ? inherited : concat(own, inherited);
        }
        queue.add(child);
      }
    }
  }

  private char fold(char c) {
    return ignoreCase ? Character.toLowerCase(c) : c;
  }

  /** Reports every occurrence (overlapping ones too) in {@code text}. */
  public void search(String text, Hit hit) {
    int state = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = fold(text.charAt(i));
      int next;
      while ((next = find(edgeChars[state], edgeTargets[state], c)) < 0 && state != 0) {
        state = fail[state];
      }
      state = Math.max(next, 0);
      int[] out = outputs[state];
      if (out != null) {
        for (int len : out) {
          hit.at(i + 1 - len, i + 1);
        }
      }
    }
  }

  private static int find(char[] cs, int[] ts, char c) {
    int k = Arrays.binarySearch(cs, c);
    return k >= 0 ? ts[k] : -1;
  }

  private static void insert(List<char[]> chars, List<int[]> targets, int state, char c, int to) {
    char[] cs = chars.get(state);
    int[] ts = targets.get(state);
    int pos = -(Arrays.binarySearch(cs, c) + 1);
    char[] ncs = new char[cs.length + 1];
    int[] nts = new int[ts.length + 1];
    System.arraycopy(cs, 0, ncs, 0, pos);
    System.arraycopy(ts, 0, nts, 0, pos);
    ncs[pos] = c;
    nts[pos] = to;
    System.arraycopy(cs, pos, ncs, pos + 1, cs.length - pos);
    System.arraycopy(ts, pos, nts, pos + 1, ts.length - pos);
    chars.set(state, ncs);
    targets.set(state, nts);
  }

  private static int[] append(int[] a, int v) {
    if (a == null) {
      return new int[] {v};
    }
    int[] r = Arrays.copyOf(a, a.length + 1);
    r[a.length] = v;
    return r;
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }
}
