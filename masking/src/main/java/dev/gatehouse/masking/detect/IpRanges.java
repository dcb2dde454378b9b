package dev.gatehouse.masking.detect;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Address ranges an operator may choose to leave unmasked, by name. */
public enum IpRanges {
  /** 127.0.0.0/8, ::1. */
  LOOPBACK,
  /** 0.0.0.0, 255.255.255.255, ::. */
  UNSPECIFIED,
  /** 192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24 (RFC 5737), 2001:db8::/32 (RFC 3849). */
  DOCUMENTATION,
  /** 10/8, 172.16/12, 192.168/16, fc00::/7. */
  PRIVATE,
  /** 169.254/16, fe80::/10. */
  LINK_LOCAL;

  /** What the built-in IP detectors leave alone unless configured otherwise. */
  public static final Set<IpRanges> DEFAULT_IGNORED =
      EnumSet.of(LOOPBACK, UNSPECIFIED, DOCUMENTATION);

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static IpRanges parse(String name) {
    return valueOf(name.toUpperCase(Locale.ROOT));
  }

  static IpRanges classifyV4(int a, int b, int c, int d) {
    if (a == 127) {
      return LOOPBACK;
    }
    if ((a == 0 && b == 0 && c == 0 && d == 0) || (a == 255 && b == 255 && c == 255 && d == 255)) {
      return UNSPECIFIED;
    }
    if ((a == 192 && b == 0 && c == 2)
        || (a == 198 && b == 51 && c == 100)
        || (a == 203 && b == 0 && c == 113)) {
      return DOCUMENTATION;
    }
    if (a == 10 || (a == 172 && b >= 16 && b <= 31) || (a == 192 && b == 168)) {
      return PRIVATE;
    }
    if (a == 169 && b == 254) {
      return LINK_LOCAL;
    }
    return null;
  }

  static IpRanges classifyV6(int[] groups) {
    boolean zeroUpTo7 = true;
    for (int k = 0; k < 7; k++) {
      if (groups[k] != 0) {
        zeroUpTo7 = false;
        break;
      }
    }
    if (zeroUpTo7 && groups[7] == 1) {
      return LOOPBACK;
    }
    if (zeroUpTo7 && groups[7] == 0) {
      return UNSPECIFIED;
    }
    if (groups[0] == 0x2001 && groups[1] == 0x0db8) {
      return DOCUMENTATION;
    }
    if ((groups[0] & 0xfe00) == 0xfc00) {
      return PRIVATE;
    }
    if ((groups[0] & 0xffc0) == 0xfe80) {
      return LINK_LOCAL;
    }
    return null;
  }
}
