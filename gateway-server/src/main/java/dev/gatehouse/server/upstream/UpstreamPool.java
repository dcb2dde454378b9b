package dev.gatehouse.server.upstream;

import dev.gatehouse.server.config.PoolSettings;
import dev.gatehouse.server.config.TimeoutSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * Upstream connections for one event loop (like Netty's proxy example, the upstream channel lives
 * on the client's loop, so no locks and no thread hops). Per target: at most {@code maxConnections}
 * open, at most {@code maxPendingAcquires} waiting, idle connections closed after {@code
 * idleTimeout} (keep it below the upstream's keep-alive, or a request races the upstream's close)
 * and connections older than {@code maxLifetime} retired when they come back. Confined to {@link
 * #loop}: every method must be called there.
 */
public final class UpstreamPool {
  private final EventLoop loop;
  private final Bootstrap bootstrap;
  private final PoolSettings settings;
  private final Map<UpstreamTarget, TargetPool> pools = new HashMap<>();
  private final ScheduledFuture<?> sweeper;
  private final SslContext sslContext;

  public UpstreamPool(
      EventLoop loop,
      Class<? extends Channel> channelType,
      PoolSettings settings,
      TimeoutSettings timeouts) {
    this.loop = loop;
    this.settings = settings;
    this.sslContext = clientSsl();
    this.bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(channelType)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeouts.connect().toMillis());
    long sweepMillis = Math.max(250, settings.idleTimeout().toMillis() / 2);
    this.sweeper =
        loop.scheduleWithFixedDelay(this::sweep, sweepMillis, sweepMillis, TimeUnit.MILLISECONDS);
  }

  private static SslContext clientSsl() {
    try {
      return SslContextBuilder.forClient().build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot initialise TLS for upstreams", e);
    }
  }

  /**
   * A connection to {@code target} for {@code listener}: an idle pooled one, a new one, or (when at
   * the limit) the next one released. Fails with {@link PoolExhaustedException} when too many wait.
   */
  public Future<UpstreamConnection> acquire(UpstreamTarget target, UpstreamListener listener) {
    Promise<UpstreamConnection> promise = loop.newPromise();
    TargetPool pool = pools.computeIfAbsent(target, TargetPool::new);
    UpstreamConnection idle = pool.pollIdle();
    if (idle != null) {
      idle.markInUse(listener);
      return promise.setSuccess(idle);
    }
    if (pool.open < settings.maxConnections()) {
      connect(pool, listener, promise);
    } else if (pool.waiters.size() < settings.maxPendingAcquires()) {
      pool.waiters.add(new Waiter(listener, promise));
    } else {
      promise.setFailure(new PoolExhaustedException(target, settings.maxPendingAcquires()));
    }
    return promise;
  }

  /**
   * A dedicated connection outside the pool's idle set, for long-lived streams (a GET stream must
   * not hold a pooled slot for hours). It still counts against {@code maxConnections}.
   */
  public Future<UpstreamConnection> acquireDedicated(
      UpstreamTarget target, UpstreamListener listener) {
    Promise<UpstreamConnection> promise = loop.newPromise();
    TargetPool pool = pools.computeIfAbsent(target, TargetPool::new);
    if (pool.open >= settings.maxConnections() * 16) {
      promise.setFailure(new PoolExhaustedException(target, settings.maxConnections() * 16));
      return promise;
    }
    connect(pool, listener, promise);
    return promise;
  }

  /**
   * Returns {@code connection}; {@code reusable} is false when the exchange did not end cleanly
   * (then the connection is closed, since its state on the wire is unknown).
   */
  public void release(UpstreamTarget target, UpstreamConnection connection, boolean reusable) {
    TargetPool pool = pools.get(target);
    long age = System.nanoTime() - connection.createdNanos();
    boolean keep = reusable && connection.isUsable() && age < settings.maxLifetime().toNanos();
    if (!keep) {
      connection.markIdle();
      connection.channel().close();
      return; // the close listener decrements the count and serves a waiter
    }
    Waiter waiter = pool.waiters.poll();
    if (waiter != null) {
      connection.markInUse(waiter.listener);
      waiter.promise.setSuccess(connection);
      return;
    }
    connection.markIdle();
    pool.idle.push(connection);
  }

  private void connect(
      TargetPool pool, UpstreamListener listener, Promise<UpstreamConnection> promise) {
    UpstreamConnection connection = new UpstreamConnection();
    UpstreamTarget target = pool.target;
    pool.open++;
    ChannelFuture connect =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    if (target.tls()) {
                      ch.pipeline()
                          .addLast(sslContext.newHandler(ch.alloc(), target.host(), target.port()));
                    }
                    ch.pipeline().addLast(new HttpClientCodec()).addLast(connection);
                  }
                })
            .connect(target.host(), target.port());
    Channel channel = connect.channel();
    connection.bind(channel, loop);
    channel
        .closeFuture()
        .addListener(
            f -> {
              pool.open--;
              pool.idle.remove(connection);
              serveWaiter(pool);
            });
    connect.addListener(
        f -> {
          if (f.isSuccess()) {
            connection.markInUse(listener);
            promise.setSuccess(connection);
          } else {
            promise.setFailure(f.cause());
          }
        });
  }

  private void serveWaiter(TargetPool pool) {
    if (pool.waiters.isEmpty() || pool.open >= settings.maxConnections()) {
      return;
    }
    Waiter waiter = pool.waiters.poll();
    connect(pool, waiter.listener, waiter.promise);
  }

  private void sweep() {
    long now = System.nanoTime();
    long idleLimit = settings.idleTimeout().toNanos();
    for (TargetPool pool : pools.values()) {
      for (UpstreamConnection c : pool.idle.toArray(new UpstreamConnection[0])) {
        if (now - c.idleSinceNanos() >= idleLimit || !c.isUsable()) {
          pool.idle.remove(c);
          c.channel().close();
        }
      }
    }
  }

  /** Closes every idle connection and stops the sweeper. */
  public void close() {
    sweeper.cancel(false);
    for (TargetPool pool : pools.values()) {
      for (UpstreamConnection c : pool.idle) {
        c.channel().close();
      }
      pool.idle.clear();
      for (Waiter w : pool.waiters) {
        w.promise.tryFailure(new IllegalStateException("gateway shutting down"));
      }
      pool.waiters.clear();
    }
  }

  private record Waiter(UpstreamListener listener, Promise<UpstreamConnection> promise) {}

  private final class TargetPool {
    final UpstreamTarget target;
    final ArrayDeque<UpstreamConnection> idle = new ArrayDeque<>();
    final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    int open;

    TargetPool(UpstreamTarget target) {
      this.target = target;
    }

    UpstreamConnection pollIdle() {
      long now = System.nanoTime();
      UpstreamConnection c;
      while ((c = idle.poll()) != null) {
        if (c.isUsable() && now - c.idleSinceNanos() < settings.idleTimeout().toNanos()) {
          return c;
        }
        c.channel().close();
      }
      return null;
    }
  }
}
