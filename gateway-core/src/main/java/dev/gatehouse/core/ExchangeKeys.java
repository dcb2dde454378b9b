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
}
