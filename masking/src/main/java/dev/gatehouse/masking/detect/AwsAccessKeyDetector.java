package dev.gatehouse.masking.detect;

/**
 * {@code aws_access_key}: AWS access key ids, a four-character resource prefix ({@code AKIA} for
 * long-term keys, {@code ASIA} for temporary ones, and the other IAM unique-id prefixes) followed
 * by sixteen upper-case letters and digits, as a whole word.
 */
public final class AwsAccessKeyDetector implements Detector {
  private static final String[] PREFIXES = {
    "AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AROA", "AIPA", "ANPA", "ANVA", "APKA"
  };
  private static final int BODY = 16;

  @Override
  public String name() {
    return "aws_access_key";
  }

  @Override
  public int minLength() {
    return 20;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.UPPER;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.upper() >= 4 && p.length() >= 20;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int from = 0;
    while (from + 20 <= n) {
      int a = s.indexOf('A', from);
      if (a < 0 || a + 20 > n) {
        return;
      }
      if (hasPrefix(s, a) && TokenScan.startsWord(s, a, TokenScan.ALNUM)) {
        int len = TokenScan.run(s, a + 4, TokenScan.UPPER_DIGIT, BODY);
        if (len == BODY && !Chars.isAlnum(Chars.at(s, a + 20))) {
          sink.add(a, a + 20);
          from = a + 20;
          continue;
        }
      }
      from = a + 1;
    }
  }

  private static boolean hasPrefix(String s, int i) {
    if (s.startsWith("A3T", i) && TokenScan.UPPER_DIGIT.test(Chars.at(s, i + 3))) {
      return true;
    }
    for (String p : PREFIXES) {
      if (s.startsWith(p, i)) {
        return true;
      }
    }
    return false;
  }
}
