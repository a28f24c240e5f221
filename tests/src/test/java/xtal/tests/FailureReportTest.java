package xtal.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import xtal.cli.Xtalc;

/**
 * How a failed command is reported ({@link Xtalc#report}): tables that cannot be loaded are a data
 * error with their own message, wherever a command first touches them; anything else is an
 * internal error; neither prints a stack trace.
 */
class FailureReportTest {

  private static String[] report(Throwable ex) {
    StringWriter text = new StringWriter();
    int code = Xtalc.report(ex, new PrintWriter(text, true));
    return new String[] {String.valueOf(code), text.toString()};
  }

  @Test
  void tablesThatFailToLoadAreADataErrorWithTheirMessage() {
    String why = "The shared data tables are missing under /nowhere (spacegroups/wyckoff_list.csv)";
    for (Throwable ex : new Throwable[] {
        new ExceptionInInitializerError(new IllegalStateException(why)),
        new RuntimeException("while checking", new ExceptionInInitializerError(new IllegalStateException(why)))}) {
      String[] r = report(ex);
      assertThat(r[0]).isEqualTo(String.valueOf(Xtalc.DATA_ERROR));
      assertThat(r[1]).isEqualTo("xtalc: " + why + System.lineSeparator()).doesNotContain("\tat ");
    }
    // a second use of a class whose initialization failed
    String[] again = report(new NoClassDefFoundError("Could not initialize class xtal.stdlib.spacegroup.SpaceGroups"));
    assertThat(again[0]).isEqualTo(String.valueOf(Xtalc.DATA_ERROR));
    assertThat(again[1]).contains("tables cannot be loaded").contains("SpaceGroups");
  }

  @Test
  void anythingElseIsAnInternalErrorWithoutAStackTrace() {
    String[] r = report(new IllegalArgumentException("boom"));
    assertThat(r[0]).isEqualTo(String.valueOf(Xtalc.INTERNAL));
    assertThat(r[1]).startsWith("xtalc: internal error: java.lang.IllegalArgumentException: boom").doesNotContain("\tat ");
  }
}
