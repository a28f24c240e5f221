package xtal.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.grammar.Diagnostic;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.SentenceChecker;
import xtal.stdlib.crystal.UnitCell;
import xtal.stdlib.io.SentenceTable;

/**
 * {@code xtalc check FILE…|-}: checks crystal sentences against the space-group tables, one line
 * of output per sentence: {@code ok  FORMULA  N atoms  V Å^3}, or every violated rule as {@code
 * FILE:LINE:COL: message}. Exit 65 if any sentence fails, 66 if a file cannot be read.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check crystal sentences: the group, letters, coordinates and lattice must obey the",
      "space-group tables. Input: one sentence per line (blank lines and # comments skipped), or a",
      "CSV file whose header has a 'sentence' column (like the shared *.sentences.csv).",
      "Prints 'ok  FORMULA  N atoms  V Å^3' per good sentence and FILE:LINE:COL: message per",
      "violated rule."
    })
public final class CheckCommand implements Callable<Integer> {

  /** {@code -v} computes the shortest interatomic distance for cells up to this many atoms. */
  static final int MAX_DMIN_ATOMS = 20_000;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to check; - reads standard input.")
  List<String> files;

  @Option(names = {"-q", "--quiet"}, description = "Print only failures.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, description = "Also print density (g/cm^3), shortest distance (Å) and the canonical sentence.")
  boolean verbose;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    int total = 0, failed = 0;
    boolean unreadable = false;
    for (String arg : files) {
      SentenceInput in = SentenceInput.read(arg, stdin, err);
      if (in == null) {
        unreadable = true;
        continue;
      }
      for (Diagnostic d : in.problems()) {
        out.println(d.format());
        total++;
        failed++;
      }
      for (SentenceInput.Entry e : in.entries()) {
        total++;
        CheckResult r = e.check();
        for (Diagnostic d : r.diagnostics()) out.println(d.format());
        if (!r.ok()) {
          failed++;
          continue;
        }
        if (quiet) continue;
        UnitCell cell = r.crystal().orElseThrow().expand();
        String line = String.format(Locale.ROOT, "ok  %s  %d atoms  %.3f Å^3", cell.reducedFormula(), cell.count(), cell.volume());
        if (verbose) {
          // the shortest distance is O(atoms²): beyond MAX_DMIN_ATOMS it is not worth the wait
          String dmin = cell.count() <= MAX_DMIN_ATOMS ? String.format(Locale.ROOT, "%.3f Å", cell.minDistance()) : "n/a (over " + MAX_DMIN_ATOMS + " atoms)";
          line += String.format(Locale.ROOT, "  %.3f g/cm^3  dmin %s  %s", cell.density(), dmin, r.crystal().get().canonicalSentence());
        }
        out.println(line);
      }
    }
    if (total == 0 && !unreadable) err.println("xtalc check: no sentence in the input");
    else if (failed > 0) err.println("xtalc check: " + failed + " of " + total + " sentences failed");
    out.flush();
    err.flush();
    return unreadable ? Xtalc.NO_INPUT : failed > 0 || total == 0 ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  /**
   * The sentences of one input: plain lines, or the {@code sentence} column of a CSV file whose
   * first line is a header naming one (then {@code material_id}, if present, names each entry).
   * Diagnostics keep the file's line and column.
   */
  record SentenceInput(String name, List<Entry> entries, List<Diagnostic> problems) {

    /** One sentence: where it stands, its text, and an id for file names. */
    record Entry(String source, int line, int column, String text, String id) {
      /** Parses and checks; diagnostics point into the file even for a CSV field. */
      CheckResult check() {
        CheckResult r = SentenceChecker.check(source, line, text);
        if (column == 0) return r;
        List<Diagnostic> shifted = new ArrayList<>();
        for (Diagnostic d : r.diagnostics())
          shifted.add(d.column() == 0 || d.line() != line ? d
              : new Diagnostic(d.source(), d.line(), d.column() + column, d.length(), d.severity(), d.message()));
        return new CheckResult(r.crystal(), shifted);
      }
    }

    /** Reads an argument; null after printing why it cannot be read. */
    static SentenceInput read(String arg, InputStream stdin, PrintWriter err) {
      String name = InputLines.name(arg);
      String text;
      try {
        text = InputLines.read(arg, stdin);
      } catch (InputLines.CannotRead e) {
        err.println(name + ": cannot read: " + e.getMessage());
        return null;
      }
      int[] nul = InputLines.firstNul(text);
      if (nul != null) {
        err.println(name + ":" + nul[0] + ":" + nul[1] + ": binary data (a NUL byte); expected crystal sentences");
        return null;
      }
      SentenceTable.Result table = SentenceTable.sentences(name, text);
      List<Entry> entries = new ArrayList<>();
      for (SentenceTable.Entry e : table.entries()) entries.add(new Entry(name, e.line(), e.column(), e.text(), e.id()));
      return new SentenceInput(name, entries, table.problems());
    }
  }
}
