package dev.gatehouse.server.testing;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Collects the leak reports Netty's {@code ResourceLeakDetector} logs ("LEAK: ByteBuf.release() was
 * not called …") so that {@link NettyLeakExtension} can fail the test during which they appeared.
 * Registered in logback-test.xml.
 */
public final class LeakReportAppender extends AppenderBase<ILoggingEvent> {
  static final String MARKER = "LEAK:";

  private static final ConcurrentLinkedQueue<String> REPORTS = new ConcurrentLinkedQueue<>();

  @Override
  protected void append(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    if (message != null && message.contains(MARKER)) {
      REPORTS.add(event.getLoggerName() + ": " + message);
    }
  }

  /** Removes and returns every report collected so far. */
  static List<String> drain() {
    List<String> out = new ArrayList<>();
    for (String r; (r = REPORTS.poll()) != null; ) {
      out.add(r);
    }
    return out;
  }
}
