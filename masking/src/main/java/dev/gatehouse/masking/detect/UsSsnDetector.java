package dev.gatehouse.masking.detect;

/**
 * {@code us_ssn}: {@code AAA-GG-SSSS} or {@code AAA GG SSSS}, excluding numbers the SSA never
 * issues (area 000, 666 or 900-999, group 00, serial 0000) and the two famous specimen numbers.
 * Nine bare digits are far more often an ID than an SSN, so they count only when the field name or
 * the preceding words say "SSN" / "social security".
 */
public final class UsSsnDetector implements Detector {
  private static final int CONTEXT_WINDOW = 32;

  @Override
  public String name() {
    return "us_ssn";
  }

  @Override
  public int minLength() {
    return 9;
  }

  @Override
  public int minDigits() {
    return 9;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DIGIT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.digits() >= 9;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    TextProfile profile = context.profile(s);
    char[] cs = profile.chars(s);
    int i = 0;
    while (i + 9 <= n) {
      i = profile.nextDigit(s, i);
      i = step(s, cs, i, context, sink);
    }
  }

  /**
   * Whether {@link #step} at the start of the maximal digit run {@code [start, end)} ({@code cs}
   * the characters, {@code n} their count), reached from a cursor at or before it, would report
   * nothing and return {@code end} (or the length, when no number fits any more): only a run of 3
   * digits followed by '-' or ' ' (the area of "123-45-6789") or of 9 digits can start a number,
   * and only at a left boundary. Lets {@link DigitRunWalk} skip most runs without the call.
   */
  static boolean skips(char[] cs, int n, int start, int end) {
    int len = end - start;
    if (len != 3 && len != 9) {
      return true;
    }
    char p = start > 0 ? cs[start - 1] : 0;
    if (Chars.isWord(p) || p == '-' || p == '.' || p == '+' || p == '/') {
      return true; // as leftBoundary
    }
    return len == 3 && (end >= n || (cs[end] != '-' && cs[end] != ' '));
  }

  /**
   * Examines the digit run starting at {@code i} ({@code cs} the characters of {@code s}) and
   * reports a number there; returns the offset where the search for the next digit resumes (the
   * string's length once no number fits).
   */
  int step(String s, char[] cs, int i, ScanContext context, MatchSink sink) {
    int n = s.length();
    if (i + 9 > n) {
      return n;
    }
    int runEnd = i;
    while (runEnd < n && Chars.isDigit(cs[runEnd])) {
      runEnd++;
    }
    int end = -1;
    if (runEnd - i == 3 && leftBoundary(s, i)) {
      char sep = Chars.at(s, runEnd);
      if ((sep == '-' || sep == ' ')
          && digitsAt(s, runEnd + 1, 2)
          && Chars.at(s, runEnd + 3) == sep
          && digitsAt(s, runEnd + 4, 4)
          && rightBoundary(s, runEnd + 8)) {
        end = runEnd + 8;
      }
    } else if (runEnd - i == 9 && leftBoundary(s, i) && rightBoundary(s, runEnd)) {
      if (hasContext(s, i, context)) {
        end = runEnd;
      }
    }
    if (end > 0 && validParts(s, i, end)) {
      sink.add(i, end);
      return end;
    }
    return runEnd;
  }

  private static boolean validParts(String s, int start, int end) {
    String d = Chars.digitsOnly(s.substring(start, end));
    int area = Integer.parseInt(d.substring(0, 3));
    int group = Integer.parseInt(d.substring(3, 5));
    int serial = Integer.parseInt(d.substring(5));
    if (area == 0 || area == 666 || area >= 900 || group == 0 || serial == 0) {
      return false;
    }
    // Specimen numbers printed on sample cards and in advertising, never valid.
    return !d.equals("078051120") && !d.equals("219099999");
  }

  private static boolean hasContext(String s, int start, ScanContext context) {
    String key = context.normalizedKey();
    if (key.contains("ssn") || key.contains("socialsecurity")) {
      return true;
    }
    return Chars.containsAnyWordLower(
        s, start - CONTEXT_WINDOW, start, "ssn", "social security", "soc sec", "social_security");
  }

  private static boolean digitsAt(String s, int i, int count) {
    if (i + count > s.length()) {
      return false;
    }
    for (int k = i; k < i + count; k++) {
      if (!Chars.isDigit(s.charAt(k))) {
        return false;
      }
    }
    return true;
  }

  private static boolean leftBoundary(String s, int i) {
    char p = Chars.at(s, i - 1);
    return !Chars.isWord(p) && p != '-' && p != '.' && p != '+' && p != '/';
  }

  private static boolean rightBoundary(String s, int end) {
    char c = Chars.at(s, end);
    return !Chars.isWord(c)
        && !((c == '-' || c == '.' || c == '/') && Chars.isDigit(Chars.at(s, end + 1)));
  }

  @Override
  public String normalize(String value) {
    return Chars.digitsOnly(value);
  }
}
