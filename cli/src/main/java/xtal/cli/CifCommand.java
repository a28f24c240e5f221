package xtal.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.grammar.Diagnostic;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.Crystal;
import xtal.stdlib.io.CifWriter;
import xtal.stdlib.io.PoscarWriter;

/**
 * {@code xtalc cif FILE…|- -o DIR [--p1] [--format cif|poscar]}: writes each crystal sentence as a
 * CIF (space-group operations and the asymmetric unit; with {@code --p1} every atom) or a POSCAR,
 * one file per sentence, named by material id when the input is a CSV with one, otherwise by
 * input name and line number.
 */
@Command(
    name = "cif",
    mixinStandardHelpOptions = true,
    description = {
      "Write crystal sentences as CIF or POSCAR files, one per sentence, into a directory.",
      "Input as for 'xtalc check'. Files are named by material_id (CSV input) or NAME-LINE."
    })
public final class CifCommand implements Callable<Integer> {

  /** Output formats. */
  public enum Format {
    cif,
    poscar
  }

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files of sentences; - reads standard input.")
  List<String> files;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "DIR", description = "Directory to write into (created if missing).")
  Path output;

  @Option(names = "--p1", description = "CIF in P1: the identity operation and every atom of the cell.")
  boolean p1;

  @Option(names = "--format", paramLabel = "FORMAT", description = "cif (default) or poscar.")
  Format format = Format.cif;

  @Spec CommandSpec spec;

  /** Where {@code -} reads from; tests replace it. */
  InputStream stdin = System.in;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    OutputPaths.directory(output, "--output");
    int written = 0, failed = 0;
    boolean unreadable = false;
    Set<String> used = new HashSet<>();
    for (String arg : files) {
      CheckCommand.SentenceInput in = CheckCommand.SentenceInput.read(arg, stdin, err);
      if (in == null) {
        unreadable = true;
        continue;
      }
      for (Diagnostic d : in.problems()) err.println(d.format());
      failed += in.problems().size();
      String base = arg.equals("-") ? "stdin" : baseName(Path.of(arg).getFileName().toString());
      for (CheckCommand.SentenceInput.Entry e : in.entries()) {
        CheckResult r = e.check();
        for (Diagnostic d : r.diagnostics()) err.println(d.format());
        if (!r.ok()) {
          failed++;
          continue;
        }
        Crystal c = r.crystal().orElseThrow();
        String stem = safe(e.id() != null && !e.id().isEmpty() ? e.id() : base + "-" + e.line());
        String name = stem;
        for (int k = 2; !used.add(name); k++) name = stem + "-" + k;
        String text = format == Format.poscar ? PoscarWriter.write(name, c) : p1 ? CifWriter.writeP1(name, c) : CifWriter.write(name, c);
        Path file = output.resolve(name + (format == Format.poscar ? ".vasp" : ".cif"));
        try {
          Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException ex) {
          err.println("xtalc cif: cannot write " + file + ": " + (ex instanceof IOException io ? OutputPaths.reason(io) : ex.getMessage()));
          return Xtalc.CANT_CREATE;
        }
        written++;
      }
    }
    out.println("wrote " + written + " file" + (written == 1 ? "" : "s") + " to " + output);
    if (failed > 0) err.println("xtalc cif: " + failed + " input" + (failed == 1 ? "" : "s") + " failed");
    out.flush();
    err.flush();
    return unreadable ? Xtalc.NO_INPUT : failed > 0 ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  private static String baseName(String file) {
    int dot = file.indexOf('.');
    return dot > 0 ? file.substring(0, dot) : file;
  }

  /** A file-name-safe stem: letters, digits, '.', '_', '-'. */
  static String safe(String s) {
    String t = s.replaceAll("[^A-Za-z0-9._-]", "_");
    return t.isEmpty() || t.startsWith(".") ? "_" + t : t;
  }
}
