package dev.gatehouse.server.upstream;

/** Too many requests are already waiting for a connection to one upstream. */
public final class PoolExhaustedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PoolExhaustedException(UpstreamTarget target, int limit) {
    super(
        "upstream "
            + target.hostHeader()
            + " is saturated: "
            + limit
            + " requests already wait for a connection");
  }
}
