package dev.gatehouse.masking.detect;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Every regular expression the built-in detectors use, in one list, so a test can prove that none
 * of them has nested unbounded quantifiers. The detectors scan with hand-written, bounded loops;
 * today none of them uses a regex, and one that is added must be listed here (PatternSafetyTest
 * also reads the module's sources for {@code Pattern.compile} literals).
 */
public final class BuiltInPatterns {
  private BuiltInPatterns() {}

  public static List<Pattern> all() {
    return List.of();
  }
}
