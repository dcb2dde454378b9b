package dev.gatehouse.masking.detect;

/**
 * Finds {@code key = value} and {@code key: value} pairs in free text (env files, YAML, INI, logs,
 * JSON serialised into a text block, HTTP headers) with bounded look-behind for the key and bounded
 * look-ahead for the value, so every separator costs a constant amount of work.
 */
final class Assignments {
  static final int MAX_KEY = 64;
  static final int MAX_VALUE = 512;

  private Assignments() {}

  /** Receives one pair whose key the filter accepted. */
  interface Visitor {
    /** Returns the offset to resume scanning from (at least {@code valueEnd}). */
    int pair(int valueStart, int valueEnd, boolean quoted);
  }

  /**
   * Key filter on the raw key {@code s[from, to)}, tested before the value is read so that most
   * separators cost a few steps and no allocation.
   */
  interface KeyFilter {
    boolean accept(String s, int from, int to);

    /**
     * False when no key whose last two letters or digits, lower-cased, are {@code beforeLast}
     * ({@code 0} if there is none) and {@code last} can be accepted: most keys ("order_id",
     * "created_at") are rejected on these two characters, without reading the key whole.
     */
    boolean mayEndWith(char beforeLast, char last);

    /**
     * Keys {@code test} accepts, ruled out early by the last two characters {@code suffixes} allow.
     */
    static KeyFilter of(KeyTest test, KeySuffixes suffixes) {
      return new KeyFilter() {
        @Override
        public boolean accept(String s, int from, int to) {
          return test.accept(s, from, to);
        }

        @Override
        public boolean mayEndWith(char beforeLast, char last) {
          return suffixes.mayEndWith(beforeLast, last);
        }
      };
    }
  }

  /** Whether {@code s[from, to)} is a key whose value is masked. */
  @FunctionalInterface
  interface KeyTest {
    boolean accept(String s, int from, int to);
  }

  static void scan(String s, KeyFilter filter, Visitor visitor) {
    int n = s.length();
    int i = 0;
    // The next '=' and ':' found with String.indexOf (vectorised), each refreshed when passed.
    int nextEq = -2;
    int nextColon = -2;
    while (i < n) {
      if (nextEq != -1 && nextEq < i) {
        nextEq = s.indexOf('=', i);
      }
      if (nextColon != -1 && nextColon < i) {
        nextColon = s.indexOf(':', i);
      }
      int sep = nextEq < 0 ? nextColon : nextColon < 0 ? nextEq : Math.min(nextEq, nextColon);
      if (sep < 0) {
        return;
      }
      char c = s.charAt(sep);
      i = sep;
      i++;
      if (c == ':' && Chars.at(s, sep + 1) == '/' && Chars.at(s, sep + 2) == '/') {
        continue; // URL scheme
      }
      if (c == '=' && (Chars.at(s, sep + 1) == '=' || "=!<>".indexOf(Chars.at(s, sep - 1)) >= 0)) {
        continue; // comparison operator
      }
      // Key: optional spaces, optional closing quote, then identifier characters.
      int k = sep - 1;
      while (k >= 0 && sep - k <= 3 && s.charAt(k) == ' ') {
        k--;
      }
      char quote = Chars.at(s, k);
      boolean keyQuoted = quote == '"' || quote == '\'';
      if (keyQuoted) {
        k--;
      }
      int keyEnd = k + 1;
      int j = alnumBefore(s, keyEnd, keyEnd);
      if (j < 0) {
        continue; // no letter or digit in the key: no filter accepts it
      }
      char last = Chars.lower(s.charAt(j));
      j = alnumBefore(s, j, keyEnd);
      char beforeLast = j < 0 ? 0 : Chars.lower(s.charAt(j));
      if (!filter.mayEndWith(beforeLast, last)) {
        continue;
      }
      while (k >= 0 && keyEnd - k <= MAX_KEY && isKeyChar(s.charAt(k))) {
        k--;
      }
      int keyStart = k + 1;
      if (keyStart == keyEnd || keyEnd - keyStart > MAX_KEY) {
        continue;
      }
      if (!filter.accept(s, keyStart, keyEnd)) {
        continue;
      }
      // Value: optional spaces, then a quoted string or a bare token.
      int v = sep + 1;
      while (v < n && v - sep <= 4 && (s.charAt(v) == ' ' || s.charAt(v) == '\t')) {
        v++;
      }
      char open = Chars.at(s, v);
      if (open == '"' || open == '\'' || open == '`') {
        int close = v + 1;
        while (close < n && close - v <= MAX_VALUE && s.charAt(close) != open) {
          if (s.charAt(close) == '\n') {
            break;
          }
          close++;
        }
        if (Chars.at(s, close) == open && close > v + 1) {
          i = Math.max(i, visitor.pair(v + 1, close, true));
        }
        continue;
      }
      int end = bareEnd(s, v);
      // "Authorization: Bearer <token>": the scheme word is not the secret.
      int word = end - v;
      if ((word == 6 && Chars.regionMatchesLower(s, v, "bearer"))
          || (word == 5 && Chars.regionMatchesLower(s, v, "basic"))
          || (word == 5 && Chars.regionMatchesLower(s, v, "token"))) {
        if (Chars.at(s, end) == ' ') {
          v = end + 1;
          end = bareEnd(s, v);
        }
      }
      if (end > v) {
        i = Math.max(i, visitor.pair(v, end, false));
      }
    }
  }

  /**
   * The offset of the last letter or digit before {@code i} that belongs to the key ending at
   * {@code keyEnd} (key characters, at most {@link #MAX_KEY} of them), or -1: the characters the
   * filter's {@link KeySuffixes} would compare last, on the key {@link #scan} reads afterwards.
   */
  private static int alnumBefore(String s, int i, int keyEnd) {
    int j = i - 1;
    while (j >= 0 && keyEnd - j <= MAX_KEY) {
      char c = s.charAt(j);
      if (Chars.isAlnum(c)) {
        return j;
      }
      if (!isKeyChar(c)) {
        return -1;
      }
      j--;
    }
    return -1;
  }

  private static int bareEnd(String s, int v) {
    int n = s.length();
    int end = v;
    while (end < n && end - v < MAX_VALUE && !isBareStop(s.charAt(end))) {
      end++;
    }
    return end;
  }

  private static boolean isKeyChar(char c) {
    return Chars.isWord(c) || c == '-' || c == '.';
  }

  private static boolean isBareStop(char c) {
    return c <= ' ' || c == ',' || c == ';' || c == '&' || c == '"' || c == '\'' || c == '`'
        || c == '}' || c == ']' || c == ')' || c == '<' || c == '>' || c == '\\';
  }
}
