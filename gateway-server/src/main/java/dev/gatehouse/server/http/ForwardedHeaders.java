package dev.gatehouse.server.http;

import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.util.AsciiString;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Which headers cross the gateway. Requests: an allow-list, so nothing the client sends (its token,
 * cookies, anything new) reaches the upstream unless MCP needs it. Responses: everything but
 * hop-by-hop headers and the few the gateway sets itself.
 */
public final class ForwardedHeaders {
  /** Request headers the upstream needs to speak MCP; everything else is dropped. */
  private static final Set<String> REQUEST_ALLOWED =
      Set.of(
          "accept",
          "content-type",
          "mcp-session-id",
          "mcp-protocol-version",
          "last-event-id",
          "mcp-method",
          "mcp-name",
          "user-agent");

  private static final AsciiString[] REQUEST_ALLOWED_NAMES =
      REQUEST_ALLOWED.stream().map(AsciiString::cached).toArray(AsciiString[]::new);

  /** RFC 9110 §7.6.1 hop-by-hop headers, plus the ones the gateway computes itself. */
  private static final Set<String> RESPONSE_DROPPED =
      Set.of(
          "connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "proxy-connection",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade",
          "content-length",
          "access-control-allow-origin",
          "access-control-allow-credentials",
          "access-control-expose-headers",
          "set-cookie");

  private static final AsciiString[] RESPONSE_DROPPED_NAMES =
      RESPONSE_DROPPED.stream().map(AsciiString::cached).toArray(AsciiString[]::new);

  /**
   * Header names that are copied here were already checked by the HTTP decoder that read them, and
   * the gateway's own are constants: checking every name again per message is pure cost. Values are
   * still checked (a CR or LF in one would split the message).
   */
  private static final HttpHeadersFactory PREVALIDATED_NAMES =
      DefaultHttpHeadersFactory.headersFactory().withNameValidation(false);

  private ForwardedHeaders() {}

  /** Headers for a message the gateway sends on (request upstream, reply to the client). */
  public static HttpHeaders newHeaders() {
    return PREVALIDATED_NAMES.newHeaders();
  }

  /** Copies the MCP request headers from {@code client} to {@code upstream}. */
  public static void copyRequest(HttpHeaders client, HttpHeaders upstream) {
    // One pass over what the client sent, names compared as the decoder left them (no String
    // copies, no lower-casing): cheaper than one lookup per allowed name.
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = client.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      CharSequence name = header.getKey();
      if (requestAllowed(name)) {
        upstream.add(name, header.getValue());
      }
    }
    // Headers named in Connection are hop-by-hop too (RFC 9110 §7.6.1).
    String connection = client.get(HttpHeaderNames.CONNECTION);
    if (connection != null) {
      for (String named : connection.split(",")) {
        String n = named.trim();
        if (!n.regionMatches(true, 0, "mcp-", 0, 4)) {
          upstream.remove(n);
        }
      }
    }
  }

  static boolean requestAllowed(CharSequence name) {
    for (AsciiString allowed : REQUEST_ALLOWED_NAMES) {
      if (allowed.length() == name.length() && allowed.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return AsciiString.regionMatches(name, true, 0, "mcp-param-", 0, 10);
  }

  /** Copies the end-to-end response headers from {@code upstream} to {@code client}. */
  public static void copyResponse(HttpHeaders upstream, HttpHeaders client) {
    String connection = upstream.get(HttpHeaderNames.CONNECTION);
    String[] namedInConnection = connection == null ? NONE : connection.split(",");
    for (int i = 0; i < namedInConnection.length; i++) {
      namedInConnection[i] = namedInConnection[i].trim(); // once, not per header compared
    }
    // Names compared as the decoder left them, case-insensitively: no String copy or lower-cased
    // copy per header.
    for (Iterator<Map.Entry<CharSequence, CharSequence>> it = upstream.iteratorCharSequence();
        it.hasNext(); ) {
      Map.Entry<CharSequence, CharSequence> header = it.next();
      CharSequence name = header.getKey();
      if (!responseDropped(name) && !named(namedInConnection, name)) {
        client.add(name, header.getValue());
      }
    }
  }

  private static final String[] NONE = {};

  private static boolean responseDropped(CharSequence name) {
    for (AsciiString dropped : RESPONSE_DROPPED_NAMES) {
      if (dropped.length() == name.length() && dropped.contentEqualsIgnoreCase(name)) {
        return true;
      }
    }
    return false;
  }

  private static boolean named(String[] tokens, CharSequence name) {
    for (String token : tokens) {
      if (AsciiString.contentEqualsIgnoreCase(token, name)) {
        return true;
      }
    }
    return false;
  }
}
