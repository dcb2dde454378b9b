package dev.gatehouse.server;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The socket transport, chosen once at start ({@code -Dgatehouse.transport}):
 *
 * <ul>
 *   <li>{@code auto} (the default): io_uring where the kernel offers it, else epoll, else NIO;
 *   <li>{@code io_uring}, {@code epoll} or {@code nio}: that one, falling back as {@code auto} does
 *       when it is not available, with the reason kept in {@link #fallbacks()} for the log.
 * </ul>
 *
 * <p>Why io_uring first: the gateway's own work per exchange is small, so the four socket system
 * calls of a proxied exchange are a large share of its CPU, and a far larger one on virtual
 * machines, where each costs a microsecond or more. io_uring hands a loop's reads and writes to the
 * kernel in batches, one {@code io_uring_enter} for many. On the benchmark machine that took 9-19 %
 * off the CPU per request (bench/README.md, seventh session). {@code -Dgatehouse.nio=true}, from
 * before this choice existed, still means NIO.
 */
record Transports(
    EventLoopGroup group,
    Class<? extends ServerSocketChannel> serverChannel,
    Class<? extends SocketChannel> clientChannel,
    String name,
    List<String> fallbacks) {

  static final String AUTO = "auto";
  static final String IO_URING = "io_uring";
  static final String EPOLL = "epoll";
  static final String NIO = "nio";

  /** The transport the system properties ask for. */
  static String requested() {
    if (Boolean.getBoolean("gatehouse.nio")) {
      return NIO;
    }
    return parse(System.getProperty("gatehouse.transport", AUTO));
  }

  static String parse(String value) {
    String name = value.trim().toLowerCase(Locale.ROOT);
    return switch (name) {
      case AUTO, IO_URING, EPOLL, NIO -> name;
      case "iouring", "io-uring" -> IO_URING;
      default ->
          throw new StartupOptionException(
              "-Dgatehouse.transport must be auto, io_uring, epoll or nio, not '" + value + "'");
    };
  }

  static Transports create(int threads, String requested) {
    List<String> fallbacks = new ArrayList<>();
    if (requested.equals(AUTO) || requested.equals(IO_URING)) {
      if (IoUring.isAvailable()) {
        return of(
            threads,
            IoUringIoHandler.newFactory(),
            IoUringServerSocketChannel.class,
            IoUringSocketChannel.class,
            IO_URING,
            fallbacks);
      }
      fallbacks.add("io_uring is not available (" + IoUring.unavailabilityCause() + ")");
    }
    if (!requested.equals(NIO)) {
      if (Epoll.isAvailable()) {
        return of(
            threads,
            EpollIoHandler.newFactory(),
            EpollServerSocketChannel.class,
            EpollSocketChannel.class,
            EPOLL,
            fallbacks);
      }
      fallbacks.add("epoll is not available (" + Epoll.unavailabilityCause() + ")");
    }
    return of(
        threads,
        NioIoHandler.newFactory(),
        NioServerSocketChannel.class,
        NioSocketChannel.class,
        NIO,
        fallbacks);
  }

  private static Transports of(
      int threads,
      IoHandlerFactory handlers,
      Class<? extends ServerSocketChannel> server,
      Class<? extends SocketChannel> client,
      String name,
      List<String> fallbacks) {
    return new Transports(
        new MultiThreadIoEventLoopGroup(threads, handlers),
        server,
        client,
        name,
        List.copyOf(fallbacks));
  }
}
