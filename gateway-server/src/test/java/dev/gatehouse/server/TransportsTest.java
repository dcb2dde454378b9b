package dev.gatehouse.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.Epoll;
import io.netty.channel.uring.IoUring;
import org.junit.jupiter.api.Test;

class TransportsTest {
  @Test
  void namesAreReadLeniently() {
    assertThat(Transports.parse("auto")).isEqualTo(Transports.AUTO);
    assertThat(Transports.parse(" IO_URING ")).isEqualTo(Transports.IO_URING);
    assertThat(Transports.parse("io-uring")).isEqualTo(Transports.IO_URING);
    assertThat(Transports.parse("Epoll")).isEqualTo(Transports.EPOLL);
    assertThat(Transports.parse("nio")).isEqualTo(Transports.NIO);
  }

  @Test
  void anUnknownNameIsAnErrorNamingTheChoices() {
    assertThatThrownBy(() -> Transports.parse("kqueue"))
        .isInstanceOf(StartupOptionException.class)
        .hasMessage("-Dgatehouse.transport must be auto, io_uring, epoll or nio, not 'kqueue'");
  }

  @Test
  void autoPrefersIoUringThenEpollThenNioAndSaysWhy() {
    Transports chosen = Transports.create(1, Transports.AUTO);
    try {
      String expected = IoUring.isAvailable() ? "io_uring" : Epoll.isAvailable() ? "epoll" : "nio";
      assertThat(chosen.name()).isEqualTo(expected);
      // Every transport passed over is explained, so the log says why the gateway runs slower.
      int skipped = expected.equals("io_uring") ? 0 : expected.equals("epoll") ? 1 : 2;
      assertThat(chosen.fallbacks()).hasSize(skipped);
    } finally {
      chosen.group().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void nioIsNeverAFallback() {
    Transports nio = Transports.create(1, Transports.NIO);
    try {
      assertThat(nio.name()).isEqualTo("nio");
      assertThat(nio.fallbacks()).isEmpty();
    } finally {
      nio.group().shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }
  }
}
