package dev.gatehouse.server.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Keeps a cheap, current answer to "is this upstream answering?" for {@code /readyz}: a TCP connect
 * every few seconds in the background, so a readiness probe never waits on the network.
 */
public final class UpstreamProbe implements AutoCloseable {
  private final UpstreamTarget target;
  private final Bootstrap bootstrap;
  private final ScheduledFuture<?> schedule;
  private volatile String problem = "not probed yet";

  public UpstreamProbe(
      EventLoopGroup group,
      Class<? extends Channel> channelType,
      UpstreamTarget target,
      long periodMillis,
      int connectTimeoutMillis) {
    this.target = target;
    this.bootstrap =
        new Bootstrap()
            .group(group)
            .channel(channelType)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {}
                });
    this.schedule =
        group.next().scheduleWithFixedDelay(this::probe, 0, periodMillis, TimeUnit.MILLISECONDS);
  }

  private void probe() {
    bootstrap
        .connect(target.host(), target.port())
        .addListener(
            f -> {
              if (f.isSuccess()) {
                problem = null;
                ((io.netty.channel.ChannelFuture) f).channel().close();
              } else {
                problem =
                    "upstream " + target.hostHeader() + " not answering: " + f.cause().getMessage();
              }
            });
  }

  /** {@code null} when the last probe connected, else why not. */
  public String problem() {
    return problem;
  }

  @Override
  public void close() {
    schedule.cancel(false);
  }
}
