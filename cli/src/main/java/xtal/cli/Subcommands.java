package xtal.cli;

import java.util.List;

/** The subcommands of xtalc, in the order `xtalc --help` lists them. Add one line per command. */
final class Subcommands {
  private Subcommands() {}

  static List<Object> all() {
    return List.of(
        // pipeline order: parse → check/group/cif → compile/explain/match → train/score → sample → import → eval
        new ParseCommand(),
        new CheckCommand(),
        new GroupCommand(),
        new CifCommand(),
        new CompileCommand(),
        new ExplainCommand(),
        new MatchCommand(),
        new TrainCommand(),
        new ScoreCommand(),
        new SampleCommand(),
        new CspCommand(),
        new ImportCommand(),
        new EvalCommand(),
        new PropertyCommand(),
        new DesignCommand()
        );
  }
}
