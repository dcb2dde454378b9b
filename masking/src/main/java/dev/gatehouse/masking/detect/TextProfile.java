package dev.gatehouse.masking.detect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Character-class counts of one string, computed in a single pass so that every detector can rule
 * itself out without scanning the text again. Reused across strings (call {@link #compute}).
 */
public final class TextProfile {
  /**
   * Per ASCII character, a one in the 7-bit field of its class: the counting loop adds one long per
   * character instead of branching on the class. Fields, low to high: digit, upper, '@', ':', '.',
   * '-', '_', '=', backslash. Non-ASCII characters are looked up by their low seven bits, which can
   * only add to some count: the counts are lower bounds for the detectors' prefilters, so an
   * over-count costs a scan, never a miss.
   */
  private static final long[] INC = new long[128];

  /**
   * Strings up to this length are searched for digits directly, without the {@link #next} table.
   */
  private static final int SHORT = 64;

  /** Bits of {@link #classes()}: which character classes occur at least once. */
  public static final int DIGIT = 1;

  public static final int UPPER = 1 << 1;
  public static final int AT = 1 << 2;
  public static final int COLON = 1 << 3;
  public static final int DOT = 1 << 4;
  public static final int DASH = 1 << 5;
  public static final int UNDERSCORE = 1 << 6;
  public static final int EQUALS = 1 << 7;

  /** A backslash: the engine looks for {@code \}{@code uXXXX} escapes only where there is one. */
  public static final int BACKSLASH = 1 << 8;

  /** The number of class bits: {@link #classes()} is below {@code 1 << CLASS_BITS}. */
  public static final int CLASS_BITS = 9;

  private static final int FIELD = 7;
  private static final long MASK = (1L << FIELD) - 1;

  /** Characters summed per block: fewer than 2^FIELD, so that no field overflows. */
  private static final int BLOCK = 120;

  static {
    for (char c = '0'; c <= '9'; c++) {
      INC[c] = 1L;
    }
    for (char c = 'A'; c <= 'Z'; c++) {
      INC[c] = 1L << FIELD;
    }
    INC['@'] = 1L << (2 * FIELD);
    INC[':'] = 1L << (3 * FIELD);
    INC['.'] = 1L << (4 * FIELD);
    INC['-'] = 1L << (5 * FIELD);
    INC['_'] = 1L << (6 * FIELD);
    INC['='] = 1L << (7 * FIELD);
    INC['\\'] = 1L << (8 * FIELD);
  }

  private String text;

  /** The characters of {@code text}, copied once; longer than the text when reused. */
  private char[] chars = new char[64];

  private int length;
  private int digits;
  private int upper;
  private int at;
  private int colons;
  private int dots;
  private int dashes;
  private int underscores;
  private int equals;
  private int backslashes;
  private boolean nonAscii;
  private int classes;

  /**
   * {@code next[i]}: the first offset at or after {@code i} holding an ASCII digit, or the length;
   * built on the first {@link #nextDigit} call of a long string (most strings need none).
   */
  private int[] next = new int[0];

  private boolean indexed;

  /** See {@link #digitBits()}; valid when {@link #bitsBuilt}. */
  private long[] digitBits = new long[1];

  private boolean bitsBuilt;

  /** The Latin-1 bytes of an ASCII text, padded with zeros to whole 64-byte words. */
  private byte[] bytes = new byte[64];

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
    int bs = 0;
    int all = 0;
    // One bulk copy (an intrinsic, vectorised for Latin-1 strings) makes the per-character loops
    // here and in index() plain array reads, without String.charAt's coder test and bounds check.
    if (chars.length < n) {
      chars = new char[Math.max(n, 2 * chars.length)];
    }
    char[] cs = chars;
    text.getChars(0, n, cs, 0);
    int i = 0;
    while (i < n) {
      int end = Math.min(n, i + BLOCK);
      long acc = 0;
      for (; i < end; i++) {
        char ch = cs[i];
        all |= ch;
        acc += INC[ch & 127];
      }
      if (acc != 0) {
        d += (int) (acc & MASK);
        u += (int) ((acc >>> FIELD) & MASK);
        a += (int) ((acc >>> (2 * FIELD)) & MASK);
        c += (int) ((acc >>> (3 * FIELD)) & MASK);
        dt += (int) ((acc >>> (4 * FIELD)) & MASK);
        ds += (int) ((acc >>> (5 * FIELD)) & MASK);
        us += (int) ((acc >>> (6 * FIELD)) & MASK);
        eq += (int) ((acc >>> (7 * FIELD)) & MASK);
        bs += (int) ((acc >>> (8 * FIELD)) & MASK);
      }
    }
    this.text = text;
    length = n;
    digits = d;
    upper = u;
    at = a;
    colons = c;
    dots = dt;
    dashes = ds;
    underscores = us;
    equals = eq;
    backslashes = bs;
    nonAscii = all >= 128;
    classes =
        (d > 0 ? DIGIT : 0)
            | (u > 0 ? UPPER : 0)
            | (a > 0 ? AT : 0)
            | (c > 0 ? COLON : 0)
            | (dt > 0 ? DOT : 0)
            | (ds > 0 ? DASH : 0)
            | (us > 0 ? UNDERSCORE : 0)
            | (eq > 0 ? EQUALS : 0)
            | (bs > 0 ? BACKSLASH : 0);
    indexed = false;
    bitsBuilt = false;
    return this;
  }

  /**
   * Builds {@link #next} in one backward pass: every later {@link #nextDigit} is one array read,
   * whatever offsets the detectors ask for and in whatever order.
   */
  private void index() {
    int n = length;
    if (next.length < n + 1) {
      next = new int[Math.max(n + 1, 2 * next.length)];
    }
    int[] nx = next;
    char[] cs = chars;
    int k = n;
    nx[n] = n;
    for (int i = n - 1; i >= 0; i--) {
      if (Chars.isDigit(cs[i])) {
        k = i;
      }
      nx[i] = k;
    }
    indexed = true;
  }

  /**
   * Bit {@code i % 64} of word {@code i / 64} is set when offset {@code i} of the text holds an
   * ASCII digit; {@code (length() + 63) / 64} words, bits past the length clear. Lets a walk over
   * the digit runs find each run's start and end with a trailing-zero count instead of a test and a
   * branch per character (most of which mispredict at every run boundary). Built on first use.
   */
  public long[] digitBits() {
    if (!bitsBuilt) {
      buildDigitBits();
    }
    return digitBits;
  }

  private void buildDigitBits() {
    int n = length;
    int words = (n + 63) >>> 6;
    if (digitBits.length < words) {
      digitBits = new long[Math.max(words, 2 * digitBits.length)];
    }
    long[] bits = digitBits;
    if (nonAscii) {
      // Rare: test the characters themselves (a byte copy would alias e.g. U+0130 with '0').
      char[] cs = chars;
      for (int w = 0; w < words; w++) {
        int base = w << 6;
        int limit = Math.min(64, n - base);
        long b = 0;
        for (int j = 0; j < limit; j++) {
          int d = cs[base + j] - '0';
          // (d | (9 - d)) is negative exactly when d is outside 0-9.
          b |= (long) (((d | (9 - d)) >>> 31) ^ 1) << j;
        }
        bits[w] = b;
      }
    } else {
      int padded = words << 6;
      if (bytes.length < padded) {
        bytes = new byte[Math.max(padded, 2 * bytes.length)];
      }
      byte[] bs = bytes;
      copyAscii(text, n, bs);
      java.util.Arrays.fill(bs, n, padded, (byte) 0);
      // Eight characters per step: a byte is a digit when (b ^ '0') is below 10, tested for all
      // eight at once without carries between bytes; the eight results (bit 7 of each byte) are
      // gathered into one byte by a multiplication.
      for (int w = 0; w < words; w++) {
        int base = w << 6;
        long b = 0;
        for (int k = 0; k < 8; k++) {
          long y = (long) LONGS.get(bs, base + (k << 3)) ^ 0x3030303030303030L;
          long t = (y & 0x7F7F7F7F7F7F7F7FL) + 0x7676767676767676L;
          long digit = ~(t | y) & 0x8080808080808080L;
          b |= ((digit >>> 7) * 0x0102040810204080L) >>> 56 << (k << 3);
        }
        bits[w] = b;
      }
    }
    bitsBuilt = true;
  }

  /**
   * The characters of the ASCII string {@code s} as bytes, without allocating: the one JDK method
   * that copies a string's low bytes into a caller's array is deprecated (it drops the high byte of
   * other characters), which is exactly right for a string known to be ASCII.
   */
  @SuppressWarnings("deprecation")
  private static void copyAscii(String s, int n, byte[] dst) {
    s.getBytes(0, n, dst, 0);
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

  public int backslashes() {
    return backslashes;
  }

  /**
   * The first offset at or after {@code from} holding an ASCII digit of {@code text} (the string
   * this profile was computed for), or {@code text.length()}. Lets numeric detectors jump from
   * digit run to digit run instead of testing every character.
   */
  public int nextDigit(String text, int from) {
    int n = text.length();
    if (from >= n) {
      return n;
    }
    int f = Math.max(from, 0);
    if (text != this.text) {
      for (int i = f; i < n; i++) {
        if (Chars.isDigit(text.charAt(i))) {
          return i;
        }
      }
      return n;
    }
    if (digits == 0) {
      return n;
    }
    if (!indexed) {
      if (n <= SHORT) {
        // A short string (an id, a date, a phone field) is cheaper to walk than to index.
        char[] cs = chars;
        for (int i = f; i < n; i++) {
          if (Chars.isDigit(cs[i])) {
            return i;
          }
        }
        return n;
      }
      index();
    }
    return next[f];
  }

  /**
   * The classes ({@link #DIGIT}, {@link #UPPER}...) that occur in the text, as bits: the engine
   * tests every detector's {@link Detector#requiredClasses} against it with one AND.
   */
  public int classes() {
    return classes;
  }

  /**
   * The characters of {@code s}, valid up to {@code s.length()}: this profile's own copy when
   * {@code s} is the profiled text (no allocation), else a fresh one. Lets a detector's hot loops
   * read an array instead of calling {@link String#charAt}; the array must not be written or kept.
   */
  public char[] chars(String s) {
    return s == text ? chars : s.toCharArray();
  }

  /** Whether this profile was computed for {@code s} (the same string object). */
  public boolean isOf(String s) {
    return s == text;
  }

  /** True when the text has characters outside ASCII (non-ASCII digits, fullwidth '@'...). */
  public boolean nonAscii() {
    return nonAscii;
  }
}
