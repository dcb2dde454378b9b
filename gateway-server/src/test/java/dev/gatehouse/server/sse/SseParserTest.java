package dev.gatehouse.server.sse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {
  private static final String STREAM =
      "id: 1\r\nevent: message\r\ndata: {\"a\":1}\r\n\r\n"
          + ": keep-alive\n\n"
          + "data: {\"b\":\n"
          + "data: 2}\n\n"
          + "id: prime\ndata:\n\n"
          + "retry: 500\r\r";

  private static List<SseItem> feedInChunksOf(int size) {
    SseParser parser = new SseParser(1 << 20);
    byte[] bytes = STREAM.getBytes(StandardCharsets.UTF_8);
    List<SseItem> items = new ArrayList<>();
    for (int i = 0; i < bytes.length; i += size) {
      ByteBuf chunk = Unpooled.wrappedBuffer(bytes, i, Math.min(size, bytes.length - i));
      try {
        items.addAll(parser.feed(chunk));
      } finally {
        chunk.release();
      }
    }
    return items;
  }

  @Test
  void parsesEveryItemWhateverTheChunking() {
    List<SseItem> expected =
        List.of(
            new SseItem.Event("message", "{\"a\":1}", "1", null),
            new SseItem.Comment(" keep-alive"),
            new SseItem.Event(null, "{\"b\":\n2}", null, null),
            new SseItem.Event(null, "", "prime", null),
            new SseItem.Event(null, null, null, "500"));
    for (int size = 1; size <= STREAM.length(); size++) {
      assertThat(feedInChunksOf(size)).as("chunk size %d", size).isEqualTo(expected);
    }
  }

  @Test
  void manyEventsInOneChunkComeOutTogether() {
    SseParser parser = new SseParser(1024);
    ByteBuf chunk =
        Unpooled.copiedBuffer("data: 1\n\ndata: 2\n\ndata: 3\n\n", StandardCharsets.UTF_8);
    try {
      assertThat(parser.feed(chunk))
          .extracting(i -> ((SseItem.Event) i).data())
          .containsExactly("1", "2", "3");
    } finally {
      chunk.release();
    }
  }

  @Test
  void anOversizedEventIsRefused() {
    SseParser parser = new SseParser(16);
    ByteBuf chunk =
        Unpooled.copiedBuffer("data: " + "x".repeat(64) + "\n\n", StandardCharsets.UTF_8);
    try {
      assertThatThrownBy(() -> parser.feed(chunk))
          .isInstanceOf(SseParser.SseTooLargeException.class);
    } finally {
      chunk.release();
    }
  }

  @Test
  void encoderRoundTripsMultiLineData() {
    SseItem.Event event = new SseItem.Event(null, "line1\nline2", "7", null);
    ByteBuf encoded = SseEncoder.encode(io.netty.buffer.ByteBufAllocator.DEFAULT, event);
    try {
      assertThat(new SseParser(1024).feed(encoded)).containsExactly(event);
    } finally {
      encoded.release();
    }
  }
}
