package dev.gatehouse.masking.detect;

/**
 * {@code github_token}: classic tokens ({@code ghp_}, {@code gho_}, {@code ghu_}, {@code ghs_},
 * {@code ghr_} + at least 36 alphanumerics; GitHub reserves room to grow them to 255) and
 * fine-grained personal access tokens ({@code github_pat_} + 82 word characters).
 */
public final class GithubTokenDetector implements Detector {
  private static final int CLASSIC_MIN = 36;
  private static final int CLASSIC_MAX = 251;
  private static final int PAT_MIN = 70;
  private static final int PAT_MAX = 244;

  @Override
  public String name() {
    return "github_token";
  }

  @Override
  public int minLength() {
    return 40;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.UNDERSCORE;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.underscores() >= 1 && p.length() >= 40;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    // Classic tokens are found from their '_' (rare in text) rather than from "gh" (common).
    int from = 0;
    while (true) {
      int u = s.indexOf('_', from);
      if (u < 0) {
        break;
      }
      int i = u - 3;
      int end = -1;
      char k = Chars.at(s, i + 2);
      if (i >= 0
          && s.charAt(i) == 'g'
          && s.charAt(i + 1) == 'h'
          && (k == 'p' || k == 'o' || k == 'u' || k == 's' || k == 'r')
          && TokenScan.startsWord(s, i, TokenScan.ALNUM)) {
        int len = TokenScan.run(s, i + 4, TokenScan.ALNUM, CLASSIC_MAX);
        if (len >= CLASSIC_MIN && len <= CLASSIC_MAX && !Chars.isWord(Chars.at(s, i + 4 + len))) {
          end = i + 4 + len;
        }
      }
      if (end > 0) {
        sink.add(i, end);
        from = end;
      } else {
        from = u + 1;
      }
    }
    from = 0;
    while (true) {
      int i = Chars.indexOf(s, "github_pat_", 6, from);
      if (i < 0) {
        return;
      }
      int len = TokenScan.run(s, i + 11, TokenScan.WORD, PAT_MAX);
      if (TokenScan.startsWord(s, i, TokenScan.ALNUM) && len >= PAT_MIN && len <= PAT_MAX) {
        sink.add(i, i + 11 + len);
        from = i + 11 + len;
      } else {
        from = i + 11;
      }
    }
  }
}
