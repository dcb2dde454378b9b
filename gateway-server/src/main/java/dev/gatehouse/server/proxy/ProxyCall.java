package dev.gatehouse.server.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.ServerMessage;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.server.GatewayRuntime;
import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.http.ClientReplies;
import dev.gatehouse.server.http.ForwardedHeaders;
import dev.gatehouse.server.sse.SseEncoder;
import dev.gatehouse.server.sse.SseItem;
import dev.gatehouse.server.sse.SseParser;
import dev.gatehouse.server.upstream.PoolExhaustedException;
import dev.gatehouse.server.upstream.UpstreamConnection;
import dev.gatehouse.server.upstream.UpstreamListener;
import dev.gatehouse.server.upstream.UpstreamPool;
import dev.gatehouse.server.upstream.UpstreamTarget;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards one exchange to its upstream and relays the reply: a JSON reply is buffered (bounded),
 * run through the response slots and sent whole; an SSE reply is relayed event by event, each
 * message event through the response slots and flushed as soon as it is complete, with backpressure
 * (the next upstream read waits until the client can take more). All methods run on the client's
 * event loop, which is also the upstream connection's.
 *
 * <p>Timeouts: connect (pool bootstrap), response (from request fully written to response head),
 * request (the exchange deadline, for buffered replies), SSE idle (heartbeat comment).
 */
public final class ProxyCall implements UpstreamListener {
  private static final Logger log = LoggerFactory.getLogger(ProxyCall.class);

  private final GatewayRuntime runtime;
  private final ChannelHandlerContext client;
  private final McpExchange exchange;
  private final ConnectionSettings connection;
  private final HttpMethod method;
  private final HttpHeaders clientHeaders;
  private final byte[] body;
  private final boolean clientKeepAlive;
  private final Consumer<Boolean> done;
  private final UpstreamTarget target;
  private final UpstreamPool pool;
  private final boolean dedicated;
  private final URI upstreamUri;
  private final boolean legacyStream;

  private UpstreamConnection upstream;
  private boolean retried;
  private boolean finished;
  private boolean headSent;
  private boolean sse;
  private boolean upstreamComplete;
  private boolean upstreamKeepAlive;
  private boolean requestResponded;
  private int upstreamStatus;
  private HttpResponse upstreamHead;
  private CompositeByteBuf buffered;
  private SseParser parser;
  private CompletableFuture<Void> relayTail = CompletableFuture.completedFuture(null);
  private ScheduledFuture<?> heartbeat;
  private long lastClientWriteNanos;

  public ProxyCall(
      GatewayRuntime runtime,
      ChannelHandlerContext client,
      McpExchange exchange,
      ConnectionSettings connection,
      HttpMethod method,
      HttpHeaders clientHeaders,
      byte[] body,
      boolean clientKeepAlive,
      URI upstreamUri,
      boolean legacyStream,
      Consumer<Boolean> done) {
    this.runtime = runtime;
    this.client = client;
    this.exchange = exchange;
    this.connection = connection;
    this.method = method;
    this.clientHeaders = clientHeaders;
    this.body = body;
    this.clientKeepAlive = clientKeepAlive;
    this.done = done;
    this.upstreamUri = upstreamUri;
    this.legacyStream = legacyStream;
    this.target = UpstreamTarget.of(upstreamUri);
    this.pool = runtime.pools().apply(client.channel().eventLoop());
    // A GET opens the server's long-lived stream: keep it off the pooled connections.
    this.dedicated = method.equals(HttpMethod.GET);
  }

  public void start() {
    acquire();
  }

  /**
   * The whole-request deadline matters only while a buffered reply trickles in; it is kept on the
   * connection's {@link dev.gatehouse.server.upstream.LazyTimer}, so arming it per response costs
   * no schedule and cancel.
   */
  private void armDeadline() {
    if (!sse && !finished && upstream != null) {
      upstream.deadlineTimer().set(exchange.deadlineNanos(), this::onDeadline);
    }
  }

  private void acquire() {
    Future<UpstreamConnection> acquired =
        dedicated ? pool.acquireDedicated(target, this) : pool.acquire(target, this);
    acquired.addListener(
        f -> {
          if (finished) {
            if (f.isSuccess()) {
              pool.release(target, acquired.getNow(), false);
            }
            return;
          }
          if (!f.isSuccess()) {
            Throwable cause = f.cause();
            if (cause instanceof PoolExhaustedException) {
              fail(503, JsonRpcErrors.SERVICE_UNAVAILABLE, cause.getMessage(), cause);
            } else {
              fail(
                  502,
                  JsonRpcErrors.UPSTREAM_UNAVAILABLE,
                  "Upstream for connection '"
                      + connection.name()
                      + "' is unreachable: "
                      + describe(cause),
                  cause);
            }
            return;
          }
          upstream = acquired.getNow();
          send();
        });
  }

  private void send() {
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1,
            method,
            upstreamPathAndQuery(),
            body.length == 0 ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(body),
            ForwardedHeaders.newHeaders(),
            EmptyHttpHeaders.INSTANCE);
    HttpHeaders headers = request.headers();
    ForwardedHeaders.copyRequest(clientHeaders, headers);
    // The client holds a sealed id; only the session-binding filter's opened id goes upstream.
    headers.remove("mcp-session-id");
    headers.set(HttpHeaderNames.HOST, target.hostHeader());
    headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
    if (exchange.upstreamSessionId() != null) {
      headers.set("mcp-session-id", exchange.upstreamSessionId());
    }
    if (body.length > 0 || method.equals(HttpMethod.POST)) {
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
    }
    if (connection.credential() != null) {
      headers.set(connection.credential().header(), connection.credential().value());
    }
    UpstreamConnection conn = upstream;
    conn.channel()
        .writeAndFlush(request)
        .addListener(
            f -> {
              if (finished || conn != upstream) {
                return;
              }
              if (!f.isSuccess()) {
                onConnectionLost(f.cause());
                return;
              }
              if (upstreamHead == null) {
                long responseTimeout = runtime.config().timeouts().response().toNanos();
                conn.responseTimer()
                    .set(System.nanoTime() + responseTimeout, this::onResponseTimeout);
              }
            });
  }

  private String upstreamPathAndQuery() {
    String path = upstreamUri.getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    String query = upstreamUri.getRawQuery();
    return query == null ? path : path + "?" + query;
  }

  // ---- upstream events -------------------------------------------------------------------

  @Override
  public void onResponseHead(HttpResponse head) {
    if (finished) {
      return;
    }
    clearTimer(true);
    upstreamHead = head;
    upstreamStatus = head.status().code();
    upstreamKeepAlive = HttpUtil.isKeepAlive(head);
    String contentType = head.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    sse =
        upstreamStatus == 200
            && contentType.toLowerCase(Locale.ROOT).startsWith("text/event-stream");
    if (sse) {
      clearTimer(false); // streams are bounded by idleness, not by the request deadline
      startSse(head);
    } else {
      buffered = client.alloc().compositeBuffer(64);
    }
    if (!(head instanceof HttpContent)) {
      armDeadline(); // the head came alone: the body may trickle in
    }
  }

  @Override
  public void onContent(HttpContent content) {
    try {
      if (finished || upstreamHead == null) {
        return;
      }
      boolean last = content instanceof LastHttpContent;
      if (sse) {
        relaySse(content.content(), last);
      } else {
        ByteBuf bytes = content.content();
        if (buffered.readableBytes() + bytes.readableBytes() > runtime.maxResponseBytes()) {
          fail(
              502,
              JsonRpcErrors.UPSTREAM_UNAVAILABLE,
              "Upstream response exceeds " + runtime.maxResponseBytes() + " bytes",
              null);
          return;
        }
        if (bytes.isReadable()) {
          buffered.addComponent(true, bytes.retain());
        }
        if (last) {
          upstreamComplete = true;
          completeBuffered();
        } else {
          armDeadline();
        }
      }
    } finally {
      content.release();
    }
  }

  @Override
  public void onConnectionLost(Throwable cause) {
    if (finished) {
      return;
    }
    if (upstreamHead == null) {
      // Nothing received: a reused keep-alive connection the upstream had just closed. Retrying
      // once on a fresh connection is safe because the upstream never saw a complete exchange.
      if (upstream != null && upstream.reused() && !retried) {
        retried = true;
        clearTimers();
        pool.release(target, upstream, false);
        upstream = null;
        acquire();
        return;
      }
      fail(
          502,
          JsonRpcErrors.UPSTREAM_UNAVAILABLE,
          "Upstream closed the connection before responding"
              + (cause == null ? "" : ": " + describe(cause)),
          cause);
      return;
    }
    if (upstreamComplete) {
      return;
    }
    if (sse) {
      log.warn(
          "{} upstream stream ended abruptly: {}",
          who(),
          cause == null ? "connection closed" : describe(cause));
      relayTail = relayTail.thenCompose(v -> endStreamAfterReset());
    } else {
      fail(
          502,
          JsonRpcErrors.UPSTREAM_UNAVAILABLE,
          "Upstream connection reset while sending its response",
          cause);
    }
  }

  // ---- buffered (JSON) replies ----------------------------------------------------------------

  private void completeBuffered() {
    clearTimer(false);
    byte[] bytes = new byte[buffered.readableBytes()];
    buffered.readBytes(bytes);
    buffered.release();
    buffered = null;
    String contentType = upstreamHead.headers().get(HttpHeaderNames.CONTENT_TYPE, "");
    boolean json = contentType.toLowerCase(Locale.ROOT).contains("json");
    if (bytes.length == 0 || !json) {
      // No JSON-RPC message (202 for a notification, 405 for GET, an error page): audit the
      // outcome, then relay the status and bytes as they are.
      runThenWrite(ServerMessage.httpOnly(upstreamStatus, false), bytes);
      return;
    }
    JsonNode root;
    try {
      root = JsonRpcParser.MAPPER.readTree(bytes);
    } catch (JsonProcessingException e) {
      fail(
          502,
          JsonRpcErrors.UPSTREAM_UNAVAILABLE,
          "Upstream sent invalid JSON: " + JsonRpcParser.why(e),
          e);
      return;
    } catch (IOException e) {
      fail(502, JsonRpcErrors.UPSTREAM_UNAVAILABLE, "Upstream sent invalid JSON", e);
      return;
    }
    if (root instanceof ObjectNode object) {
      if (isRequestResponse(object)) {
        requestResponded = true;
      }
      runThenWrite(new ServerMessage(object, false, upstreamStatus), bytes);
    } else if (root instanceof ArrayNode array) {
      relayBatch(array);
    } else {
      fail(
          502,
          JsonRpcErrors.UPSTREAM_UNAVAILABLE,
          "Upstream sent a JSON value that is not JSON-RPC",
          null);
    }
  }

  /**
   * Runs the response slots for one message, then writes it as the whole reply: the upstream's own
   * bytes ({@code rawBody}) unless a filter changed the message or answered instead. The parser
   * refuses repeated keys and trailing values, so the tree the filters saw is exactly what those
   * bytes say.
   */
  private void runThenWrite(ServerMessage message, byte[] rawBody) {
    runtime
        .chain()
        .runResponse(exchange, message)
        .whenComplete(
            (decision, error) -> {
              if (finished) {
                return;
              }
              int status = upstreamStatus;
              ByteBuf content;
              if (decision instanceof Decision.Respond respond) {
                status = respond.reply().status();
                content =
                    jsonBytes(message.httpOnly() ? respond.reply().body() : message.message());
              } else if (message.httpOnly()) {
                content =
                    rawBody == null || rawBody.length == 0
                        ? Unpooled.EMPTY_BUFFER
                        : Unpooled.wrappedBuffer(rawBody);
              } else if (rawBody != null && !message.changed()) {
                assert sameMessage(rawBody, message.message())
                    : "a response filter changed the message without markChanged()";
                content = Unpooled.wrappedBuffer(rawBody);
              } else {
                content = jsonBytes(message.message());
              }
              writeWhole(status, content, decision instanceof Decision.Respond);
            });
  }

  private void relayBatch(ArrayNode array) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode(array.size());
    CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
    for (JsonNode element : array) {
      if (!(element instanceof ObjectNode object)) {
        continue; // a non-object element cannot be a JSON-RPC message; it is not relayed
      }
      chain =
          chain.thenCompose(
              v -> {
                ServerMessage message = new ServerMessage(object, false, upstreamStatus);
                return runtime
                    .chain()
                    .runResponse(exchange, message)
                    .thenAccept(d -> out.add(message.message()))
                    .toCompletableFuture();
              });
    }
    chain.whenComplete(
        (v, error) -> {
          if (finished) {
            return;
          }
          if (error != null) {
            fail(
                500,
                JsonRpcErrors.INTERNAL_ERROR,
                "Gateway failed processing the batch reply",
                error);
            return;
          }
          requestResponded = true;
          writeWhole(upstreamStatus, jsonBytes(out), false);
        });
  }

  private void writeWhole(int status, ByteBuf content, boolean gatewayReplaced) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            ClientReplies.status(status),
            content,
            ForwardedHeaders.newHeaders(),
            EmptyHttpHeaders.INSTANCE);
    copyResponseHeaders(upstreamHead.headers(), response.headers());
    if (gatewayReplaced) {
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
    }
    response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, content.readableBytes());
    headSent = true;
    ClientReplies.write(client, response, clientKeepAlive)
        .addListener(f -> finish(upstreamKeepAlive, f.isSuccess() && clientKeepAlive));
  }

  /** End-to-end headers, with a newly issued upstream session id sealed to this identity. */
  private void copyResponseHeaders(HttpHeaders from, HttpHeaders to) {
    ForwardedHeaders.copyResponse(from, to);
    String upstreamSession = from.get("mcp-session-id");
    if (upstreamSession != null) {
      // Echo the client's own id for its current session (sealing again would mint a different
      // id every time, and clients rightly expect the one they hold); seal only a new session.
      String clientSession =
          upstreamSession.equals(exchange.upstreamSessionId())
              ? exchange.sessionId()
              : runtime.identity().sessions().toClient(exchange, upstreamSession);
      to.set("mcp-session-id", clientSession);
    }
  }

  // ---- SSE replies --------------------------------------------------------------------------

  private void startSse(HttpResponse head) {
    HttpResponse response =
        new DefaultHttpResponse(HttpVersion.HTTP_1_1, head.status(), ForwardedHeaders.newHeaders());
    copyResponseHeaders(head.headers(), response.headers());
    response.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
    response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    // Tell nginx-style intermediaries not to buffer the stream.
    response.headers().set("x-accel-buffering", "no");
    headSent = true;
    parser = new SseParser(runtime.maxSseEventBytes());
    client.writeAndFlush(response);
    lastClientWriteNanos = System.nanoTime();
    long idle = runtime.config().timeouts().sseIdle().toNanos();
    heartbeat =
        client.executor().scheduleAtFixedRate(this::heartbeat, idle, idle, TimeUnit.NANOSECONDS);
  }

  private void relaySse(ByteBuf chunk, boolean last) {
    List<SseItem> items;
    try {
      items = parser.feed(chunk);
    } catch (SseParser.SseTooLargeException e) {
      log.warn("{} {}", who(), e.getMessage());
      if (upstream != null) {
        upstream.channel().close();
      }
      return; // onConnectionLost ends the client's stream cleanly
    }
    for (SseItem item : items) {
      relayTail = relayTail.thenCompose(v -> relayItem(item));
    }
    if (last) {
      upstreamComplete = true;
      relayTail = relayTail.thenCompose(v -> endStream());
    } else if (!relayTail.isDone()) {
      // A filter is still deciding on an earlier event (e.g. waiting for its audit record):
      // read no further until it has, so events do not pile up in memory.
      upstream.pause();
      relayTail.thenRun(this::updateReading);
    } else {
      updateReading();
    }
  }

  private CompletableFuture<Void> relayItem(SseItem item) {
    if (finished) {
      return CompletableFuture.completedFuture(null);
    }
    if (legacyStream
        && item instanceof SseItem.Event endpoint
        && "endpoint".equals(endpoint.event())) {
      writeEvent(rewriteLegacyEndpoint(endpoint));
      return CompletableFuture.completedFuture(null);
    }
    if (!(item instanceof SseItem.Event event) || !event.isMessage()) {
      writeEvent(item);
      return CompletableFuture.completedFuture(null);
    }
    JsonNode parsed;
    try {
      parsed = JsonRpcParser.MAPPER.readTree(event.data());
    } catch (IOException e) {
      parsed = null;
    }
    if (!(parsed instanceof ObjectNode object)) {
      // Not JSON-RPC: we cannot mask what we cannot read, so it does not pass (fail closed).
      log.warn("{} dropped an SSE message event that is not a JSON object", who());
      return CompletableFuture.completedFuture(null);
    }
    if (isRequestResponse(object)) {
      requestResponded = true;
    }
    ServerMessage message = new ServerMessage(object, false, upstreamStatus);
    return runtime
        .chain()
        .runResponse(exchange, message)
        .thenAccept(
            decision -> {
              // As for whole replies: the event as the upstream sent it unless a filter changed it.
              if (message.changed()) {
                writeEvent(event.withData(jsonText(message.message())));
              } else {
                assert sameMessage(event.data(), message.message())
                    : "a response filter changed the message without markChanged()";
                writeEvent(event);
              }
            })
        .toCompletableFuture();
  }

  /**
   * The legacy transport's {@code endpoint} event names where the client must POST. Resolved
   * against the upstream's SSE URL, it must stay on the upstream's own origin (a hostile upstream
   * cannot point the gateway elsewhere); the client gets a gateway path carrying that endpoint
   * sealed to its identity.
   */
  private SseItem rewriteLegacyEndpoint(SseItem.Event endpoint) {
    URI resolved;
    try {
      resolved = upstreamUri.resolve(endpoint.data().trim());
    } catch (IllegalArgumentException e) {
      resolved = null;
    }
    if (resolved == null
        || !UpstreamTarget.of(resolved).equals(target)
        || resolved.getRawPath() == null) {
      log.warn("{} dropped a legacy endpoint event naming another origin", who());
      return new SseItem.Comment(" endpoint refused by gatehouse");
    }
    String pathAndQuery =
        resolved.getRawPath()
            + (resolved.getRawQuery() == null ? "" : "?" + resolved.getRawQuery());
    String sealed = runtime.identity().sessions().sealLegacyEndpoint(exchange, pathAndQuery);
    return endpoint.withData("/mcp/" + connection.name() + "/messages?session=" + sealed);
  }

  private void writeEvent(SseItem item) {
    if (finished || !client.channel().isActive()) {
      return;
    }
    lastClientWriteNanos = System.nanoTime();
    client.writeAndFlush(new DefaultHttpContent(SseEncoder.encode(client.alloc(), item)));
    if (!client.channel().isWritable() && upstream != null) {
      upstream.pause(); // resumed when the client drains (onClientWritabilityChanged)
    }
  }

  private CompletableFuture<Void> endStream() {
    if (!finished) {
      client
          .writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT)
          .addListener(f -> finish(upstreamKeepAlive, f.isSuccess() && clientKeepAlive));
    }
    return CompletableFuture.completedFuture(null);
  }

  /**
   * The upstream stream broke. For a POST whose response never came, the client gets a JSON-RPC
   * error event for its request id (so it is not left waiting), then the stream ends cleanly; a GET
   * stream just ends, and the client may resume it with Last-Event-ID.
   */
  private CompletableFuture<Void> endStreamAfterReset() {
    upstreamComplete = true;
    JsonNode id = FilterChain.firstRequestId(exchange);
    if (finished || requestResponded || id == null || !method.equals(HttpMethod.POST)) {
      return endStreamClosingUpstream();
    }
    ServerMessage error =
        new ServerMessage(
            JsonRpcErrors.error(
                id,
                JsonRpcErrors.UPSTREAM_UNAVAILABLE,
                "Upstream connection reset before the response"),
            true,
            upstreamStatus);
    exchange.verdict(Verdict.of(Verdict.Outcome.UPSTREAM_FAILED, "upstream", "reset mid-stream"));
    return runtime
        .chain()
        .runResponse(exchange, error)
        .thenCompose(
            d -> {
              writeEvent(new SseItem.Event(null, jsonText(error.message()), null, null));
              return endStreamClosingUpstream();
            })
        .toCompletableFuture();
  }

  private CompletableFuture<Void> endStreamClosingUpstream() {
    upstreamKeepAlive = false;
    return endStream();
  }

  private void heartbeat() {
    long idle = runtime.config().timeouts().sseIdle().toNanos();
    if (!finished && System.nanoTime() - lastClientWriteNanos >= idle - idle / 10) {
      writeEvent(new SseItem.Comment(" keep-alive"));
    }
  }

  /** Called by the client handler when the client's channel writability changes. */
  public void onClientWritabilityChanged() {
    updateReading();
  }

  /**
   * End-to-end backpressure: the upstream is read only while the client can take more and no
   * earlier event is still in the response slots.
   */
  private void updateReading() {
    if (finished || upstream == null) {
      return;
    }
    if (client.channel().isWritable() && relayTail.isDone()) {
      upstream.resume();
    } else {
      upstream.pause();
    }
  }

  // ---- failures and the end -------------------------------------------------------------------

  private void onResponseTimeout() {
    fail(
        504,
        JsonRpcErrors.UPSTREAM_TIMEOUT,
        "Upstream did not respond within "
            + runtime.config().timeouts().response().toMillis()
            + " ms",
        null);
  }

  private void onDeadline() {
    if (!sse) {
      fail(504, JsonRpcErrors.UPSTREAM_TIMEOUT, "Request deadline exceeded", null);
    }
  }

  /** Answers with a gateway error: a whole reply if nothing was sent yet, else an error event. */
  private void fail(int status, int code, String message, Throwable cause) {
    if (finished) {
      return;
    }
    log.warn("{} {} ({})", who(), message, cause == null ? "no cause" : cause.toString());
    Verdict.Outcome outcome =
        status == 504 ? Verdict.Outcome.TIMED_OUT : Verdict.Outcome.UPSTREAM_FAILED;
    exchange.verdict(Verdict.of(outcome, "upstream", message));
    closeUpstream();
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    if (headSent) {
      if (sse) {
        relayTail = relayTail.thenCompose(v -> endStreamAfterReset());
      } else {
        finish(false, false);
      }
      return;
    }
    headSent = true;
    cancelTimers();
    HttpReply reply =
        HttpReply.jsonRpcError(status, FilterChain.firstRequestId(exchange), code, message);
    GatewayReplies.send(runtime, client, exchange, reply, clientKeepAlive)
        .whenComplete((keep, error) -> finish(false, Boolean.TRUE.equals(keep)));
  }

  /**
   * The client went away: stop relaying and drop the upstream connection (its state is unknown).
   */
  public void onClientGone() {
    exchange.markClientGone();
    if (!finished) {
      closeUpstream();
      finish(false, false);
    }
  }

  private void closeUpstream() {
    if (upstream != null) {
      clearTimers();
      pool.release(target, upstream, false);
      upstream = null;
    }
  }

  private void finish(boolean upstreamReusable, boolean keepClient) {
    if (finished) {
      return;
    }
    finished = true;
    cancelTimers();
    if (buffered != null) {
      buffered.release();
      buffered = null;
    }
    if (upstream != null) {
      pool.release(target, upstream, upstreamReusable && upstreamComplete && !dedicated);
      upstream = null;
    }
    done.accept(keepClient);
  }

  private void cancelTimers() {
    clearTimers();
    cancel(heartbeat);
  }

  /** Before the connection goes back to the pool or away: its timers must not fire for us. */
  private void clearTimers() {
    clearTimer(true);
    clearTimer(false);
  }

  private void clearTimer(boolean response) {
    if (upstream != null) {
      (response ? upstream.responseTimer() : upstream.deadlineTimer()).clear();
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  private boolean isRequestResponse(ObjectNode message) {
    JsonNode id = FilterChain.firstRequestId(exchange);
    return id != null && !message.has("method") && id.equals(message.get("id"));
  }

  /**
   * For the assertions on the unchanged path (tests run with -ea): the bytes or text the upstream
   * sent still say what the tree says.
   */
  private static boolean sameMessage(Object raw, JsonNode tree) {
    try {
      JsonNode again =
          raw instanceof byte[] bytes
              ? JsonRpcParser.MAPPER.readTree(bytes)
              : JsonRpcParser.MAPPER.readTree((String) raw);
      return again.equals(tree);
    } catch (IOException e) {
      return false;
    }
  }

  private static ByteBuf jsonBytes(JsonNode node) {
    if (node == null) {
      return Unpooled.EMPTY_BUFFER;
    }
    try {
      // Straight to UTF-8 bytes: no intermediate String to encode again.
      return Unpooled.wrappedBuffer(JsonRpcParser.MAPPER.writeValueAsBytes(node));
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  private static String jsonText(JsonNode node) {
    try {
      return JsonRpcParser.MAPPER.writeValueAsString(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }

  /** Who and what a log line is about: the exchange, the caller's identity, the connection. */
  private String who() {
    return "exchange="
        + exchange.exchangeId()
        + " subject="
        + exchange.identity().subject()
        + " connection="
        + connection.name();
  }

  private static String describe(Throwable cause) {
    if (cause instanceof ConnectException) {
      return "connection refused";
    }
    if (cause instanceof io.netty.channel.ConnectTimeoutException) {
      return "connect timed out";
    }
    return cause == null
        ? "unknown"
        : cause.getMessage() == null ? cause.toString() : cause.getMessage();
  }
}
