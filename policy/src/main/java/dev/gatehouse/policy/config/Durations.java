package dev.gatehouse.policy.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parses the short duration forms used in the config and the CLI: {@code 30s}, {@code 10m}, ... */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 10m}, {@code 12h}, {@code 90d}, {@code 2w}, or an
   * ISO-8601 duration ({@code PT30S}).
   *
   * @throws IllegalArgumentException when the text is none of these
   */
  public static Duration parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.startsWith("p")) {
      try {
        return Duration.parse(t.toUpperCase(Locale.ROOT));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException("not a duration: " + text);
      }
    }
    int split = 0;
    while (split < t.length() && Character.isDigit(t.charAt(split))) {
      split++;
    }
    if (split == 0 || split > 12) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (use e.g. 30s, 10m, 12h, 90d)");
    }
    long n = Long.parseLong(t.substring(0, split));
    return switch (t.substring(split)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      case "w" -> Duration.ofDays(7 * n);
      default ->
          throw new IllegalArgumentException(
              "not a duration: '" + text + "' (units: ms, s, m, h, d, w)");
    };
  }
}
