package xtal.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static xtal.tests.Cli.xtalc;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import xtal.cli.Xtalc;
import xtal.tests.Cli.Result;

/** The help reads well: whole first sentences in the command list, examples per command, suggestions, completion. */
class HelpTest {
  @Test
  void everyCommandIsListedWithAWholeSentenceAndHasExamples() {
    CommandLine cli = Xtalc.commandLine();
    for (var e : cli.getSubcommands().entrySet()) {
      if (e.getKey().equals("help") || e.getKey().equals("generate-completion")) continue;
      String[] header = e.getValue().getCommandSpec().usageMessage().header();
      assertThat(header).as(e.getKey()).hasSize(1);
      assertThat(header[0]).as(e.getKey()).endsWith(".");
      Result r = xtalc(e.getKey(), "--help");
      assertThat(r.code()).isZero();
      assertThat(r.out()).as(e.getKey()).contains("Examples:", "xtalc " + e.getKey() + " ");
    }
  }

  @Test
  void aMistypedCommandGetsASuggestion() {
    Result r = xtalc("sampel", "q.xtal");
    assertThat(r.code()).isEqualTo(Xtalc.USAGE);
    assertThat(r.err()).contains("Did you mean: xtalc sample");
  }

  @Test
  void completionScriptIsGenerated() {
    Result r = xtalc("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("sample").contains("--format");
  }
}
