package dev.gatehouse.server.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gatehouse.server.http.ClientReplies;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;

/**
 * The admin listener: {@code /healthz} (the process is alive and serving) and {@code /readyz} (the
 * configuration is loaded and every dependency answers; 503 with the failing checks otherwise).
 */
@ChannelHandler.Sharable
public final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private final ReadinessChecks readiness;

  public AdminHandler(ReadinessChecks readiness) {
    this.readiness = readiness;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    String path = new QueryStringDecoder(request.uri()).path();
    boolean keepAlive = HttpUtil.isKeepAlive(request);
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

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // A probe that hangs up early is routine, not an error worth a stack trace.
    ctx.close();
  }
}
