package dev.gatehouse.masking.detect;

/**
 * {@code private_key}: PEM blocks whose label names a private key ({@code RSA PRIVATE KEY}, {@code
 * OPENSSH PRIVATE KEY}, {@code ENCRYPTED PRIVATE KEY}, {@code PGP PRIVATE KEY BLOCK}...), from
 * BEGIN to the matching END line. A block cut off before its END (a truncated log line) is masked
 * to the end of its base64 body, so half a key never leaks. The END marker is searched with a
 * forward-only cursor, which keeps a text full of BEGIN lines linear.
 */
public final class PrivateKeyDetector implements Detector {
  private static final String BEGIN = "-----BEGIN ";
  private static final int MAX_LABEL = 40;

  @Override
  public String name() {
    return "private_key";
  }

  @Override
  public int minLength() {
    return 10;
  }

  @Override
  public int requiredClasses() {
    return TextProfile.DASH;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.dashes() >= 10;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    int n = s.length();
    int from = 0;
    int nextEnd = -2; // cached position of the next "-----END " at or after `from`, -1 for none
    while (from < n) {
      int begin = Chars.indexOf(s, BEGIN, 5, from); // at the 'B'
      if (begin < 0) {
        return;
      }
      int labelStart = begin + BEGIN.length();
      int labelEnd = s.indexOf("-----", labelStart);
      if (labelEnd < 0 || labelEnd - labelStart > MAX_LABEL) {
        from = labelStart;
        continue;
      }
      String label = s.substring(labelStart, labelEnd);
      if (!label.endsWith("PRIVATE KEY") && !label.equals("PGP PRIVATE KEY BLOCK")) {
        from = labelEnd + 5;
        continue;
      }
      int bodyStart = labelEnd + 5;
      if (nextEnd != -1 && nextEnd < bodyStart) {
        nextEnd = s.indexOf("-----END ", bodyStart);
      }
      int end;
      String endMarker = "-----END " + label + "-----";
      if (nextEnd >= 0 && s.startsWith(endMarker, nextEnd) && onlyBody(s, bodyStart, nextEnd)) {
        end = nextEnd + endMarker.length();
      } else {
        end = bodyEnd(s, bodyStart);
      }
      sink.add(begin, end);
      from = end;
    }
  }

  /** True when s[from, to) holds only what a PEM body can hold. */
  private static boolean onlyBody(String s, int from, int to) {
    return bodyEnd(s, from) >= to;
  }

  /**
   * End of a PEM body: base64, whitespace, the literal two characters backslash-n of a JSON encoded
   * string inside text, and the "Proc-Type: 4,ENCRYPTED" style headers.
   */
  private static int bodyEnd(String s, int i) {
    int n = s.length();
    while (i < n) {
      char c = s.charAt(i);
      if (Chars.isBase64(c)
          || c == '='
          || c == ' '
          || c == '\n'
          || c == '\r'
          || c == '\t'
          || c == ':'
          || c == ','
          || (c == '-' && !s.startsWith("-----", i))
          || c == '\\') {
        i++;
      } else {
        break;
      }
    }
    return i;
  }
}
