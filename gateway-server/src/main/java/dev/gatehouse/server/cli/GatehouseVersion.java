package dev.gatehouse.server.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * The version of this build, from {@code version.properties}, which Maven fills in at build time
 * (resource filtering): it is right both in the shaded jar and when running from {@code
 * target/classes}, where there is no jar manifest to read.
 */
public final class GatehouseVersion implements IVersionProvider {
  private static final String RESOURCE = "version.properties";

  /** The Maven project version, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static String current() {
    Properties p = new Properties();
    try (InputStream in = GatehouseVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the build");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return p.getProperty("version");
  }

  @Override
  public String[] getVersion() {
    return new String[] {
      "gatehouse " + current(),
      "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
