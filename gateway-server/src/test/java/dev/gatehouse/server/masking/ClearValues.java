package dev.gatehouse.server.masking;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks that sensitive values appear nowhere in what a client received, in any spelling a leak
 * could take: as given, with the separators removed (a card without its spaces), lower-cased.
 */
final class ClearValues {
  private ClearValues() {}

  /** The values (as given) of {@code values} that can still be found in {@code received}. */
  static List<String> leaked(String received, List<String> values) {
    String lower = received.toLowerCase(Locale.ROOT);
    String compact = compact(received);
    List<String> found = new ArrayList<>();
    for (String value : values) {
      if (lower.contains(value.toLowerCase(Locale.ROOT)) || compact.contains(compact(value))) {
        found.add(value);
      }
    }
    return found;
  }

  /** Lower case without spaces, dashes, dots, parentheses and plus signs. */
  private static String compact(String s) {
    return s.toLowerCase(Locale.ROOT).replaceAll("[\\s\\-.()+]", "");
  }
}
