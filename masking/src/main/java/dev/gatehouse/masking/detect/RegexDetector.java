package dev.gatehouse.masking.detect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A custom named-regex rule. Patterns with nested unbounded quantifiers are refused when the
 * configuration loads; as a second line of defence the matcher reads the text through a {@link
 * BudgetedChars} view that throws once the regex has read many times the input length, so a
 * pathological pattern fails the message closed instead of pinning a core.
 */
public final class RegexDetector implements Detector {
  /** Reads allowed per input character before the match is abandoned. */
  static final int READS_PER_CHAR = 200;

  private final String name;
  private final Pattern pattern;
  private final int group;

  public RegexDetector(String name, Pattern pattern, int group) {
    this.name = name;
    this.pattern = pattern;
    this.group = group;
  }

  public Pattern pattern() {
    return pattern;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public boolean mayMatch(TextProfile p, ScanContext context) {
    return p.length() > 0;
  }

  @Override
  public void scan(String s, ScanContext context, MatchSink sink) {
    Matcher m = pattern.matcher(new BudgetedChars(s, 10_000L + (long) READS_PER_CHAR * s.length()));
    try {
      while (m.find()) {
        int start = m.start(group);
        int end = m.end(group);
        if (start >= 0 && end > start) {
          sink.add(start, end);
        }
      }
    } catch (StackOverflowError e) {
      // java.util.regex recurses per repetition of a group: a long input can exhaust the stack.
      throw new BudgetExceededException("regex '" + name + "' recursed too deep on the input");
    }
  }

  /** Thrown when a regex exceeds its read budget; the engine fails the message closed. */
  public static final class BudgetExceededException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BudgetExceededException(String message) {
      super(message);
    }
  }

  /** A CharSequence that counts reads. */
  static final class BudgetedChars implements CharSequence {
    private final String s;
    private final int offset;
    private final int length;
    private final long[] remaining;

    BudgetedChars(String s, long budget) {
      this(s, 0, s.length(), new long[] {budget});
    }

    private BudgetedChars(String s, int offset, int length, long[] remaining) {
      this.s = s;
      this.offset = offset;
      this.length = length;
      this.remaining = remaining;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (--remaining[0] < 0) {
        throw new BudgetExceededException("regex read budget exhausted");
      }
      return s.charAt(offset + index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
      return new BudgetedChars(s, offset + start, end - start, remaining);
    }

    @Override
    public String toString() {
      return s.substring(offset, offset + length);
    }
  }
}
