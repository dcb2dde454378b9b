package dev.gatehouse.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ResponseFilter;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The AUDIT response slot: records every message released to the client (upstream replies, SSE
 * events, the gateway's own refusals, HTTP-only outcomes). In durable mode the message is held
 * until its record is on disk; if the log cannot take it the message is replaced by a 503 (fail
 * closed: an exchange that cannot be audited does not complete).
 */
public final class AuditFilter implements ResponseFilter {
  private final AuditLog log;
  private final PayloadTransform transform;

  public AuditFilter(AuditLog log, PayloadTransform transform) {
    this.log = log;
    this.transform = transform;
  }

  public AuditFilter(AuditLog log) {
    this(log, PayloadTransform.IDENTITY);
  }

  @Override
  public Decision onServerMessage(McpExchange exchange, ServerMessage message) {
    CompletionStage<Long> stage =
        log.append(AuditRecords.exchange(exchange, message, transform, log.maxPayloadBytes()));
    CompletableFuture<Long> f = stage.toCompletableFuture();
    if (f.isCompletedExceptionally()) {
      return unavailable(exchange, message, cause(f));
    }
    if (!log.durable()) {
      return Decision.CONTINUE;
    }
    return Decision.waitFor(
        stage.handle(
            (seq, error) ->
                error == null ? Decision.CONTINUE : unavailable(exchange, message, error)),
        "audit");
  }

  private static Throwable cause(CompletableFuture<Long> f) {
    try {
      f.join();
      return new IllegalStateException("not failed");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }

  private static Decision unavailable(
      McpExchange exchange, ServerMessage message, Throwable error) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    String why = cause.getMessage() != null ? cause.getMessage() : cause.toString();
    JsonNode id = message.isResponse() ? message.message().get("id") : null;
    if (id == null) {
      id = FilterChain.firstRequestId(exchange);
    }
    return Decision.respond(
        HttpReply.jsonRpcError(
            503, id, JsonRpcErrors.SERVICE_UNAVAILABLE, "audit log unavailable: " + why),
        Verdict.of(Verdict.Outcome.FAILED, "audit", why));
  }
}
