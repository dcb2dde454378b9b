package dev.gatehouse.server;

import dev.gatehouse.server.config.GatehouseConfig;

/**
 * A running gateway: the MCP listener and the admin listener. {@link #start} binds both and returns
 * once they accept connections; {@link #close} stops accepting, drains and releases everything.
 */
public final class GatewayServer implements AutoCloseable {
  private final GatehouseConfig config;

  private GatewayServer(GatehouseConfig config) {
    this.config = config;
  }

  /** Binds the listeners described by {@code config}. */
  public static GatewayServer start(GatehouseConfig config) {
    return new GatewayServer(config);
  }

  public GatehouseConfig config() {
    return config;
  }

  /** The bound MCP port (useful with port 0). */
  public int mcpPort() {
    return config.listeners().mcp().port();
  }

  /** The bound admin port (useful with port 0). */
  public int adminPort() {
    return config.listeners().admin().port();
  }

  /** Blocks until {@link #close} is called from another thread or a shutdown hook. */
  public void awaitShutdown() throws InterruptedException {
    synchronized (this) {
      wait();
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      notifyAll();
    }
  }
}
