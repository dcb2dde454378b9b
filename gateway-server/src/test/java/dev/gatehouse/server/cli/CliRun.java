package dev.gatehouse.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** One in-process {@code gatehouse} run: exit code and what it printed. */
record CliRun(int code, String out, String err) {
  static CliRun of(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = GatehouseCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new CliRun(code, out.toString(), err.toString());
  }
}
