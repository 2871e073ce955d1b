package dev.notifier.cli;

import java.io.PrintWriter;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;

/** What every command takes from picocli: where to print, and the shared exit codes. */
final class Specs {

  static final int UNREACHABLE = 3;

  private Specs() {}

  static PrintWriter out(@Nullable CommandSpec spec) {
    return require(spec).commandLine().getOut();
  }

  static PrintWriter err(@Nullable CommandSpec spec) {
    return require(spec).commandLine().getErr();
  }

  private static CommandSpec require(@Nullable CommandSpec spec) {
    if (spec == null) {
      throw new IllegalStateException("run through picocli");
    }
    return spec;
  }
}
