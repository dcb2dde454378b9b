package dev.gatehouse.policy.testing;

import dev.gatehouse.core.JsonRpcParser;
import dev.gatehouse.core.McpExchange;
import dev.gatehouse.core.RequestHeaders;
import java.nio.charset.StandardCharsets;

/** Builds exchanges for filter tests; the executor runs tasks inline (the "event loop"). */
public final class Exchanges {
  private Exchanges() {}

  public static McpExchange post(String connection, String path, String body, String... headers) {
    RequestHeaders h = new RequestHeaders();
    for (int i = 0; i < headers.length; i += 2) {
      h.add(headers[i], headers[i + 1]);
    }
    McpExchange exchange =
        McpExchange.builder()
            .exchangeId("x1")
            .connection(connection)
            .httpMethod(body == null ? "GET" : "POST")
            .path(path)
            .headers(h)
            .executor(Runnable::run)
            .build();
    if (body != null) {
      exchange.body(JsonRpcParser.parse(body.getBytes(StandardCharsets.UTF_8)));
    }
    return exchange;
  }
}
