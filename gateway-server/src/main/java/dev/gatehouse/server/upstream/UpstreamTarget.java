package dev.gatehouse.server.upstream;

import java.net.URI;
import java.util.Locale;

/** Where a pooled connection goes: scheme, host and port of an upstream URL. */
public record UpstreamTarget(String host, int port, boolean tls) {

  public static UpstreamTarget of(URI uri) {
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = scheme.equals("https");
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    return new UpstreamTarget(uri.getHost(), port, tls);
  }

  /** The {@code Host} header value for requests to this target. */
  public String hostHeader() {
    boolean defaultPort = tls ? port == 443 : port == 80;
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return defaultPort ? h : h + ":" + port;
  }
}
