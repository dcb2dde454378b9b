package dev.gatehouse.masking.detect;

/** {@code google_api_key}: {@code AIza} followed by 35 base64url characters, as a whole word. */
public final class GoogleApiKeyDetector implements Detector {
  private static final int BODY = 35;

  @Override
  public String name() {
    return "google_api_key";
  }

  @Override
  public int minLength() {
    return 39;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.UPPER;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.length() >= 39 && p.upper() >= 2;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int from = 0;
    while (true) {
      int i = Chars.indexOf(s, "AIza", 1, from);
      if (i < 0) {
        return;
      }
      if (TokenScan.startsWord(s, i, TokenScan.BASE64URL)
          && TokenScan.run(s, i + 4, TokenScan.BASE64URL, BODY) == BODY) {
        sink.add(i, i + 4 + BODY);
        from = i + 4 + BODY;
      } else {
        from = i + 4;
      }
    }
  }
}
