package xtal.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xtal.compiler.CompiledQuery;
import xtal.compiler.CrystalMatcher;
import xtal.design.Designer;
import xtal.design.Goal;
import xtal.design.Objective;
import xtal.property.PropertyModel;
import xtal.runtime.Generator;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.output.SampleWriter;
import xtal.stdlib.crystal.CheckResult;
import xtal.stdlib.crystal.SentenceChecker;

/**
 * {@code xtalc design QUERY --property DIR --minimize …}: Metropolis–Hastings over crystals that
 * satisfy the query, toward property goals; writes the best distinct crystals like {@code sample}
 * and re-checks each against the query independently.
 */
@Command(
    name = "design",
    mixinStandardHelpOptions = true,
    description = {
      "Design crystals that satisfy a query and optimise predicted properties: Metropolis-Hastings",
      "chains over pi(X) ~ p(X)^(1/T) * exp(-beta * objective(X)), proposals redrawing the lattice,",
      "the sites from a random site on, or the whole crystal from the query-constrained model.",
      "objective = sum of weight * penalty per --property group (minimize: y, maximize: -y,",
      "target V: |y - V|, range LO..HI: distance to the range). Writes the N best distinct crystals",
      "visited after the burn-in to DIR/samples.sentences, DIR/samples.jsonl (with predictions and",
      "objective) and DIR/cif/."
    })
public final class DesignCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "QUERY", description = "A .xtal file, an inline template, or a .xtalc file.")
  String query;

  /** One {@code --property DIR GOAL [--weight W]} group. */
  static final class TermArgs {
    @Option(names = "--property", required = true, paramLabel = "DIR", description = "A property model directory (e.g. models/properties/perov5-heat_ref).")
    Path property;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    GoalArgs goal;

    @Option(names = "--weight", paramLabel = "W", description = "This term's weight > 0 (default 1).")
    double weight = 1;
  }

  static final class GoalArgs {
    @Option(names = "--minimize", description = "Lower predictions are better.") boolean minimize;
    @Option(names = "--maximize", description = "Higher predictions are better.") boolean maximize;
    @Option(names = "--target", paramLabel = "V", description = "Predictions near V are better.") Double target;
    @Option(names = "--range", paramLabel = "LO..HI", description = "Predictions inside LO..HI are best.") String range;
  }

  @ArgGroup(exclusive = false, multiplicity = "1..*", heading = "Objective (repeat per property):%n")
  List<TermArgs> terms;

  @Option(names = {"-n", "--count"}, paramLabel = "N", description = "Crystals to write: the N best distinct ones (query's 'count', else 10).")
  Integer count;

  @Option(names = "--chains", paramLabel = "C", description = "Chains, run together in one batch (default: ${DEFAULT-VALUE}).")
  int chains = 32;

  @Option(names = "--steps", paramLabel = "S", description = "Steps per chain (default: ${DEFAULT-VALUE}).")
  int steps = 40;

  @Option(names = "--burn-in", paramLabel = "B", description = "First steps not collected (default: a quarter of --steps).")
  Integer burnIn;

  @Option(names = "--beta", paramLabel = "B", description = "Weight of the objective against the model's log-likelihood, in nats per unit of objective; 0 samples the prior (default: ${DEFAULT-VALUE}).")
  double beta = 10;

  @Option(names = "--temperature", paramLabel = "T", description = "Temperature of the prior term p(X)^(1/T); higher lets the objective pull further from what the model finds likely (default: ${DEFAULT-VALUE}).")
  double temperature = 1;

  @Option(names = "--keep-proposals", description = "Rank the rejected proposals too (they were predicted anyway; no extra model call). The chains still sample pi; the output is then the best crystals seen, not only states visited.")
  boolean keepProposals;

  @Option(names = "--seed", paramLabel = "S", description = "Random seed; the same seed gives the same output (query's 'seed', else 0).")
  Long seed;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Output directory (query's 'output', else out/design-<query name>).")
  Path output;

  @Option(names = "--model", paramLabel = "DIR", description = "Generator model directory (default: as for sample).")
  Path model;

  @Option(names = "--batch-size", paramLabel = "B", description = "Crystals decoded together (default: ${DEFAULT-VALUE}).")
  int batchSize = SampleOptions.DEFAULT_BATCH_SIZE;

  @Option(names = {"--force", "--overwrite"}, description = "Write into an output directory that holds an earlier run's output, deleting that output first.")
  boolean force;

  @Mixin QueryArgs args;

  @Mixin Verbosity verbosity;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
    if (!args.valid(err, "design")) return Xtalc.USAGE;
    List<Goal> goals = new ArrayList<>();
    try {
      for (TermArgs t : terms) goals.add(goal(t));
    } catch (IllegalArgumentException e) {
      err.println("xtalc design: " + e.getMessage());
      return Xtalc.USAGE;
    }
    CompiledQuery q = args.load(query, err, "design");
    if (q == null) {
      err.flush();
      return args.failure;
    }
    Map<String, String> fromQuery = q.sampling();
    int n;
    long sd;
    Designer.Settings settings;
    try {
      n = count != null ? count : Integer.parseInt(fromQuery.getOrDefault("count", "10").strip());
      sd = seed != null ? seed : Long.parseLong(fromQuery.getOrDefault("seed", "0").strip());
      if (n < 1) throw new IllegalArgumentException("count must be >= 1, found " + n);
      settings = new Designer.Settings(chains, steps, burnIn != null ? burnIn : steps / 4, temperature, beta, sd, batchSize, keepProposals);
    } catch (NumberFormatException e) {
      err.println("xtalc design: the query's count and seed must be whole numbers: " + e.getMessage());
      return Xtalc.USAGE;
    } catch (IllegalArgumentException e) {
      err.println("xtalc design: " + e.getMessage());
      return Xtalc.USAGE;
    }
    Path dir = output != null ? output : Path.of(fromQuery.getOrDefault("output", "out/design-" + q.name().replaceAll("[^A-Za-z0-9._-]", "")));
    List<PropertyModel> models = new ArrayList<>();
    try {
      List<Objective.Term> objectiveTerms = new ArrayList<>();
      for (int i = 0; i < terms.size(); i++) {
        TermArgs t = terms.get(i);
        PropertyModel m;
        try {
          m = PropertyModel.load(t.property);
        } catch (IOException e) {
          err.println("xtalc design: --property " + e.getMessage());
          return e instanceof NoSuchFileException || !Files.isRegularFile(t.property.resolve("model.json")) ? Xtalc.NO_INPUT : Xtalc.DATA_ERROR;
        }
        models.add(m);
        objectiveTerms.add(new Objective.Term(m.property(), m::predict, goals.get(i), t.weight));
      }
      return run(q, new Objective(objectiveTerms), settings, n, dir, out, err);
    } finally {
      for (PropertyModel m : models) m.close();
    }
  }

  private static Goal goal(TermArgs t) {
    if (!(t.weight > 0 && Double.isFinite(t.weight))) throw new IllegalArgumentException("--weight must be a finite number > 0 (--property " + t.property + "), found " + t.weight);
    GoalArgs g = t.goal;
    if (g == null || !(g.minimize || g.maximize || g.target != null || g.range != null))
      throw new IllegalArgumentException("--property " + t.property + " needs a goal after it: --minimize, --maximize, --target V or --range LO..HI");
    if (g.minimize) return new Goal.Minimize();
    if (g.maximize) return new Goal.Maximize();
    if (g.target != null) return new Goal.Target(g.target);
    return Goal.Range.parse(g.range);
  }

  private int run(CompiledQuery q, Objective objective, Designer.Settings settings, int n, Path dir, PrintWriter out, PrintWriter err) {
    OutputPaths.directory(dir, "--output");
    Path modelDir = model != null ? model : Generator.defaultModel();
    long started = System.nanoTime();
    SamplingRun run = SamplingRun.open(modelDir, true, q, dir, EnumSet.of(SampleWriter.Format.CIF), force);
    SampleOptions proposals = SampleOptions.DEFAULTS.withBatchSize(settings.batchSize()).withMinDistance(0).withSeed(settings.seed()).withCount(n);
    try (Generator g = run.generator();
        SampleWriter w = run.writer();
        BufferedWriter jsonl = Files.newBufferedWriter(dir.resolve("samples.jsonl"), StandardCharsets.UTF_8)) {
      Map<String, Object> manifest = Manifest.of(spec, query, q, proposals, modelDir);
      manifest.put("design", designManifest(objective, settings));
      w.writeManifest(manifest);
      err.printf(Locale.ROOT, "xtalc design: query %s, %d chains x %d steps (burn-in %d), beta %s, T %s; writing to %s%n",
          q.name(), settings.chains(), settings.steps(), settings.burnIn(), settings.beta(), settings.temperature(), dir);
      err.flush();
      Designer.Result r = new Designer(g, q, objective, proposals).run(settings);
      List<Designer.Design> best = r.ranked().subList(0, Math.min(n, r.ranked().size()));
      ObjectMapper json = new ObjectMapper();
      int bad = 0;
      for (int i = 0; i < best.size(); i++) {
        Designer.Design d = best.get(i);
        Sample s = new Sample(i, d.crystal(), d.logLikelihood(), 0, 0);
        w.write(s);
        Map<String, Object> rec = SampleWriter.record(String.format(Locale.ROOT, "sample-%05d", i + 1), s);
        Map<String, Object> predicted = new LinkedHashMap<>();
        for (int t = 0; t < objective.terms().size(); t++) predicted.put(objective.terms().get(t).property(), d.predicted()[t]);
        rec.put("predicted", predicted);
        rec.put("objective", d.objective());
        rec.put("chain", d.chain());
        rec.put("step", d.step());
        jsonl.write(json.writeValueAsString(rec));
        jsonl.newLine();
        bad += verify(q, i, s.sentence(), err);
      }
      jsonl.flush();
      double secs = (System.nanoTime() - started) / 1e9;
      out.printf(Locale.ROOT, "designed %d crystals (best of %d distinct visited) in %.1f s; %d of %d satisfy the query (re-checked)%n",
          best.size(), r.ranked().size(), secs, best.size() - bad, best.size());
      if (best.size() < n) out.printf(Locale.ROOT, "only %d distinct crystals were visited after the burn-in, fewer than the %d asked for: run more chains or steps%n", best.size(), n);
      out.println(summary(objective, best));
      StringBuilder acc = new StringBuilder("acceptance:");
      for (Designer.Acceptance a : r.acceptance())
        acc.append(String.format(Locale.ROOT, " %s %.2f (%d/%d)", a.move().label(), a.rate(), a.accepted(), a.proposed()));
      out.println(acc);
      out.printf(Locale.ROOT, "model calls: %d crystals decoded or scored, %d property predictions%n", r.generatorCrystals(), r.predictions());
      unreached(objective, best, out);
      out.printf(Locale.ROOT, "wrote %s%n", dir.resolve("samples.sentences"));
      out.flush();
      return bad == 0 ? Xtalc.OK : Xtalc.INTERNAL;
    } catch (IOException e) {
      err.println("xtalc design: " + dir + ": cannot write: " + OutputPaths.reason(e));
      return Xtalc.CANT_CREATE;
    }
  }

  private static Map<String, Object> designManifest(Objective objective, Designer.Settings s) {
    Map<String, Object> m = new LinkedHashMap<>();
    List<Map<String, Object>> terms = new ArrayList<>();
    for (Objective.Term t : objective.terms()) terms.add(Map.of("property", t.property(), "goal", t.goal().describe(), "weight", t.weight()));
    m.put("objective", terms);
    m.put("chains", s.chains());
    m.put("steps", s.steps());
    m.put("burn_in", s.burnIn());
    m.put("beta", s.beta());
    m.put("temperature", s.temperature());
    m.put("keep_proposals", s.keepProposals());
    return m;
  }

  /** Best objective and the designed crystals' mean prediction per property. */
  private static String summary(Objective objective, List<Designer.Design> best) {
    if (best.isEmpty()) return "no crystals designed";
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "best objective %.4f", best.getFirst().objective()));
    for (int t = 0; t < objective.terms().size(); t++) {
      int term = t;
      double mean = best.stream().mapToDouble(d -> d.predicted()[term]).average().orElse(Double.NaN);
      b.append(String.format(Locale.ROOT, "; %s (%s): best %.4f, mean %.4f", objective.terms().get(t).property(), objective.terms().get(t).goal().describe(),
          best.getFirst().predicted()[t], mean));
    }
    return b.toString();
  }

  /** Says when a target or range was reached by none of the designed crystals (not an error: the closest are written). */
  private static void unreached(Objective objective, List<Designer.Design> best, PrintWriter out) {
    for (int t = 0; t < objective.terms().size(); t++) {
      Objective.Term term = objective.terms().get(t);
      if (term.goal() instanceof Goal.Minimize || term.goal() instanceof Goal.Maximize) continue;
      int k = t;
      if (best.stream().noneMatch(d -> term.goal().reached(d.predicted()[k]))) {
        double closest = best.stream().mapToDouble(d -> d.predicted()[k]).boxed()
            .min((a, b) -> Double.compare(term.goal().penalty(a), term.goal().penalty(b))).orElse(Double.NaN);
        out.printf(Locale.ROOT, "note: no designed crystal reaches %s %s (closest prediction %.4f); the closest are written%n",
            term.property(), term.goal().describe(), closest);
      }
    }
  }

  /** Re-checks a designed crystal as {@code sample} does: the stdlib checker reads the sentence, the query's meaning judges the crystal. */
  private static int verify(CompiledQuery q, int i, String sentence, PrintWriter err) {
    CheckResult r = SentenceChecker.check("design " + (i + 1), sentence);
    List<String> broken = r.crystal()
        .map(c -> q.meaning() != null ? q.meaning().violations(c) : CrystalMatcher.accepts(q, c) ? List.<String>of() : List.of("the compiled query"))
        .orElse(List.of("the sentence rules"));
    if (broken.isEmpty()) return 0;
    err.println("xtalc design: internal error: design " + (i + 1) + " violates " + String.join("; ", broken) + ": " + sentence);
    return 1;
  }
}
