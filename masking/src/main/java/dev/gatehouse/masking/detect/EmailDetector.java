package dev.gatehouse.masking.detect;

import java.util.Locale;

/**
 * {@code email}: finds each '@' and grows the local part and the domain around it with bounded
 * loops (RFC 5321 limits: 64 and 255 characters), so the cost per '@' is constant and the scan is
 * linear whatever the input. The domain needs a dot and an alphabetic top-level label, which rules
 * out {@code @Override}, {@code pkg@1.2.3}, {@code user@localhost} and {@code image@2x.png}-style
 * look-alikes.
 */
public final class EmailDetector implements Detector {
  private static final int MAX_LOCAL = 64;
  private static final int MAX_DOMAIN = 255;

  /** File extensions that are not top-level domains but follow '@' in asset names. */
  private static final java.util.Set<String> FILE_EXTENSIONS =
      java.util.Set.of(
          "png", "jpg", "jpeg", "gif", "svg", "webp", "ico", "bmp", "tif", "tiff", "avif", "css",
          "js", "mjs", "ts", "tsx", "jsx", "json", "yaml", "yml", "xml", "txt", "md", "pdf", "gz",
          "tgz", "tar", "zip", "jar", "java", "py", "rb", "rs", "kt", "lock", "map", "wasm");

  @Override
  public String name() {
    return "email";
  }

  @Override
  public int minLength() {
    return 6;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.AT | TextProfile.DOT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.at() > 0 && p.dots() > 0 && p.length() >= 6;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int from = 0;
    while (from < n) {
      int at = s.indexOf('@', from);
      if (at < 0) {
        return;
      }
      int start = at;
      while (start > 0 && at - start < MAX_LOCAL && isLocal(s.charAt(start - 1))) {
        start--;
      }
      // Trim leading dots: "see.john@x.com" is fine, "...john@" starts at 'j'.
      while (start < at && s.charAt(start) == '.') {
        start++;
      }
      int end = domainEnd(s, at + 1);
      if (start < at
          && s.charAt(at - 1) != '.'
          && end > at
          && !isUrlUserInfo(s, start)
          && !isLocal(Chars.at(s, start - 1))) {
        sink.add(start, end);
        from = end;
      } else {
        from = at + 1;
      }
    }
  }

  /** End of a valid domain starting at {@code i}, or -1. */
  private static int domainEnd(String s, int i) {
    int n = s.length();
    int j = i;
    while (j < n && j - i < MAX_DOMAIN && isDomain(s.charAt(j))) {
      j++;
    }
    // Sentence punctuation and trailing hyphens are not part of the domain.
    while (j > i && (s.charAt(j - 1) == '.' || s.charAt(j - 1) == '-')) {
      j--;
    }
    if (j == i) {
      return -1;
    }
    int labelStart = i;
    int dots = 0;
    for (int k = i; k <= j; k++) {
      if (k == j || s.charAt(k) == '.') {
        int len = k - labelStart;
        if (len == 0 || len > 63) {
          return -1;
        }
        if (s.charAt(labelStart) == '-' || s.charAt(k - 1) == '-') {
          return -1;
        }
        if (k < j) {
          dots++;
        }
        labelStart = k + 1;
      }
    }
    if (dots == 0) {
      return -1;
    }
    // Top-level label: letters only (or punycode "xn--"), at least two.
    int tldStart = s.lastIndexOf('.', j - 1) + 1;
    int tldLen = j - tldStart;
    if (tldLen < 2) {
      return -1;
    }
    if (FILE_EXTENSIONS.contains(s.substring(tldStart, j).toLowerCase(Locale.ROOT))) {
      return -1; // "logo@2x.png", "icon@3x.webp": asset names, not addresses
    }
    if (!s.startsWith("xn--", tldStart)) {
      for (int k = tldStart; k < j; k++) {
        if (!Chars.isLetter(s.charAt(k))) {
          return -1;
        }
      }
    }
    return j;
  }

  /** {@code scheme://user:password@host}: the "local part" is a password, not an address. */
  private static boolean isUrlUserInfo(String s, int localStart) {
    if (Chars.at(s, localStart - 1) != ':') {
      return false;
    }
    int limit = Math.max(0, localStart - 1 - MAX_LOCAL);
    for (int k = localStart - 2; k >= limit + 2; k--) {
      char c = s.charAt(k);
      if (c == '/' && s.charAt(k - 1) == '/' && s.charAt(k - 2) == ':') {
        return true;
      }
      if (c == ' ' || c == '@' || c == '/') {
        return false;
      }
    }
    return false;
  }

  /**
   * The local-part characters seen in practice. RFC 5322 allows more ({@code = / { } '}...), but
   * accepting them would swallow {@code email=} and quotes into the match.
   */
  private static boolean isLocal(char c) {
    return Chars.isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  private static boolean isDomain(char c) {
    return Chars.isAlnum(c) || c == '.' || c == '-';
  }

  @Override
  public String normalize(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
