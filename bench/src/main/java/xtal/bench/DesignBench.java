package xtal.bench;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import xtal.compiler.CompiledQuery;
import xtal.compiler.Limits;
import xtal.compiler.QueryCompiler;
import xtal.design.Designer;
import xtal.design.Goal;
import xtal.design.Objective;
import xtal.property.PropertyModel;
import xtal.runtime.Generator;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.stdlib.crystal.Crystal;

/**
 * CDVAE-style property optimisation, measured in one run: the share of N designed crystals (valid:
 * atoms at least 0.5 Å apart; unique by canonical sentence) whose property, judged by the
 * {@code -judge} model trained on the other split, lies in the best 5 / 10 / 15 % of the test
 * split's labels (SR5/SR10/SR15). Three methods at equal generator calls: unguided sampling (the
 * first N), best-of-M (M samples, the N best by the optimiser's model) and Metropolis–Hastings
 * (C chains × S steps, the N best distinct visited), M = C + 2·C·S (each MH step completes and
 * scores one sequence per chain).
 *
 * <pre>java -cp bench/target/benchmarks.jar xtal.bench.DesignBench MODEL_DIR PROPERTY_DIR TEST_CSV COLUMN QUERY N C S [BETA] [SEED]</pre>
 */
public final class DesignBench {
  private DesignBench() {}

  public static void main(String[] args) throws Exception {
    Path model = Path.of(args[0]), property = Path.of(args[1]), test = Path.of(args[2]);
    String column = args[3];
    CompiledQuery q = QueryCompiler.compileArgument(args[4], null, Limits.DEFAULT);
    int n = Integer.parseInt(args[5]), chains = Integer.parseInt(args[6]), steps = Integer.parseInt(args[7]);
    double beta = args.length > 8 ? Double.parseDouble(args[8]) : 10;
    long seed = args.length > 9 ? Long.parseLong(args[9]) : 1;
    double[] labels = labels(test, column);
    Arrays.sort(labels);
    double[] cut = {quantile(labels, 0.05), quantile(labels, 0.10), quantile(labels, 0.15)};
    System.out.printf(Locale.ROOT, "%s: %d test labels; best 5/10/15 %% at <= %.4f / %.4f / %.4f%n", column, labels.length, cut[0], cut[1], cut[2]);
    SampleOptions o = SampleOptions.DEFAULTS.withMinDistance(0).withBatchSize(256);
    int budget = chains + 2 * chains * steps;
    try (Generator g = Generator.load(model);
        PropertyModel opt = PropertyModel.load(property);
        PropertyModel judge = PropertyModel.load(Path.of(property + "-judge"))) {
      long t0 = System.nanoTime();
      List<Crystal> pool = g.sample(q, o.withCount(budget).withSeed(seed)).map(Sample::crystal).toList();
      double[] pred = opt.predict(pool);
      long t1 = System.nanoTime();
      List<Crystal> unguided = distinct(pool, n);
      Integer[] order = new Integer[pool.size()];
      for (int i = 0; i < order.length; i++) order[i] = i;
      Arrays.sort(order, (a, b) -> Double.compare(pred[a], pred[b]));
      List<Crystal> sorted = new ArrayList<>();
      for (int i : order) sorted.add(pool.get(i));
      List<Crystal> bestOf = distinct(sorted, n);
      long t2 = System.nanoTime();
      Objective objective = new Objective(List.of(new Objective.Term(opt.property(), opt::predict, new Goal.Minimize(), 1)));
      Designer.Result r = new Designer(g, q, objective, o).run(new Designer.Settings(chains, steps, steps / 4, 1, beta, seed, 256));
      List<Crystal> mcmc = distinct(r.ranked().stream().map(Designer.Design::crystal).toList(), n);
      Designer.Result rp = new Designer(g, q, objective, o).run(new Designer.Settings(chains, steps, steps / 4, 1, beta, seed, 256, true));
      List<Crystal> mcmcProposals = distinct(rp.ranked().stream().map(Designer.Design::crystal).toList(), n);
      long t3 = System.nanoTime();
      System.out.printf(Locale.ROOT, "budget: %d generator sequences per method (MH: %d decoded or scored, %d predictions); N = %d%n",
          budget, r.generatorCrystals(), r.predictions(), n);
      System.out.printf(Locale.ROOT, "time: sampling pool + predictions %.1f s, MH %.1f s%n", (t1 - t0) / 1e9, (t3 - t2) / 1e9);
      StringBuilder acc = new StringBuilder("MH acceptance:");
      for (Designer.Acceptance a : r.acceptance()) acc.append(String.format(Locale.ROOT, " %s %.2f", a.move().label(), a.rate()));
      System.out.println(acc);
      System.out.println("| method | designs | distinct formulas | mean judged | SR5 | SR10 | SR15 |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|");
      Map<String, List<Crystal>> methods = new LinkedHashMap<>();
      methods.put("unguided", unguided);
      methods.put("best-of-" + budget, bestOf);
      methods.put("MH " + chains + "×" + steps + " β=" + beta + ", states", mcmc);
      methods.put("MH " + chains + "×" + steps + " β=" + beta + ", states and proposals", mcmcProposals);
      for (var e : methods.entrySet()) row(e.getKey(), e.getValue(), judge, cut, n);
    }
  }

  private static void row(String name, List<Crystal> designs, PropertyModel judge, double[] cut, int n) {
    double[] y = designs.isEmpty() ? new double[0] : judge.predict(designs);
    int[] hits = new int[3];
    for (double v : y) for (int k = 0; k < 3; k++) if (v <= cut[k]) hits[k]++;
    long formulas = designs.stream().map(c -> c.expand().reducedFormula()).distinct().count();
    // the rates are over N: a method that found fewer valid distinct crystals is not rewarded
    System.out.printf(Locale.ROOT, "| %s | %d | %d | %.3f | %.3f | %.3f | %.3f |%n", name, designs.size(), formulas,
        Arrays.stream(y).average().orElse(Double.NaN), hits[0] / (double) n, hits[1] / (double) n, hits[2] / (double) n);
  }

  /** The first {@code n} valid (atoms ≥ 0.5 Å apart) crystals with distinct canonical sentences. */
  private static List<Crystal> distinct(List<Crystal> in, int n) {
    List<Crystal> out = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Crystal c : in) {
      if (out.size() == n) break;
      if (c.expand().minDistance() < 0.5) continue;
      if (seen.add(c.canonicalSentence())) out.add(c);
    }
    return out;
  }

  private static double[] labels(Path csv, String column) throws Exception {
    try (Reader r = Files.newBufferedReader(csv)) {
      List<Double> v = new ArrayList<>();
      for (CSVRecord rec : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setAllowMissingColumnNames(true).build().parse(r))
        v.add(Double.parseDouble(rec.get(column)));
      return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
  }

  private static double quantile(double[] sorted, double p) {
    return sorted[(int) Math.floor(p * (sorted.length - 1))];
  }
}
