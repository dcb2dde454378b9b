package dev.gatehouse.masking.detect;

/**
 * {@code stripe_key}: secret ({@code sk_}) and restricted ({@code rk_}) API keys in live and test
 * mode, and webhook signing secrets ({@code whsec_}). Publishable keys ({@code pk_}) are public by
 * design and are only reported when {@code include_publishable} is set.
 */
public final class StripeKeyDetector implements Detector {
  private static final int MIN_BODY = 16;
  private static final int MAX_BODY = 247;
  private final boolean includePublishable;

  public StripeKeyDetector(boolean includePublishable) {
    this.includePublishable = includePublishable;
  }

  @Override
  public String name() {
    return "stripe_key";
  }

  @Override
  public int minLength() {
    return 20;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.UNDERSCORE;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.underscores() >= 1 && p.length() >= 20;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    scan(s, "_live_", sink);
    scan(s, "_test_", sink);
    int from = 0;
    while (true) {
      int i = Chars.indexOf(s, "whsec_", 5, from);
      if (i < 0) {
        break;
      }
      int len = TokenScan.run(s, i + 6, TokenScan.ALNUM, MAX_BODY);
      if (TokenScan.startsWord(s, i, TokenScan.ALNUM)
          && len >= 24
          && len <= MAX_BODY
          && !Chars.isWord(Chars.at(s, i + 6 + len))) {
        sink.add(i, i + 6 + len);
        from = i + 6 + len;
      } else {
        from = i + 6;
      }
    }
  }

  private void scan(String s, String mode, MatchSink sink) {
    int from = 0;
    while (true) {
      int m = Chars.indexOf(s, mode, 0, from);
      if (m < 0) {
        return;
      }
      int start = m - 2;
      char kind = Chars.at(s, start);
      boolean known = kind == 's' || kind == 'r' || (includePublishable && kind == 'p');
      int len = TokenScan.run(s, m + 6, TokenScan.ALNUM, MAX_BODY);
      if (known
          && Chars.at(s, m - 1) == 'k'
          && TokenScan.startsWord(s, start, TokenScan.ALNUM)
          && len >= MIN_BODY
          && len <= MAX_BODY
          && !Chars.isWord(Chars.at(s, m + 6 + len))) {
        sink.add(start, m + 6 + len);
        from = m + 6 + len;
      } else {
        from = m + 6;
      }
    }
  }
}
