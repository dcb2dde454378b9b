package dev.gatehouse.masking.detect;

import java.util.Locale;
import java.util.Set;

/**
 * {@code secret_assignment}: the value of a password, secret, API key or token assignment, in text
 * ({@code password=…}, {@code "apiKey": "…"}, {@code Authorization: Bearer …}, {@code
 * scheme://user:password@host}) and as the value of a JSON field with such a name. A value must be
 * at least {@code min_length} long, reach the {@code min_entropy} floor (bits per character), and
 * not be a placeholder ({@code ${DB_PASSWORD}}, {@code <redacted>}, {@code ****}, {@code null}, a
 * type name, a code expression), so configuration templates and source code stay readable.
 */
public final class SecretAssignmentDetector implements Detector {
  /** A normalised key is secret-bearing when it ends with one of these. */
  private static final KeySuffixes SUFFIXES =
      new KeySuffixes(
          "password",
          "passwd",
          "pwd",
          "passphrase",
          "secret",
          "apikey",
          "apisecret",
          "secretkey",
          "token",
          "privatekey",
          "credential",
          "credentials",
          "authorization",
          "sessionkey",
          "signingkey",
          "encryptionkey",
          "masterkey",
          "accountkey",
          "connectionstring");

  /** ...unless it names a pagination cursor, a progress id or a limit, not a secret. */
  private static final KeySuffixes NOT_SECRET =
      new KeySuffixes(
          "pagetoken",
          "nexttoken",
          "continuationtoken",
          "synctoken",
          "progresstoken",
          "cursortoken",
          "idempotencytoken",
          "resumetoken",
          "csrftoken",
          "xsrftoken",
          "tokentype",
          "maxtoken");

  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "null",
          "none",
          "nil",
          "true",
          "false",
          "undefined",
          "empty",
          "redacted",
          "masked",
          "hidden",
          "secret",
          "password",
          "string",
          "str",
          "text",
          "int",
          "number",
          "boolean",
          "bool",
          "any",
          "object",
          "required",
          "optional",
          "example",
          "changeit",
          "notset",
          "unset",
          "omitted",
          "removed",
          "filtered",
          "sensitive",
          "placeholder");

  private final int minLength;
  private final double minEntropy;

  public SecretAssignmentDetector(int minLength, double minEntropy) {
    this.minLength = minLength;
    this.minEntropy = minEntropy;
  }

  @Override
  public String name() {
    return "secret_assignment";
  }

  @Override
  public int minLength() {
    return minLength;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.length() >= minLength
        && (p.equals() > 0 || p.colons() > 0 || isSecretKey(context.key()));
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    if (!context.isNumber() && isSecretKey(context.key())) {
      // The whole value of a "password"/"apiKey"/"client_secret" field.
      int start = 0;
      int end = s.length();
      while (start < end && s.charAt(start) == ' ') {
        start++;
      }
      while (end > start && s.charAt(end - 1) == ' ') {
        end--;
      }
      int schemeEnd = authSchemeEnd(s, start, end);
      if (looksSecret(s, schemeEnd, end)) {
        sink.add(schemeEnd, end);
        return;
      }
    }
    Assignments.scan(
        s,
        KEY_FILTER,
        (from, to, quoted) -> {
          if (looksSecret(s, from, to)) {
            sink.add(from, to);
          }
          return to;
        });
    scanUrlCredentials(s, sink);
  }

  /** After "Bearer " / "Basic " at the start of a header-like value, or {@code start}. */
  private static int authSchemeEnd(String s, int start, int end) {
    for (String scheme : new String[] {"bearer ", "basic ", "token "}) {
      if (Chars.regionMatchesLower(s, start, scheme) && start + scheme.length() < end) {
        return start + scheme.length();
      }
    }
    return start;
  }

  static final Assignments.KeyFilter KEY_FILTER =
      Assignments.KeyFilter.of(SecretAssignmentDetector::isSecretKey, SUFFIXES);

  /** Whether the JSON field name {@code key} (may be null) names a secret. */
  static boolean isSecretKey(String key) {
    return key != null && isSecretKey(key, 0, key.length());
  }

  /** Whether the raw key {@code s[from, to)} names a secret; allocation-free. */
  static boolean isSecretKey(String s, int from, int to) {
    return SUFFIXES.matches(s, from, to) && !NOT_SECRET.matches(s, from, to);
  }

  /** {@code scheme://user:password@host}: the password. */
  private void scanUrlCredentials(String s, MatchSink sink) {
    int from = 0;
    while (true) {
      int i = Chars.indexOf(s, "://", 1, from);
      if (i < 0) {
        return;
      }
      int u = i + 3;
      int n = s.length();
      int limit = Math.min(n, u + 256);
      int colon = -1;
      int at = -1;
      for (int k = u; k < limit; k++) {
        char c = s.charAt(k);
        if (c == '@') {
          at = k;
          break;
        }
        if (c == '/' || c <= ' ' || c == '"' || c == '\'' || c == '?' || c == '#') {
          break;
        }
        if (c == ':' && colon < 0) {
          colon = k;
        }
      }
      if (colon > u && at > colon + 1 && isPlausible(s, colon + 1, at)) {
        sink.add(colon + 1, at);
        from = at;
      } else {
        from = u;
      }
    }
  }

  private boolean looksSecret(String s, int from, int to) {
    return to - from >= minLength
        && isPlausible(s, from, to)
        && Chars.entropy(s, from, to) >= minEntropy;
  }

  /** Rules out placeholders, our own labels, templates and code expressions. */
  private static boolean isPlausible(String s, int from, int to) {
    char first = s.charAt(from);
    if (first == '$' || first == '<' || first == '[' || first == '{' || first == '%') {
      return false;
    }
    String v = s.substring(from, to);
    String lower = v.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower)
        || lower.startsWith("os.environ")
        || lower.startsWith("process.env")
        || lower.startsWith("env(")
        || lower.startsWith("getenv")
        || lower.startsWith("your")
        || lower.startsWith("xxx")) {
      return false;
    }
    boolean allSame = true;
    boolean identifierPath = true;
    boolean hasDot = false;
    for (int k = 0; k < v.length(); k++) {
      char c = v.charAt(k);
      if (c != first) {
        allSame = false;
      }
      if (c == '(' || c == '{') {
        return false; // a call or a template: code, not a value
      }
      if (c == '.') {
        hasDot = true;
      } else if (!Chars.isLetter(c) && c != '_') {
        identifierPath = false;
      }
    }
    // "settings.DB_PASSWORD", "config.api.key": a reference, not the secret.
    return !allSame && !(identifierPath && hasDot);
  }
}
