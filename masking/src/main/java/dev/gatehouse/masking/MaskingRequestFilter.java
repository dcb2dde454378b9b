package dev.gatehouse.masking;

import dev.gatehouse.core.Decision;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestFilter;
import dev.gatehouse.core.Verdict;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Optional request-side masking (rules with {@code direction: request|both}): masks tool and prompt
 * arguments and the client's own responses before they are forwarded, so that secrets typed by a
 * user do not reach a third-party MCP server. Register it in the last request slot ({@code
 * APPROVAL}, after the approval filter): guardrails and approvers must see the real arguments, and
 * only the forwarded copy is masked. A failure refuses the request (fail closed).
 */
public final class MaskingRequestFilter implements RequestFilter {
  private final Supplier<MaskingRules> rules;

  /** Shares the rules of {@code filter}, so one {@link MaskingFilter#update} changes both sides. */
  public MaskingRequestFilter(MaskingFilter filter) {
    this(filter::rules);
  }

  public MaskingRequestFilter(Supplier<MaskingRules> rules) {
    this.rules = Objects.requireNonNull(rules);
  }

  @Override
  public Decision onRequest(McpExchange exchange) {
    JsonRpcBody.Messages messages = exchange.messages();
    if (messages == null) {
      return Decision.CONTINUE;
    }
    MaskingEngine engine = rules.get().engineFor(exchange.connection());
    if (engine.masksNoRequests()) {
      return Decision.CONTINUE;
    }
    for (JsonRpcMessage m : messages.messages()) {
      MaskResult result;
      try {
        result = engine.maskArguments(m.node());
      } catch (RuntimeException | StackOverflowError e) {
        return Decision.respond(
            HttpReply.jsonRpcError(
                500, m.id(), JsonRpcErrors.INTERNAL_ERROR, "request could not be masked; refused"),
            Verdict.of(
                Verdict.Outcome.FAILED,
                MaskingFilter.RULE,
                "argument masking failed: " + e.getClass().getSimpleName()));
      }
      MaskingFilter.addCounts(exchange, result);
    }
    return Decision.CONTINUE;
  }
}
