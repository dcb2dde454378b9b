package dev.gatehouse.server.cli;

import dev.gatehouse.server.GatewayServer;
import dev.gatehouse.server.config.ConfigException;
import dev.gatehouse.server.config.ConfigSummary;
import dev.gatehouse.server.config.FeatureSections;
import dev.gatehouse.server.config.GatehouseConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gatehouse serve --config FILE}: validates the file, starts the listeners and runs until
 * SIGTERM or SIGINT, when a shutdown hook closes the gateway (stop accepting, drain, release).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = "Run the gateway with a configuration file until SIGTERM or SIGINT.")
final class ServeCommand implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger("gatehouse");

  @Option(
      names = {"-c", "--config"},
      required = true,
      paramLabel = "FILE",
      description = "The YAML configuration file (see docs/configuration.md).")
  Path configFile;

  @Override
  public Integer call() throws InterruptedException {
    GatehouseConfig config = FeatureSections.load(configFile);
    ConfigSummary.lines(config).forEach(log::info);
    GatewayServer server = GatewayServer.start(config);
    Shutdown.onSignal(
        "gatehouse-shutdown",
        () -> {
          log.info("shutting down");
          server.close();
          log.info("stopped");
        });
    log.info(
        "gatehouse serving: MCP on port {} (/mcp/<connection>), admin on port {}",
        server.mcpPort(),
        server.adminPort());
    server.awaitShutdown();
    return ExitCodes.OK;
  }

  /**
   * The configuration reload hook, for SIGHUP and file watching once live reload lands: re-reads
   * and re-validates the file. A file that no longer validates is logged and leaves the running
   * configuration in place (empty result), so a bad edit never takes a gateway down.
   */
  static Optional<GatehouseConfig> reloadConfig(Path configFile) {
    try {
      GatehouseConfig config = FeatureSections.load(configFile);
      ConfigSummary.lines(config).forEach(line -> log.info("reload: {}", line));
      return Optional.of(config);
    } catch (ConfigException e) {
      log.error("reload refused, keeping the running configuration: {}", e.getMessage());
      return Optional.empty();
    }
  }
}
