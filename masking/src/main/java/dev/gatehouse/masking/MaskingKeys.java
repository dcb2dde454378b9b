package dev.gatehouse.masking;

import dev.gatehouse.core.ExchangeKey;
import java.util.Map;

/** Exchange attachments the masking filters write. */
public final class MaskingKeys {
  private MaskingKeys() {}

  /**
   * What masking replaced in this exchange so far, by rule name (never the values): the sum over
   * every server message (a response, each SSE event) and the request arguments. An unmodifiable
   * map, replaced (not mutated) on each message; absent when nothing was masked. The audit record's
   * "masked" counts come from here.
   */
  public static final ExchangeKey<Map<String, Integer>> MASK_COUNTS =
      dev.gatehouse.core.ExchangeKeys.MASK_COUNTS;

  /**
   * Set when a response went to the client in clear text because its identity matched the
   * connection's {@link ClearTextGrant}: the grant that matched ({@code group:support-leads}). The
   * audit record names it; its copy of the response is masked all the same ({@link
   * ClearTextAudit}).
   */
  public static final ExchangeKey<String> CLEAR_TEXT = dev.gatehouse.core.ExchangeKeys.CLEAR_TEXT;
}
