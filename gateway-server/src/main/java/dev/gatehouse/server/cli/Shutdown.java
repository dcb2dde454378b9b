package dev.gatehouse.server.cli;

/**
 * SIGTERM and SIGINT end the JVM through its shutdown hooks; long-running commands register their
 * clean-up here. The hook runs the clean-up to completion before the JVM halts.
 */
final class Shutdown {
  private Shutdown() {}

  static void onSignal(String name, Runnable cleanUp) {
    Runtime.getRuntime().addShutdownHook(new Thread(cleanUp, name));
  }
}
