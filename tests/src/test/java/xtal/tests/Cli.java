package xtal.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import xtal.cli.Xtalc;

/** Runs xtalc in-process the way a user would, capturing both streams, for the end-to-end tests. */
public final class Cli {
  private Cli() {}

  /** Exit code and what the command printed. */
  public record Result(int code, String out, String err) {}

  /** Runs {@code xtalc args…}; whatever the input, standard error must never show a stack trace. */
  public static Result xtalc(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Xtalc.run(args, new PrintWriter(out), new PrintWriter(err));
    Result r = new Result(code, out.toString(), err.toString());
    assertThat(r.err()).as("no stack trace").doesNotContain("\tat ").doesNotContain("Exception");
    return r;
  }
}
