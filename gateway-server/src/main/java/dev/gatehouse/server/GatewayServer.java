package dev.gatehouse.server;

import dev.gatehouse.core.FilterChain;
import dev.gatehouse.core.RequestSlot;
import dev.gatehouse.server.admin.AdminApi;
import dev.gatehouse.server.admin.AdminHandler;
import dev.gatehouse.server.admin.AdminServerInitializer;
import dev.gatehouse.server.admin.MaskingAdmin;
import dev.gatehouse.server.admin.ReadinessChecks;
import dev.gatehouse.server.config.ConnectionSettings;
import dev.gatehouse.server.config.GatehouseConfig;
import dev.gatehouse.server.features.AuditFeature;
import dev.gatehouse.server.features.IdentityFeature;
import dev.gatehouse.server.features.MaskingFeature;
import dev.gatehouse.server.http.HostOriginFilter;
import dev.gatehouse.server.http.McpServerInitializer;
import dev.gatehouse.server.http.ProtocolCheckFilter;
import dev.gatehouse.server.upstream.UpstreamPool;
import dev.gatehouse.server.upstream.UpstreamProbe;
import dev.gatehouse.server.upstream.UpstreamTarget;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: the MCP listener and the admin listener. {@link #start} binds both and returns
 * once they accept connections; {@link #close} stops accepting, closes pooled upstream connections
 * and shuts the event loops down.
 */
public final class GatewayServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(GatewayServer.class);

  private final AtomicReference<GatewayRuntime> runtime = new AtomicReference<>();
  private final Transports transports;
  private final Map<EventLoop, UpstreamPool> pools = new ConcurrentHashMap<>();
  private final List<UpstreamProbe> probes = new ArrayList<>();
  private final ReadinessChecks readiness = new ReadinessChecks();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private final AuditFeature audit;
  private final AdminApi adminApi;
  private Channel mcpChannel;
  private Channel adminChannel;

  private GatewayServer(
      GatehouseConfig config,
      FilterChain.Builder chain,
      IdentityFeature identity,
      AuditFeature audit,
      AdminApi adminApi,
      String transport) {
    this.audit = audit;
    this.adminApi = adminApi;
    audit.register(chain, readiness);
    this.transports =
        Transports.create(
            Integer.getInteger(
                "gatehouse.eventLoops", Math.max(1, Runtime.getRuntime().availableProcessors())),
            transport);
    FilterChain resolved = chain.build();
    runtime.set(new GatewayRuntime(config, resolved, identity, this::poolFor, 16 << 20, 8 << 20));
  }

  /** Binds the listeners described by {@code config}, with the built-in filters only. */
  public static GatewayServer start(GatehouseConfig config) {
    return start(config, FilterChain.builder());
  }

  /**
   * Binds the listeners, with {@code features} (identity, masking, audit…) registered in their
   * slots on top of the built-in hygiene and parse filters.
   */
  public static GatewayServer start(GatehouseConfig config, FilterChain.Builder features) {
    // A bad transport name is refused before any feature opens a file or a connection.
    String transport = Transports.requested();
    IdentityFeature identity = IdentityFeature.from(config);
    identity.register(features);
    MaskingFeature masking = MaskingFeature.from(config);
    masking.register(features);
    AuditFeature audit = AuditFeature.open(config);
    // After the audit log opens: starting with saved admin changes is itself a recorded change.
    AdminApi adminApi;
    try {
      adminApi =
          new AdminApi(
              identity, MaskingAdmin.start(masking, audit.auditLog(), config.sourceHash()));
    } catch (RuntimeException e) {
      audit.close();
      throw e;
    }
    features
        .request(
            RequestSlot.HYGIENE,
            "host-origin",
            new HostOriginFilter(config.http().allowedHosts(), config.http().allowedOrigins()))
        .request(RequestSlot.PARSE, "jsonrpc", new ProtocolCheckFilter());
    GatewayServer server =
        new GatewayServer(config, features, identity, audit, adminApi, transport);
    try {
      server.bind();
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void bind() {
    GatehouseConfig config = runtime.get().config();
    log.info("filter chain: {}", runtime.get().chain().describe());
    for (String fallback : transports.fallbacks()) {
      log.warn("transport: {}; using {}", fallback, transports.name());
    }
    for (ConnectionSettings connection : config.connections().values()) {
      UpstreamProbe probe =
          new UpstreamProbe(
              transports.group(),
              transports.clientChannel(),
              UpstreamTarget.of(connection.upstream()),
              5_000,
              (int) config.timeouts().connect().toMillis());
      probes.add(probe);
      readiness.add("upstream:" + connection.name(), probe::problem);
    }
    readiness.add("config", () -> runtime.get() == null ? "no configuration loaded" : null);
    var mcp = config.listeners().mcp();
    mcpChannel =
        new ServerBootstrap()
            .group(transports.group())
            .channel(transports.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(new McpServerInitializer(runtime::get))
            .bind(mcp.host(), mcp.port())
            .syncUninterruptibly()
            .channel();
    runtime.get().identity().listenerBound(mcpPort());
    var admin = config.listeners().admin();
    adminChannel =
        new ServerBootstrap()
            .group(transports.group())
            .channel(transports.serverChannel())
            .childHandler(new AdminServerInitializer(new AdminHandler(readiness, adminApi)))
            .bind(admin.host(), admin.port())
            .syncUninterruptibly()
            .channel();
    log.info(
        "gatehouse listening: mcp={}:{} admin={}:{} transport={} connections={}",
        mcp.host(),
        mcpPort(),
        admin.host(),
        adminPort(),
        transports.name(),
        config.connections().keySet());
  }

  private UpstreamPool poolFor(EventLoop loop) {
    return pools.computeIfAbsent(
        loop,
        l ->
            new UpstreamPool(
                l,
                transports.clientChannel(),
                runtime.get().config().pool(),
                runtime.get().config().timeouts()));
  }

  public GatehouseConfig config() {
    return runtime.get().config();
  }

  /** Readiness checks other features (audit, IdPs) add themselves to. */
  public ReadinessChecks readiness() {
    return readiness;
  }

  /** The socket transport in use: {@code io_uring}, {@code epoll} or {@code nio}. */
  public String transport() {
    return transports.name();
  }

  /** The bound MCP port (useful with port 0). */
  public int mcpPort() {
    return ((InetSocketAddress) mcpChannel.localAddress()).getPort();
  }

  /** The bound admin port (useful with port 0). */
  public int adminPort() {
    return ((InetSocketAddress) adminChannel.localAddress()).getPort();
  }

  /** Blocks until {@link #close} is called from another thread or a shutdown hook. */
  public void awaitShutdown() throws InterruptedException {
    stopped.await();
  }

  @Override
  public void close() {
    if (stopped.getCount() == 0) {
      return;
    }
    if (mcpChannel != null) {
      mcpChannel.close().syncUninterruptibly();
    }
    if (adminChannel != null) {
      adminChannel.close().syncUninterruptibly();
    }
    probes.forEach(UpstreamProbe::close);
    pools.forEach((loop, pool) -> loop.execute(pool::close));
    transports.group().shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    adminApi.close(); // a change in progress finishes (and is audited) before the log closes
    audit.close(); // after the loops stop: every relayed reply has had its record written
    stopped.countDown();
    log.info("gatehouse stopped");
  }
}
