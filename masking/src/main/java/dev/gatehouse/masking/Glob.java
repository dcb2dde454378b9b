package dev.gatehouse.masking;

import java.util.Locale;

/**
 * A case-insensitive name pattern for field rules: {@code *} matches any run of characters, {@code
 * ?} one character, everything else itself. Matched with the classic two-pointer algorithm (no
 * regex, no backtracking blow-up).
 */
record Glob(String pattern, String folded) {

  static Glob of(String pattern) {
    return new Glob(pattern, pattern.toLowerCase(Locale.ROOT));
  }

  boolean matches(String name) {
    String s = name.toLowerCase(Locale.ROOT);
    String p = folded;
    int si = 0;
    int pi = 0;
    int star = -1;
    int mark = 0;
    while (si < s.length()) {
      if (pi < p.length() && (p.charAt(pi) == '?' || p.charAt(pi) == s.charAt(si))) {
        si++;
        pi++;
      } else if (pi < p.length() && p.charAt(pi) == '*') {
        star = pi++;
        mark = si;
      } else if (star >= 0) {
        pi = star + 1;
        si = ++mark;
      } else {
        return false;
      }
    }
    while (pi < p.length() && p.charAt(pi) == '*') {
      pi++;
    }
    return pi == p.length();
  }
}
