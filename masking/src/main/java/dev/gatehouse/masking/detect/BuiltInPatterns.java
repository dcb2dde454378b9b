package dev.gatehouse.masking.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every regular expression the built-in detectors use, in one list, so a test can prove that none
 * of them has nested unbounded quantifiers. The detectors themselves scan with hand-written,
 * bounded loops and use regexes only on short, already-bounded windows.
 */
public final class BuiltInPatterns {
  private BuiltInPatterns() {}

  public static List<Pattern> all() {
    return List.of(PhoneDetector.DATE_PATTERN, PhoneDetector.DOTTED_QUAD, PhoneDetector.DECIMAL);
  }
}
