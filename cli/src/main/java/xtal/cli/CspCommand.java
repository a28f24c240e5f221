package xtal.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.Limits;
import xtal.csp.Candidate;
import xtal.csp.Composition;
import xtal.csp.CrystalStructurePredictor;
import xtal.csp.CspBenchmark;
import xtal.csp.CspInputs;
import xtal.csp.CspOptions;
import xtal.csp.CspTarget;
import xtal.csp.GroupChoice;
import xtal.csp.Prediction;
import xtal.csp.Scorer;
import xtal.runtime.Generator;
import xtal.runtime.decode.SampleOptions;
import xtal.stdlib.io.CifWriter;

/**
 * {@code xtalc csp}: structure prediction from compositions. Per composition: the composition
 * query (compiled once per distinct reduced formula and atom count), samples under it,
 * duplicates merged by the structure matcher, candidates ranked and the best K written.
 */
@Command(
    name = "csp",
    mixinStandardHelpOptions = true,
    description = {
      "Predict crystal structures for compositions: ranked candidates per formula.",
      "Writes DIR/ranked.csv (material_id,formula,rank,score,sentence,cif; rank 1 = best, score =",
      "log-likelihood per atom, cif relative to DIR), DIR/ranked.sentences and DIR/cif/ID/RANK.cif.",
      "Duplicates (structure matcher) are merged; by default the most often sampled crystal ranks first.",
      "A row that cannot be predicted (bad formula, too many atoms) is reported and skipped.",
      "--benchmark (crystal input only) also scores the candidates against the input crystals",
      "(DiffCSP's protocol) into DIR/benchmark.md and DIR/benchmark.csv, and keeps 20 candidates.",
      "Exit status: 0 ok, 2 usage, 65 some rows could not be predicted, 66 no input or model, 70 internal error."
    })
public final class CspCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FORMULA", arity = "0..*", description = "Compositions, e.g. Li3PS4 SrTiO3 Ca(OH)2.")
  List<String> formulas = new ArrayList<>();

  @Option(names = "--input", paramLabel = "FILE", description = "A CSV with material_id,formula[,atoms] (atoms per primitive cell), or crystals (a CSV with a cif column, or a .cif file) whose compositions and atom counts are used.")
  Path input;

  static final class Count {
    @Option(names = "--atoms", paramLabel = "N", description = "Atoms per primitive cell (default: any multiple of the formula up to --max-atoms).")
    Integer atoms;

    @Option(names = "--formula-units", paramLabel = "Z", description = "Formula units per primitive cell.")
    Integer formulaUnits;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Count count;

  @Option(names = "--group", paramLabel = "G|SET", description = "Space groups allowed: 225, 221,225, or a crystal system (cubic); default any.")
  String group;

  @Option(names = {"-n", "--top"}, paramLabel = "K", description = "Candidates kept per composition (default: ${DEFAULT-VALUE}).")
  int keep = 5;

  @Option(names = "--rank", paramLabel = "BY", description = "Order of the distinct candidates: COPIES (most often sampled first, log-likelihood per atom breaking ties) or SCORE (log-likelihood per atom) (default: ${DEFAULT-VALUE}).")
  CspOptions.Ranking ranking = CspOptions.DEFAULTS.ranking();

  @Option(names = "--samples", paramLabel = "M", description = "Crystals sampled per composition before deduplication and ranking (default: ${DEFAULT-VALUE}).")
  int samples = 32;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives the same output (default: ${DEFAULT-VALUE}).")
  long seed = 0;

  @Option(names = "--temperature", paramLabel = "T", description = "Sampling temperature > 0 (default: ${DEFAULT-VALUE}).")
  double temperature = 1;

  @Option(names = "--max-atoms", paramLabel = "N", description = "Most atoms per primitive cell (default: ${DEFAULT-VALUE}, MP-20's limit).")
  int maxAtoms = Limits.DEFAULT.maxAtoms();

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (default: ${DEFAULT-VALUE}).")
  Path output = Path.of("out/csp");

  @Option(names = "--model", paramLabel = "DIR", description = "Model directory (default: models/mp20, or -Dxtal.model / XTAL_MODEL).")
  Path model;

  @Option(names = "--benchmark", description = "Score the candidates against the input crystals (CSP protocol of DiffCSP: stol 0.5, ltol 0.3, angle_tol 10).")
  boolean benchmark;

  @Option(names = "--limit", paramLabel = "N", description = "Use a fixed random sample of N input rows (seeded by --sample-seed).")
  Integer limit;

  @Option(names = "--sample-seed", paramLabel = "S", description = "Seed of the --limit row sample (default: ${DEFAULT-VALUE}).")
  long sampleSeed = 0;

  @Option(names = "--progress", negatable = true, description = "Show a progress bar over compositions on standard error (default: when it is a terminal).")
  Boolean progress;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if ((input == null) == formulas.isEmpty()) return usage(err, "give formulas or --input FILE (not both)");
    if (keep < 1 || samples < 1 || maxAtoms < 1 || !(temperature > 0) || (limit != null && limit < 1))
      return usage(err, "-n, --samples, --max-atoms and --limit must be >= 1, --temperature > 0");
    if (benchmark && input == null) return usage(err, "--benchmark needs --input with crystals (a cif column)");
    GroupChoice groups;
    try {
      groups = group == null ? GroupChoice.ANY : GroupChoice.parse(group);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    OptionalInt atoms = count != null && count.atoms != null ? OptionalInt.of(count.atoms) : OptionalInt.empty();
    List<CspInputs.Row> rows;
    try {
      rows = input != null ? CspInputs.read(input, atoms, groups) : argumentRows(atoms, groups);
    } catch (IOException e) {
      err.println("xtalc csp: " + e.getMessage());
      return 66;
    }
    if (benchmark && rows.stream().anyMatch(r -> r instanceof CspInputs.Row.Target t && t.truth() == null))
      return usage(err, "--benchmark needs crystals as input (a CSV with a cif column, or a .cif file)");
    if (limit != null && limit < rows.size()) rows = sample(rows, limit, sampleSeed);

    // the benchmark re-ranks every distinct candidate both ways, and writes the best 20
    int written = benchmark ? Math.max(keep, CspBenchmark.K) : keep;
    CspOptions options = new CspOptions(samples, benchmark ? Math.max(samples, keep) : keep, seed,
        SampleOptions.DEFAULTS.withTemperature(temperature), Limits.DEFAULT.withAtoms(1, maxAtoms, Limits.Unit.PRIMITIVE), CspOptions.DEFAULTS.dedupe(), ranking);
    Path dir = model != null ? model : Generator.defaultModel();
    long started = System.nanoTime();
    int failed, violations, candidates;
    CspBenchmark bench = benchmark ? new CspBenchmark() : null;
    try (Generator g = Generator.load(dir)) {
      Files.createDirectories(output);
      CrystalStructurePredictor csp = new CrystalStructurePredictor(g, Scorer.LOG_LIKELIHOOD_PER_ATOM, options);
      err.printf(Locale.ROOT, "xtalc csp: %d compositions, %d samples each, top %d; model %s on %s; writing to %s%n",
          rows.size(), samples, keep, dir, g.device(), output);
      err.flush();
      Tally tally = predictAll(rows, csp, bench, written, err);
      failed = tally.failed();
      violations = tally.violations();
      candidates = tally.candidates();
      double secs = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "predicted %d of %d compositions in %.1f s (%.2f s per composition, %d queries compiled); wrote %d candidates to %s%n",
          rows.size() - failed, rows.size(), secs, secs / Math.max(1, rows.size()), csp.queries().size(), candidates, output.resolve("ranked.csv"));
      if (bench != null) writeBenchmark(bench, out, secs, rows.size());
      out.flush();
    } catch (IOException e) {
      err.println("xtalc csp: " + e.getMessage());
      return 66;
    }
    if (violations > 0) {
      err.println("xtalc csp: internal error: " + violations + " samples did not have the asked composition or atom count (dropped)");
      return Xtalc.INTERNAL;
    }
    return failed > 0 ? Xtalc.DATA_ERROR : Xtalc.OK;
  }

  /** Rows failed (bad input or infeasible), samples with the wrong composition, candidates written. */
  private record Tally(int failed, int violations, int candidates) {}

  /** Predicts every row in order, writing each composition's candidates as soon as it is done. */
  private Tally predictAll(List<CspInputs.Row> rows, CrystalStructurePredictor csp, CspBenchmark bench, int written, PrintWriter err)
      throws IOException {
    int failed = 0, violations = 0, candidates = 0, done = 0;
    Set<String> usedNames = new HashSet<>();
    try (Writer csv = Files.newBufferedWriter(output.resolve("ranked.csv"));
        Writer sentences = Files.newBufferedWriter(output.resolve("ranked.sentences"));
        ProgressBar bar = progressBar(rows.size())) {
      csv.write("material_id,formula,rank,score,sentence,cif\n");
      for (CspInputs.Row row : rows) {
        switch (row) {
          case CspInputs.Row.Invalid bad -> {
            failed++;
            err.println("xtalc csp: " + bad.where() + ": " + bad.message());
          }
          case CspInputs.Row.Target t -> {
            Prediction p = csp.predict(t.target());
            if (bench != null) bench.add(p, t.truth());
            switch (p) {
              case Prediction.Failed f -> {
                failed++;
                err.println("xtalc csp: " + t.where() + ": " + f.message());
              }
              case Prediction.Ranked r -> {
                violations += r.violations();
                String name = uniqueName(t.id(), usedNames);
                for (Candidate c : r.candidates()) {
                  if (c.rank() > written) break;
                  candidates += write(csv, sentences, name, t, c);
                }
              }
            }
          }
        }
        if (bar != null) bar.step();
        done++;
        // a long batch leaves readable results behind as it goes
        csv.flush();
        sentences.flush();
        if (bench != null && done % 10 == 0) writeBenchmarkRows(bench);
      }
    }
    return new Tally(failed, violations, candidates);
  }

  private List<CspInputs.Row> argumentRows(OptionalInt atoms, GroupChoice groups) {
    List<CspInputs.Row> rows = new ArrayList<>();
    for (int i = 0; i < formulas.size(); i++) {
      String f = formulas.get(i);
      OptionalInt n = atoms;
      if (count != null && count.formulaUnits != null) {
        try {
          n = CspTarget.atomsForFormulaUnits(Composition.parse(f), count.formulaUnits);
        } catch (IllegalArgumentException e) {
          // the formula's own error is reported by formulaRow
        }
      }
      rows.add(CspInputs.formulaRow("argument " + (i + 1), f, f, n, groups));
    }
    return rows;
  }

  /** One candidate: its CSV row, its sentence, its CIF; returns 1. */
  private int write(Writer csv, Writer sentences, String name, CspInputs.Row.Target t, Candidate c) throws IOException {
    Path rel = Path.of("cif", name, c.rank() + ".cif");
    Files.createDirectories(output.resolve(rel).getParent());
    Files.writeString(output.resolve(rel), CifWriter.write(name + "-" + c.rank(), c.sample().crystal()));
    csv.write(String.format(Locale.ROOT, "%s,%s,%d,%.6f,%s,%s%n", csvField(t.id()), t.target().composition().formula(), c.rank(), c.score(), c.sentence(), rel));
    sentences.write(c.sentence() + "\n");
    return 1;
  }

  private void writeBenchmark(CspBenchmark bench, PrintWriter out, double secs, int rows) throws IOException {
    String md = String.format(Locale.ROOT, "CSP benchmark (DiffCSP protocol): %d crystals of %s%s, %d samples per composition, seed %d; %d not predicted; %.2f s per composition%n%n%s",
        rows, input, limit != null ? " (random sample, seed " + sampleSeed + ")" : "", samples, seed, bench.failed(), secs / Math.max(1, rows), bench.table());
    Files.writeString(output.resolve("benchmark.md"), md);
    writeBenchmarkRows(bench);
    out.print(md);
  }

  private void writeBenchmarkRows(CspBenchmark bench) throws IOException {
    Files.writeString(output.resolve("benchmark.csv"), bench.csv());
    Files.writeString(output.resolve("benchmark-pairs.csv"), bench.pairs());
  }

  /**
   * A fixed random subset of the rows, in the shuffled order: every prefix of it (a run stopped
   * early) is itself a seeded random sample of the split, not its first rows.
   */
  static List<CspInputs.Row> sample(List<CspInputs.Row> rows, int n, long seed) {
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) idx.add(i);
    java.util.Collections.shuffle(idx, new Random(seed));
    return idx.subList(0, n).stream().map(rows::get).toList();
  }

  /** A file-system-safe, unique directory name for a row. */
  private static String uniqueName(String id, Set<String> used) {
    String base = id.replaceAll("[^A-Za-z0-9._-]", "_");
    if (base.isEmpty() || base.startsWith(".")) base = "row" + base;
    String n = base;
    for (int k = 2; !used.add(n); k++) n = base + "-" + k;
    return n;
  }

  private static String csvField(String s) {
    return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }

  private static int usage(PrintWriter err, String why) {
    err.println("xtalc csp: " + why);
    err.println("Try 'xtalc csp --help'.");
    return Xtalc.USAGE;
  }

  private ProgressBar progressBar(int n) {
    boolean show = progress != null ? progress : System.console() != null;
    if (!show) return null;
    return new ProgressBarBuilder()
        .setTaskName("csp")
        .setInitialMax(n)
        .setStyle(ProgressBarStyle.ASCII)
        .setConsumer(new ConsoleProgressBarConsumer(System.err))
        .setUnit(" compositions", 1)
        .showSpeed()
        .build();
  }
}
