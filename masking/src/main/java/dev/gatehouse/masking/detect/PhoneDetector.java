package dev.gatehouse.masking.detect;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.util.List;

/**
 * {@code phone}: a linear scan cuts candidate runs of digit groups and phone punctuation out of the
 * text; within a run, spans of whole groups that start at a group boundary and hold 7-15 digits are
 * checked longest first against the numbering plans in libphonenumber's metadata: {@code +CC …}
 * against the plan of its country code, national formats against each configured region (after its
 * national prefix: "0" in GB/DE/FR, "1" in NANP). With {@code leniency: valid} (the default) the
 * number must be a valid number of that plan ({@code isValidNumber}: assigned ranges, not just a
 * plausible length); {@code possible} only checks the length.
 *
 * <p>libphonenumber's own text matcher ({@code findNumbers}) costs tens of microseconds per call;
 * asking only {@code isValidNumber} costs a few, and {@link NumberPlans} gives the same verdict
 * from the same metadata in well under one (its patterns compiled to automata). Verdicts are also
 * memoised for the message (structured content and its text copy repeat every number). Bare digit
 * runs with no phone punctuation are IDs more often than not, so they count only next to a phone
 * word ("phone", "tel", "mobile", …) or as the value of a field whose name says so. Dates, dotted
 * quads and decimals are never phone numbers, whatever their digit count.
 */
public final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;
  private static final int MAX_GROUPS_PER_NUMBER = 6;
  private static final int MAX_GROUPS_PER_RUN = 64;

  private static final int CONTEXT_WINDOW = 24;
  private static final String[] PHONE_WORDS = {
    "phone", "tel", "mobile", "cell", "call", "fax", "sms", "whatsapp", "contact", "dial", "ph."
  };
  private static final String[] PHONE_KEYS = {
    "phone", "tel", "mobile", "cell", "fax", "msisdn", "sms", "whatsapp"
  };

  /**
   * Each failed plan check costs one unit; once a string has spent {@code 64 + length/4096}, the
   * rest of it is not searched for phone numbers (other detectors still run). Found numbers cost
   * nothing, so a real list of phone numbers is searched to its end; a megabyte of digit junk stops
   * costing after a few hundred checks. See docs/masking.md.
   */
  static final int MISS_BUDGET_BASE = 64;

  static final int MISS_BUDGET_CHARS = 4096;

  /** A configured region's plan: its country code and national (trunk) prefix. */
  private record Plan(String region, int countryCode, String nationalPrefix) {}

  private final List<String> regions;
  private final Plan[] plans;
  private final boolean validate;

  /**
   * @param regions regions whose national formats are recognised (international formats always are)
   * @param validate true for {@code valid} (assigned number ranges), false for {@code possible}
   */
  public PhoneDetector(List<String> regions, boolean validate) {
    this.regions = List.copyOf(regions);
    this.validate = validate;
    this.plans = new Plan[regions.size()];
    for (int k = 0; k < plans.length; k++) {
      String region = regions.get(k);
      int cc = UTIL.getCountryCodeForRegion(region);
      if (cc == 0) {
        throw new IllegalArgumentException("unknown region " + region);
      }
      plans[k] = new Plan(region, cc, UTIL.getNddPrefixForRegion(region, true));
    }
  }

  public List<String> regions() {
    return regions;
  }

  @Override
  public String name() {
    return "phone";
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
    int[] budget = {missBudget(n)};
    TextProfile profile = context.profile(s);
    char[] cs = profile.chars(s);
    int i = 0;
    while (i < n) {
      int d = profile.nextDigit(s, i);
      if (d >= n) {
        return;
      }
      i = step(s, cs, i, d, context, sink, budget);
    }
  }

  /** The failed plan checks a string of {@code n} characters may cost (see MISS_BUDGET_BASE). */
  static int missBudget(int n) {
    return MISS_BUDGET_BASE + n / MISS_BUDGET_CHARS;
  }

  /**
   * Whether {@link #step} at the start of the maximal digit run {@code [start, end)}, reached from
   * a cursor at or before it, would report nothing and return {@code end}: the run is glued to a
   * word on its left and ends the word, or it stands alone with fewer than {@value #MIN_DIGITS}
   * digits, or with its following groups too few digits for any span {@link #evaluate} tries (a
   * decimal amount "1234.56", an ISO timestamp "2024-03-15T10:22", whose last group runs into a
   * word). Lets {@link DigitRunWalk} skip most runs without the call.
   *
   * <p>In the last case {@code step} would return the end of the last group, not of this run; the
   * walk resumes at this run's end instead, and the later groups report nothing either: any chain
   * that starts at one of them ends where this one does and holds a subset of its digits.
   */
  static boolean skips(char[] cs, int n, int start, int end) {
    char after = end < n ? cs[end] : 0;
    if (start > 0 && (cs[start - 1] == '+' || cs[start - 1] == '(')) {
      return false; // the number may start at the '+' or '('
    }
    if (!leftBoundary(cs, start)) {
      return !Chars.isAlnum(after); // the glued token ends with the run
    }
    if (end - start >= MIN_DIGITS) {
      return false;
    }
    return !isPhonePunct(after) || tooFewDigits(cs, n, end, end - start);
  }

  /**
   * Whether the chain of digit groups whose first group ends at {@code end} with {@code first}
   * digits, cut exactly as {@link #step} cuts it, has no span of groups that {@link #evaluate}
   * would check: fewer than {@value #MIN_DIGITS} digits in all, not counting a last group that runs
   * into a word (evaluate never ends a span there). Stops as soon as the groups before the current
   * one reach {@value #MIN_DIGITS}, so it reads at most a few groups.
   */
  private static boolean tooFewDigits(char[] cs, int n, int end, int first) {
    int total = first;
    int last = first;
    int j = end;
    while (true) {
      int k = j;
      if (k < n && cs[k] == ')') {
        k++;
      }
      char sep = k < n ? cs[k] : 0;
      if (isPhonePunct(sep) && sep != ')') {
        k++;
        if (k < n && cs[k] == '(') {
          k++;
        }
      }
      if (k == j || k >= n || !Chars.isDigit(cs[k])) {
        break;
      }
      if (total >= MIN_DIGITS) {
        return false; // the groups so far, none of them the last, may hold a number
      }
      j = k;
      while (j < n && Chars.isDigit(cs[j])) {
        j++;
      }
      last = j - k;
      total += last;
    }
    int checked = j < n && Chars.isWord(cs[j]) ? total - last : total;
    return checked < MIN_DIGITS;
  }

  /**
   * Examines the candidate run at the digit {@code d} ({@code i} the cursor it was searched from,
   * at or before it; {@code cs} the characters of {@code s}), reports the numbers found in it, and
   * returns the offset where the search for the next digit resumes, or {@code s.length()} once the
   * string's miss budget ({@code budget[0]}) is spent.
   */
  int step(String s, char[] cs, int i, int d, ScanContext context, MatchSink sink, int[] budget) {
    int n = s.length();
    char lead = Chars.at(s, d - 1);
    i = d > i && (lead == '+' || lead == '(') ? d - 1 : d;
    char c = cs[i];
    if (!leftBoundary(s, i)) {
      // Glued to a word ("ORD-2024", "a0 …"): skip this token only, a number may follow.
      i++;
      while (i < n && Chars.isAlnum(cs[i])) {
        i++;
      }
      return i;
    }
    // Collect the run's digit groups. The scratch arrays are fetched per run: the card detector,
    // walking the same runs, shares them.
    int[] gStart = context.scratch(0, MAX_GROUPS_PER_RUN);
    int[] gEnd = context.scratch(1, MAX_GROUPS_PER_RUN);
    int groups = 0;
    boolean punctuated = c == '+' || c == '(';
    int j = c == '+' || c == '(' ? i + 1 : i;
    while (j < n && groups < MAX_GROUPS_PER_RUN) {
      if (!Chars.isDigit(cs[j])) {
        break;
      }
      int gs = j;
      while (j < n && Chars.isDigit(cs[j])) {
        j++;
      }
      gStart[groups] = gs;
      gEnd[groups] = j;
      groups++;
      // Separator: one punctuation char, or ") " / ")-" after an area code, then a digit.
      int k = j;
      if (Chars.at(s, k) == ')') {
        k++;
      }
      char sep = Chars.at(s, k);
      if (isPhonePunct(sep) && sep != ')') {
        k++;
        if (Chars.at(s, k) == '(') {
          k++;
        }
      }
      if (k == j || !Chars.isDigit(Chars.at(s, k))) {
        break;
      }
      punctuated = true;
      j = k;
    }
    int runEnd = gEnd[groups - 1];
    i = Math.max(runEnd, i + 1);
    if (groups == MAX_GROUPS_PER_RUN) {
      // Skip the rest of an over-long run; it is a table of numbers, not a phone number.
      while (i < n && (Chars.isDigit(cs[i]) || isPhonePunct(cs[i]))) {
        i++;
      }
    }
    int total = 0;
    for (int k = 0; k < groups; k++) {
      total += gEnd[k] - gStart[k];
    }
    if (total < MIN_DIGITS) {
      return i; // no span of these groups can hold a number; skips the context look-behind
    }
    if (isQuad(s, gStart, gEnd, groups)) {
      return i; // 84.17.33.201 or a pod name 10-12-0-7: an address, not a phone number
    }
    boolean bare = !punctuated;
    if (bare && (runEnd - gStart[0] > MAX_DIGITS || !hasContext(s, gStart[0], context))) {
      return i;
    }
    evaluate(s, gStart, gEnd, groups, context, sink, budget);
    return budget[0] > 0 ? i : n;
  }

  /** Tries spans of whole groups, longest first, from each group that can start a number. */
  private void evaluate(
      String s,
      int[] gStart,
      int[] gEnd,
      int groups,
      ScanContext context,
      MatchSink sink,
      int[] budget) {
    int g = 0;
    while (g < groups && budget[0] > 0) {
      boolean found = false;
      if (canStart(s, gStart, g)) {
        int last = Math.min(groups - 1, g + MAX_GROUPS_PER_NUMBER - 1);
        for (int h = last; h >= g && !found; h--) {
          if (Chars.isWord(Chars.at(s, gEnd[h])) && h == groups - 1) {
            continue; // the last group runs into a word: "… 0958 0a" can end earlier
          }
          int digits = 0;
          for (int k = g; k <= h; k++) {
            digits += gEnd[k] - gStart[k];
          }
          if (digits < MIN_DIGITS || digits > MAX_DIGITS) {
            continue;
          }
          int start = gStart[g];
          char before = Chars.at(s, start - 1);
          boolean plus = before == '+';
          if (plus || before == '(') {
            start--;
          }
          int end = gEnd[h];
          if (Chars.at(s, end) == ')') {
            continue; // "(0)" style trunk markers aside, a number does not end inside parens
          }
          if (looksLikeOtherNumber(s, gStart, gEnd, g, h)) {
            continue;
          }
          if (g == h && !plus && before != '(' && !hasContext(s, gStart[g], context)) {
            continue; // one bare digit group: an id unless a phone word or key says otherwise
          }
          if (check(s, gStart, gEnd, g, h, plus, context)) {
            sink.add(start, end);
            found = true;
            g = h + 1;
          } else {
            budget[0]--;
            if (budget[0] <= 0) {
              return;
            }
          }
        }
      }
      if (!found) {
        g++;
      }
    }
  }

  /** A number starts a run, or follows whitespace, '+' or '(' (not the middle of "555-2671"). */
  private static boolean canStart(String s, int[] gStart, int g) {
    if (g == 0) {
      return true;
    }
    char before = Chars.at(s, gStart[g] - 1);
    return before == ' ' || before == '\u00a0' || before == '+' || before == '(';
  }

  private static String digitsOf(String s, int[] gStart, int[] gEnd, int g, int h) {
    StringBuilder sb = new StringBuilder(MAX_DIGITS);
    for (int k = g; k <= h; k++) {
      sb.append(s, gStart[k], gEnd[k]);
    }
    return sb.toString();
  }

  /**
   * Whether the digits of groups g..h (international when {@code plus}) are a number of a plan.
   * Verdicts are memoised for the message under the digits encoded in a long (at most 15 digits,
   * their count, and the '+'), so a repeat costs no string.
   */
  private boolean check(
      String s, int[] gStart, int[] gEnd, int g, int h, boolean plus, ScanContext context) {
    long value = 0;
    int count = 0;
    for (int k = g; k <= h; k++) {
      for (int i = gStart[k]; i < gEnd[k]; i++) {
        value = value * 10 + (s.charAt(i) - '0');
        count++;
      }
    }
    long key = ((long) count << 58) | (plus ? 1L << 57 : 0) | value;
    LongVerdicts memo = context.verdicts();
    int known = memo.get(key);
    if (known != LongVerdicts.UNKNOWN) {
      return known == 1;
    }
    String digits = digitsOf(s, gStart, gEnd, g, h);
    boolean ok = plus ? international(digits) : national(digits);
    memo.put(key, ok);
    return ok;
  }

  private boolean international(String digits) {
    // Country calling codes are prefix-free: at most one of the 1-3 digit prefixes is a code.
    int cc = 0;
    for (int len = 1; len <= 3 && len < digits.length(); len++) {
      cc = cc * 10 + (digits.charAt(len - 1) - '0');
      if (NumberPlans.isCallingCode(cc)) {
        return accept(cc, digits.substring(len));
      }
    }
    return false;
  }

  private boolean national(String digits) {
    for (Plan plan : plans) {
      String prefix = plan.nationalPrefix();
      if (prefix != null
          && !prefix.isEmpty()
          && digits.startsWith(prefix)
          && accept(plan.countryCode(), digits.substring(prefix.length()))) {
        return true;
      }
      // Outside the NANP (where the leading 1 is optional) a national number is written with its
      // trunk prefix ("020 7946 0958"); without it, "192 168 145" is not a French number.
      if ((prefix == null || prefix.isEmpty() || plan.countryCode() == 1)
          && accept(plan.countryCode(), digits)) {
        return true;
      }
    }
    return false;
  }

  private boolean accept(int countryCode, String nsn) {
    if (nsn.isEmpty() || nsn.length() > 17) {
      return false;
    }
    // The length check is cheap and rules out most candidates before the range check, which
    // NumberPlans answers as isValidNumber would, without its backtracking regexes.
    return NumberPlans.isPossible(countryCode, nsn)
        && (!validate || NumberPlans.isValid(countryCode, nsn));
  }

  private static boolean isPhonePunct(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0';
  }

  /** As {@link #leftBoundary(String, int)}, on the characters {@code cs} of the string. */
  private static boolean leftBoundary(char[] cs, int start) {
    char p = start > 0 ? cs[start - 1] : 0;
    return !Chars.isWord(p)
        && p != '.'
        && p != '/'
        && !(p == '-' && start > 1 && Chars.isAlnum(cs[start - 2]));
  }

  private static boolean leftBoundary(String s, int start) {
    char p = Chars.at(s, start - 1);
    return !Chars.isWord(p)
        && p != '.'
        && p != '/'
        && !(p == '-' && Chars.isAlnum(Chars.at(s, start - 2)));
  }

  /**
   * Dates (2024-03-15, 15/03/2024, 03.15.24), dotted quads (an IPv4 address is the ipv4 detector's)
   * and decimals (49405.04): shapes that a numbering plan may accept by digit count but that are
   * not phone numbers.
   */
  private static boolean looksLikeOtherNumber(String s, int[] gStart, int[] gEnd, int g, int h) {
    if (Chars.at(s, gEnd[h]) == ':' && Chars.isDigit(Chars.at(s, gEnd[h] + 1))) {
      return true; // "2024-03-15 10:22": ends in a time
    }
    if (h - g >= 3
        && Chars.at(s, gStart[g] - 1) != '+'
        && s.charAt(gEnd[g + 2]) != s.charAt(gEnd[g])
        && looksLikeOtherNumber(s, gStart, gEnd, g, g + 2)) {
      return true; // starts with a date, then something else: "2024-03-15 1042"
    }
    int count = h - g + 1;
    char sep1 = count > 1 ? s.charAt(gEnd[g]) : 0;
    boolean sameSep = true;
    for (int k = g; k < h; k++) {
      if (gStart[k + 1] - gEnd[k] != 1 || s.charAt(gEnd[k]) != sep1) {
        sameSep = false;
      }
    }
    if (!sameSep) {
      return false;
    }
    int l0 = gEnd[g] - gStart[g];
    if (sep1 == '.' && (count == 2 || (count == 4 && maxLen(gStart, gEnd, g, h) <= 3))) {
      return true;
    }
    if (count == 3
        && (sep1 == '-' || sep1 == '/' || sep1 == '.')
        && Chars.at(s, gStart[g] - 1) != '+') {
      int l1 = gEnd[g + 1] - gStart[g + 1];
      int l2 = gEnd[h] - gStart[h];
      return (l0 == 4 && l1 <= 2 && l2 <= 2) || (l0 <= 2 && l1 <= 2 && (l2 == 4 || l2 == 2));
    }
    return false;
  }

  private static boolean isQuad(String s, int[] gStart, int[] gEnd, int groups) {
    if (groups != 4 || maxLen(gStart, gEnd, 0, 3) > 3) {
      return false;
    }
    char sep = s.charAt(gEnd[0]);
    for (int k = 0; k < 3; k++) {
      if (gStart[k + 1] - gEnd[k] != 1 || s.charAt(gEnd[k]) != sep) {
        return false;
      }
    }
    return sep == '.' || sep == '-';
  }

  private static int maxLen(int[] gStart, int[] gEnd, int g, int h) {
    int max = 0;
    for (int k = g; k <= h; k++) {
      max = Math.max(max, gEnd[k] - gStart[k]);
    }
    return max;
  }

  private static boolean hasContext(String s, int start, ScanContext context) {
    String key = context.normalizedKey();
    for (String k : PHONE_KEYS) {
      if (key.contains(k)) {
        return true;
      }
    }
    return Chars.containsAnyWordLower(s, start - CONTEXT_WINDOW, start, PHONE_WORDS);
  }

  @Override
  public String normalize(String value) {
    String digits = Chars.digitsOnly(value);
    return value.strip().startsWith("+") ? "+" + digits : digits;
  }
}
