package dev.gatehouse.server.sse;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** Encodes {@link SseItem}s for the wire, one complete item per buffer (so each can be flushed). */
public final class SseEncoder {
  private SseEncoder() {}

  public static ByteBuf encode(ByteBufAllocator alloc, SseItem item) {
    return switch (item) {
      case SseItem.Comment c -> text(alloc, ":" + stripNewlines(c.text()) + "\n\n");
      case SseItem.Event e -> text(alloc, eventText(e));
    };
  }

  static String eventText(SseItem.Event e) {
    StringBuilder sb = new StringBuilder(64 + (e.data() == null ? 0 : e.data().length()));
    if (e.id() != null) {
      sb.append("id: ").append(stripNewlines(e.id())).append('\n');
    }
    if (e.event() != null) {
      sb.append("event: ").append(stripNewlines(e.event())).append('\n');
    }
    if (e.retry() != null) {
      sb.append("retry: ").append(stripNewlines(e.retry())).append('\n');
    }
    if (e.data() != null) {
      // A data value with newlines becomes several data lines; readers join them back with '\n'.
      int start = 0;
      String data = e.data();
      while (true) {
        int nl = data.indexOf('\n', start);
        sb.append("data: ").append(data, start, nl < 0 ? data.length() : nl).append('\n');
        if (nl < 0) {
          break;
        }
        start = nl + 1;
      }
    }
    return sb.append('\n').toString();
  }

  private static String stripNewlines(String s) {
    return s.indexOf('\n') < 0 && s.indexOf('\r') < 0 ? s : s.replace("\r", "").replace("\n", "");
  }

  private static ByteBuf text(ByteBufAllocator alloc, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    return alloc.buffer(bytes.length).writeBytes(bytes);
  }
}
