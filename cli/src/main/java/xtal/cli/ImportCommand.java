package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.grammar.Diagnostic;
import xtal.stdlib.symmetry.Importer;
import xtal.stdlib.symmetry.ReferenceComparison;
import xtal.stdlib.symmetry.SymmetryFinder;

/**
 * {@code xtalc import FILE…}: structures (CIF, CSV with a {@code cif} column, POSCAR) to
 * crystal sentences in the reference (spglib) form, with the space group found by the pure-Java symmetry finder. One
 * line {@code ID<TAB>SENTENCE} per structure; failures as {@code FILE:LINE:COL: message} on
 * standard error, without stopping. {@code --template} writes queries with wildcards instead;
 * {@code --compare} measures agreement with a reference sentences CSV.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Import structures: find the space group (pure Java, spglib's method),",
      "bring the structure to the standard setting and print its crystal sentence,",
      "one 'ID<TAB>SENTENCE' line each. Input: CIF files (every data block), CSV",
      "files with a 'cif' column (ids kept), POSCAR files. Failures are reported",
      "per structure on stderr (FILE:LINE:COL: reason); the others go on (exit 65)."
    })
public final class ImportCommand implements Callable<Integer> {

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "CIF, CSV (with a cif column) or POSCAR files.")
  List<Path> files;

  @Option(names = "--symprec", paramLabel = "Å", description = "Distance tolerance for symmetry, in Å (default ${DEFAULT-VALUE}).")
  double symprec = SymmetryFinder.DEFAULT_SYMPREC;

  @Option(names = "--setting", paramLabel = "CHOICE", description = {
      "Which standard description to write when several are equally standard (origin and axis choices):",
      "spglib (default) follows spglib's order of axis and origin choices, so it reproduces the sentences",
      "  spglib writes (and the shared training data) most often; it depends on the input's origin and axes;",
      "canonical gives the same sentence whatever the input's origin, axes, cell or orientation;",
      "input keeps the description nearest the input cell."})
  String setting = "spglib";

  @Option(names = "--template", description = "Write a template query per structure instead of its sentence.")
  boolean template;

  @Option(names = "--wildcard", split = ",", paramLabel = "EL", description = "With --template: elements to make wildcards (every site of one element gets the same new element).")
  List<String> wildcardElements = new ArrayList<>();

  @Option(names = "--wildcard-sites", split = ",", paramLabel = "LETTER", description = "With --template: Wyckoff letters whose sites get any element.")
  List<String> wildcardSites = new ArrayList<>();

  @Option(names = "--free-coordinates", description = "With --template: leave the free coordinates open ('?') instead of keeping them.")
  boolean freeCoordinates;

  @Option(names = "--compare", paramLabel = "REF.csv", description = "Compare with a reference sentences CSV (material_id,...,sentence) and print the agreement.")
  Path compare;

  @Option(names = "--show", paramLabel = "N", description = "With --compare: disagreements listed per category (default ${DEFAULT-VALUE}).")
  int show = 10;

  @Option(names = "--limit", paramLabel = "N", description = "Import at most N structures per file (N >= 1).")
  int limit = Integer.MAX_VALUE;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar on standard error (default: when it is a terminal).")
  Boolean progress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!(symprec > 0)) {
      err.println("xtalc import: --symprec must be positive");
      return Xtalc.USAGE;
    }
    Set<Character> letters = new HashSet<>();
    for (String s : wildcardSites) {
      if (s.length() != 1 || !Character.isLetter(s.charAt(0))) {
        err.println("xtalc import: --wildcard-sites takes Wyckoff letters (a, b, … A), not '" + s + "'");
        return Xtalc.USAGE;
      }
      letters.add(s.charAt(0));
    }
    if (limit < 1) {
      err.println("xtalc import: --limit must be at least 1, found " + limit);
      return Xtalc.USAGE;
    }
    for (String el : wildcardElements)
      if (xtal.stdlib.element.Elements.bySymbol(el).isEmpty()) {
        err.println("xtalc import: --wildcard takes element symbols, and '" + el + "' is none");
        return Xtalc.USAGE;
      }
    if (!template && (!wildcardElements.isEmpty() || !letters.isEmpty() || freeCoordinates)) {
      err.println("xtalc import: --wildcard, --wildcard-sites and --free-coordinates go with --template");
      return Xtalc.USAGE;
    }
    SymmetryFinder.Choice choice = switch (setting) {
      case "canonical" -> SymmetryFinder.Choice.CANONICAL;
      case "input" -> SymmetryFinder.Choice.NEAREST_INPUT;
      case "spglib" -> SymmetryFinder.Choice.SPGLIB;
      default -> null;
    };
    if (choice == null) {
      err.println("xtalc import: --setting is 'canonical', 'input' or 'spglib', not '" + setting + "'");
      return Xtalc.USAGE;
    }
    Importer.Options options = new Importer.Options(symprec, choice);
    Map<String, String> reference = null;
    if (compare != null) {
      try {
        reference = readReference(compare);
      } catch (IOException e) {
        err.println("xtalc import: cannot read " + compare + ": " + message(e));
        return Xtalc.DATA_ERROR;
      }
    }
    int total = 0, failed = 0;
    boolean unreadable = false;
    long nanos = 0, cpuNanos = 0;
    Map<ReferenceComparison.Verdict, Integer> counts = new EnumMap<>(ReferenceComparison.Verdict.class);
    Map<ReferenceComparison.Verdict, List<String>> examples = new EnumMap<>(ReferenceComparison.Verdict.class);
    ProgressBar bar = progressBar();
    Thread onInterrupt = new Thread(() -> {
      out.flush();
      err.println("xtalc import: interrupted; " + written[0] + " structures written above are complete");
      err.flush();
    });
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    try {
      for (Path file : files) {
        String text;
        try {
          text = InputLines.read(file.toString(), System.in);
        } catch (InputLines.CannotRead e) {
          err.println(file + ": cannot read: " + e.getMessage());
          unreadable = true;
          continue;
        }
        int[] nul = InputLines.firstNul(text);
        if (nul != null) {
          err.println(file + ":" + nul[0] + ":" + nul[1] + ": binary data (a NUL byte); expected a CIF, a CSV with a cif column or a POSCAR in UTF-8");
          failed++;
          total++;
          continue;
        }
        long t0 = System.nanoTime(), c0 = cpu();
        Importer.Format format = Importer.detect(file.getFileName().toString(), text);
        Map<String, String> ref = reference;
        int[] counted = {0, 0};
        Importer.importText(file.toString(), limited(text, format), format, options, limit, r -> {
          counted[0]++;
          if (!emit(file, r, ref, counts, examples, out, err)) counted[1]++;
          if (bar != null) bar.step();
        });
        total += counted[0];
        failed += counted[1];
        if (template && counted[0] > counted[1])
          for (String el : wildcardElements)
            if (!wildcardsSeen.contains(el)) {
              // a wildcard that substitutes nothing is a mistake (a typo, the wrong file), not a no-op
              err.println(file + ": --wildcard " + el + ": no structure of this file has " + el + " (its elements: "
                  + String.join(", ", new java.util.TreeSet<>(wildcardsSeen)) + ")");
              failed++;
            }
        wildcardsSeen.clear();
        nanos += System.nanoTime() - t0;
        cpuNanos += cpu() - c0;
      }
    } finally {
      if (bar != null) bar.close();
      try {
        Runtime.getRuntime().removeShutdownHook(onInterrupt);
      } catch (IllegalStateException e) {
        // already shutting down: the hook runs
      }
    }
    if (reference != null) report(out, counts, examples, total, nanos, cpuNanos);
    if (failed > 0) err.println("xtalc import: " + failed + " of " + total + " structures failed");
    out.flush();
    err.flush();
    return unreadable ? Xtalc.NO_INPUT : failed > 0 ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  /** The elements of the structures of the current file (is each --wildcard element in one?). */
  private final Set<String> wildcardsSeen = new HashSet<>();

  /** Structures printed so far (for the message when interrupted). */
  private final int[] written = {0};

  /** Prints one result as soon as it is known, flushed, so an interrupted run keeps it. */
  private boolean emit(Path file, Importer.Imported r, Map<String, String> reference, Map<ReferenceComparison.Verdict, Integer> counts,
      Map<ReferenceComparison.Verdict, List<String>> examples, PrintWriter out, PrintWriter err) {
    if (!r.ok()) {
      for (Diagnostic d : r.errors()) err.println(d.format());
      err.flush();
      if (reference != null) tally(counts, examples, ReferenceComparison.Verdict.FAILED, r.id() + "  " + r.errors().get(0).message());
      return false;
    }
    if (reference != null) {
      String ref = reference.get(r.id());
      if (ref == null) {
        err.println(file + ": " + r.id() + ": not in the reference " + compare);
        return true;
      }
      ReferenceComparison.Verdict v = ReferenceComparison.compare(r.structure(), ref);
      tally(counts, examples, v, r.id() + "\n      reference " + ref + "\n      imported  " + r.sentence());
      return true;
    }
    if (template) {
      for (var site : r.structure().sites()) wildcardsSeen.add(site.element());
      out.print(Importer.template(r.structure(), r.id(), Set.copyOf(wildcardElements), letters(), freeCoordinates));
    } else {
      out.println(r.id() + "\t" + r.sentence());
    }
    out.flush();
    written[0]++;
    return true;
  }

  private Set<Character> letters() {
    Set<Character> s = new HashSet<>();
    for (String l : wildcardSites) s.add(l.charAt(0));
    return s;
  }

  private ProgressBar progressBar() {
    boolean show = progress != null ? progress : System.console() != null;
    if (!show) return null;
    return new ProgressBarBuilder().setTaskName("importing").setInitialMax(-1).setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" structures", 1).showSpeed().build();
  }

  /** With --limit on a CSV: the header and the first N records (records may span lines). */
  private String limited(String text, Importer.Format format) {
    if (limit == Integer.MAX_VALUE || format != Importer.Format.CSV) return text;
    int records = -1;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == '\n' && !quoted && ++records >= limit) return text.substring(0, i + 1);
    }
    return text;
  }

  private void tally(Map<ReferenceComparison.Verdict, Integer> counts, Map<ReferenceComparison.Verdict, List<String>> examples,
      ReferenceComparison.Verdict v, String example) {
    counts.merge(v, 1, Integer::sum);
    List<String> ex = examples.computeIfAbsent(v, k -> new ArrayList<>());
    if (v != ReferenceComparison.Verdict.AGREE && ex.size() < show) ex.add(example);
  }

  private void report(PrintWriter out, Map<ReferenceComparison.Verdict, Integer> counts,
      Map<ReferenceComparison.Verdict, List<String>> examples, int total, long nanos, long cpuNanos) {
    int agree = counts.getOrDefault(ReferenceComparison.Verdict.AGREE, 0);
    // wall-clock speed, and per CPU-second of the process (the figure that holds on a shared machine)
    out.printf(Locale.ROOT, "structures %d  agree %d (%.2f %%)  %.0f structures/s  %.0f per CPU-second%n", total, agree,
        total == 0 ? 0 : 100.0 * agree / total, total / Math.max(nanos / 1e9, 1e-9), total / Math.max(cpuNanos / 1e9, 1e-9));
    for (ReferenceComparison.Verdict v : ReferenceComparison.Verdict.values())
      if (v != ReferenceComparison.Verdict.AGREE && counts.containsKey(v))
        out.printf(Locale.ROOT, "  %-12s %6d (%.2f %%)%n", v.name().toLowerCase(Locale.ROOT), counts.get(v), 100.0 * counts.get(v) / total);
    for (var e : examples.entrySet()) {
      if (e.getValue().isEmpty()) continue;
      out.println("== " + e.getKey().name().toLowerCase(Locale.ROOT));
      for (String s : e.getValue()) out.println("  " + s);
    }
  }

  /** CPU time of the whole process (CSV rows are standardized on all cores). */
  private static long cpu() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os)
      return os.getProcessCpuTime();
    return System.nanoTime();
  }

  /** material_id → sentence from a reference CSV whose header has both columns. */
  static Map<String, String> readReference(Path path) throws IOException {
    String text = Files.readString(path, StandardCharsets.UTF_8);
    xtal.stdlib.io.SentenceTable.Result t = xtal.stdlib.io.SentenceTable.sentences(path.toString(), text);
    if (!t.problems().isEmpty()) throw new IOException(t.problems().getFirst().format());
    if (!t.csv()) throw new IOException("expected a CSV with material_id and sentence columns");
    Map<String, String> out = new HashMap<>();
    for (var e : t.entries()) {
      if (e.id() == null) throw new IOException("the header needs material_id and sentence columns");
      out.put(e.id(), e.text().strip());
    }
    return out;
  }

  private static String message(IOException e) {
    return e instanceof NoSuchFileException ? "no such file" : e.getMessage();
  }
}
