package dev.gatehouse.core;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * One client request to an MCP connection and everything the gateway learns about it on the way:
 * the typed fields every step needs, plus typed attachments ({@link ExchangeKey}) for what a single
 * filter adds. An exchange is confined to its event loop ({@link #executor()}); filters that go
 * asynchronous return {@link Decision.Wait} and are resumed there.
 */
public final class McpExchange {
  private final String exchangeId;
  private final String connection;
  private final String httpMethod;
  private final String path;
  private final RequestHeaders headers;
  private final String clientAddress;
  private final Instant receivedAt;
  private final long startNanos;
  private final long deadlineNanos;
  private final Executor executor;
  private final CompletableFuture<Void> clientGone = new CompletableFuture<>();
  private volatile Runnable cancelWait; // the wait in progress, cancelled if the client leaves
  private Map<ExchangeKey<?>, Object> attachments; // most exchanges attach nothing

  private JsonRpcBody body = new JsonRpcBody.None();
  private Identity identity = Identity.ANONYMOUS;
  private String sessionId;
  private String upstreamSessionId;
  private String protocolVersion;
  private Verdict verdict = Verdict.ALLOWED;

  private McpExchange(Builder b) {
    this.exchangeId = Objects.requireNonNull(b.exchangeId, "exchangeId");
    this.connection = Objects.requireNonNull(b.connection, "connection");
    this.httpMethod = Objects.requireNonNull(b.httpMethod, "httpMethod");
    this.path = b.path;
    this.headers = b.headers;
    this.clientAddress = b.clientAddress;
    this.receivedAt = b.receivedAt;
    this.startNanos = b.startNanos;
    this.deadlineNanos = b.deadlineNanos;
    this.executor = Objects.requireNonNull(b.executor, "executor");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Gateway-unique id of this exchange, for log correlation. */
  public String exchangeId() {
    return exchangeId;
  }

  /** The configured connection name from {@code /mcp/{connection}}. */
  public String connection() {
    return connection;
  }

  public String httpMethod() {
    return httpMethod;
  }

  public String path() {
    return path;
  }

  public RequestHeaders headers() {
    return headers;
  }

  public String clientAddress() {
    return clientAddress;
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  /** {@link System#nanoTime()} when the request arrived, for latency. */
  public long startNanos() {
    return startNanos;
  }

  /** {@link System#nanoTime()} by which the whole exchange (waits included) must be done. */
  public long deadlineNanos() {
    return deadlineNanos;
  }

  /** The exchange's event loop: every continuation of this exchange runs here. */
  public Executor executor() {
    return executor;
  }

  public JsonRpcBody body() {
    return body;
  }

  public void body(JsonRpcBody body) {
    this.body = Objects.requireNonNull(body);
  }

  /** The parsed messages, or {@code null} when the body is absent or invalid. */
  public JsonRpcBody.Messages messages() {
    return body instanceof JsonRpcBody.Messages messages ? messages : null;
  }

  public Identity identity() {
    return identity;
  }

  public void identity(Identity identity) {
    this.identity = Objects.requireNonNull(identity);
  }

  /** The session id as the client sees it (may differ from the upstream's). */
  public String sessionId() {
    return sessionId;
  }

  public void sessionId(String sessionId) {
    this.sessionId = sessionId;
  }

  /** The session id as the upstream issued it. */
  public String upstreamSessionId() {
    return upstreamSessionId;
  }

  public void upstreamSessionId(String upstreamSessionId) {
    this.upstreamSessionId = upstreamSessionId;
  }

  public String protocolVersion() {
    return protocolVersion;
  }

  public void protocolVersion(String protocolVersion) {
    this.protocolVersion = protocolVersion;
  }

  public Verdict verdict() {
    return verdict;
  }

  public void verdict(Verdict verdict) {
    this.verdict = Objects.requireNonNull(verdict);
  }

  public <T> T get(ExchangeKey<T> key) {
    return attachments == null ? null : key.cast(attachments.get(key));
  }

  public <T> void put(ExchangeKey<T> key, T value) {
    if (attachments == null) {
      attachments = new IdentityHashMap<>(4);
    }
    attachments.put(key, value);
  }

  /** Completes when the client disconnects before the exchange is done. */
  public CompletionStage<Void> clientGone() {
    return clientGone;
  }

  /** Called by the server layer when the client's connection closes early. */
  public void markClientGone() {
    clientGone.complete(null);
    Runnable cancel = cancelWait;
    if (cancel != null) {
      cancel.run();
    }
  }

  /**
   * Sets what cancels the wait in progress when the client goes away ({@code null}: none). An
   * exchange has at most one wait at a time, so one slot replaces a callback per wait: a long SSE
   * stream whose every event waits (for its durable audit record) would otherwise pile up callbacks
   * for as long as it lasts. Runs {@code cancel} at once if the client is already gone; it may run
   * twice, so it must be idempotent.
   */
  public void cancelWaitOnClientGone(Runnable cancel) {
    cancelWait = cancel;
    if (cancel != null && clientGone.isDone()) {
      cancel.run();
    }
  }

  public boolean isClientGone() {
    return clientGone.isDone();
  }

  /** Builds an exchange; the server layer is the only caller outside tests. */
  public static final class Builder {
    private String exchangeId;
    private String connection;
    private String httpMethod;
    private String path = "";
    // Unset ones get their defaults in build(): the server sets all of them on every request, and
    // a clock read or an empty header map made here would be thrown away each time.
    private RequestHeaders headers;
    private String clientAddress = "";
    private Instant receivedAt;
    private boolean startSet;
    private long startNanos;
    private boolean deadlineSet;
    private long deadlineNanos;
    private Executor executor;

    public Builder exchangeId(String v) {
      exchangeId = v;
      return this;
    }

    public Builder connection(String v) {
      connection = v;
      return this;
    }

    public Builder httpMethod(String v) {
      httpMethod = v;
      return this;
    }

    public Builder path(String v) {
      path = v;
      return this;
    }

    public Builder headers(RequestHeaders v) {
      headers = v;
      return this;
    }

    public Builder clientAddress(String v) {
      clientAddress = v;
      return this;
    }

    public Builder receivedAt(Instant v) {
      receivedAt = v;
      return this;
    }

    public Builder startNanos(long v) {
      startNanos = v;
      startSet = true;
      return this;
    }

    public Builder deadlineNanos(long v) {
      deadlineNanos = v;
      deadlineSet = true;
      return this;
    }

    public Builder executor(Executor v) {
      executor = v;
      return this;
    }

    public McpExchange build() {
      if (headers == null) {
        headers = new RequestHeaders();
      }
      if (receivedAt == null) {
        receivedAt = Instant.now();
      }
      if (!startSet) {
        startNanos = System.nanoTime();
      }
      if (!deadlineSet) {
        deadlineNanos = startNanos + 60_000_000_000L;
      }
      return new McpExchange(this);
    }
  }
}
