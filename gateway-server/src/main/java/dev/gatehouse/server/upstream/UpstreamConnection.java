package dev.gatehouse.server.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/1.1 connection to an upstream, owned by a pool. Auto-read is off: the current {@link
 * UpstreamListener} asks for more with {@link #read()} when it can take it (backpressure).
 */
public final class UpstreamConnection extends ChannelInboundHandlerAdapter {
  private final long createdNanos = System.nanoTime();
  private Channel channel;
  private UpstreamListener listener;
  private long idleSinceNanos;
  private int uses;
  private boolean lost;

  void bind(Channel channel) {
    this.channel = channel;
  }

  public Channel channel() {
    return channel;
  }

  /** True when this connection carried an exchange before (a stale keep-alive may have closed). */
  public boolean reused() {
    return uses > 1;
  }

  long createdNanos() {
    return createdNanos;
  }

  long idleSinceNanos() {
    return idleSinceNanos;
  }

  void markIdle() {
    idleSinceNanos = System.nanoTime();
    listener = null;
  }

  void markInUse(UpstreamListener newListener) {
    uses++;
    listener = newListener;
  }

  public boolean isUsable() {
    return !lost && channel.isActive();
  }

  public void read() {
    channel.read();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    UpstreamListener current = listener;
    if (current == null) {
      // Nobody is waiting: a response with no request is a protocol error, drop the connection.
      ReferenceCountUtil.release(msg);
      lost = true;
      ctx.close();
      return;
    }
    if (msg instanceof HttpResponse head) {
      current.onResponseHead(head);
    }
    if (msg instanceof HttpContent content) {
      current.onContent(content);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    lost = true;
    UpstreamListener current = listener;
    listener = null;
    if (current != null) {
      current.onConnectionLost(null);
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    lost = true;
    UpstreamListener current = listener;
    listener = null;
    ctx.close();
    if (current != null) {
      current.onConnectionLost(cause);
    }
  }
}
