package dev.gatehouse.server.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class NettyLeakExtensionTest {

  @Test
  void leakReportFailsWithTheReportInTheMessage() {
    LeakReportAppender appender = new LeakReportAppender();
    appender.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
    appender.start();
    // Appended directly, not logged: a logged report would reach the console, and scripts/test.sh
    // rightly fails the whole run on any leak line there.
    appender.doAppend(event("LEAK: ByteBuf.release() was not called (synthetic report)"));
    appender.doAppend(event("an ordinary error"));

    assertThatThrownBy(() -> NettyLeakExtension.failIfLeaked("test x"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("1 buffer leak(s) during test x")
        .hasMessageContaining("synthetic report")
        .hasMessageNotContaining("ordinary");
    assertThat(LeakReportAppender.drain()).isEmpty();
  }

  @Test
  void noReportPasses() {
    NettyLeakExtension.failIfLeaked("test y");
    assertThat(LeakReportAppender.drain()).isEmpty();
  }

  @Test
  void leakAppenderIsWiredIntoLogback() {
    // The appender is wired in logback-test.xml; without it no leak would ever be seen.
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getAppender("LEAKS"))
        .isInstanceOf(LeakReportAppender.class);
  }

  private static LoggingEvent event(String message) {
    LoggingEvent e = new LoggingEvent();
    e.setLoggerName("io.netty.util.ResourceLeakDetector");
    e.setLevel(Level.ERROR);
    e.setMessage(message);
    return e;
  }
}
