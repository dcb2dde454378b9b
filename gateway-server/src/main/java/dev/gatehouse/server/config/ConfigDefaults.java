package dev.gatehouse.server.config;

import java.time.Duration;
import java.util.List;

/**
 * Every default of the sections {@link ConfigLoader} owns, in one place so that the loader, the
 * demo configuration, the tests and docs/configuration.md cannot drift apart.
 */
public final class ConfigDefaults {
  public static final String MCP_HOST = "127.0.0.1";
  public static final int MCP_PORT = 8080;
  public static final String ADMIN_HOST = "127.0.0.1";
  public static final int ADMIN_PORT = 8081;

  public static final int MAX_BODY_BYTES = 4 << 20;
  public static final int MAX_HEADER_BYTES = 16 << 10;

  /** Host values accepted on a loopback listener; an entry without a port matches any port. */
  public static final List<String> LOOPBACK_HOSTS = List.of("localhost", "127.0.0.1", "[::1]");

  /** Origins accepted on a loopback listener; an entry without a port matches any port. */
  public static final List<String> LOOPBACK_ORIGINS =
      List.of(
          "http://localhost",
          "https://localhost",
          "http://127.0.0.1",
          "https://127.0.0.1",
          "http://[::1]",
          "https://[::1]");

  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  public static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(120);
  public static final Duration SSE_IDLE_TIMEOUT = Duration.ofSeconds(15);

  public static final int POOL_MAX_CONNECTIONS = 64;
  public static final int POOL_MAX_PENDING_ACQUIRES = 1024;
  public static final Duration POOL_IDLE_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration POOL_MAX_LIFETIME = Duration.ofMinutes(5);

  public static final String CREDENTIAL_HEADER = "Authorization";

  private ConfigDefaults() {}

  public static TimeoutSettings timeouts() {
    return new TimeoutSettings(
        CONNECT_TIMEOUT, RESPONSE_TIMEOUT, REQUEST_TIMEOUT, SSE_IDLE_TIMEOUT);
  }

  public static PoolSettings pool() {
    return new PoolSettings(
        POOL_MAX_CONNECTIONS, POOL_MAX_PENDING_ACQUIRES, POOL_IDLE_TIMEOUT, POOL_MAX_LIFETIME);
  }

  /** The HTTP hygiene defaults for a listener bound to {@code mcp}. */
  public static HttpSettings http(ListenerSettings.Endpoint mcp) {
    boolean loopback = mcp.isLoopback();
    return new HttpSettings(
        MAX_BODY_BYTES,
        MAX_HEADER_BYTES,
        loopback ? LOOPBACK_HOSTS : List.of(),
        loopback ? LOOPBACK_ORIGINS : List.of());
  }

  /** {@code http://host:port} for a listener, with IPv6 literals in brackets. */
  public static String publicUrl(ListenerSettings.Endpoint mcp) {
    String host = mcp.host();
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + mcp.port();
  }
}
