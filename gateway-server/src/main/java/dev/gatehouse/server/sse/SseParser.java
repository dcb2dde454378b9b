package dev.gatehouse.server.sse;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Incremental SSE parser (WHATWG "event stream interpretation"): feed it chunks as they arrive, in
 * any split, and it returns each item as soon as it is complete. Lines may end in LF, CRLF or CR,
 * even when the CR and LF arrive in different chunks. The caller keeps ownership of the chunks. One
 * parser per stream; not thread-safe.
 */
public final class SseParser {
  private final int maxEventBytes;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private boolean lastWasCr;
  private int eventBytes;

  private String event;
  private StringBuilder data;
  private String id;
  private String retry;
  private boolean any;

  /**
   * @param maxEventBytes the largest event accepted; a larger one is a protocol error, so a
   *     misbehaving upstream cannot make the gateway buffer without bound
   */
  public SseParser(int maxEventBytes) {
    this.maxEventBytes = maxEventBytes;
  }

  /** Parses {@code chunk} (its readable bytes; the reader index is left unchanged). */
  public List<SseItem> feed(ByteBuf chunk) {
    List<SseItem> out = new ArrayList<>(2);
    int end = chunk.writerIndex();
    for (int i = chunk.readerIndex(); i < end; i++) {
      byte b = chunk.getByte(i);
      if (b == '\n') {
        if (lastWasCr) {
          lastWasCr = false; // second half of CRLF: the line already ended at CR
          continue;
        }
        endLine(out);
      } else if (b == '\r') {
        lastWasCr = true;
        endLine(out);
      } else {
        lastWasCr = false;
        if (++eventBytes > maxEventBytes) {
          throw new SseTooLargeException(maxEventBytes);
        }
        line.write(b);
      }
    }
    return out;
  }

  private void endLine(List<SseItem> out) {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.isEmpty()) {
      if (any) {
        out.add(new SseItem.Event(event, data == null ? null : data.toString(), id, retry));
      }
      event = null;
      data = null;
      id = null;
      retry = null;
      any = false;
      eventBytes = 0;
      return;
    }
    if (text.charAt(0) == ':') {
      out.add(new SseItem.Comment(text.substring(1)));
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "event" -> event = value;
      case "data" -> {
        if (data == null) {
          data = new StringBuilder(value.length());
        } else {
          data.append('\n');
        }
        data.append(value);
      }
      case "id" -> id = value;
      case "retry" -> retry = value;
      default -> {
        return; // unknown fields are ignored, as the SSE spec says
      }
    }
    any = true;
  }

  /** Thrown when one event exceeds the configured size. */
  public static final class SseTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SseTooLargeException(int limit) {
      super("SSE event larger than " + limit + " bytes");
    }
  }
}
