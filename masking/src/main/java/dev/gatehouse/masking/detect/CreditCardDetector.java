package dev.gatehouse.masking.detect;

/**
 * {@code credit_card}: digit runs of 13-19 digits, written solid or grouped with one kind of
 * separator (space or dash), that pass Luhn and match a known issuer prefix and length. Each digit
 * run is read once and skipped as a whole when it fails, so the scan is linear.
 */
public final class CreditCardDetector implements Detector {
  private static final int MAX_DIGITS = 19;
  private static final int MIN_DIGITS = 13;

  /** Longer grouped runs are not searched for embedded cards; they are IDs or tables. */
  private static final int MAX_RUN = 48;

  @Override
  public String name() {
    return "credit_card";
  }

  @Override
  public int minLength() {
    return MIN_DIGITS;
  }

  @Override
  public int minDigits() {
    return MIN_DIGITS;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DIGIT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.digits() >= MIN_DIGITS;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    TextProfile profile = context.profile(s);
    char[] cs = profile.chars(s);
    int i = 0;
    while (i < n) {
      i = profile.nextDigit(s, i);
      if (i >= n) {
        return;
      }
      i = step(s, cs, i, context, sink);
    }
  }

  /**
   * Whether {@link #step} at the start of the maximal digit run {@code [start, end)} would report
   * nothing and return {@code end}: the run does not continue past a separator and cannot hold a
   * card. Lets {@link DigitRunWalk} skip most runs without the call.
   */
  static boolean skips(char[] cs, int n, int start, int end) {
    int len = end - start;
    return (len < MIN_DIGITS || len > MAX_RUN)
        && (end >= n || (cs[end] != ' ' && cs[end] != '-') || !continues(cs, n, end));
  }

  private static boolean continues(char[] cs, int n, int sep) {
    return sep + 1 < n && Chars.isDigit(cs[sep + 1]);
  }

  /**
   * Examines the run of digit groups starting at the digit {@code i} of {@code s} ({@code cs} its
   * characters) and reports a card in it; returns the offset after the run (never inside a digit
   * run), where the search for the next digit resumes.
   */
  int step(String s, char[] cs, int i, ScanContext context, MatchSink sink) {
    int n = s.length();
    int start = i;
    long run = measure(cs, n, start);
    int count = (int) (run >>> 32);
    if (count < MIN_DIGITS || count > MAX_RUN) {
      return (int) run;
    }
    // Scratch arrays are fetched per run: the phone detector, walking the same runs, shares them.
    int[] digits = context.scratch(0, MAX_RUN);
    int[] offset = context.scratch(1, MAX_RUN); // offset in s of each digit
    int[] groupStart = context.scratch(2, MAX_RUN); // digit indexes where a group starts
    int[] window = context.scratch(3, MAX_DIGITS);
    count = 0;
    int groups = 1;
    groupStart[0] = 0;
    char sep = 0;
    int j = i;
    while (j < n) {
      char ch = cs[j];
      if (Chars.isDigit(ch)) {
        if (count < MAX_RUN) {
          digits[count] = ch - '0';
          offset[count] = j;
        }
        count++;
        j++;
      } else if ((ch == ' ' || ch == '-')
          && (sep == 0 || sep == ch)
          && j + 1 < n
          && Chars.isDigit(cs[j + 1])) {
        sep = ch;
        if (count < MAX_RUN) {
          groupStart[groups++] = count;
        }
        j++;
      } else {
        break;
      }
    }
    int runEnd = j;
    if (count < MIN_DIGITS || count > MAX_RUN) {
      return runEnd;
    }
    if (leftBoundary(s, start) && rightBoundary(s, runEnd) && valid(digits, 0, count, window)) {
      sink.add(start, runEnd);
      return runEnd;
    }
    if (sep != 0) {
      // Grouped runs can hold a card next to other numbers ("qty 2 4111 1111 1111 1111 exp
      // 2027"): try every span of whole groups, longest first.
      findInGroups(s, digits, offset, groupStart, groups, count, window, sink);
    }
    return runEnd;
  }

  /**
   * The run at {@code i} of {@code cs[0, n)} (digits, with single spaces or dashes of one kind
   * between digits) as {@code digitCount << 32 | end}. Measuring first keeps the common short run
   * (a year, an amount) free of array work.
   */
  private static long measure(char[] cs, int n, int i) {
    int count = 0;
    char sep = 0;
    int j = i;
    while (j < n) {
      char ch = cs[j];
      if (Chars.isDigit(ch)) {
        count++;
        j++;
      } else if ((ch == ' ' || ch == '-')
          && (sep == 0 || sep == ch)
          && j + 1 < n
          && Chars.isDigit(cs[j + 1])) {
        sep = ch;
        j++;
      } else {
        break;
      }
    }
    return ((long) count << 32) | j;
  }

  private static void findInGroups(
      String s,
      int[] digits,
      int[] offset,
      int[] groupStart,
      int groups,
      int count,
      int[] window,
      MatchSink sink) {
    int nextFree = 0;
    for (int g = 0; g < groups; g++) {
      int from = groupStart[g];
      if (from < nextFree) {
        continue;
      }
      for (int h = groups; h > g; h--) {
        int to = h == groups ? count : groupStart[h];
        int len = to - from;
        if (len < MIN_DIGITS || len > MAX_DIGITS) {
          continue;
        }
        if (valid(digits, from, len, window)) {
          sink.add(offset[from], offset[to - 1] + 1);
          nextFree = to;
          break;
        }
      }
    }
  }

  private static boolean valid(int[] digits, int from, int len, int[] window) {
    if (len < MIN_DIGITS || len > MAX_DIGITS) {
      return false;
    }
    System.arraycopy(digits, from, window, 0, len);
    return valid(window, len);
  }

  static boolean valid(int[] digits, int count) {
    return count >= MIN_DIGITS
        && count <= MAX_DIGITS
        && CardIssuers.known(digits, count)
        && Luhn.valid(digits, count);
  }

  /** Not glued to a word, a decimal number or a dotted version. */
  private static boolean leftBoundary(String s, int start) {
    char p = Chars.at(s, start - 1);
    return !Chars.isWord(p) && p != '.' && !(p == '-' && Chars.isAlnum(Chars.at(s, start - 2)));
  }

  private static boolean rightBoundary(String s, int end) {
    char c = Chars.at(s, end);
    if (Chars.isWord(c)) {
      return false;
    }
    // "4111111111111111.5" is a decimal, "…1111." ends a sentence.
    return !((c == '.' || c == '-') && Chars.isDigit(Chars.at(s, end + 1)));
  }

  @Override
  public String normalize(String value) {
    return Chars.digitsOnly(value);
  }
}
