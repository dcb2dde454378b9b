package dev.gatehouse.masking.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.Leniency;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code phone}: candidate runs of digits and phone punctuation are cut out of the text by a linear
 * scan, and only those short windows go to libphonenumber, which validates them against the
 * numbering plan of each configured region (national formats) or of the country code ({@code +…}
 * international formats). Bare digit runs with no phone punctuation are IDs more often than not, so
 * they count only next to a phone word ("phone", "tel", "mobile", …) or as the value of a field
 * whose name says so.
 */
public final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;

  /** Candidate windows longer than this are split, so libphonenumber's work stays bounded. */
  private static final int MAX_WINDOW = 40;

  private static final int CONTEXT_WINDOW = 24;
  private static final String[] PHONE_WORDS = {
    "phone", "tel", "mobile", "cell", "call", "fax", "sms", "whatsapp", "contact", "dial", "ph."
  };
  private static final String[] PHONE_KEYS = {
    "phone", "tel", "mobile", "cell", "fax", "msisdn", "sms", "whatsapp"
  };

  private final List<String> regions;
  private final Leniency leniency;

  public PhoneDetector(List<String> regions, Leniency leniency) {
    this.regions = List.copyOf(regions);
    this.leniency = leniency;
  }

  public List<String> regions() {
    return regions;
  }

  @Override
  public String name() {
    return "phone";
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.digits() >= MIN_DIGITS;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int[] budget = {MISS_BUDGET_BASE + n / MISS_BUDGET_CHARS};
    int i = 0;
    while (i < n && budget[0] > 0) {
      char c = s.charAt(i);
      if (!(Chars.isDigit(c) || ((c == '+' || c == '(') && Chars.isDigit(Chars.at(s, i + 1))))) {
        i++;
        continue;
      }
      int start = i;
      if (!leftBoundary(s, start)) {
        // Glued to a word ("a0 (415) 555-2671"): skip this token only, a number may follow.
        i++;
        while (i < n && Chars.isAlnum(s.charAt(i))) {
          i++;
        }
        continue;
      }
      int digits = 0;
      boolean punctuated = c == '+' || c == '(';
      int j = c == '+' ? i + 1 : i;
      while (j < n) {
        char ch = s.charAt(j);
        if (Chars.isDigit(ch)) {
          digits++;
        } else if (isPhonePunct(ch)) {
          char next = Chars.at(s, j + 1);
          if ((ch == ' ' || ch == '\u00a0') && !Chars.isDigit(next) && next != '(' && next != '+') {
            break;
          }
          punctuated = true;
        } else {
          break;
        }
        j++;
      }
      int end = j;
      while (end > start && !Chars.isDigit(s.charAt(end - 1)) && s.charAt(end - 1) != ')') {
        end--;
      }
      i = Math.max(j, start + 1);
      if (Chars.isWord(Chars.at(s, end))) {
        // The last group is glued to a word ("… 0958 0a"): the number may end before it.
        int k = end;
        while (k > start && Chars.isDigit(s.charAt(k - 1))) {
          k--;
        }
        while (k > start && !Chars.isDigit(s.charAt(k - 1)) && s.charAt(k - 1) != ')') {
          k--;
        }
        end = k;
        digits = 0;
        for (int d = start; d < end; d++) {
          digits += Chars.isDigit(s.charAt(d)) ? 1 : 0;
        }
      }
      if (digits < MIN_DIGITS) {
        continue;
      }
      if (!punctuated && (digits > MAX_DIGITS || !hasContext(s, start, context))) {
        continue;
      }
      findIn(s, start, end, sink, budget);
    }
  }

  /**
   * libphonenumber costs a few hundred microseconds per window, so a string made of digit junk ("1
   * 1 1 1 …", long tables of measurements) could cost seconds per MiB. Each window where no number
   * is found uses one unit of this budget; once it is spent the rest of the string is not searched
   * for phone numbers (other detectors still run). Windows that do hold numbers cost nothing, so a
   * real list of phone numbers is always searched to the end. See docs/masking.md.
   */
  static final int MISS_BUDGET_BASE = 64;

  static final int MISS_BUDGET_CHARS = 4096;

  private void findIn(String s, int start, int end, MatchSink sink, int[] budget) {
    for (int from = start; from < end && budget[0] > 0; ) {
      int to = Math.min(end, from + MAX_WINDOW);
      if (to < end) {
        // Cut at a space so a number is not split in two, when possible.
        // (A bounded backward search: String.lastIndexOf would walk to the start of the text.)
        for (int cut = to; cut > from + 10; cut--) {
          if (s.charAt(cut) == ' ') {
            to = cut;
            break;
          }
        }
      }
      if (!plausible(s, from, to)) {
        from = to;
        continue;
      }
      boolean found = search(s, from, to, sink);
      if (!found) {
        // A number glued to a neighbouring digit group ("+44 20 7946 0958 0", "room 12 415 555
        // 2671") fails as a whole: retry without the last group, then without the first.
        int lastSep = lastSeparator(s, from, to);
        found = lastSep > from && search(s, from, lastSep, sink);
        int firstSep = firstSeparator(s, from, to);
        if (!found && firstSep > 0 && firstSep + 1 < to) {
          found = search(s, firstSep + 1, to, sink);
        }
      }
      if (!found) {
        budget[0]--;
      }
      from = to;
    }
  }

  /** Runs libphonenumber on s[from, to) for each region; true when it found a number. */
  private boolean search(String s, int from, int to, MatchSink sink) {
    if (!plausible(s, from, to)) {
      return false;
    }
    String window = s.substring(from, to);
    boolean international = window.indexOf('+') >= 0 && window.indexOf(' ') < 0;
    // Several regions find the same international number: report each span once.
    java.util.Set<Long> spans = regions.size() > 1 ? new java.util.HashSet<>() : null;
    boolean found = false;
    for (String region : regions) {
      for (PhoneNumberMatch m : UTIL.findNumbers(window, region, leniency, Long.MAX_VALUE)) {
        int ms = from + m.start();
        int me = from + m.end();
        if ((spans == null || spans.add(((long) ms << 32) | me))
            && !looksLikeOtherNumber(s, ms, me)) {
          sink.add(ms, me);
          found = true;
        }
      }
      if (international) {
        break; // "+44…" parses the same whatever the default region
      }
    }
    return found;
  }

  private static int lastSeparator(String s, int from, int to) {
    int k = to - 1;
    while (k > from && Chars.isDigit(s.charAt(k))) {
      k--;
    }
    return k > from && s.charAt(k) == ' ' ? k : -1;
  }

  private static int firstSeparator(String s, int from, int to) {
    int k = from;
    while (k < to && (Chars.isDigit(s.charAt(k)) || s.charAt(k) == '+')) {
      k++;
    }
    return k < to && s.charAt(k) == ' ' ? k : -1;
  }

  /**
   * Cheap necessary conditions before libphonenumber: seven digits, and either a '+' or a group of
   * at least three digits (no numbering plan is written as single digits: "1 2 3 4 5 6 7").
   */
  private static boolean plausible(String s, int from, int to) {
    int digits = 0;
    int group = 0;
    int maxGroup = 0;
    boolean plus = false;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (Chars.isDigit(c)) {
        digits++;
        group++;
        maxGroup = Math.max(maxGroup, group);
      } else {
        group = 0;
        plus |= c == '+';
      }
    }
    return digits >= MIN_DIGITS && (plus || maxGroup >= 3);
  }

  private static boolean isPhonePunct(char c) {
    return c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '/' || c == '\u00a0';
  }

  private static boolean leftBoundary(String s, int start) {
    char p = Chars.at(s, start - 1);
    return !Chars.isWord(p)
        && p != '.'
        && p != '/'
        && !(p == '-' && Chars.isAlnum(Chars.at(s, start - 2)));
  }

  /**
   * Dates (2024-03-15, 15/03/2024), dotted quads (an IPv4 address is the ipv4 detector's) and
   * decimals (49405.04): digit counts that a numbering plan can accept, shapes that are not phone
   * numbers.
   */
  private static boolean looksLikeOtherNumber(String s, int start, int end) {
    String t = s.substring(start, end);
    return DATE_PATTERN.matcher(t).matches()
        || DOTTED_QUAD.matcher(t).matches()
        || DECIMAL.matcher(t).matches();
  }

  static final Pattern DATE_PATTERN =
      Pattern.compile(
          "(?:\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4})(?:[ T]\\d{1,2})?");
  static final Pattern DOTTED_QUAD = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
  static final Pattern DECIMAL = Pattern.compile("\\d{1,12}\\.\\d{1,4}");

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
