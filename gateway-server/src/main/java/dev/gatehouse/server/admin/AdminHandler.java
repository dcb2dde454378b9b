package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.core.RequestHeaders;
import dev.gatehouse.server.http.ClientReplies;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.util.Map;

/**
 * The admin listener: {@code /healthz} (the process is alive and serving) and {@code /readyz} (the
 * configuration is loaded and every dependency answers; 503 with the failing checks otherwise),
 * both unauthenticated for probes; and the admin API under {@code /admin/} ({@link AdminApi}),
 * which needs an admin's bearer token.
 *
 * <p>An admin API reply can come later than the request (a JWKS fetch, an audit write): the request
 * is copied out of its buffer first, the channel stops reading until the reply is written (so
 * pipelined requests cannot be answered out of order), and the reply is written on the channel's
 * event loop.
 */
@ChannelHandler.Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ReadinessChecks readiness;
  private final AdminApi api;

  /**
   * @param api the admin API, or {@code null} for a listener with the probes only
   */
  public AdminHandler(ReadinessChecks readiness, AdminApi api) {
    this.readiness = readiness;
    this.api = api;
  }

  public AdminHandler(ReadinessChecks readiness) {
    this(readiness, null);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    if (api != null && AdminApi.owns(path)) {
      adminApi(ctx, request, path, keepAlive);
      return;
    }
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    int status;
    switch (path) {
      case "/healthz" -> {
        body.put("status", "ok");
        status = 200;
      }
      case "/readyz" -> {
        ReadinessChecks.Report report = readiness.check();
        body.put("status", report.ready() ? "ready" : "not_ready");
        ObjectNode checks = body.putObject("checks");
        report.checks().forEach(checks::put);
        status = report.ready() ? 200 : 503;
      }
      default -> {
        body.put("error", "not_found").put("message", "No admin route " + path);
        status = 404;
      }
    }
    ClientReplies.write(ctx, ClientReplies.json(ctx, status, Map.of(), body), keepAlive);
  }

  private void adminApi(
      ChannelHandlerContext ctx, FullHttpRequest request, String path, boolean keepAlive) {
    RequestHeaders headers = new RequestHeaders();
    request.headers().forEach(h -> headers.add(h.getKey(), h.getValue()));
    String client =
        ctx.channel().remoteAddress() instanceof InetSocketAddress address
            ? address.getAddress().getHostAddress()
            : String.valueOf(ctx.channel().remoteAddress());
    AdminRequest copy =
        new AdminRequest(
            request.method().name(),
            request.uri(),
            path,
            headers,
            ByteBufUtil.getBytes(request.content()),
            client);
    ctx.channel().config().setAutoRead(false);
    api.handle(copy, ctx.executor())
        .whenCompleteAsync(
            (reply, error) -> {
              AdminReply out =
                  error == null
                      ? reply
                      : AdminReply.error(500, "internal", "the request failed: " + error);
              ClientReplies.write(
                      ctx,
                      ClientReplies.json(ctx, out.status(), out.headers(), out.body()),
                      keepAlive)
                  .addListener(
                      (ChannelFutureListener) f -> ctx.channel().config().setAutoRead(true));
            },
            ctx.executor());
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A probe that hangs up early is routine, not an error worth a stack trace.
    ctx.close();
  }
}
