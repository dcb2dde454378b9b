package dev.gatehouse.server.cli;

/** The exit codes of every {@code gatehouse} command (documented in --help and the README). */
public final class ExitCodes {
  public static final int OK = 0;

  /** The command failed at run time: a port in use, an I/O error, a bug. */
  public static final int FAILURE = 1;

  /** Wrong usage, or a configuration file that does not validate. */
  public static final int USAGE_OR_CONFIG = 2;

  private ExitCodes() {}
}
