package dev.gatehouse.masking.detect;

/**
 * {@code aws_secret_key}: a 40-character base64 secret access key. Forty base64 characters alone
 * are indistinguishable from a git SHA-1 or a random id, so the value must be tied to a key that
 * names it ({@code aws_secret_access_key = …}, {@code "SecretAccessKey": "…"}, or a JSON field of
 * that name), must not be pure hex, and must look random (at least 3.5 bits per character).
 */
public final class AwsSecretKeyDetector implements Detector {
  private static final int LENGTH = 40;
  private static final KeySuffixes AWS_SUFFIXES =
      new KeySuffixes("secretaccesskey", "secretkey", "secret");
  private static final double MIN_ENTROPY = 3.5;

  @Override
  public String name() {
    return "aws_secret_key";
  }

  @Override
  public int minLength() {
    return LENGTH;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.length() >= LENGTH
        && (p.equals() > 0 || p.colons() > 0 || isAwsSecretKey(context.key()));
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    if (isAwsSecretKey(context.key())) {
      String t = s.strip();
      int start = s.indexOf(t);
      if (looksLikeKey(s, start, start + t.length())) {
        sink.add(start, start + t.length());
        return;
      }
    }
    Assignments.scan(
        s,
        KEY_FILTER,
        (from, to, quoted) -> {
          if (looksLikeKey(s, from, to)) {
            sink.add(from, to);
          }
          return to;
        });
  }

  static final Assignments.KeyFilter KEY_FILTER =
      Assignments.KeyFilter.of(AwsSecretKeyDetector::isAwsSecretKey, AWS_SUFFIXES);

  static boolean isAwsSecretKey(String key) {
    return key != null && isAwsSecretKey(key, 0, key.length());
  }

  /** Whether the raw key s[from, to) names an AWS secret key; allocation-free when it does not. */
  static boolean isAwsSecretKey(String s, int from, int to) {
    if (!AWS_SUFFIXES.matches(s, from, to)) {
      return false;
    }
    return Chars.keyEndsWith(s, from, to, "secretaccesskey")
        || Chars.normalizeKey(s, from, to).contains("aws");
  }

  private static boolean looksLikeKey(String s, int from, int to) {
    if (to - from != LENGTH) {
      return false;
    }
    boolean allHex = true;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (!Chars.isBase64(c)) {
        return false;
      }
      if (!Chars.isHex(c)) {
        allHex = false;
      }
    }
    return !allHex && Chars.entropy(s, from, to) >= MIN_ENTROPY;
  }
}
