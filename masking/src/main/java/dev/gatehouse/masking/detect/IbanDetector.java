package dev.gatehouse.masking.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code iban}: a two-letter country code with a registered IBAN length, two check digits, then the
 * BBAN (compact or in groups separated by single spaces), accepted only when the ISO 13616 mod-97
 * check gives 1. The per-country length is what stops a long alphanumeric ID from being read as an
 * IBAN; mod-97 rejects 96 of 97 of the rest.
 */
public final class IbanDetector implements Detector {
  /** ISO 13616 registry lengths (SWIFT IBAN registry). */
  private static final Map<String, Integer> LENGTHS = new HashMap<>();

  static {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22"
            + " DJ27 DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28"
            + " HN28 HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20"
            + " LV21 LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28"
            + " PS29 PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28"
            + " TL23 TN24 TR26 UA29 VA22 VG24 XK20 YE30";
    for (String entry : table.split(" ")) {
      LENGTHS.put(entry.substring(0, 2), Integer.parseInt(entry.substring(2)));
    }
  }

  @Override
  public String name() {
    return "iban";
  }

  @Override
  public int minLength() {
    return 15;
  }

  @Override
  public int minDigits() {
    return 4;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DIGIT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.digits() >= 4 && p.length() >= 15;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    char[] buf = new char[34];
    TextProfile profile = context.profile(s);
    char[] cs = profile.chars(s);
    int from = FIRST_DIGIT;
    while (from < n) {
      int d = profile.nextDigit(s, from);
      from = step(s, cs, d, buf, sink);
    }
  }

  /** Where the search for the first digit starts: an IBAN's digits follow two letters. */
  static final int FIRST_DIGIT = 2;

  /**
   * Whether {@link #step} at the start of the maximal digit run {@code [start, end)} would report
   * nothing and return {@code end}: the run does not follow two letters, or has fewer than the two
   * check digits. Lets {@link DigitRunWalk} skip most runs without the call.
   */
  static boolean skips(char[] cs, int start, int end) {
    return start < 2
        || end - start < 2
        || !Chars.isLetter(cs[start - 1])
        || !Chars.isLetter(cs[start - 2]);
  }

  /**
   * Examines the candidate whose first check digit is at {@code d} ({@code cs} the characters of
   * {@code s}, {@code buf} scratch for 34) and reports an IBAN there; returns the offset from which
   * to search for the next such digit (the string's length once no IBAN fits).
   */
  int step(String s, char[] cs, int d, char[] buf, MatchSink sink) {
    int n = s.length();
    if (d + 13 > n) {
      return n;
    }
    // An IBAN is two letters then a digit run: look two back from the run.
    int i = d - 2;
    char c0 = s.charAt(i);
    if (!Chars.isLetter(c0)
        || !Chars.isLetter(s.charAt(i + 1))
        || !Chars.isDigit(s.charAt(i + 2))
        || !Chars.isDigit(s.charAt(i + 3))
        || Chars.isAlnum(Chars.at(s, i - 1))) {
      // Only the start of a digit run can follow the two letters: skip the rest of this run
      // (trying each of its digits costs as much as all the other checks).
      return runEnd(cs, n, d);
    }
    int end = match(s, i, buf);
    if (end > 0) {
      sink.add(i, end);
      return end + 2;
    }
    return runEnd(cs, n, d);
  }

  private static int runEnd(char[] cs, int n, int d) {
    while (d < n && Chars.isDigit(cs[d])) {
      d++;
    }
    return d;
  }

  /** End offset of a valid IBAN starting at {@code start}, or -1. */
  private static int match(String s, int start, char[] buf) {
    char a = Chars.lower(s.charAt(start));
    char b = Chars.lower(s.charAt(start + 1));
    // Country code and BBAN must agree in case: "DE89…" or "de89…", never "De89…".
    boolean upper = Chars.isUpper(s.charAt(start));
    if (Chars.isUpper(s.charAt(start + 1)) != upper) {
      return -1;
    }
    Integer length = LENGTHS.get("" + (char) (a - 32) + (char) (b - 32));
    if (length == null) {
      return -1;
    }
    int n = s.length();
    int count = 0;
    int j = start;
    char sep = 0;
    while (count < length && j < n) {
      char c = s.charAt(j);
      if (Chars.isDigit(c) || (upper ? Chars.isUpper(c) : Chars.isLower(c))) {
        buf[count++] = c;
        j++;
      } else if ((c == ' ' || c == '-')
          && count % 4 == 0
          && count > 0
          && (sep == 0 || sep == c)
          && Chars.isAlnum(Chars.at(s, j + 1))) {
        // Printed IBANs group by four: only accept a separator at a group boundary.
        sep = c;
        j++;
      } else {
        break;
      }
    }
    // The token must end here: not more letters/digits, nor a dash leading to more (a UUID).
    char next = Chars.at(s, j);
    if (count != length
        || Chars.isAlnum(next)
        || (next == '-' && Chars.isAlnum(Chars.at(s, j + 1)))) {
      return -1;
    }
    return mod97(buf, length) == 1 ? j : -1;
  }

  /** ISO 7064 mod 97-10 over the rearranged IBAN (first four characters moved to the end). */
  static int mod97(char[] iban, int length) {
    int r = 0;
    for (int k = 0; k < length; k++) {
      char c = iban[(k + 4) % length];
      int v = Chars.isDigit(c) ? c - '0' : Chars.lower(c) - 'a' + 10;
      r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
    }
    return r;
  }

  @Override
  public String normalize(String value) {
    return Chars.alnumUpper(value);
  }
}
