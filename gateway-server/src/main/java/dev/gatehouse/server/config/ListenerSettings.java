package dev.gatehouse.server.config;

/**
 * @param mcp the MCP listener (clients)
 * @param admin the admin listener (health, readiness, metrics, admin API)
 */
public record ListenerSettings(Endpoint mcp, Endpoint admin) {

  /** A bind address; port 0 picks a free port (tests). */
  public record Endpoint(String host, int port) {
    public boolean isLoopback() {
      return host.equals("127.0.0.1")
          || host.equals("localhost")
          || host.equals("::1")
          || host.equals("[::1]")
          || host.startsWith("127.");
    }
  }
}
