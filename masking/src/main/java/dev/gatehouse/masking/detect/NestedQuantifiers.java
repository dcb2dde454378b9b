package dev.gatehouse.masking.detect;

import java.util.ArrayDeque;

/**
 * Finds the regex shape behind catastrophic backtracking: a group that contains an unbounded
 * quantifier ({@code *}, {@code +}, <code>{n,}</code>) and is itself repeated without bound, as in
 * {@code (a+)+} or {@code (\w+\s?)*}. Built-in patterns are checked by a test; custom patterns are
 * checked when the configuration is loaded, so a rule that could hang the data path is refused.
 */
public final class NestedQuantifiers {
  private NestedQuantifiers() {}

  /** True when {@code regex} repeats, without bound, a group containing an unbounded quantifier. */
  public static boolean present(String regex) {
    ArrayDeque<boolean[]> groups = new ArrayDeque<>(); // [0] = contains unbounded quantifier
    boolean[] top = {false};
    int n = regex.length();
    int i = 0;
    boolean lastGroupUnbounded = false; // the atom just closed was a group with an inner quantifier
    while (i < n) {
      char c = regex.charAt(i);
      if (c == '\\') {
        i += 2;
        lastGroupUnbounded = false;
        continue;
      }
      if (c == '[') {
        i = skipClass(regex, i);
        lastGroupUnbounded = false;
        continue;
      }
      if (c == '(') {
        groups.push(top);
        top = new boolean[] {false};
        i++;
        lastGroupUnbounded = false;
        continue;
      }
      if (c == ')') {
        boolean inner = top[0];
        top = groups.isEmpty() ? new boolean[] {false} : groups.pop();
        top[0] |= inner;
        i++;
        lastGroupUnbounded = inner;
        continue;
      }
      int q = unboundedQuantifierEnd(regex, i);
      if (q > 0) {
        if (lastGroupUnbounded) {
          return true;
        }
        top[0] = true;
        i = q;
        lastGroupUnbounded = false;
        continue;
      }
      if (c == '{' || c == '?') {
        // Bounded quantifier: skip it, the atom before stays what it was.
        int close = c == '{' ? regex.indexOf('}', i) : i;
        i = close < 0 ? i + 1 : close + 1;
        continue;
      }
      lastGroupUnbounded = false;
      i++;
    }
    return false;
  }

  /** End of an unbounded quantifier ({@code *}, {@code +}, <code>{n,}</code>) at i, or -1. */
  private static int unboundedQuantifierEnd(String r, int i) {
    char c = r.charAt(i);
    if (c == '*' || c == '+') {
      return i + 1;
    }
    if (c == '{') {
      int close = r.indexOf('}', i);
      if (close > 0 && r.charAt(close - 1) == ',') {
        return close + 1;
      }
    }
    return -1;
  }

  private static int skipClass(String r, int i) {
    int j = i + 1;
    if (j < r.length() && r.charAt(j) == '^') {
      j++;
    }
    if (j < r.length() && r.charAt(j) == ']') {
      j++;
    }
    while (j < r.length() && r.charAt(j) != ']') {
      if (r.charAt(j) == '\\') {
        j++;
      } else if (r.charAt(j) == '[') {
        j = skipClass(r, j) - 1;
      }
      j++;
    }
    return j + 1;
  }
}
