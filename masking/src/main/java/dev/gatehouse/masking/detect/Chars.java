package dev.gatehouse.masking.detect;

/** ASCII character tests shared by the hand-written scanners (no regex on the hot path). */
public final class Chars {
  private Chars() {}

  // Class bits of each ASCII character: the multi-class tests (alnum, word, base64...) run for
  // nearly every character the scanners look at, and one table load beats three range tests.
  private static final int DIGIT = 1;
  private static final int UPPER = 2;
  private static final int LOWER = 4;
  private static final int UNDERSCORE = 8;
  private static final int HEX_LETTER = 16;
  private static final int DASH = 32;
  private static final int PLUS_SLASH = 64;
  private static final byte[] CLASS = new byte[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] = DIGIT;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      CLASS[c] = (byte) (UPPER | (c <= 'F' ? HEX_LETTER : 0));
    }
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] = (byte) (LOWER | (c <= 'f' ? HEX_LETTER : 0));
    }
    CLASS['_'] = UNDERSCORE;
    CLASS['-'] = DASH;
    CLASS['+'] = PLUS_SLASH;
    CLASS['/'] = PLUS_SLASH;
  }

  private static boolean is(char c, int classes) {
    return c < 128 && (CLASS[c] & classes) != 0;
  }

  public static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  public static boolean isUpper(char c) {
    return c >= 'A' && c <= 'Z';
  }

  public static boolean isLower(char c) {
    return c >= 'a' && c <= 'z';
  }

  public static boolean isLetter(char c) {
    return is(c, UPPER | LOWER);
  }

  public static boolean isAlnum(char c) {
    return is(c, DIGIT | UPPER | LOWER);
  }

  /** Letters, digits and underscore: what counts as "inside a word" for token boundaries. */
  public static boolean isWord(char c) {
    return is(c, DIGIT | UPPER | LOWER | UNDERSCORE);
  }

  public static boolean isHex(char c) {
    return is(c, DIGIT | HEX_LETTER);
  }

  /** Base64url alphabet (JWT segments). */
  public static boolean isBase64Url(char c) {
    return is(c, DIGIT | UPPER | LOWER | DASH | UNDERSCORE);
  }

  /** Standard base64 alphabet without padding. */
  public static boolean isBase64(char c) {
    return is(c, DIGIT | UPPER | LOWER | PLUS_SLASH);
  }

  /** The char at {@code i}, or NUL outside the string: lets boundary checks skip range tests. */
  public static char at(String s, int i) {
    return i >= 0 && i < s.length() ? s.charAt(i) : '\0';
  }

  /** ASCII lower-case. */
  public static char lower(char c) {
    return isUpper(c) ? (char) (c + 32) : c;
  }

  /**
   * {@code s[from, to)} lower-cased with everything except ASCII letters and digits removed: {@code
   * "AWS_Secret-Access.Key"} becomes {@code "awssecretaccesskey"}. Key matching uses this so that
   * the naming conventions of every language compare equal.
   */
  public static String normalizeKey(String s, int from, int to) {
    StringBuilder sb = null;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (isAlnum(c)) {
        if (sb == null) {
          sb = new StringBuilder(to - from);
        }
        sb.append(lower(c));
      }
    }
    return sb == null ? "" : sb.toString();
  }

  /**
   * True when the key {@code s[from, to)}, normalised as by {@link #normalizeKey}, ends with {@code
   * suffix} (lower-case letters and digits). Compares in place, without building the normalised
   * string: it runs for every {@code key:} in a text, so it must not allocate.
   */
  public static boolean keyEndsWith(String s, int from, int to, String suffix) {
    int k = suffix.length() - 1;
    int i = to - 1;
    while (k >= 0) {
      while (i >= from && !isAlnum(s.charAt(i))) {
        i--;
      }
      if (i < from || lower(s.charAt(i)) != suffix.charAt(k)) {
        return false;
      }
      i--;
      k--;
    }
    return true;
  }

  /**
   * True when {@code s} has {@code needle} (already lower-case ASCII) at {@code i}, ignoring case.
   */
  public static boolean regionMatchesLower(String s, int i, String needle) {
    int n = needle.length();
    if (i < 0 || i + n > s.length()) {
      return false;
    }
    for (int k = 0; k < n; k++) {
      if (lower(s.charAt(i + k)) != needle.charAt(k)) {
        return false;
      }
    }
    return true;
  }

  /**
   * True when one of {@code keywords} (lower-case) occurs, ignoring case, in {@code s[from, to)}.
   * Used for short look-behind windows only, so the quadratic worst case is bounded by the window.
   */
  public static boolean containsAnyLower(String s, int from, int to, String... keywords) {
    from = Math.max(0, from);
    to = Math.min(s.length(), to);
    for (int i = from; i < to; i++) {
      char c = lower(s.charAt(i));
      for (String k : keywords) {
        if (k.charAt(0) == c && i + k.length() <= to && regionMatchesLower(s, i, k)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * As {@link #containsAnyLower}, but a keyword counts only at the start of a word, so that "tel"
   * does not hit "hotel" nor "cell" "cancelled".
   */
  public static boolean containsAnyWordLower(String s, int from, int to, String... keywords) {
    from = Math.max(0, from);
    to = Math.min(s.length(), to);
    for (int i = from; i < to; i++) {
      if (i > 0 && isLetter(s.charAt(i - 1))) {
        continue;
      }
      char c = lower(s.charAt(i));
      for (String k : keywords) {
        if (k.charAt(0) == c && i + k.length() <= to && regionMatchesLower(s, i, k)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code s.indexOf(needle, from)}, found by looking for {@code needle.charAt(rare)} with the
   * single-character search (vectorised) and verifying around each hit. String.indexOf(String)
   * tries every occurrence of the needle's first character, and "e" of "eyJ" or "-" of "-----BEGIN"
   * occur every few characters in ordinary text; pick a character that does not.
   */
  public static int indexOf(String s, String needle, int rare, int from) {
    char c = needle.charAt(rare);
    int i = Math.max(from, 0) + rare;
    int n = s.length();
    while (i < n) {
      int hit = s.indexOf(c, i);
      if (hit < 0) {
        return -1;
      }
      int start = hit - rare;
      if (s.startsWith(needle, start)) {
        return start;
      }
      i = hit + 1;
    }
    return -1;
  }

  /** Digits of {@code s} only. */
  public static String digitsOnly(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /** Letters and digits of {@code s}, upper-cased. */
  public static String alnumUpper(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (isAlnum(c)) {
        sb.append(isLower(c) ? (char) (c - 32) : c);
      }
    }
    return sb.toString();
  }

  /** Shannon entropy of {@code s[from, to)} in bits per character. */
  public static double entropy(String s, int from, int to) {
    int n = to - from;
    if (n <= 0) {
      return 0;
    }
    int[] counts = new int[128];
    java.util.Map<Character, Integer> wide = null;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < 128) {
        counts[c]++;
      } else {
        if (wide == null) {
          wide = new java.util.HashMap<>();
        }
        wide.merge(c, 1, Integer::sum);
      }
    }
    double h = 0;
    for (int count : counts) {
      if (count > 0) {
        double p = (double) count / n;
        h -= p * Math.log(p);
      }
    }
    if (wide != null) {
      for (int count : wide.values()) {
        double p = (double) count / n;
        h -= p * Math.log(p);
      }
    }
    return h / Math.log(2);
  }
}
