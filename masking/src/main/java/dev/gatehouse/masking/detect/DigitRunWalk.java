package dev.gatehouse.masking.detect;

/**
 * One walk over the digit runs of a string for the five numeric detectors ({@code credit_card},
 * {@code phone}, {@code us_ssn}, {@code iban}, {@code ipv4}). Each of them used to walk the same
 * runs on its own, asking for the next digit once per run (five searches per run, some 75,000 per
 * typical tool result); here each run is found and measured once, and handed only to the detectors
 * whose static {@code skips} test cannot rule it out from its length and neighbours (a run glued to
 * a word, a year, an amount: most runs reach no detector at all).
 *
 * <p>Each detector keeps its own cursor, exactly as in its own {@code scan}: its {@code step} is
 * called with the first digit at or after the cursor and returns the new cursor. The walk calls the
 * same {@code step} methods as the detectors' {@code scan}, and skips a run for a detector only
 * where its {@code step} would report nothing and move the cursor to the end of the run, so the
 * matches are those of the five scans (DigitRunWalkTest compares them on random text).
 */
public final class DigitRunWalk {
  /** Bits of the {@code active} argument of {@link #scan}, one per detector of the walk. */
  private static final int CARD = 1;

  private static final int PHONE = 1 << 1;
  private static final int SSN = 1 << 2;
  private static final int IBAN = 1 << 3;
  private static final int IPV4 = 1 << 4;

  /** Receives the matches of the walk, each preceded by the index of the rule it belongs to. */
  public interface Sink extends MatchSink {
    /** The rule (index in the detectors the walk was built from) of the next {@link #add}s. */
    void rule(int rule);
  }

  private final CreditCardDetector card;
  private final PhoneDetector phone;
  private final UsSsnDetector ssn;
  private final IbanDetector iban;
  private final Ipv4Detector ipv4;
  private final int cardRule;
  private final int phoneRule;
  private final int ssnRule;
  private final int ibanRule;
  private final int ipv4Rule;
  private final int[] slotOfRule;

  /**
   * A walk for the numeric detectors among {@code detectors} (the rules of one rule set, in order;
   * at most one of each kind, as rule names are unique and the built-ins have fixed names).
   */
  public DigitRunWalk(Detector[] detectors) {
    CreditCardDetector c = null;
    PhoneDetector p = null;
    UsSsnDetector u = null;
    IbanDetector b = null;
    Ipv4Detector v = null;
    int cr = -1;
    int pr = -1;
    int ur = -1;
    int br = -1;
    int vr = -1;
    slotOfRule = new int[detectors.length];
    for (int r = 0; r < detectors.length; r++) {
      Detector d = detectors[r];
      if (d instanceof CreditCardDetector x && c == null) {
        c = x;
        cr = r;
        slotOfRule[r] = CARD;
      } else if (d instanceof PhoneDetector x && p == null) {
        p = x;
        pr = r;
        slotOfRule[r] = PHONE;
      } else if (d instanceof UsSsnDetector x && u == null) {
        u = x;
        ur = r;
        slotOfRule[r] = SSN;
      } else if (d instanceof IbanDetector x && b == null) {
        b = x;
        br = r;
        slotOfRule[r] = IBAN;
      } else if (d instanceof Ipv4Detector x && v == null) {
        v = x;
        vr = r;
        slotOfRule[r] = IPV4;
      }
    }
    card = c;
    phone = p;
    ssn = u;
    iban = b;
    ipv4 = v;
    cardRule = cr;
    phoneRule = pr;
    ssnRule = ur;
    ibanRule = br;
    ipv4Rule = vr;
  }

  /**
   * The bit that stands for rule {@code rule} in {@link #scan}'s {@code active}, or 0 when the walk
   * does not run that rule's detector (the caller scans it itself).
   */
  public int slot(int rule) {
    return slotOfRule[rule];
  }

  /**
   * Runs the detectors whose {@link #slot} bits are set in {@code active} over {@code s}, the
   * string {@code profile} was computed for, and reports their matches to {@code sink}.
   */
  public void scan(String s, ScanContext context, TextProfile profile, int active, Sink sink) {
    if (!profile.isOf(s)) {
      profile = new TextProfile().compute(s); // the bitmap below must be that of s
    }
    int n = s.length();
    char[] cs = profile.chars(s);
    // Each detector's cursor; n for a detector that is off or done.
    int qCard = (active & CARD) != 0 ? 0 : n;
    int qPhone = (active & PHONE) != 0 ? 0 : n;
    int qSsn = (active & SSN) != 0 ? 0 : n;
    int qIban = (active & IBAN) != 0 ? IbanDetector.FIRST_DIGIT : n;
    int qIp = (active & IPV4) != 0 ? 0 : n;
    int[] budget = null;
    int[] octets = null;
    char[] ibanBuf = null;
    long[] bits = profile.digitBits();
    int words = (n + 63) >>> 6;
    int p = 0;
    while (true) {
      int min = Math.min(Math.min(Math.min(qCard, qPhone), Math.min(qSsn, qIban)), qIp);
      p = Math.max(p, min);
      if (p >= n) {
        return;
      }
      // [a, e): the digits from p to the end of their run. Every cursor is at or after p, and no
      // digit lies between p and a, so a detector's next digit is a, or its cursor inside the run.
      int w = p >>> 6;
      long x = bits[w] & (-1L << p); // a long shift uses the low six bits of p
      while (x == 0) {
        if (++w >= words) {
          return;
        }
        x = bits[w];
      }
      int a = (w << 6) + Long.numberOfTrailingZeros(x);
      long y = ~bits[w] & (-1L << a);
      while (y == 0 && ++w < words) {
        y = ~bits[w];
      }
      int e = y == 0 ? n : Math.min(n, (w << 6) + Long.numberOfTrailingZeros(y));
      // The skip tests read the run's neighbours, so they hold for a whole run only.
      boolean whole = a == 0 || !Chars.isDigit(cs[a - 1]);
      while (qCard < e) {
        int pos = Math.max(qCard, a);
        if (whole && pos == a && CreditCardDetector.skips(cs, n, a, e)) {
          qCard = e;
        } else {
          sink.rule(cardRule);
          qCard = card.step(s, cs, pos, context, sink);
        }
      }
      while (qPhone < e) {
        int pos = Math.max(qPhone, a);
        if (whole && pos == a && PhoneDetector.skips(cs, n, a, e)) {
          qPhone = e;
        } else {
          if (budget == null) {
            budget = new int[] {PhoneDetector.missBudget(n)};
          }
          sink.rule(phoneRule);
          qPhone = phone.step(s, cs, qPhone, pos, context, sink, budget);
        }
      }
      while (qSsn < e) {
        int pos = Math.max(qSsn, a);
        if (whole && pos == a && UsSsnDetector.skips(cs, n, a, e)) {
          qSsn = e;
        } else {
          sink.rule(ssnRule);
          qSsn = ssn.step(s, cs, pos, context, sink);
        }
      }
      while (qIban < e) {
        int pos = Math.max(qIban, a);
        // Inside a run (the cursor starts at offset 2, often inside a string's leading run) the
        // character before is a digit, not the second letter of a country code: step would only
        // move to the end of the run.
        if ((pos > 0 && Chars.isDigit(cs[pos - 1]))
            || (whole && pos == a && IbanDetector.skips(cs, a, e))) {
          qIban = e;
        } else {
          if (ibanBuf == null) {
            ibanBuf = new char[34];
          }
          sink.rule(ibanRule);
          qIban = iban.step(s, cs, pos, ibanBuf, sink);
        }
      }
      while (qIp < e) {
        int pos = Math.max(qIp, a);
        if (whole && pos == a && Ipv4Detector.skips(cs, n, e)) {
          qIp = e;
        } else {
          if (octets == null) {
            octets = new int[4];
          }
          sink.rule(ipv4Rule);
          qIp = ipv4.step(s, cs, pos, octets, context, sink);
        }
      }
      p = e;
    }
  }
}
