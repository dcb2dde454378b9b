package dev.gatehouse.masking.detect;

/**
 * A set of normalised key suffixes ({@code password}, {@code apikey}...) tested against raw keys in
 * place. Runs for every {@code key:} and {@code key=} in every text, so it first compares the key's
 * last two normalised characters with each suffix's, and walks the key only on a hit.
 */
final class KeySuffixes {
  private final String[] suffixes;
  private final char[] last;
  private final char[] beforeLast;
  private final long[] byLast = new long[128]; // byLast[c]: bit k set when suffix k ends with c

  KeySuffixes(String... suffixes) {
    this.suffixes = suffixes.clone();
    this.last = new char[suffixes.length];
    this.beforeLast = new char[suffixes.length];
    for (int k = 0; k < suffixes.length; k++) {
      String x = suffixes[k];
      last[k] = x.charAt(x.length() - 1);
      beforeLast[k] = x.length() > 1 ? x.charAt(x.length() - 2) : 0;
      if (k < 64) {
        byLast[last[k]] |= 1L << k;
      }
    }
    if (suffixes.length > 64) {
      throw new IllegalArgumentException("at most 64 suffixes");
    }
  }

  /**
   * False when no suffix ends with {@code last} preceded by {@code prev} (both lower-cased; {@code
   * prev} 0 when the key has one letter or digit): the test {@link #matches} starts with.
   */
  boolean mayEndWith(char prev, char last) {
    if (last >= 128) {
      return false;
    }
    for (long m = byLast[last]; m != 0; m &= m - 1) {
      int k = Long.numberOfTrailingZeros(m);
      if (beforeLast[k] == 0 || beforeLast[k] == prev) {
        return true;
      }
    }
    return false;
  }

  /** True when the normalised key s[from, to) ends with one of the suffixes. */
  boolean matches(String s, int from, int to) {
    int i = to - 1;
    while (i >= from && !Chars.isAlnum(s.charAt(i))) {
      i--;
    }
    if (i < from) {
      return false;
    }
    char c2 = Chars.lower(s.charAt(i));
    i--;
    while (i >= from && !Chars.isAlnum(s.charAt(i))) {
      i--;
    }
    char c1 = i >= from ? Chars.lower(s.charAt(i)) : 0;
    // Only the suffixes ending with the key's last character: most keys end with none.
    for (long m = byLast[c2]; m != 0; m &= m - 1) {
      int k = Long.numberOfTrailingZeros(m);
      if ((beforeLast[k] == 0 || beforeLast[k] == c1)
          && Chars.keyEndsWith(s, from, to, suffixes[k])) {
        return true;
      }
    }
    return false;
  }
}
