package dev.gatehouse.masking;

/**
 * A string with its {@code \}{@code uXXXX} escapes decoded, and the map back to the raw offsets.
 * Jackson already decodes the escapes of the JSON-RPC message itself; this covers JSON that a tool
 * serialised into a text block (or a log line quoting JSON), where {@code jane\u0040example.com}
 * would otherwise smuggle an address past the detectors. Built only when the string contains the
 * two characters backslash-u.
 */
final class EscapeView {
  final String decoded;
  private final int[] rawOffset; // rawOffset[i] = raw index of decoded char i; [len] = raw length

  private EscapeView(String decoded, int[] rawOffset) {
    this.decoded = decoded;
    this.rawOffset = rawOffset;
  }

  /** The view of {@code raw}, or {@code null} when it has no decodable escape. */
  static EscapeView of(String raw) {
    // Found from the backslash: the single-character search is vectorised, and 'u' is common.
    int first = dev.gatehouse.masking.detect.Chars.indexOf(raw, "\\u", 0, 0);
    if (first < 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder(raw.length());
    int[] map = new int[raw.length() + 1];
    int n = raw.length();
    int i = 0;
    boolean any = false;
    while (i < n) {
      char c = raw.charAt(i);
      if (c == '\\' && i + 6 <= n && raw.charAt(i + 1) == 'u' && hex4(raw, i + 2)) {
        map[sb.length()] = i;
        sb.append((char) Integer.parseInt(raw, i + 2, i + 6, 16));
        i += 6;
        any = true;
      } else {
        map[sb.length()] = i;
        sb.append(c);
        i++;
      }
    }
    map[sb.length()] = n;
    return any ? new EscapeView(sb.toString(), map) : null;
  }

  private static boolean hex4(String s, int i) {
    for (int k = i; k < i + 4; k++) {
      char c = s.charAt(k);
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (!hex) {
        return false;
      }
    }
    return true;
  }

  int rawStart(int decodedStart) {
    return rawOffset[decodedStart];
  }

  int rawEnd(int decodedEnd) {
    return rawOffset[decodedEnd];
  }
}
