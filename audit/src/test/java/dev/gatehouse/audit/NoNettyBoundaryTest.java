package dev.gatehouse.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md: this module never sees Netty or a ByteBuf. The enforcer bans the dependency at build
 * time; this test proves it from the inside, on the test classpath and in the sources.
 */
class NoNettyBoundaryTest {
  @Test
  void nettyIsNotOnTheClasspath() {
    assertThatThrownBy(() -> Class.forName("io.netty.buffer.ByteBuf"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void noSourceFileImportsNetty() throws IOException {
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src"))) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> read(p).contains("io.netty"))
              .filter(p -> !p.getFileName().toString().equals("NoNettyBoundaryTest.java"))
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
