package dev.gatehouse.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs the request-side and response-side filters in their fixed slot order. This class owns all
 * control flow: filters only return {@link Decision}s. Asynchronous decisions are awaited without a
 * thread, bounded by the exchange's deadline, cancelled when the client goes away, and always
 * resumed on the exchange's event loop. Any exception fails closed.
 */
public final class FilterChain {
  private final List<Entry<RequestSlot, RequestFilter>> requestFilters;
  private final List<Entry<ResponseSlot, ResponseFilter>> responseFilters;

  private record Entry<S extends Enum<S>, F>(S slot, String name, F filter) {}

  private FilterChain(Builder builder) {
    List<Entry<RequestSlot, RequestFilter>> req = new ArrayList<>(builder.requestFilters);
    List<Entry<ResponseSlot, ResponseFilter>> resp = new ArrayList<>(builder.responseFilters);
    // Stable sort: within a slot, registration order is kept.
    req.sort(Comparator.comparing(Entry::slot));
    resp.sort(Comparator.comparing(Entry::slot));
    this.requestFilters = List.copyOf(req);
    this.responseFilters = List.copyOf(resp);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The resolved chain, one line, for the start-up log. */
  public String describe() {
    StringBuilder sb = new StringBuilder("request: ");
    for (RequestSlot slot : RequestSlot.values()) {
      sb.append(slot).append('[');
      sb.append(
          String.join(
              ",",
              requestFilters.stream().filter(e -> e.slot() == slot).map(Entry::name).toList()));
      sb.append("] ");
    }
    sb.append("-> FORWARD; response: ");
    for (ResponseSlot slot : ResponseSlot.values()) {
      sb.append(slot).append('[');
      sb.append(
          String.join(
              ",",
              responseFilters.stream().filter(e -> e.slot() == slot).map(Entry::name).toList()));
      sb.append("] ");
    }
    return sb.toString().trim();
  }

  /**
   * Runs the request side. Completes (on the exchange's event loop) with {@link Decision#CONTINUE}
   * when the exchange may be forwarded, or a {@link Decision.Respond} to answer instead.
   */
  public CompletionStage<Decision> runRequest(McpExchange exchange) {
    CompletableFuture<Decision> result = new CompletableFuture<>();
    requestStep(exchange, 0, result);
    return result;
  }

  private void requestStep(McpExchange exchange, int start, CompletableFuture<Decision> result) {
    for (int i = start; i < requestFilters.size(); i++) {
      Entry<RequestSlot, RequestFilter> entry = requestFilters.get(i);
      Decision decision;
      try {
        decision = entry.filter().onRequest(exchange);
      } catch (RuntimeException e) {
        result.complete(recordVerdict(exchange, failClosed(exchange, entry.name(), e)));
        return;
      }
      if (!(decision instanceof Decision.Continue)) {
        final int index = i;
        settle(
            exchange,
            entry.name(),
            decision,
            d -> {
              switch (d) {
                case Decision.Continue c -> requestStep(exchange, index + 1, result);
                case Decision.Respond r -> result.complete(recordVerdict(exchange, r));
                case Decision.Wait w -> throw new IllegalStateException("settle never yields Wait");
              }
            });
        return;
      }
    }
    result.complete(Decision.CONTINUE);
  }

  /**
   * Runs the response side for one message. A {@link Decision.Respond} from a slot replaces the
   * message with the reply's body and the later slots still run (so a masking failure is audited).
   * Completes with {@link Decision#CONTINUE} to release {@code message} as it now stands, or with
   * the last {@link Decision.Respond} whose status the server should use if it still can.
   */
  public CompletionStage<Decision> runResponse(McpExchange exchange, ServerMessage message) {
    CompletableFuture<Decision> result = new CompletableFuture<>();
    responseStep(exchange, message, 0, Decision.CONTINUE, result);
    return result;
  }

  private void responseStep(
      McpExchange exchange,
      ServerMessage message,
      int start,
      Decision soFar,
      CompletableFuture<Decision> result) {
    Decision outcome = soFar;
    for (int i = start; i < responseFilters.size(); i++) {
      Entry<ResponseSlot, ResponseFilter> entry = responseFilters.get(i);
      Decision decision;
      try {
        decision = entry.filter().onServerMessage(exchange, message);
      } catch (RuntimeException e) {
        decision = failClosed(exchange, entry.name(), e, idOf(message));
      }
      switch (decision) {
        case Decision.Continue c -> {}
        case Decision.Respond r -> outcome = replaceWith(exchange, message, r);
        case Decision.Wait w -> {
          final int index = i;
          final Decision before = outcome;
          settle(
              exchange,
              entry.name(),
              w,
              d -> {
                Decision next =
                    d instanceof Decision.Respond r ? replaceWith(exchange, message, r) : before;
                responseStep(exchange, message, index + 1, next, result);
              });
          return;
        }
      }
    }
    result.complete(outcome);
  }

  private static Decision replaceWith(
      McpExchange exchange, ServerMessage message, Decision.Respond respond) {
    if (respond.reply().body() instanceof ObjectNode body) {
      message.replace(body);
    }
    return recordVerdict(exchange, respond);
  }

  private static Decision recordVerdict(McpExchange exchange, Decision.Respond respond) {
    if (respond.verdict() != null) {
      exchange.verdict(respond.verdict());
    }
    return respond;
  }

  /**
   * Resolves {@code decision} to Continue or Respond, waiting (bounded, cancellable, resumed on the
   * event loop) while it is a Wait. {@code then} always runs on the exchange's event loop when a
   * wait happened; immediately (on the caller's thread, which is that loop) otherwise.
   */
  private void settle(
      McpExchange exchange,
      String filterName,
      Decision decision,
      java.util.function.Consumer<Decision> then) {
    if (!(decision instanceof Decision.Wait wait)) {
      then.accept(decision);
      return;
    }
    long remaining = exchange.deadlineNanos() - System.nanoTime();
    if (remaining <= 0) {
      then.accept(timedOut(exchange, filterName, wait.reason()));
      return;
    }
    CompletableFuture<Decision> bounded = new CompletableFuture<>();
    CompletionStage<Decision> pending = wait.next();
    pending.whenComplete(
        (d, error) -> {
          if (error != null) {
            bounded.completeExceptionally(error);
          } else {
            bounded.complete(d);
          }
        });
    // The deadline timer runs on the exchange's own loop when it can schedule (a Netty event loop
    // can): no lock and no other thread per wait, as CompletableFuture.orTimeout would cost.
    ScheduledFuture<?> timer =
        exchange.executor() instanceof ScheduledExecutorService loop
            ? loop.schedule(
                () -> bounded.completeExceptionally(new TimeoutException()),
                remaining,
                TimeUnit.NANOSECONDS)
            : null;
    if (timer == null) {
      bounded.orTimeout(remaining, TimeUnit.NANOSECONDS);
    }
    exchange.cancelWaitOnClientGone(
        () -> {
          bounded.cancel(false);
          pending.toCompletableFuture().cancel(false);
        });
    bounded.whenCompleteAsync(
        (d, error) -> {
          exchange.cancelWaitOnClientGone(null);
          if (timer != null) {
            timer.cancel(false); // on the loop that scheduled it: removed at once
          }
          if (error == null) {
            settle(exchange, filterName, d == null ? Decision.CONTINUE : d, then);
            return;
          }
          Throwable cause = error instanceof CompletionException ? error.getCause() : error;
          if (cause instanceof TimeoutException) {
            pending.toCompletableFuture().cancel(false);
            then.accept(timedOut(exchange, filterName, wait.reason()));
          } else if (cause instanceof CancellationException || exchange.isClientGone()) {
            then.accept(
                Decision.respond(
                    HttpReply.jsonRpcError(
                        499, null, JsonRpcErrors.GATEWAY_REFUSED, "client went away"),
                    Verdict.of(
                        Verdict.Outcome.FAILED, filterName, "client went away while waiting")));
          } else {
            then.accept(failClosed(exchange, filterName, cause));
          }
        },
        exchange.executor());
  }

  private static Decision timedOut(McpExchange exchange, String filterName, String reason) {
    JsonNode id = firstRequestId(exchange);
    String what = reason == null ? filterName : reason;
    return Decision.respond(
        HttpReply.jsonRpcError(
            504,
            id,
            JsonRpcErrors.UPSTREAM_TIMEOUT,
            "Request deadline exceeded waiting for " + what),
        Verdict.of(Verdict.Outcome.TIMED_OUT, filterName, "deadline exceeded waiting for " + what));
  }

  private static Decision.Respond failClosed(McpExchange exchange, String filterName, Throwable e) {
    return failClosed(exchange, filterName, e, firstRequestId(exchange));
  }

  private static Decision.Respond failClosed(
      McpExchange exchange, String filterName, Throwable e, JsonNode id) {
    return new Decision.Respond(
        HttpReply.jsonRpcError(
            500,
            id,
            JsonRpcErrors.INTERNAL_ERROR,
            "Gateway policy error in " + filterName + "; request refused"),
        Verdict.of(Verdict.Outcome.FAILED, filterName, String.valueOf(e)));
  }

  private static JsonNode idOf(ServerMessage message) {
    return message.message().get("id");
  }

  /** The id of the first request in the exchange's body, or {@code null}. */
  public static JsonNode firstRequestId(McpExchange exchange) {
    JsonRpcBody.Messages messages = exchange.messages();
    if (messages == null) {
      return exchange.body() instanceof JsonRpcBody.Invalid invalid ? invalid.id() : null;
    }
    for (JsonRpcMessage m : messages.messages()) {
      if (m.isRequest()) {
        return m.id();
      }
    }
    return null;
  }

  /** Registers filters into their slots. */
  public static final class Builder {
    private final List<Entry<RequestSlot, RequestFilter>> requestFilters = new ArrayList<>();
    private final List<Entry<ResponseSlot, ResponseFilter>> responseFilters = new ArrayList<>();

    public Builder request(RequestSlot slot, String name, RequestFilter filter) {
      requestFilters.add(new Entry<>(slot, name, filter));
      return this;
    }

    public Builder response(ResponseSlot slot, String name, ResponseFilter filter) {
      responseFilters.add(new Entry<>(slot, name, filter));
      return this;
    }

    public FilterChain build() {
      return new FilterChain(this);
    }
  }
}
