package dev.gatehouse.masking.detect;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * {@code ipv6}: runs of hex digits, colons and dots around a colon, validated by a real RFC 4291
 * parser (eight groups, or fewer with one "::", optionally ending in a dotted quad). Times ({@code
 * 10:22:01}), MAC addresses and {@code std::vector} fail the parser. Runs longer than the longest
 * textual address are rejected outright, which keeps the scan linear.
 */
public final class Ipv6Detector implements Detector {
  private static final int MAX_TEXT = 45;
  private final Set<IpRanges> ignored;

  public Ipv6Detector(Set<IpRanges> ignored) {
    this.ignored = ignored.isEmpty() ? EnumSet.noneOf(IpRanges.class) : EnumSet.copyOf(ignored);
  }

  @Override
  public String name() {
    return "ipv6";
  }

  @Override
  public int minLength() {
    return 2;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.COLON;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.colons() >= 2;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int[] groups = new int[8];
    int from = 0;
    while (from < n) {
      int colon = s.indexOf(':', from);
      if (colon < 0) {
        return;
      }
      int start = colon;
      while (start > from && isRunChar(s.charAt(start - 1))) {
        start--;
      }
      int end = colon + 1;
      int colons = 1;
      while (end < n && isRunChar(s.charAt(end))) {
        if (s.charAt(end) == ':') {
          colons++;
        }
        end++;
      }
      if (colons < 2) {
        // Every address has two colons at least ("::"); a lone one is a "key": value or a time
        // zone offset, and the parser need not see it.
        from = end;
        continue;
      }
      // Sentence punctuation after an address: "reach ::ffff:1.2.3.4." or "fe80::1:".
      int e = end;
      while (e > start && (s.charAt(e - 1) == '.')) {
        e--;
      }
      if (e - start <= MAX_TEXT
          && !Chars.isWord(Chars.at(s, start - 1))
          && !Chars.isWord(Chars.at(s, end))
          && parse(s, start, e, groups)
          && !ignored.contains(IpRanges.classifyV6(groups))) {
        sink.add(start, e);
      }
      from = end;
    }
  }

  private static boolean isRunChar(char c) {
    return Chars.isHex(c) || c == ':' || c == '.';
  }

  /** Parses s[start, end) as an IPv6 address into eight 16-bit groups. */
  static boolean parse(String s, int start, int end, int[] out) {
    String text = s.substring(start, end);
    int dbl = text.indexOf("::");
    if (dbl >= 0 && text.indexOf("::", dbl + 1) >= 0) {
      return false;
    }
    int[] head = new int[8];
    int[] tail = new int[8];
    int headCount;
    int tailCount;
    if (dbl >= 0) {
      headCount = groups(text, 0, dbl, head, false);
      tailCount = groups(text, dbl + 2, text.length(), tail, true);
      if (headCount < 0 || tailCount < 0 || headCount + tailCount > 7) {
        return false;
      }
    } else {
      headCount = groups(text, 0, text.length(), head, true);
      tailCount = 0;
      if (headCount != 8) {
        return false;
      }
    }
    java.util.Arrays.fill(out, 0);
    System.arraycopy(head, 0, out, 0, headCount);
    System.arraycopy(tail, 0, out, 8 - tailCount, tailCount);
    return true;
  }

  /**
   * Parses colon-separated groups of text[from, to) into {@code out}; a dotted quad counts as two
   * groups and is allowed only at the very end. Returns the group count or -1.
   */
  private static int groups(String text, int from, int to, int[] out, boolean allowQuad) {
    if (from == to) {
      return 0;
    }
    int count = 0;
    int i = from;
    while (i <= to) {
      int next = text.indexOf(':', i);
      if (next < 0 || next > to) {
        next = to;
      }
      String part = text.substring(i, next);
      if (part.indexOf('.') >= 0) {
        if (!allowQuad || next != to || count > 6) {
          return -1;
        }
        int[] q = quad(part);
        if (q == null) {
          return -1;
        }
        out[count++] = (q[0] << 8) | q[1];
        out[count++] = (q[2] << 8) | q[3];
        return count;
      }
      if (part.isEmpty() || part.length() > 4 || count >= 8) {
        return -1;
      }
      out[count++] = Integer.parseInt(part, 16);
      if (next == to) {
        return count;
      }
      i = next + 1;
    }
    return count;
  }

  private static int[] quad(String part) {
    String[] p = part.split("\\.", -1);
    if (p.length != 4) {
      return null;
    }
    int[] q = new int[4];
    for (int k = 0; k < 4; k++) {
      if (p[k].isEmpty() || p[k].length() > 3 || !p[k].chars().allMatch(Character::isDigit)) {
        return null;
      }
      q[k] = Integer.parseInt(p[k]);
      if (q[k] > 255) {
        return null;
      }
    }
    return q;
  }

  @Override
  public String normalize(String value) {
    return value.toLowerCase(Locale.ROOT);
  }
}
