package dev.gatehouse.masking.detect;

/**
 * {@code slack_token}: bot, user, app-level, configuration and refresh tokens ({@code xoxb-},
 * {@code xoxp-}, {@code xoxa-}, {@code xoxr-}, {@code xoxs-}, {@code xoxe-}/{@code xoxe.xoxp-},
 * {@code xapp-}) and incoming-webhook URLs ({@code hooks.slack.com/services/T…/B…/…}), whose path
 * is itself the credential.
 */
public final class SlackTokenDetector implements Detector {
  private static final int MIN_BODY = 10;
  private static final int MAX_BODY = 250;
  private static final String HOOK = "hooks.slack.com/services/";

  @Override
  public String name() {
    return "slack_token";
  }

  @Override
  public int minLength() {
    return 15;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    // A token has a '-' after its prefix and a digit in its body; a webhook URL has the two dots
    // of hooks.slack.com. Prose with one full stop has neither.
    return p.length() >= 15 && ((p.dashes() >= 1 && p.digits() >= 1) || p.dots() >= 2);
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    scanTokens(s, "xox", sink);
    scanTokens(s, "xapp-", sink);
    scanHooks(s, sink);
  }

  private static void scanTokens(String s, String anchor, MatchSink sink) {
    int from = 0;
    while (true) {
      int i = Chars.indexOf(s, anchor, 0, from);
      if (i < 0) {
        return;
      }
      int end = -1;
      if (TokenScan.startsWord(s, i, TokenScan.ALNUM)) {
        int bodyStart = -1;
        if (anchor.equals("xapp-")) {
          bodyStart = i + 5;
        } else {
          char k = Chars.at(s, i + 3);
          if ("abposer".indexOf(k) >= 0 && k != 0) {
            if (Chars.at(s, i + 4) == '-') {
              bodyStart = i + 5;
            } else if (k == 'e' && s.startsWith(".xox", i + 4) && Chars.at(s, i + 9) == '-') {
              bodyStart = i + 10;
            }
          }
        }
        if (bodyStart > 0) {
          int len = TokenScan.run(s, bodyStart, TokenScan.ALNUM_DASH, MAX_BODY);
          if (len >= MIN_BODY && len <= MAX_BODY && hasDigit(s, bodyStart, bodyStart + len)) {
            end = bodyStart + len;
          }
        }
      }
      if (end > 0) {
        sink.add(i, end);
        from = end;
      } else {
        from = i + anchor.length();
      }
    }
  }

  private static void scanHooks(String s, MatchSink sink) {
    int from = 0;
    while (true) {
      int i = Chars.indexOf(s, HOOK, 15, from); // at the /
      if (i < 0) {
        return;
      }
      int pathStart = i + HOOK.length();
      int len = TokenScan.run(s, pathStart, c -> Chars.isAlnum(c) || c == '/', MAX_BODY);
      if (len >= 20 && len <= MAX_BODY && Chars.at(s, pathStart) == 'T') {
        int start = i;
        if (s.startsWith("https://", i - 8)) {
          start = i - 8;
        } else if (s.startsWith("http://", i - 7)) {
          start = i - 7;
        }
        sink.add(start, pathStart + len);
        from = pathStart + len;
      } else {
        from = pathStart;
      }
    }
  }

  private static boolean hasDigit(String s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (Chars.isDigit(s.charAt(k))) {
        return true;
      }
    }
    return false;
  }
}
