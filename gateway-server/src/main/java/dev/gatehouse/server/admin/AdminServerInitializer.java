package dev.gatehouse.server.admin;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;

/** The admin listener's pipeline. Admin bodies are small: 1 MiB is plenty. */
public final class AdminServerInitializer extends ChannelInitializer<SocketChannel> {
  private final AdminHandler handler;

  public AdminServerInitializer(AdminHandler handler) {
    this.handler = handler;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ch.pipeline()
        .addLast(new HttpServerCodec())
        .addLast(new HttpServerKeepAliveHandler())
        .addLast(new HttpObjectAggregator(1 << 20))
        .addLast(handler);
  }
}
