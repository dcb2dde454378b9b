package dev.gatehouse.masking;

/**
 * A rule's action with its options.
 *
 * @param kind what to do
 * @param label the label inside the brackets ({@code EMAIL} gives {@code [EMAIL]})
 * @param keep for {@link ActionKind#PARTIAL}: how many trailing letters/digits stay visible
 * @param hashLength for {@link ActionKind#HASH}: hex digits of the HMAC shown (4-64)
 */
public record MaskAction(ActionKind kind, String label, int keep, int hashLength) {
  public static final int DEFAULT_KEEP = 4;
  public static final int DEFAULT_HASH_LENGTH = 8;

  /** The replacement for {@code value}; {@code hasher} is only used by {@link ActionKind#HASH}. */
  String apply(String value, String normalized, String ruleName, Hasher hasher) {
    return switch (kind) {
      case REDACT, DROP -> "[" + label + "]";
      case PARTIAL -> partial(value, keep);
      case HASH -> "[" + label + ":" + hasher.hex(ruleName, normalized, hashLength) + "]";
    };
  }

  /**
   * Letters and digits become '*' except the last {@code keep}; punctuation stays so that the value
   * keeps its printed shape ({@code **** **** **** 1111}). Values too short to hide anything while
   * keeping {@code keep} characters are fully starred.
   */
  static String partial(String value, int keep) {
    int alnum = 0;
    for (int i = 0; i < value.length(); i++) {
      if (Character.isLetterOrDigit(value.charAt(i))) {
        alnum++;
      }
    }
    int visible = alnum > 2 * keep ? keep : 0;
    StringBuilder sb = new StringBuilder(value.length());
    int seen = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        seen++;
        sb.append(seen > alnum - visible ? c : '*');
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
