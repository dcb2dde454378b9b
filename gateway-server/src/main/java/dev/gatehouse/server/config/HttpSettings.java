package dev.gatehouse.server.config;

import java.util.List;

/**
 * @param maxBodyBytes largest request body accepted; larger gets 413 (default 4 MiB)
 * @param maxHeaderBytes largest request head (default 16 KiB)
 * @param allowedHosts Host header values accepted (host or host:port, case-insensitive); empty
 *     means any. Default for a loopback listener: localhost, 127.0.0.1, [::1] on any port
 * @param allowedOrigins Origin values accepted when an Origin header is present; a request without
 *     Origin is not affected. Default for a loopback listener: http(s)://localhost, 127.0.0.1,
 *     [::1] on any port. The entry {@code "*"} allows any origin
 */
public record HttpSettings(
    int maxBodyBytes, int maxHeaderBytes, List<String> allowedHosts, List<String> allowedOrigins) {
  public HttpSettings {
    allowedHosts = List.copyOf(allowedHosts);
    allowedOrigins = List.copyOf(allowedOrigins);
  }
}
