package dev.gatehouse.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gatehouse.server.config.ConfigLoader;
import dev.gatehouse.server.config.GatehouseConfig;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatehouseCliTest {

  @Test
  void versionIsTheMavenProjectVersion() {
    CliRun run = CliRun.of("--version");

    assertThat(run.code()).isZero();
    String expected = System.getProperty("gatehouse.expected.version");
    assertThat(expected).isNotBlank();
    assertThat(run.out()).startsWith("gatehouse " + expected + System.lineSeparator());
    assertThat(GatehouseVersion.current()).isEqualTo(expected);
  }

  @Test
  void configCheckPrintsTheResolvedConfigWithSecretsRedacted(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("token"), "very-secret-token\n");
    Path file =
        Files.writeString(
            dir.resolve("g.yaml"),
            """
            timeouts:
              connect: 2s
            connections:
              crm:
                upstream: http://127.0.0.1:3001/mcp
                credential:
                  fromFile: token
                  prefix: "Bearer "
            """);

    CliRun run = CliRun.of("config", "check", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.OK);
    assertThat(run.err()).isEmpty();
    assertThat(run.out())
        .contains("# " + file + ": valid")
        .contains("connect: 2s")
        .contains("response: 30s")
        .contains("upstream: http://127.0.0.1:3001/mcp")
        .contains("fromFile: token")
        .contains("value: <redacted>")
        .doesNotContain("very-secret-token");
    GatehouseConfig loaded = ConfigLoader.load(file);
    assertThat(run.out()).contains("# sha256 " + loaded.sourceHash());
  }

  @Test
  void configCheckErrorNamesKeyAndLineAndExitsWith2(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("bad.yaml"),
            "connections:\n  a:\n    upstream: http://h/mcp\ntimeouts:\n  connect: soon\n");

    CliRun run = CliRun.of("config", "check", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .startsWith("error: config key /timeouts/connect (line 5): must be a positive duration")
        .doesNotContain("Exception");
  }

  @Test
  void configCheckOfAMissingFile(@TempDir Path dir) {
    CliRun run = CliRun.of("config", "check", dir.resolve("absent.yaml").toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(run.err()).startsWith("error: config: configuration file ");
  }

  @Test
  void committedDemoConfigPassesTheCheck() {
    Path demo =
        Path.of(System.getProperty("gatehouse.repo.root", "..")).resolve("config/demo.yaml");

    CliRun run = CliRun.of("config", "check", demo.toString());

    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("upstream: http://127.0.0.1:3001/mcp");
  }

  @Test
  void serveWithAnInvalidConfigExitsWith2BeforeBinding(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "connections: {}\n");

    CliRun run = CliRun.of("serve", "--config", file.toString());

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(run.err()).startsWith("error: config key /connections (line 1): at least one");
  }

  @Test
  @org.junit.jupiter.api.Timeout(60)
  void serveWithAnUnknownTransportExitsWith2AndOneLine(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ok.yaml"),
            """
            listeners:
              mcp: {host: 127.0.0.1, port: 0}
              admin: {host: 127.0.0.1, port: 0}
            masking:
              connections: {x: none}
            connections:
              x: {upstream: "http://127.0.0.1:9/mcp"}
            """);
    String before = System.getProperty("gatehouse.transport");
    System.setProperty("gatehouse.transport", "kqueue");
    CliRun run;
    try {
      run = CliRun.of("serve", "--config", file.toString());
    } finally {
      if (before == null) {
        System.clearProperty("gatehouse.transport");
      } else {
        System.setProperty("gatehouse.transport", before);
      }
    }

    assertThat(run.code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(run.err())
        .isEqualTo(
            "error: -Dgatehouse.transport must be auto, io_uring, epoll or nio, not 'kqueue'"
                + System.lineSeparator());
  }

  @Test
  void usageErrorsExitWith2() {
    assertThat(CliRun.of().code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(CliRun.of("config").code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
    assertThat(CliRun.of("serve").err()).contains("Missing required option: '--config=FILE'");
    assertThat(CliRun.of("frobnicate").code()).isEqualTo(ExitCodes.USAGE_OR_CONFIG);
  }

  @Test
  void portInUseIsARunTimeFailureWithAPlainMessage(@TempDir Path dir) throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      CliRun run =
          CliRun.of(
              "demo",
              "--port",
              "0",
              "--sample-port",
              String.valueOf(taken.getLocalPort()),
              "--dir",
              dir.resolve("demo").toString());

      assertThat(run.code()).isEqualTo(ExitCodes.FAILURE);
      assertThat(run.err())
          .startsWith("error: cannot listen: ")
          .contains("choose another with --port")
          .doesNotContain("\tat ");
      assertThat(dir.resolve("demo")).as("a demo that cannot start writes nothing").doesNotExist();
    }
  }

  @Test
  void helpListsTheCommandsAndExitCodes() {
    CliRun run = CliRun.of("--help");

    assertThat(run.code()).isZero();
    assertThat(run.out())
        .contains("serve")
        .contains("config")
        .contains("demo")
        .contains("Exit codes:")
        .contains("wrong usage or an invalid configuration");
  }

  @Test
  void reloadHookKeepsTheRunningConfigWhenTheFileTurnsBad(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("g.yaml"), "connections:\n  a:\n    upstream: http://h/mcp\n");

    assertThat(ServeCommand.reloadConfig(file)).isPresent();

    Files.writeString(file, "connections:\n  a:\n    upstream: nope\n");
    assertThat(ServeCommand.reloadConfig(file)).isEmpty();
  }
}
