package dev.gatehouse.server.upstream;

import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;

/**
 * Receives what one upstream exchange produces. All calls arrive on the connection's event loop.
 */
public interface UpstreamListener {
  void onResponseHead(HttpResponse head);

  /** The listener owns {@code content} and must release it. */
  void onContent(HttpContent content);

  /** The connection closed (by either side) or failed. */
  void onConnectionLost(Throwable cause);
}
