package xtal.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.grammar.Diagnostic;
import xtal.stdlib.crystal.CheckResult;

/**
 * {@code xtalc match QUERY FILE…|-}: like grep, prints the sentences the compiled query accepts.
 * Sentences that fail the stdlib check are reported as errors, never silently skipped.
 */
@Command(
    name = "match",
    mixinStandardHelpOptions = true,
    description = {
      "Print, like grep, the crystal sentences that a query accepts. QUERY is a .xtal file, a",
      "template written inline (e.g. '{cubic}-(?-?-?-?-?)+-X-?') or a .xtalc file. Input: one",
      "sentence per line, or the 'sentence' column of a CSV file; - reads standard input.",
      "Sentences that are not valid crystals are reported as FILE:LINE:COL: errors.",
      "Exit status 1 means that no sentence matched (like grep)."
    })
public final class MatchCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "A .xtal file, an inline template, or a .xtalc file.")
  String query;

  @Parameters(index = "1..*", arity = "1..*", paramLabel = "FILE", description = "Sentence files; - reads standard input.")
  List<String> files;

  @Option(names = {"-c", "--count"}, description = "Print only the number of matching sentences (per file when several).")
  boolean count;

  @Option(names = {"-v", "--invert-match"}, description = "Print the valid sentences the query does not accept.")
  boolean invert;

  @Option(names = {"-H", "--with-filename"}, description = "Prefix each line with its file name (default when several files).")
  boolean withFilename;

  @Mixin QueryArgs args;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!args.valid(err, "match")) return Xtalc.USAGE;
    CompiledQuery q = args.load(query, err, "match");
    if (q == null) {
      err.flush();
      return args.failure;
    }
    boolean prefix = withFilename || files.size() > 1;
    int matched = 0, invalid = 0;
    boolean unreadable = false;
    for (String arg : files) {
      CheckCommand.SentenceInput in = CheckCommand.SentenceInput.read(arg, stdin, err);
      if (in == null) {
        unreadable = true;
        continue;
      }
      for (Diagnostic d : in.problems()) err.println(d.format());
      invalid += in.problems().size();
      int fileMatches = 0;
      for (CheckCommand.SentenceInput.Entry e : in.entries()) {
        CheckResult r = e.check();
        if (!r.ok()) {
          invalid++;
          for (Diagnostic d : r.errors()) err.println(d.format());
          continue;
        }
        if (CrystalMatcher.accepts(q, r.crystal().orElseThrow()) == invert) continue;
        fileMatches++;
        if (!count) out.println((prefix ? in.name() + ":" : "") + e.text().strip());
      }
      if (count) out.println((prefix ? in.name() + ":" : "") + fileMatches);
      matched += fileMatches;
    }
    if (invalid > 0) err.println("xtalc match: " + invalid + " invalid sentence" + (invalid == 1 ? "" : "s") + " (reported above)");
    out.flush();
    err.flush();
    if (unreadable) return Xtalc.NO_INPUT;
    if (invalid > 0) return Xtalc.DATA_ERROR;
    return matched > 0 ? Xtalc.OK : Xtalc.NO_MATCH;
  }
}
