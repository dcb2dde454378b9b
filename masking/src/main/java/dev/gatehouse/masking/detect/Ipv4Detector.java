package dev.gatehouse.masking.detect;

import java.util.EnumSet;
import java.util.Set;

/**
 * {@code ipv4}: dotted quads with octets 0-255 (no leading zeros, which are dates and versions far
 * more often than addresses), not glued to a longer dotted number, and not preceded by the word
 * "version". Ranges listed in {@code ignore} are left alone (by default loopback, unspecified and
 * the RFC 5737 documentation networks).
 */
public final class Ipv4Detector implements Detector {
  private final Set<IpRanges> ignored;

  public Ipv4Detector(Set<IpRanges> ignored) {
    this.ignored = ignored.isEmpty() ? EnumSet.noneOf(IpRanges.class) : EnumSet.copyOf(ignored);
  }

  @Override
  public String name() {
    return "ipv4";
  }

  @Override
  public int minLength() {
    return 7;
  }

  @Override
  public int minDigits() {
    return 4;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DIGIT | TextProfile.DOT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.digits() >= 4 && p.dots() >= 3;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int[] octets = new int[4];
    TextProfile profile = context.profile(s);
    char[] cs = profile.chars(s);
    int i = 0;
    while (i < n) {
      i = profile.nextDigit(s, i);
      if (i >= n) {
        return;
      }
      i = step(s, cs, i, octets, context, sink);
    }
  }

  /**
   * Whether {@link #step} at the start of the maximal digit run {@code [start, end)} would report
   * nothing and return {@code end}: no dot follows the run, so it is no first octet. Lets {@link
   * DigitRunWalk} skip most runs without the call.
   */
  static boolean skips(char[] cs, int n, int end) {
    return end >= n || cs[end] != '.';
  }

  /**
   * Examines the dotted number starting at the digit {@code i} ({@code cs} the characters of {@code
   * s}, {@code octets} scratch for four) and reports an address there; returns the offset after it,
   * where the search for the next digit resumes.
   */
  int step(String s, char[] cs, int i, int[] octets, ScanContext context, MatchSink sink) {
    int n = s.length();
    int end = parse(cs, n, i, octets);
    if (end > 0
        && leftBoundary(s, i)
        && rightBoundary(s, end)
        && !ignored.contains(IpRanges.classifyV4(octets[0], octets[1], octets[2], octets[3]))
        && !versionContext(s, i, context)) {
      sink.add(i, end);
      return end;
    }
    // Skip the whole dotted-number token: an address never starts inside one.
    while (i < n && (Chars.isDigit(cs[i]) || cs[i] == '.')) {
      i++;
    }
    return i;
  }

  /** "version 1.2.3.4", {@code Version = "2.5.6.3"}, or the value of a "*version*" field. */
  private static boolean versionContext(String s, int i, ScanContext context) {
    return context.normalizedKey().contains("version")
        || Chars.containsAnyLower(s, i - 20, i, "version", "ver ", "ver.", "v.", "build");
  }

  /** End offset of four dot-separated octets at {@code i} in {@code cs[0, n)}, or -1. */
  private static int parse(char[] cs, int n, int i, int[] octets) {
    int j = i;
    for (int k = 0; k < 4; k++) {
      if (k > 0) {
        if (j >= n || cs[j] != '.') {
          return -1;
        }
        j++;
      }
      int startOctet = j;
      int v = 0;
      while (j < n && Chars.isDigit(cs[j]) && j - startOctet < 4) {
        v = v * 10 + (cs[j] - '0');
        j++;
      }
      int len = j - startOctet;
      if (len == 0 || len > 3 || v > 255 || (len > 1 && cs[startOctet] == '0')) {
        return -1;
      }
      octets[k] = v;
    }
    return j;
  }

  private static boolean leftBoundary(String s, int i) {
    char p = Chars.at(s, i - 1);
    return !Chars.isWord(p) && p != '.' && p != '-';
  }

  private static boolean rightBoundary(String s, int end) {
    char c = Chars.at(s, end);
    return !Chars.isWord(c) && !(c == '.' && Chars.isDigit(Chars.at(s, end + 1)));
  }
}
