package dev.gatehouse.core;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FilterChainTest {
  // A scheduling executor, as a Netty event loop is: deadlines are timed on it.
  private final ExecutorService loop =
      Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "exchange-loop"));
  private final ExecutorService plainLoop =
      Executors.newSingleThreadExecutor(r -> new Thread(r, "plain-loop"));

  @AfterEach
  void stopLoop() {
    loop.shutdownNow();
    plainLoop.shutdownNow();
  }

  private McpExchange exchange(long deadlineMillis) {
    return exchange(deadlineMillis, loop);
  }

  private McpExchange exchange(long deadlineMillis, ExecutorService loop) {
    long now = System.nanoTime();
    McpExchange exchange =
        McpExchange.builder()
            .exchangeId("x1")
            .connection("demo")
            .httpMethod("POST")
            .executor(loop)
            .startNanos(now)
            .deadlineNanos(now + TimeUnit.MILLISECONDS.toNanos(deadlineMillis))
            .build();
    exchange.body(
        JsonRpcParser.parse(
            "{\"jsonrpc\":\"2.0\",\"id\":42,\"method\":\"tools/call\",\"params\":{\"name\":\"t\"}}"
                .getBytes(StandardCharsets.UTF_8)));
    return exchange;
  }

  @Test
  void slotsRunInTheirFixedOrderWhateverTheRegistrationOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    FilterChain chain =
        FilterChain.builder()
            .request(RequestSlot.APPROVAL, "approval", e -> record(seen, "approval"))
            .request(RequestSlot.AUTHENTICATE, "authn", e -> record(seen, "authn"))
            .request(RequestSlot.HYGIENE, "hygiene", e -> record(seen, "hygiene"))
            .request(RequestSlot.AUTHORIZE, "authz-1", e -> record(seen, "authz-1"))
            .request(RequestSlot.AUTHORIZE, "authz-2", e -> record(seen, "authz-2"))
            .build();
    Decision decision =
        chain.runRequest(exchange(5_000)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(decision).isEqualTo(Decision.CONTINUE);
    assertThat(seen).containsExactly("hygiene", "authn", "authz-1", "authz-2", "approval");
    assertThat(chain.describe())
        .startsWith("request: HYGIENE[hygiene] AUTHENTICATE[authn] RATE_LIMIT[] PARSE[]");
  }

  private static Decision record(List<String> seen, String name) {
    seen.add(name);
    return Decision.CONTINUE;
  }

  @Test
  void respondStopsTheChainAndRecordsTheVerdict() throws Exception {
    List<String> seen = new ArrayList<>();
    Verdict verdict = Verdict.of(Verdict.Outcome.BLOCKED, "rule-1", "no");
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.AUTHORIZE,
                "deny",
                e ->
                    Decision.respond(
                        HttpReply.jsonRpcError(403, e.messages().first().id(), -32001, "no"),
                        verdict))
            .request(RequestSlot.APPROVAL, "never", e -> record(seen, "never"))
            .build();
    McpExchange exchange = exchange(5_000);
    Decision decision = chain.runRequest(exchange).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(decision).isInstanceOf(Decision.Respond.class);
    assertThat(((Decision.Respond) decision).reply().status()).isEqualTo(403);
    assertThat(seen).isEmpty();
    assertThat(exchange.verdict()).isEqualTo(verdict);
  }

  @Test
  void waitsResumeOnTheExchangeLoop() throws Exception {
    CompletableFuture<Decision> later = new CompletableFuture<>();
    List<String> threads = new ArrayList<>();
    FilterChain chain =
        FilterChain.builder()
            .request(RequestSlot.APPROVAL, "approval", e -> Decision.waitFor(later, "approval"))
            .request(
                RequestSlot.APPROVAL,
                "after",
                e -> {
                  threads.add(Thread.currentThread().getName());
                  return Decision.CONTINUE;
                })
            .build();
    CompletableFuture<Decision> result = chain.runRequest(exchange(5_000)).toCompletableFuture();
    assertThat(result).isNotDone();
    Thread completer = new Thread(() -> later.complete(Decision.CONTINUE), "someone-else");
    completer.start();
    assertThat(result.get(5, TimeUnit.SECONDS)).isEqualTo(Decision.CONTINUE);
    assertThat(threads).containsExactly("exchange-loop");
  }

  @Test
  void aWaitPastTheDeadlineTimesOutAndIsCancelled() throws Exception {
    CompletableFuture<Decision> never = new CompletableFuture<>();
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.APPROVAL, "approval", e -> Decision.waitFor(never, "a human approver"))
            .build();
    McpExchange exchange = exchange(50);
    Decision decision = chain.runRequest(exchange).toCompletableFuture().get(5, TimeUnit.SECONDS);
    Decision.Respond respond = (Decision.Respond) decision;
    assertThat(respond.reply().status()).isEqualTo(504);
    assertThat(respond.reply().body().path("id").asInt()).isEqualTo(42);
    assertThat(respond.reply().body().path("error").path("message").asText())
        .contains("a human approver");
    assertThat(exchange.verdict().outcome()).isEqualTo(Verdict.Outcome.TIMED_OUT);
    assertThat(never).isCancelled();
  }

  @Test
  void onAnExecutorThatCannotScheduleTheDeadlineStillHolds() throws Exception {
    CompletableFuture<Decision> never = new CompletableFuture<>();
    FilterChain chain =
        FilterChain.builder()
            .request(RequestSlot.APPROVAL, "approval", e -> Decision.waitFor(never, "approval"))
            .build();
    Decision decision =
        chain.runRequest(exchange(50, plainLoop)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(((Decision.Respond) decision).reply().status()).isEqualTo(504);
    assertThat(never).isCancelled();
  }

  @Test
  void aClientGoneAfterSeveralWaitsCancelsOnlyTheOneInProgress() throws Exception {
    List<CompletableFuture<Decision>> waits = new ArrayList<>();
    RequestFilter waitsEachTime =
        e -> {
          CompletableFuture<Decision> next = new CompletableFuture<>();
          waits.add(next);
          return Decision.waitFor(next, "approval");
        };
    FilterChain chain =
        FilterChain.builder().request(RequestSlot.APPROVAL, "approval", waitsEachTime).build();
    McpExchange exchange = exchange(60_000);
    chain.runRequest(exchange).toCompletableFuture();
    waits.get(0).complete(Decision.CONTINUE);
    FilterChain again =
        FilterChain.builder().request(RequestSlot.APPROVAL, "approval", waitsEachTime).build();
    // The first wait has resumed on the loop before the second starts.
    loop.submit(() -> {}).get(5, TimeUnit.SECONDS);
    CompletableFuture<Decision> second = again.runRequest(exchange).toCompletableFuture();
    exchange.markClientGone();
    assertThat(second.get(5, TimeUnit.SECONDS)).isInstanceOf(Decision.Respond.class);
    assertThat(waits.get(0)).isCompletedWithValue(Decision.CONTINUE);
    assertThat(waits.get(1)).isCancelled();
  }

  @Test
  void theClientGoingAwayCancelsTheWait() throws Exception {
    CompletableFuture<Decision> never = new CompletableFuture<>();
    FilterChain chain =
        FilterChain.builder()
            .request(RequestSlot.APPROVAL, "approval", e -> Decision.waitFor(never, "approval"))
            .build();
    McpExchange exchange = exchange(60_000);
    CompletableFuture<Decision> result = chain.runRequest(exchange).toCompletableFuture();
    exchange.markClientGone();
    assertThat(result.get(5, TimeUnit.SECONDS)).isInstanceOf(Decision.Respond.class);
    assertThat(never).isCancelled();
    assertThat(exchange.verdict().outcome()).isEqualTo(Verdict.Outcome.FAILED);
  }

  @Test
  void aThrowingFilterFailsClosed() throws Exception {
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.AUTHORIZE,
                "broken",
                e -> {
                  throw new IllegalStateException("policy store down");
                })
            .build();
    McpExchange exchange = exchange(5_000);
    Decision decision = chain.runRequest(exchange).toCompletableFuture().get(5, TimeUnit.SECONDS);
    Decision.Respond respond = (Decision.Respond) decision;
    assertThat(respond.reply().status()).isEqualTo(500);
    assertThat(respond.reply().body().path("error").path("code").asInt())
        .isEqualTo(JsonRpcErrors.INTERNAL_ERROR);
    assertThat(exchange.verdict().outcome()).isEqualTo(Verdict.Outcome.FAILED);
    assertThat(exchange.verdict().rule()).isEqualTo("broken");
  }

  @Test
  void aFailedWaitFailsClosed() throws Exception {
    FilterChain chain =
        FilterChain.builder()
            .request(
                RequestSlot.AUTHENTICATE,
                "idp",
                e ->
                    Decision.waitFor(
                        CompletableFuture.failedFuture(new RuntimeException("IdP down")), "keys"))
            .build();
    Decision decision =
        chain.runRequest(exchange(5_000)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(((Decision.Respond) decision).reply().status()).isEqualTo(500);
  }

  @Test
  void responseSlotsRunInOrderAndAReplacementStillReachesLaterSlots() throws Exception {
    List<String> seen = new ArrayList<>();
    ObjectNode error =
        JsonRpcErrors.error(JsonNodeFactory.instance.numberNode(42), -32603, "withheld");
    FilterChain chain =
        FilterChain.builder()
            .response(
                ResponseSlot.AUDIT,
                "audit",
                (e, m) -> {
                  seen.add("audit:" + m.message().path("error").path("message").asText());
                  return Decision.waitFor(
                      CompletableFuture.completedFuture(Decision.CONTINUE), "fsync");
                })
            .response(
                ResponseSlot.MASK,
                "mask",
                (e, m) -> {
                  seen.add("mask");
                  return Decision.respond(
                      HttpReply.of(500, error), Verdict.of(Verdict.Outcome.FAILED, "mask", "x"));
                })
            .response(ResponseSlot.FILTER_LISTS, "lists", (e, m) -> record(seen, "lists"))
            .build();
    ServerMessage message =
        new ServerMessage(
            (ObjectNode)
                JsonRpcParser.MAPPER.readTree("{\"jsonrpc\":\"2.0\",\"id\":42,\"result\":{}}"),
            false,
            200);
    Decision decision =
        chain.runResponse(exchange(5_000), message).toCompletableFuture().get(5, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("lists", "mask", "audit:withheld");
    assertThat(decision).isInstanceOf(Decision.Respond.class);
    assertThat(message.message()).isEqualTo(error);
  }
}
