package dev.gatehouse.policy.access;

/**
 * A name pattern: {@code *} matches any run of characters (slashes included), {@code ?} exactly
 * one; everything else matches itself, case-sensitively, over the whole name. Matching is a linear
 * scan with one backtrack point (no regular expressions, so no pathological patterns).
 */
public record Glob(String pattern) {

  public Glob {
    if (pattern == null || pattern.isEmpty()) {
      throw new IllegalArgumentException("a pattern must not be empty");
    }
  }

  public boolean matches(String name) {
    if (name == null) {
      return false;
    }
    int p = 0;
    int n = 0;
    int starP = -1;
    int starN = 0;
    while (n < name.length()) {
      if (p < pattern.length()
          && (pattern.charAt(p) == '?' || pattern.charAt(p) == name.charAt(n))
          && pattern.charAt(p) != '*') {
        p++;
        n++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starN = n;
      } else if (starP >= 0) {
        p = starP + 1;
        n = ++starN;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  @Override
  public String toString() {
    return pattern;
  }
}
