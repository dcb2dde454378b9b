package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.McpExchange;

/**
 * The single seam where a payload is changed before it enters the audit log (e.g. masking the
 * request arguments, which the response-side masking filter does not touch). The response reaches
 * audit already masked by the MASK slot, so by default nothing is changed.
 */
@FunctionalInterface
public interface PayloadTransform {
  /** What to record for {@code payload}; must not modify {@code payload} in place. */
  JsonNode apply(Field field, JsonNode payload, McpExchange exchange);

  /** Which payload is being recorded. */
  enum Field {
    REQUEST,
    RESPONSE
  }

  PayloadTransform IDENTITY = (field, payload, exchange) -> payload;
}
