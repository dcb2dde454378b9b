package dev.gatehouse.server.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.cli.GatehouseCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The development token issuer belongs to {@code gatehouse demo} alone: no file can switch the demo
 * profile on, and nothing outside the demo package (and the demo command) can start it.
 */
class DemoProfileIsolationTest {
  private static final Path MAIN_SOURCES = Path.of("src/main/java");

  private static int run(StringWriter err, String... args) {
    return GatehouseCli.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), args);
  }

  @Test
  void serveAndConfigCheckRefuseAFileThatSwitchesTheDemoProfileOn(@TempDir Path dir)
      throws IOException {
    Path file = dir.resolve("sneaky.yaml");
    Files.writeString(
        file,
        """
        gateway:
          demo: true
        listeners:
          mcp: {host: 127.0.0.1, port: 0}
          admin: {host: 127.0.0.1, port: 0}
        connections:
          demo:
            upstream: http://127.0.0.1:3001/mcp
        """);

    StringWriter serveErr = new StringWriter();
    assertThat(run(serveErr, "serve", "--config", file.toString())).isEqualTo(2);
    assertThat(serveErr.toString())
        .contains("/gateway/demo")
        .contains("demo-only features are switched on by `gatehouse demo` alone");

    StringWriter checkErr = new StringWriter();
    assertThat(run(checkErr, "config", "check", file.toString())).isEqualTo(2);
    assertThat(checkErr.toString()).contains("/gateway/demo");
  }

  @Test
  void onlyTheDemoPackageAndTheDemoCommandReachTheDevelopmentIssuer() throws IOException {
    assertThat(MAIN_SOURCES.resolve("dev/gatehouse/server/demo/DevTokenIssuer.java"))
        .as("run from the gateway-server module")
        .isRegularFile();
    List<String> outside;
    try (Stream<Path> sources = Files.walk(MAIN_SOURCES)) {
      outside =
          sources
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.startsWith(MAIN_SOURCES.resolve("dev/gatehouse/server/demo")))
              .filter(p -> mentions(p, "DevTokenIssuer", "DemoGateway"))
              .map(p -> MAIN_SOURCES.relativize(p).toString())
              .toList();
    }
    assertThat(outside).containsExactly("dev/gatehouse/server/cli/DemoCommand.java");
  }

  private static boolean mentions(Path source, String... names) {
    try {
      String text = Files.readString(source);
      return Stream.of(names).anyMatch(text::contains);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
