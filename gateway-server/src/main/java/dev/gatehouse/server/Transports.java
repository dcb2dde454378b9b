package dev.gatehouse.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;

/** Native epoll on Linux when available (fewer syscalls, less garbage), NIO elsewhere. */
record Transports(
    EventLoopGroup group,
    Class<? extends ServerSocketChannel> serverChannel,
    Class<? extends SocketChannel> clientChannel,
    String name) {

  static Transports create(int threads) {
    if (Epoll.isAvailable() && !Boolean.getBoolean("gatehouse.nio")) {
      return new Transports(
          new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory()),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class,
          "epoll");
    }
    return new Transports(
        new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory()),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        "nio");
  }
}
