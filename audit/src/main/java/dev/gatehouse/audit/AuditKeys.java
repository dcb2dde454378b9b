package dev.gatehouse.audit;

import dev.gatehouse.core.ExchangeKey;
import dev.gatehouse.core.ExchangeKeys;
import java.util.Map;

/** Exchange attachments the audit record reads and other filters fill. */
public final class AuditKeys {
  private AuditKeys() {}

  /**
   * What masking replaced in the message being released: detector name to count. The masking filter
   * sets it for each message (it runs in the MASK slot, before AUDIT); absent means nothing was
   * masked.
   */
  public static final ExchangeKey<Map<String, Integer>> MASK_COUNTS = ExchangeKeys.MASK_COUNTS;

  /**
   * Set when the client received the responses in clear text because its identity holds a masking
   * clear-text grant: the grant that matched (e.g. {@code group:support-leads}). The record's
   * {@code response} is still a masked copy (the {@link PayloadTransform} the server installs).
   */
  public static final ExchangeKey<String> CLEAR_TEXT = ExchangeKeys.CLEAR_TEXT;
}
