package dev.gatehouse.masking;

import java.util.Locale;

/** What to do with a detected value. */
public enum ActionKind {
  /** Replace with a label: {@code [EMAIL]}. */
  REDACT,
  /** Keep the last N letters/digits: {@code ************1111}. */
  PARTIAL,
  /** Replace with a keyed, shortened HMAC: {@code [EMAIL:3f9a1c2e]}. */
  HASH,
  /** Remove the field (or array element); inside a longer string it acts as {@link #REDACT}. */
  DROP;

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
