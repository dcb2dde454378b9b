package dev.gatehouse.server.sse;

/** One unit of an SSE stream as the gateway relays it: an event block or a comment line. */
public sealed interface SseItem {

  /**
   * An event block. Any field may be absent ({@code null}); a block with only {@code id} (the MCP
   * "priming" event) or only {@code retry} is still relayed, because clients use both.
   *
   * @param event the {@code event:} type; {@code null} means the default, "message"
   * @param data the {@code data:} lines joined with '\n'; {@code null} when there was no data field
   * @param id the {@code id:} field
   * @param retry the {@code retry:} field, verbatim
   */
  record Event(String event, String data, String id, String retry) implements SseItem {
    /** True for events that carry a JSON-RPC message (MCP sends them as the default type). */
    public boolean isMessage() {
      return data != null && !data.isEmpty() && (event == null || event.equals("message"));
    }

    public Event withData(String newData) {
      return new Event(event, newData, id, retry);
    }
  }

  /** A comment line ({@code : text}), e.g. a keep-alive. */
  record Comment(String text) implements SseItem {}
}
