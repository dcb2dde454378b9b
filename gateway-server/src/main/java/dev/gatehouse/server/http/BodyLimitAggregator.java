package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.JsonRpcErrors;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a request body up to the configured limit; a larger body gets 413 with a JSON-RPC
 * error (instead of Netty's empty 413) and the connection is closed, since the rest of the
 * oversized body is still on the wire.
 */
public final class BodyLimitAggregator extends HttpObjectAggregator {
  private static final Logger log = LoggerFactory.getLogger(BodyLimitAggregator.class);
  private final int maxBodyBytes;

  public BodyLimitAggregator(int maxBodyBytes) {
    super(maxBodyBytes);
    this.maxBodyBytes = maxBodyBytes;
  }

  @Override
  protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized)
      throws Exception {
    if (!(oversized instanceof HttpRequest request)) {
      super.handleOversizedMessage(ctx, oversized);
      return;
    }
    log.info(
        "413 from {}: {} body over {} bytes",
        ctx.channel().remoteAddress(),
        request.uri(),
        maxBodyBytes);
    FullHttpResponse response =
        ClientReplies.json(
            ctx,
            413,
            Map.of("connection", "close"),
            JsonRpcErrors.error(
                JsonNodeFactory.instance.nullNode(),
                JsonRpcErrors.INVALID_REQUEST,
                "Request body exceeds the limit of " + maxBodyBytes + " bytes"));
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }
}
