package dev.gatehouse.server.testing;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails any test during which Netty reported a buffer leak. Registered for every test of this
 * module through META-INF/services and {@code junit.jupiter.extensions.autodetection.enabled} (see
 * junit-platform.properties); the surefire JVM runs with {@code
 * -Dio.netty.leakDetection.level=paranoid}, so every buffer is tracked.
 *
 * <p>Netty notices a leak only after the garbage collector has collected the unreleased buffer, and
 * reports it on a later allocation. So: after each test, reports already logged fail that test;
 * after each class, a collection is forced and a few buffers allocated to flush pending reports,
 * which then fail the class. A leak the collector finds later still shows up as a LEAK: line, on
 * which scripts/test.sh fails the whole run.
 */
public final class NettyLeakExtension implements AfterEachCallback, AfterAllCallback {

  @Override
  public void afterEach(ExtensionContext context) {
    failIfLeaked("test " + context.getDisplayName());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    flushPendingReports();
    failIfLeaked("test class " + context.getDisplayName());
  }

  /** Throws if any leak report was collected, with every report in the message. */
  static void failIfLeaked(String where) {
    List<String> reports = LeakReportAppender.drain();
    if (!reports.isEmpty()) {
      throw new AssertionError(
          "Netty reported "
              + reports.size()
              + " buffer leak(s) during "
              + where
              + ":\n"
              + String.join("\n", reports));
    }
  }

  /**
   * Gives the leak detector a chance to report: collect garbage, then allocate, because the
   * detector drains its reference queue on allocation. Costs about 0.1-0.5 s per test class.
   */
  private static void flushPendingReports() {
    for (int round = 0; round < 2; round++) {
      System.gc();
      for (int i = 0; i < 16; i++) {
        release(PooledByteBufAllocator.DEFAULT.directBuffer(1));
        release(UnpooledByteBufAllocator.DEFAULT.heapBuffer(1));
      }
    }
  }

  private static void release(ByteBuf buffer) {
    buffer.release();
  }
}
