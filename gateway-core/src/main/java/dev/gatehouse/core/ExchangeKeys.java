package dev.gatehouse.core;

import java.util.Map;

/** Attachments that one feature writes and another reads, defined once so both agree. */
public final class ExchangeKeys {
  private ExchangeKeys() {}

  /**
   * What masking replaced in this exchange so far, by rule name (never the values), summed over the
   * request arguments and every server message. Written by masking (MASK slot), read by audit
   * (AUDIT slot); absent when nothing was masked.
   */
  @SuppressWarnings("unchecked")
  public static final ExchangeKey<Map<String, Integer>> MASK_COUNTS =
      ExchangeKey.of("maskCounts", (Class<Map<String, Integer>>) (Class<?>) Map.class);

  /**
   * Set when response masking was skipped for this exchange because the identity may see clear
   * text: the grant that matched ({@code group:<name>} or {@code subject:<sub>}). Written by
   * masking (MASK slot), read by audit (AUDIT slot), so the record says the client received clear
   * text. Absent when masking applied as usual.
   */
  public static final ExchangeKey<String> CLEAR_TEXT = ExchangeKey.of("clearText", String.class);
}
