package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.ExchangeKey;
import dev.gatehouse.core.McpExchange;

/**
 * The audit log's copy of a message that went to a clear-text identity ({@link ClearTextGrant}).
 * The AUDIT slot records what left the MASK slot, which for such an identity is clear text; the
 * auditor's log must not become a store of customer data, so {@link MaskingFilter} masks a copy of
 * the message while the client gets the original, and the audit record takes the copy from here.
 *
 * <p>The copy is kept for the last message only and is matched by instance: the AUDIT slot runs
 * right after MASK for the same message. Once an exchange has sent clear text, a message that
 * reaches the audit without its copy (which the fixed slot order does not produce) is recorded as a
 * stand-in, never in clear.
 */
public final class ClearTextAudit {
  private static final ExchangeKey<Copy> COPY = ExchangeKey.of("maskedAuditCopy", Copy.class);

  private ClearTextAudit() {}

  /** The message as sent (compared by instance) and the same message masked. */
  private record Copy(ObjectNode sent, ObjectNode masked) {}

  /** Records that {@code masked} is what the audit log holds for {@code sent}. */
  static void keep(McpExchange exchange, ObjectNode sent, ObjectNode masked) {
    exchange.put(COPY, new Copy(sent, masked));
  }

  /**
   * Records that {@code message} itself may be audited (it was masked, or is the gateway's own
   * reply), once the exchange has sent clear text: from then on every message needs its copy.
   */
  static void keepIfClearTextSent(McpExchange exchange, ObjectNode message) {
    if (exchange.get(MaskingKeys.CLEAR_TEXT) != null) {
      keep(exchange, message, message);
    }
  }

  /**
   * What the audit record should hold for {@code response}: {@code response} itself when masking
   * applied to the exchange as usual, its masked copy when the client was sent clear text.
   */
  public static JsonNode response(McpExchange exchange, JsonNode response) {
    if (exchange.get(MaskingKeys.CLEAR_TEXT) == null) {
      return response;
    }
    Copy copy = exchange.get(COPY);
    if (copy != null && copy.sent() == response) {
      return copy.masked();
    }
    ObjectNode standIn = JsonNodeFactory.instance.objectNode();
    standIn.put("withheld", "clear-text response without a masked copy; not recorded");
    return standIn;
  }
}
