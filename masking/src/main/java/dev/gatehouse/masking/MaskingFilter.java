package dev.gatehouse.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ResponseFilter;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The {@code MASK} response slot: masks every server-to-client message with the rule set of the
 * exchange's connection and adds the counts to {@link MaskingKeys#MASK_COUNTS}. If masking fails
 * the message is withheld and replaced by a JSON-RPC error: the client never receives content that
 * was not fully masked. Rules live in an {@link AtomicReference}: {@link #update} applies to the
 * next message, and a message in progress finishes with the rules it started with.
 *
 * <p>An identity the connection's {@link ClearTextGrant} names gets responses in clear text: the
 * filter then masks a copy for the audit log ({@link ClearTextAudit}), adds its counts as usual,
 * and marks the exchange with {@link MaskingKeys#CLEAR_TEXT}. Argument masking ({@link
 * MaskingRequestFilter}) is not affected: it protects the upstream, not the client.
 */
public final class MaskingFilter implements ResponseFilter {
  /** The rule name in the audit verdict when a message was withheld. */
  public static final String RULE = "masking";

  private final AtomicReference<MaskingRules> rules;

  public MaskingFilter(MaskingRules rules) {
    this.rules = new AtomicReference<>(Objects.requireNonNull(rules));
  }

  /** Replaces the rules; takes effect for the next message. */
  public void update(MaskingRules next) {
    rules.set(Objects.requireNonNull(next));
  }

  public MaskingRules rules() {
    return rules.get();
  }

  @Override
  public Decision onServerMessage(McpExchange exchange, ServerMessage message) {
    MaskingRules current = rules.get();
    MaskingEngine engine = current.engineFor(exchange.connection());
    if (message.httpOnly()) {
      return Decision.CONTINUE;
    }
    if (engine.masksNoResponses()) {
      ClearTextAudit.keepIfClearTextSent(exchange, message.message());
      return Decision.CONTINUE;
    }
    JsonNode id = message.message().get("id");
    String grant = current.clearTextFor(exchange.connection()).match(exchange.identity());
    // A clear-text identity gets the message as it is; the audit log gets a masked copy.
    ObjectNode target = grant == null ? message.message() : message.message().deepCopy();
    MaskResult result;
    try {
      result = engine.maskMessage(target);
    } catch (RuntimeException | StackOverflowError e) {
      Decision.Respond refused = withheld(id, e);
      if (grant != null || exchange.get(MaskingKeys.CLEAR_TEXT) != null) {
        // The error replaces the message; it holds no upstream data, so it is its own copy.
        ObjectNode error = (ObjectNode) refused.reply().body();
        ClearTextAudit.keep(exchange, error, error);
      }
      return refused;
    }
    addCounts(exchange, result);
    if (target == message.message() && !result.isEmpty()) {
      message.markChanged();
    }
    if (grant == null) {
      ClearTextAudit.keepIfClearTextSent(exchange, target);
    } else {
      exchange.put(MaskingKeys.CLEAR_TEXT, grant);
      ClearTextAudit.keep(exchange, message.message(), target);
    }
    return Decision.CONTINUE;
  }

  static Decision.Respond withheld(JsonNode id, Throwable e) {
    // The id was read before masking: masking never changes it, so it is the client's id.
    return new Decision.Respond(
        HttpReply.jsonRpcError(
            500,
            id != null && (id.isTextual() || id.isIntegralNumber()) ? id : null,
            JsonRpcErrors.INTERNAL_ERROR,
            "response could not be masked; withheld"),
        Verdict.of(
            Verdict.Outcome.FAILED, RULE, "masking failed: " + e.getClass().getSimpleName()));
  }

  static void addCounts(McpExchange exchange, MaskResult result) {
    if (result.isEmpty()) {
      return;
    }
    Map<String, Integer> previous = exchange.get(MaskingKeys.MASK_COUNTS);
    Map<String, Integer> sum = previous == null ? new TreeMap<>() : new TreeMap<>(previous);
    result.counts().forEach((k, v) -> sum.merge(k, v, Integer::sum));
    exchange.put(MaskingKeys.MASK_COUNTS, java.util.Collections.unmodifiableMap(sum));
  }
}
