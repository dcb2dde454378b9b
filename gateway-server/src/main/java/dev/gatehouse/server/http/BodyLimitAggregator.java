package dev.gatehouse.server.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.gatehouse.core.JsonRpcErrors;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a request body up to the configured limit; a larger body gets 413 with a JSON-RPC
 * error (instead of Netty's empty 413) and the connection is closed, since the rest of the
 * oversized body is still on the wire: a lingering close, so that the 413 reaches the client.
 */
public final class BodyLimitAggregator extends HttpObjectAggregator {
  private static final Logger log = LoggerFactory.getLogger(BodyLimitAggregator.class);

  /** How long a lingering close waits for the client to finish sending and close. */
  static final long LINGER_MILLIS = 2_000;

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
    ctx.writeAndFlush(response)
        .addListener((ChannelFutureListener) f -> lingeringClose(f.channel()));
  }

  /**
   * Closes after the 413 without destroying it. Closing a socket whose receive buffer still holds
   * the unread rest of the body makes the kernel send a reset, and a reset can make the client drop
   * the 413 it has not read yet (it then sees "connection reset" instead of the reason). So, as
   * nginx's lingering close does: end our side (FIN after the reply), discard whatever the client
   * still sends, and close when it closes, or after {@link #LINGER_MILLIS} at the latest.
   */
  static void lingeringClose(Channel channel) {
    if (!(channel instanceof DuplexChannel duplex) || !channel.isActive()) {
      channel.close();
      return;
    }
    channel.pipeline().addFirst("discard-after-413", new DiscardInbound());
    ScheduledFuture<?> deadline =
        channel.eventLoop().schedule(() -> channel.close(), LINGER_MILLIS, TimeUnit.MILLISECONDS);
    channel.closeFuture().addListener(f -> deadline.cancel(false));
    duplex.shutdownOutput();
    channel.config().setAutoRead(true);
  }

  /** Drops everything read after the 413: the rest of the oversized body. */
  private static final class DiscardInbound extends ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }
}
