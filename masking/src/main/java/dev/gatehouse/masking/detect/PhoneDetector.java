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
    int i = 0;
    while (i < n) {
      char c = s.charAt(i);
      if (!(Chars.isDigit(c) || ((c == '+' || c == '(') && Chars.isDigit(Chars.at(s, i + 1))))) {
        i++;
        continue;
      }
      int start = i;
      int digits = 0;
      boolean punctuated = c == '+' || c == '(';
      int j = c == '+' ? i + 1 : i;
      while (j < n) {
        char ch = s.charAt(j);
        if (Chars.isDigit(ch)) {
          digits++;
        } else if (isPhonePunct(ch)) {
          char next = Chars.at(s, j + 1);
          if ((ch == ' ' || ch == '\u00a0') && !Chars.isDigit(next) && next != '(') {
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
      if (digits < MIN_DIGITS || !leftBoundary(s, start) || Chars.isWord(Chars.at(s, end))) {
        continue;
      }
      if (!punctuated && (digits > MAX_DIGITS || !hasContext(s, start, context))) {
        continue;
      }
      findIn(s, start, end, sink);
    }
  }

  private void findIn(String s, int start, int end, MatchSink sink) {
    for (int from = start; from < end; ) {
      int to = Math.min(end, from + MAX_WINDOW);
      if (to < end) {
        // Cut at a space so a number is not split in two, when possible.
        int cut = s.lastIndexOf(' ', to);
        if (cut > from + 10) {
          to = cut;
        }
      }
      String window = s.substring(from, to);
      // Several regions find the same international number: report each span once.
      java.util.Set<Long> spans = regions.size() > 1 ? new java.util.HashSet<>() : null;
      for (String region : regions) {
        for (PhoneNumberMatch m : UTIL.findNumbers(window, region, leniency, Long.MAX_VALUE)) {
          int ms = from + m.start();
          int me = from + m.end();
          if ((spans == null || spans.add(((long) ms << 32) | me))
              && !looksLikeOtherNumber(s, ms, me)) {
            sink.add(ms, me);
          }
        }
      }
      from = to;
    }
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
