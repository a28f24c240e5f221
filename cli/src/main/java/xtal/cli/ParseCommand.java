package xtal.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.grammar.CrystalParser;
import xtal.grammar.Diagnostic;
import xtal.grammar.ParseResult;
import xtal.grammar.Printer;
import xtal.grammar.ast.Sentence;
import xtal.grammar.ast.Template;
import xtal.grammar.ast.XtalFile;

/**
 * {@code xtalc parse FILE…|-}: reads crystal sentences or template queries (one per line; blank
 * lines and {@code #} comments skipped) or {@code .xtal} files (whole), and prints their
 * canonical form. Syntax errors go to standard error as {@code FILE:LINE:COL: message}; parsing
 * goes on with the next line; the exit code is 65 if anything failed to parse, 66 if a file
 * could not be read.
 */
@Command(
    name = "parse",
    mixinStandardHelpOptions = true,
    description = {
      "Parse crystal sentences, template queries or .xtal files and print their canonical form.",
      "",
      "Text files hold one sentence or template per line; blank lines and # comments are"
          + " skipped. A file ending in .xtal, or starting with query, let or import, is read"
          + " whole. Errors go to standard error as FILE:LINE:COL: message.",
      ""
    })
public final class ParseCommand implements Callable<Integer> {

  /** After this many failed lines in one file the rest of it is skipped. */
  static final int MAX_FAILED_LINES = 100;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to parse; - reads standard input.")
  List<String> files;

  @Option(names = "--sentences", description = "Every line must be a concrete crystal sentence (no wildcards).")
  boolean sentencesOnly;

  @Option(names = {"-q", "--quiet"}, description = "Print only errors, not the canonical forms.")
  boolean quiet;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  java.io.InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    boolean failed = false, unreadable = false;
    for (String arg : files) {
      String name = InputLines.name(arg);
      String text;
      try {
        text = InputLines.read(arg, stdin);
      } catch (InputLines.CannotRead e) {
        err.println(name + ": cannot read: " + e.getMessage());
        unreadable = true;
        continue;
      }
      int[] nul = InputLines.firstNul(text);
      if (nul != null) {
        err.println(name + ":" + nul[0] + ":" + nul[1]
            + ": binary data (a NUL byte); expected crystal sentences, templates or a .xtal file");
        failed = true;
        continue;
      }
      boolean ok = isXtalFile(arg, text) ? parseFile(name, text, out, err) : parseLines(name, text, out, err);
      failed |= !ok;
    }
    out.flush();
    err.flush();
    return unreadable ? Xtalc.NO_INPUT : failed ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  /** By extension, or by content: the first word is a top-level keyword of the .xtal language. */
  static boolean isXtalFile(String arg, String text) {
    if (arg.endsWith(".xtal")) return true;
    for (InputLines.Line line : InputLines.split(text)) {
      if (line.isSkippable()) continue;
      String s = line.text().strip();
      return s.matches("(query|let|import)\\b.*");
    }
    return false;
  }

  private boolean parseFile(String name, String text, PrintWriter out, PrintWriter err) {
    ParseResult<XtalFile> r = CrystalParser.parseFile(name, text);
    report(r.diagnostics(), err);
    if (r.ok() && r.value().items().isEmpty()) {
      err.println(name + ": empty: no query, let or import to parse");
      return false;
    }
    if (r.ok() && !quiet) out.print(Printer.print(r.value()));
    return r.ok();
  }

  private boolean parseLines(String name, String text, PrintWriter out, PrintWriter err) {
    int failedLines = 0;
    boolean any = false;
    for (InputLines.Line line : InputLines.split(text)) {
      if (line.isSkippable()) continue;
      any = true;
      String canonical;
      List<Diagnostic> diagnostics;
      if (sentencesOnly) {
        ParseResult<Sentence> r = CrystalParser.parseSentence(name, line.number(), line.text());
        diagnostics = r.diagnostics();
        canonical = r.ok() ? Printer.print(r.value()) : null;
      } else {
        ParseResult<Template> r = CrystalParser.parseTemplate(name, line.number(), line.text());
        diagnostics = r.diagnostics();
        canonical = r.ok() ? Printer.print(r.value()) : null;
      }
      report(diagnostics, err);
      if (canonical == null) {
        if (++failedLines >= MAX_FAILED_LINES) {
          err.println(name + ":" + line.number() + ": too many errors; skipping the rest of the file");
          return false;
        }
      } else if (!quiet) {
        out.println(canonical);
      }
    }
    if (!any) {
      err.println(name + ": empty: no sentence or template to parse");
      return false;
    }
    return failedLines == 0;
  }

  private static void report(List<Diagnostic> diagnostics, PrintWriter err) {
    for (Diagnostic d : diagnostics) err.println(d.format());
  }
}
