package dev.gatehouse.server.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.Ticker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LazyTimerTest {
  private final EmbeddedChannel channel = new EmbeddedChannel();
  private final Ticker ticker = channel.eventLoop().ticker();
  private final LazyTimer timer = new LazyTimer(channel.eventLoop(), ticker::nanoTime);
  private final List<String> fired = new ArrayList<>();

  {
    channel.freezeTime(); // only advance() moves the clock
  }

  @AfterEach
  void close() {
    channel.finishAndReleaseAll();
  }

  private long in(long millis) {
    return ticker.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
  }

  private void advance(long millis) {
    channel.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    channel.runScheduledPendingTasks();
  }

  @Test
  void firesAtTheDeadline() {
    timer.set(in(100), () -> fired.add("a"));
    advance(99);
    assertThat(fired).isEmpty();
    advance(1);
    assertThat(fired).containsExactly("a");
    assertThat(timer.isSet()).isFalse();
  }

  @Test
  void aClearedDeadlineNeverFires() {
    timer.set(in(100), () -> fired.add("a"));
    timer.clear();
    advance(500);
    assertThat(fired).isEmpty();
  }

  @Test
  void manyExchangesShareOneScheduledTask() {
    // Set and cleared per exchange, as the proxy does: one task stays pending throughout.
    for (int i = 0; i < 1000; i++) {
      timer.set(in(100), () -> fired.add("late"));
      timer.clear();
    }
    assertThat(timer.schedules()).isEqualTo(1);
    advance(100); // the first deadline passes with nothing set: the task ends, none is added
    assertThat(fired).isEmpty();
    assertThat(timer.hasPendingTask()).isFalse();
    assertThat(timer.schedules()).isEqualTo(1);
  }

  @Test
  void aLaterDeadlineSetMeanwhileIsHonoured() {
    timer.set(in(100), () -> fired.add("first"));
    advance(60);
    timer.set(in(100), () -> fired.add("second")); // due at 160; the pending task is due at 100
    advance(40); // the task fires early: it re-arms for 160 instead of running anything
    assertThat(fired).isEmpty();
    assertThat(timer.schedules()).isEqualTo(2);
    advance(59);
    assertThat(fired).isEmpty();
    advance(1);
    assertThat(fired).containsExactly("second");
  }

  @Test
  void anEarlierDeadlineReplacesThePendingTask() {
    timer.set(in(1000), () -> fired.add("long"));
    timer.set(in(10), () -> fired.add("short"));
    advance(10);
    assertThat(fired).containsExactly("short");
    assertThat(timer.schedules()).isEqualTo(2);
    advance(1000); // the replaced task was cancelled: nothing runs at the first deadline
    assertThat(fired).containsExactly("short");
  }

  @Test
  void stopCancelsThePendingTask() {
    timer.set(in(100), () -> fired.add("a"));
    timer.stop();
    assertThat(timer.hasPendingTask()).isFalse();
    advance(200);
    assertThat(fired).isEmpty();
  }
}
