package dev.gatehouse.server.upstream;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;

/**
 * One HTTP/1.1 connection to an upstream, owned by a pool. It reads as data arrives (auto-read on),
 * and the current {@link UpstreamListener} pauses it while it cannot take more (backpressure).
 * Reading is not requested per response: with an edge-triggered epoll each request for a read and
 * each stop would be an {@code epoll_ctl} call, two system calls per exchange for nothing.
 */
public final class UpstreamConnection extends ChannelInboundHandlerAdapter {
  private final long createdNanos = System.nanoTime();
  private Channel channel;
  private UpstreamListener listener;
  private long idleSinceNanos;
  private int uses;
  private boolean lost;
  private boolean paused;
  private LazyTimer responseTimer;
  private LazyTimer deadlineTimer;

  /** {@code loop} is the channel's: the pool's loop, on which every call using it runs. */
  void bind(Channel channel, EventExecutor loop) {
    this.channel = channel;
    this.responseTimer = new LazyTimer(loop);
    this.deadlineTimer = new LazyTimer(loop);
  }

  /** Until the response head arrives: the upstream's time to answer. */
  public LazyTimer responseTimer() {
    return responseTimer;
  }

  /** While a buffered reply trickles in: the exchange's whole-request deadline. */
  public LazyTimer deadlineTimer() {
    return deadlineTimer;
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
    responseTimer.clear();
    deadlineTimer.clear();
    // An idle connection reads, so that an upstream closing it is noticed at once.
    resume();
  }

  void markInUse(UpstreamListener newListener) {
    uses++;
    listener = newListener;
  }

  public boolean isUsable() {
    return !lost && channel.isActive();
  }

  /** Stops reading from the upstream until {@link #resume()}: the reader cannot take more now. */
  public void pause() {
    if (!paused) {
      paused = true;
      channel.config().setAutoRead(false);
    }
  }

  /** Reads again after {@link #pause()}. */
  public void resume() {
    if (paused) {
      paused = false;
      channel.config().setAutoRead(true);
    }
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
    responseTimer.stop();
    deadlineTimer.stop();
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
