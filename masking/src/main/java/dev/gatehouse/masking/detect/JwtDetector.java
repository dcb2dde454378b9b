package dev.gatehouse.masking.detect;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * {@code jwt}: JWS compact serialisation (three base64url segments) or JWE (five), whose first
 * segment starts with {@code eyJ} (base64 of <code>{"</code>) and decodes to a JOSE header naming
 * {@code alg}. Checking the header is what separates a token from any base64 text that happens to
 * start with {@code eyJ}.
 */
public final class JwtDetector implements Detector {
  private static final int MIN_SEGMENT = 10;
  private static final int MAX_HEADER = 2048;

  @Override
  public String name() {
    return "jwt";
  }

  @Override
  public int minLength() {
    return 2 * MIN_SEGMENT + 2;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DOT;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.dots() >= 2 && p.length() >= 2 * MIN_SEGMENT + 2;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int from = 0;
    while (from < n) {
      int start = Chars.indexOf(s, "eyJ", 2, from);
      if (start < 0) {
        return;
      }
      if (Chars.isBase64Url(Chars.at(s, start - 1))) {
        from = start + 3;
        continue;
      }
      int headerEnd = segmentEnd(s, start);
      int end = -1;
      if (headerEnd - start >= MIN_SEGMENT && Chars.at(s, headerEnd) == '.') {
        int payloadEnd = segmentEnd(s, headerEnd + 1);
        if (payloadEnd - headerEnd - 1 >= MIN_SEGMENT
            && s.startsWith("ey", headerEnd + 1)
            && Chars.at(s, payloadEnd) == '.') {
          end = segmentEnd(s, payloadEnd + 1);
          // JWE: two more segments.
          if (Chars.at(s, end) == '.') {
            int e4 = segmentEnd(s, end + 1);
            if (Chars.at(s, e4) == '.') {
              end = segmentEnd(s, e4 + 1);
            }
          }
        } else if (payloadEnd - headerEnd - 1 >= MIN_SEGMENT && Chars.at(s, payloadEnd) == '.') {
          // JWE's second segment is the encrypted key, not JSON.
          int e3 = segmentEnd(s, payloadEnd + 1);
          if (Chars.at(s, e3) == '.') {
            int e4 = segmentEnd(s, e3 + 1);
            if (Chars.at(s, e4) == '.') {
              end = segmentEnd(s, e4 + 1);
            }
          }
        }
      }
      if (end > 0 && Chars.at(s, end) != '=' && isJoseHeader(s, start, headerEnd)) {
        sink.add(start, end);
        from = end;
      } else {
        from = Math.max(headerEnd, start + 3);
      }
    }
  }

  private static int segmentEnd(String s, int i) {
    int n = s.length();
    while (i < n && Chars.isBase64Url(s.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isJoseHeader(String s, int start, int end) {
    if (end - start > MAX_HEADER) {
      return false;
    }
    try {
      String json =
          new String(
              Base64.getUrlDecoder().decode(s.substring(start, end)), StandardCharsets.ISO_8859_1);
      return json.contains("\"alg\"") || json.contains("\"enc\"");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
