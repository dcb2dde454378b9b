package dev.gatehouse.masking.detect;

/** Shared bounded loops for the prefixed-secret detectors. */
final class TokenScan {
  private TokenScan() {}

  /** A character class, as a cheap predicate over ASCII. */
  interface CharClass {
    boolean test(char c);
  }

  static final CharClass ALNUM = Chars::isAlnum;
  static final CharClass WORD = Chars::isWord;
  static final CharClass UPPER_DIGIT = c -> Chars.isUpper(c) || Chars.isDigit(c);
  static final CharClass BASE64URL = Chars::isBase64Url;
  static final CharClass ALNUM_DASH = c -> Chars.isAlnum(c) || c == '-';

  /**
   * Length of the run of {@code cls} characters at {@code i}, counting at most {@code max + 1} so
   * that callers can tell "too long" without walking a huge run.
   */
  static int run(String s, int i, CharClass cls, int max) {
    int n = s.length();
    int j = i;
    while (j < n && j - i <= max && cls.test(s.charAt(j))) {
      j++;
    }
    return j - i;
  }

  /** True when the token starting at {@code i} is not the tail of a longer word. */
  static boolean startsWord(String s, int i, CharClass cls) {
    return !cls.test(Chars.at(s, i - 1));
  }
}
