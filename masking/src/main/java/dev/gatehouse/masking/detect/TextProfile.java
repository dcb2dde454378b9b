package dev.gatehouse.masking.detect;

/**
 * Character-class counts of one string, computed in a single pass so that every detector can rule
 * itself out without scanning the text again. Reused across strings (call {@link #compute}).
 */
public final class TextProfile {
  static final int DIGIT = 1;
  static final int UPPER = 2;
  static final int LOWER = 4;
  static final int AT = 8;
  static final int COLON = 16;
  static final int DOT = 32;
  static final int DASH = 64;
  static final int UNDERSCORE = 128;
  static final int EQUALS = 256;
  static final int PLUS = 512;

  private static final short[] CLASS = new short[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      CLASS[c] = DIGIT;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      CLASS[c] = UPPER;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      CLASS[c] = LOWER;
    }
    CLASS['@'] = AT;
    CLASS[':'] = COLON;
    CLASS['.'] = DOT;
    CLASS['-'] = DASH;
    CLASS['_'] = UNDERSCORE;
    CLASS['='] = EQUALS;
    CLASS['+'] = PLUS;
  }

  private int length;
  private int digits;
  private int upper;
  private int at;
  private int colons;
  private int dots;
  private int dashes;
  private int underscores;
  private int equals;
  private int plus;
  private boolean nonAscii;
  private int[] runStarts = new int[32];
  private int runs;
  private int cursor;

  /** Profiles {@code text}; returns this. */
  public TextProfile compute(String text) {
    int n = text.length();
    int d = 0;
    int u = 0;
    int a = 0;
    int c = 0;
    int dt = 0;
    int ds = 0;
    int us = 0;
    int eq = 0;
    int pl = 0;
    boolean wide = false;
    int r = 0;
    boolean inRun = false;
    for (int i = 0; i < n; i++) {
      char ch = text.charAt(i);
      if (ch >= 128) {
        wide = true;
        inRun = false;
        continue;
      }
      int cls = CLASS[ch];
      if (cls == DIGIT) {
        if (!inRun) {
          if (r == runStarts.length) {
            runStarts = java.util.Arrays.copyOf(runStarts, r * 2);
          }
          runStarts[r++] = i;
          inRun = true;
        }
      } else {
        inRun = false;
      }
      switch (cls) {
        case DIGIT -> d++;
        case UPPER -> u++;
        case AT -> a++;
        case COLON -> c++;
        case DOT -> dt++;
        case DASH -> ds++;
        case UNDERSCORE -> us++;
        case EQUALS -> eq++;
        case PLUS -> pl++;
        default -> {}
      }
    }
    length = n;
    digits = d;
    upper = u;
    at = a;
    colons = c;
    dots = dt;
    dashes = ds;
    underscores = us;
    equals = eq;
    plus = pl;
    nonAscii = wide;
    runs = r;
    cursor = 0;
    return this;
  }

  public int length() {
    return length;
  }

  public int digits() {
    return digits;
  }

  public int upper() {
    return upper;
  }

  public int at() {
    return at;
  }

  public int colons() {
    return colons;
  }

  public int dots() {
    return dots;
  }

  public int dashes() {
    return dashes;
  }

  public int underscores() {
    return underscores;
  }

  public int equals() {
    return equals;
  }

  public int plus() {
    return plus;
  }

  /** How many maximal runs of ASCII digits the text has. */
  public int digitRuns() {
    return runs;
  }

  /** Offset of the {@code k}-th digit run: numeric detectors visit only these, not every char. */
  public int digitRunStart(int k) {
    return runStarts[k];
  }

  /**
   * The first offset at or after {@code from} holding an ASCII digit of {@code text} (the string
   * this profile was computed for), or {@code text.length()}. Lets numeric detectors jump from
   * digit run to digit run instead of testing every character.
   */
  public int nextDigit(String text, int from) {
    if (from >= text.length()) {
      return text.length();
    }
    if (from >= 0 && Chars.isDigit(text.charAt(from))) {
      return from;
    }
    // Detectors move forward, so a cursor makes a whole scan O(runs); it restarts when the next
    // detector begins again at the start of the text.
    if (cursor > 0 && runStarts[cursor - 1] >= from) {
      cursor = 0;
    }
    while (cursor < runs && runStarts[cursor] < from) {
      cursor++;
    }
    return cursor < runs ? runStarts[cursor] : text.length();
  }

  /** True when the text has characters outside ASCII (non-ASCII digits, fullwidth '@'...). */
  public boolean nonAscii() {
    return nonAscii;
  }
}
