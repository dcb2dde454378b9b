package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.Decision;
import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.HttpReply;
import dev.gatehouse.core.JsonRpcBody;
import dev.gatehouse.core.JsonRpcErrors;
import dev.gatehouse.core.JsonRpcMessage;
import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.McpHeaders;
import dev.gatehouse.core.RequestHeaders;
import dev.gatehouse.core.Verdict;
import dev.gatehouse.server.GatewayRuntime;
import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.proxy.GatewayReplies;
import dev.gatehouse.server.proxy.ProxyCall;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MCP listener's request handler: one per client connection, one exchange at a time. It routes
 * {@code /mcp/{connection}}, builds the typed exchange (the body is parsed before any filter runs),
 * runs the request slots and hands the exchange to a {@link ProxyCall} or answers it with the
 * gateway's own reply.
 *
 * <p>The channel reads as data arrives (auto-read on): asking epoll for each read and turning it
 * off again would cost two system calls per request. A client that pipelines (sends the next
 * request before the reply) gets its requests queued and answered in order; while any wait, reading
 * stops, which bounds what such a client can queue to what one read delivered.
 */
public final class McpRequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(McpRequestHandler.class);
  private static final AtomicLong EXCHANGE_IDS = new AtomicLong();
  private static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

  private final Supplier<GatewayRuntime> runtimeSource;
  private McpExchange current;
  private ProxyCall call;
  private boolean busy;
  private String clientAddress;
  private final ArrayDeque<FullHttpRequest> pipelined = new ArrayDeque<>();

  public McpRequestHandler(Supplier<GatewayRuntime> runtimeSource) {
    this.runtimeSource = runtimeSource;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof FullHttpRequest request)) {
      ReferenceCountUtil.release(msg);
      return;
    }
    if (busy) {
      pipelined.add(request);
      ctx.channel().config().setAutoRead(false);
      return;
    }
    start(ctx, request);
  }

  private void start(ChannelHandlerContext ctx, FullHttpRequest request) {
    busy = true;
    try {
      handle(ctx, request);
    } finally {
      request.release();
    }
  }

  private void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
    GatewayRuntime runtime = runtimeSource.get();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (!request.decoderResult().isSuccess()) {
      simpleReply(ctx, 400, "bad_request", "Malformed HTTP request", false);
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    if (uri.path().startsWith(METADATA_PATH)) {
      serveMetadata(ctx, runtime, uri.path().substring(METADATA_PATH.length()), keepAlive);
      return;
    }
    Route route = Route.parse(uri.path());
    if (route == null || !route.isKnownTransportPath()) {
      simpleReply(
          ctx,
          404,
          "not_found",
          "No route for " + uri.path() + "; MCP lives at /mcp/{connection}",
          keepAlive);
      return;
    }
    ConnectionSettings configured = runtime.config().connections().get(route.connection());
    // A legacy path on a connection without the legacy transport does not exist.
    ConnectionSettings connection =
        configured != null && !route.rest().isEmpty() && configured.legacySseUpstream() == null
            ? null
            : configured;
    if (connection == null) {
      simpleReply(
          ctx,
          404,
          "unknown_connection",
          "No MCP connection named '" + route.connection() + "' is configured",
          keepAlive);
      return;
    }
    HttpMethod method = request.method();
    if (!method.equals(HttpMethod.POST)
        && !method.equals(HttpMethod.GET)
        && !method.equals(HttpMethod.DELETE)) {
      simpleReply(
          ctx,
          405,
          "method_not_allowed",
          method + " is not supported on an MCP endpoint",
          keepAlive,
          Map.of("allow", "GET, POST, DELETE"));
      return;
    }
    McpExchange exchange = newExchange(ctx, runtime, request, connection);
    byte[] body = ByteBufUtil.getBytes(request.content());
    if (method.equals(HttpMethod.POST)) {
      exchange.body(JsonRpcParser.parse(body));
    }
    exchange.protocolVersion(protocolVersion(exchange));
    exchange.sessionId(exchange.headers().get(McpHeaders.SESSION_ID));
    current = exchange;
    // The header object is not reference-counted: it stays valid after the request is released,
    // and the proxy copies what may go upstream straight into the upstream request.
    HttpHeaders headers = request.headers();
    runtime
        .chain()
        .runRequest(exchange)
        .whenComplete(
            (decision, error) -> {
              if (exchange.isClientGone()) {
                return;
              }
              switch (decision) {
                case Decision.Respond respond ->
                    GatewayReplies.send(runtime, ctx, exchange, respond.reply(), keepAlive)
                        .whenComplete((keep, e) -> exchangeDone(ctx, Boolean.TRUE.equals(keep)));
                case Decision.Continue c ->
                    forward(
                        ctx,
                        runtime,
                        exchange,
                        connection,
                        method,
                        route,
                        uri,
                        headers,
                        body,
                        keepAlive);
                case Decision.Wait w ->
                    throw new IllegalStateException("the runner never yields Wait");
              }
            });
  }

  /**
   * RFC 9728 protected-resource metadata, in the path-inserted form for each connection ({@code
   * /.well-known/oauth-protected-resource/mcp/NAME}) and the root form, so standard MCP clients
   * discover which IdP to log in with. Public by design: it holds no secret.
   */
  private void serveMetadata(
      ChannelHandlerContext ctx, GatewayRuntime runtime, String suffix, boolean keepAlive) {
    String connection = null;
    if (!suffix.isEmpty()) {
      Route route = Route.parse(suffix);
      if (route == null
          || !route.rest().isEmpty()
          || !runtime.config().connections().containsKey(route.connection())) {
        simpleReply(ctx, 404, "not_found", "No protected resource at " + suffix, keepAlive);
        return;
      }
      connection = route.connection();
    }
    var metadata = runtime.identity().metadata(connection);
    if (metadata == null) {
      simpleReply(ctx, 404, "not_found", "Authentication is not configured", keepAlive);
      return;
    }
    ClientReplies.write(ctx, ClientReplies.json(ctx, 200, Map.of(), metadata), keepAlive)
        .addListener(f -> exchangeDone(ctx, keepAlive && f.isSuccess()));
  }

  /** Hands an allowed exchange to a {@link ProxyCall} for the transport its path names. */
  private void forward(
      ChannelHandlerContext ctx,
      GatewayRuntime runtime,
      McpExchange exchange,
      ConnectionSettings connection,
      HttpMethod method,
      Route route,
      QueryStringDecoder uri,
      HttpHeaders headers,
      byte[] body,
      boolean keepAlive) {
    URI target = connection.upstream();
    boolean legacyStream = false;
    if (route.rest().equals(Route.LEGACY_SSE)) {
      target = connection.legacySseUpstream();
      legacyStream = true;
    } else if (route.rest().equals(Route.LEGACY_MESSAGES)) {
      List<String> sealed = uri.parameters().getOrDefault("session", List.of());
      Optional<String> endpoint =
          sealed.size() == 1
              ? runtime.identity().sessions().openLegacyEndpoint(exchange, sealed.get(0))
              : Optional.empty();
      if (endpoint.isEmpty()) {
        HttpReply notFound =
            HttpReply.jsonRpcError(
                404,
                FilterChain.firstRequestId(exchange),
                JsonRpcErrors.GATEWAY_REFUSED,
                "Session not found for this identity");
        exchange.verdict(Verdict.of(Verdict.Outcome.DENIED, "session-binding", "legacy endpoint"));
        GatewayReplies.send(runtime, ctx, exchange, notFound, keepAlive)
            .whenComplete((keep, e) -> exchangeDone(ctx, Boolean.TRUE.equals(keep)));
        return;
      }
      target = connection.legacySseUpstream().resolve(endpoint.get());
    }
    call =
        new ProxyCall(
            runtime,
            ctx,
            exchange,
            connection,
            method,
            headers,
            body,
            keepAlive,
            target,
            legacyStream,
            keep -> exchangeDone(ctx, keep));
    call.start();
  }

  private McpExchange newExchange(
      ChannelHandlerContext ctx,
      GatewayRuntime runtime,
      FullHttpRequest request,
      ConnectionSettings connection) {
    // A view, not a copy: the header object outlives the request's (released) body.
    RequestHeaders headers = RequestHeaders.view(request.headers()::getAll, request.headers()::get);
    long now = System.nanoTime();
    if (clientAddress == null) {
      // Once per connection: formatting the address is not free and it never changes.
      clientAddress =
          ctx.channel().remoteAddress() instanceof InetSocketAddress address
              ? address.getAddress().getHostAddress()
              : String.valueOf(ctx.channel().remoteAddress());
    }
    return McpExchange.builder()
        .exchangeId(Long.toString(EXCHANGE_IDS.incrementAndGet(), 36))
        .connection(connection.name())
        .httpMethod(request.method().name())
        .path(request.uri())
        .headers(headers)
        .clientAddress(clientAddress)
        .receivedAt(Instant.now())
        .startNanos(now)
        .deadlineNanos(now + runtime.config().timeouts().request().toNanos())
        .executor(ctx.executor())
        .build();
  }

  /**
   * The protocol revision of this request: the header when present, else the version an {@code
   * initialize} asks for (initialize itself carries no negotiated header).
   */
  private static String protocolVersion(McpExchange exchange) {
    String header = exchange.headers().get(McpHeaders.PROTOCOL_VERSION);
    if (header != null) {
      return header;
    }
    JsonRpcBody.Messages messages = exchange.messages();
    if (messages != null && !messages.batch()) {
      JsonRpcMessage first = messages.first();
      if ("initialize".equals(first.method()) && first.params() != null) {
        return first.params().path("protocolVersion").asText(null);
      }
    }
    return null;
  }

  private void exchangeDone(ChannelHandlerContext ctx, boolean keepConnection) {
    current = null;
    call = null;
    busy = false;
    if (!keepConnection || !ctx.channel().isActive()) {
      releasePipelined();
      ctx.close();
      return;
    }
    FullHttpRequest next = pipelined.poll();
    if (next != null) {
      start(ctx, next);
    } else if (!ctx.channel().config().isAutoRead()) {
      ctx.channel().config().setAutoRead(true);
    }
  }

  private void releasePipelined() {
    FullHttpRequest queued;
    while ((queued = pipelined.poll()) != null) {
      queued.release();
    }
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    releasePipelined();
  }

  private void simpleReply(
      ChannelHandlerContext ctx, int status, String error, String message, boolean keepAlive) {
    simpleReply(ctx, status, error, message, keepAlive, Map.of());
  }

  /** A reply for requests that never became an exchange (no route): logged, not audited. */
  private void simpleReply(
      ChannelHandlerContext ctx,
      int status,
      String error,
      String message,
      boolean keepAlive,
      Map<String, String> headers) {
    log.info("{} {} from {}: {}", status, error, ctx.channel().remoteAddress(), message);
    ObjectNode body =
        JsonNodeFactory.instance.objectNode().put("error", error).put("message", message);
    ClientReplies.write(ctx, ClientReplies.json(ctx, status, headers, body), keepAlive)
        .addListener(f -> exchangeDone(ctx, keepAlive && f.isSuccess()));
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (call != null) {
      call.onClientWritabilityChanged();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    releasePipelined();
    if (call != null) {
      call.onClientGone();
    } else if (current != null) {
      current.markClientGone();
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    log.debug("client connection {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    ctx.close();
  }

  /** {@code /mcp/{connection}} and the legacy transport's {@code /mcp/{connection}/...} paths. */
  record Route(String connection, String rest) {
    static final String LEGACY_SSE = "/sse";
    static final String LEGACY_MESSAGES = "/messages";

    /** The Streamable HTTP endpoint, or one of the legacy HTTP+SSE transport's two paths. */
    boolean isKnownTransportPath() {
      return rest.isEmpty() || rest.equals(LEGACY_SSE) || rest.equals(LEGACY_MESSAGES);
    }

    static Route parse(String path) {
      if (!path.startsWith("/mcp/")) {
        return null;
      }
      String tail = path.substring(5);
      int slash = tail.indexOf('/');
      String name = slash < 0 ? tail : tail.substring(0, slash);
      if (name.isEmpty()) {
        return null;
      }
      return new Route(name, slash < 0 ? "" : tail.substring(slash));
    }
  }
}
