package xtal.property.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import xtal.grammar.Diagnostic;
import xtal.property.PropertyModel;
import xtal.property.data.CrystalSource;
import xtal.property.features.CrystalFeatures;
import xtal.property.features.Featurizer;
import xtal.property.nn.Standardisation;

/**
 * {@code xtalc property train} as a library call: read the labelled crystals, featurise, fit the
 * two baselines and the network on the same training crystals, export, reload the export through
 * DJL and measure everything on the evaluation file in that one run, then write {@code model.json}
 * and {@code MODEL_CARD.md}.
 */
public final class PropertyTraining {
  private PropertyTraining() {}

  /** Model format written to model.json. */
  public static final int FORMAT = 1;

  /**
   * What to train.
   *
   * @param data the training CSV
   * @param column its numeric label column
   * @param evaluation a CSV with the same column to report on, or null
   * @param out the model directory to write
   */
  public record Request(Path data, String column, Path evaluation, Path out, TrainOptions options) {}

  /** Input that cannot be trained on; the diagnostics say where and why. */
  public static final class BadData extends Exception {
    private final List<Diagnostic> diagnostics;

    public BadData(List<Diagnostic> diagnostics) {
      super(diagnostics.isEmpty() ? "bad data" : diagnostics.get(0).format(), null, false, false);
      this.diagnostics = List.copyOf(diagnostics);
    }

    public List<Diagnostic> diagnostics() {
      return diagnostics;
    }
  }

  /** Scores of the model, both baselines, and (a reference for MAE) the training median on one set. */
  public record Comparison(Scores model, Scores mean, Scores linear, Scores median) {}

  /** What a run measured. */
  public record Report(Comparison training, Scores holdout, Comparison evaluation, PropertyTrainer.Outcome outcome, Map<String, Object> description) {}

  /** Reads labelled crystals; rows that fail are reported on {@code log} and skipped. */
  static CrystalSource.Read labelled(Path file, String column, PrintWriter log) throws IOException, BadData {
    CrystalSource.Read r = CrystalSource.read(file, column);
    if (r.entries().isEmpty()) throw new BadData(r.errors().isEmpty() ? List.of(new Diagnostic(file.toString(), 0, 0, 0, Diagnostic.Severity.ERROR, "no crystals")) : r.errors());
    int shown = 0;
    for (Diagnostic d : r.errors()) if (shown++ < 10) log.println("skipped: " + d.format());
    if (!r.errors().isEmpty()) log.printf(Locale.ROOT, "%s: %d rows skipped, %d read%n", file, r.errors().size(), r.entries().size());
    return r;
  }

  public static Report run(Request req, PrintWriter log) throws IOException, BadData {
    double loadBefore = load();
    long start = System.nanoTime();
    CrystalSource.Read data = labelled(req.data(), req.column(), log);
    CrystalSource.Read eval = req.evaluation() == null ? null : labelled(req.evaluation(), req.column(), log);
    double readSeconds = (System.nanoTime() - start) / 1e9;
    long t0 = System.nanoTime();
    List<CrystalFeatures> all = data.entries().parallelStream().map(e -> Featurizer.of(e.crystal())).toList();
    List<CrystalFeatures> evalF = eval == null ? List.of() : eval.entries().parallelStream().map(e -> Featurizer.of(e.crystal())).toList();
    double featureSeconds = (System.nanoTime() - t0) / 1e9;
    double[] allY = data.entries().stream().mapToDouble(CrystalSource.Entry::value).toArray();
    double[] evalY = eval == null ? new double[0] : eval.entries().stream().mapToDouble(CrystalSource.Entry::value).toArray();
    log.printf(Locale.ROOT, "read %d crystals (%d for evaluation) in %.1f s, features in %.1f s (%.0f crystals/s)%n", all.size(), evalF.size(),
        readSeconds, featureSeconds, (all.size() + evalF.size()) / Math.max(1e-9, featureSeconds));

    Split split = split(all, allY, req);
    List<CrystalFeatures> train = split.train(), hold = split.holdout();
    double[] trainY = split.trainY(), holdY = split.holdoutY();
    Baselines.Predictor mean = Baselines.mean(trainY), linear = Baselines.linearOnFractions(train, trainY), median = Baselines.median(trainY);
    Standardisation norm = Standardisation.of(train, trainY);

    Files.createDirectories(req.out());
    Path work = Files.createTempDirectory("xtal-property");
    PropertyTrainer.Outcome outcome;
    double[] trainPred;
    try (PropertyTrainer trainer = new PropertyTrainer(req.options(), norm, log)) {
      String prefix = work.resolve("best").toString();
      outcome = trainer.fit(train, trainY, hold, holdY, prefix);
      trainPred = trainer.predict(train);
      PropertyExporter.export(req.options().net(), norm, prefix, req.out());
    } finally {
      PropertyExporter.deleteTree(work);
    }
    double loadAfter = load();
    double seconds = (System.nanoTime() - start) / 1e9;

    Map<String, Object> description = describe(req, data, eval, norm, outcome, seconds, loadBefore, loadAfter);
    writeJson(req.out().resolve("model.json"), description);
    // measured through the exported model, the way users and the design loop call it
    Comparison training, evaluation = null;
    Scores holdout;
    try (PropertyModel model = PropertyModel.load(req.out())) {
      training = new Comparison(Scores.of(trainPred, trainY), Scores.of(mean.predict(train), trainY), Scores.of(linear.predict(train), trainY),
          Scores.of(median.predict(train), trainY));
      holdout = Scores.of(model.predictFeatures(hold), holdY);
      if (eval != null)
        evaluation = new Comparison(Scores.of(model.predictFeatures(evalF), evalY), Scores.of(mean.predict(evalF), evalY), Scores.of(linear.predict(evalF), evalY),
            Scores.of(median.predict(evalF), evalY));
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("training", comparison(training, req.data()));
    metrics.put("holdout", holdout.toMap());
    if (evaluation != null) metrics.put("evaluation", comparison(evaluation, req.evaluation()));
    description.put("metrics", metrics);
    writeJson(req.out().resolve("model.json"), description);
    Report report = new Report(training, holdout, evaluation, outcome, description);
    Files.writeString(req.out().resolve("MODEL_CARD.md"), ModelCard.markdown(req, report));
    return report;
  }

  /** The training crystals and the hold-out that chooses the epoch (the evaluation file is only ever measured). */
  private record Split(List<CrystalFeatures> train, double[] trainY, List<CrystalFeatures> holdout, double[] holdoutY) {}

  /** A seeded shuffle: the first {@code holdout} fraction is held out, the rest trains. */
  private static Split split(List<CrystalFeatures> all, double[] y, Request req) throws BadData {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) order.add(i);
    Collections.shuffle(order, new Random(req.options().seed()));
    int nHold = Math.max(1, (int) Math.round(all.size() * req.options().holdout()));
    if (all.size() - nHold < 2)
      throw new BadData(List.of(new Diagnostic(req.data().toString(), 0, 0, 0, Diagnostic.Severity.ERROR, "too few crystals to train on: " + all.size())));
    List<CrystalFeatures> train = new ArrayList<>(), hold = new ArrayList<>();
    double[] trainY = new double[all.size() - nHold], holdY = new double[nHold];
    for (int k = 0; k < order.size(); k++) {
      int i = order.get(k);
      if (k < nHold) {
        holdY[hold.size()] = y[i];
        hold.add(all.get(i));
      } else {
        trainY[train.size()] = y[i];
        train.add(all.get(i));
      }
    }
    return new Split(train, trainY, hold, holdY);
  }

  private static Map<String, Object> comparison(Comparison c, Path file) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.getFileName().toString());
    m.put("model", c.model().toMap());
    m.put("mean_baseline", c.mean().toMap());
    m.put("linear_baseline", c.linear().toMap());
    m.put("median_reference", c.median().toMap());
    return m;
  }

  private static Map<String, Object> describe(Request req, CrystalSource.Read data, CrystalSource.Read eval, Standardisation norm,
      PropertyTrainer.Outcome outcome, double seconds, double loadBefore, double loadAfter) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("kind", PropertyModel.KIND);
    d.put("format", FORMAT);
    d.put("column", req.column());
    d.put("architecture", "message passing over symmetry-distinct sites (continuous radial filters, " + req.options().net().interactions()
        + " interactions, width " + req.options().net().hidden() + "), multiplicity-weighted mean pooling, MLP readout with cell features");
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("version", Featurizer.VERSION);
    f.put("cutoff_angstrom", Featurizer.CUTOFF);
    f.put("radial_basis", Featurizer.RBF + " Gaussians, width " + Featurizer.RBF_WIDTH + " Å, centres " + Featurizer.RBF_FIRST + "–" + Featurizer.CUTOFF
        + " Å, times a cosine cutoff");
    f.put("site_features", Featurizer.SITE_FEATURES);
    f.put("cell_features", Featurizer.CELL_FEATURES);
    d.put("features", f);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("key", PropertyModel.SIGNATURE);
    s.put("inputs", Map.of("species", "int32 [B,S] atomic number per site, 0 = padding", "weight", "float32 [B,S] atoms of the site, 0 = padding",
        "site", "float32 [B,S," + Featurizer.SITE_WIDTH + "]", "pair", "float32 [B,S,S," + Featurizer.RBF + "]", "cell", "float32 [B," + Featurizer.CELL_WIDTH + "]"));
    s.put("output", "value float32 [B], in the unit of column " + req.column());
    d.put("signature", s);
    d.put("target", Map.of("mean", norm.targetMean(), "scale", norm.targetScale()));
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("data", req.data().getFileName().toString());
    t.put("crystals", data.entries().size());
    t.put("skipped_rows", data.errors().size());
    if (eval != null) {
      t.put("evaluation_crystals", eval.entries().size());
      t.put("evaluation_skipped_rows", eval.errors().size());
    }
    TrainOptions o = req.options();
    t.put("hidden", o.net().hidden());
    t.put("interactions", o.net().interactions());
    t.put("epochs", o.epochs());
    t.put("epochs_run", outcome.epochs());
    t.put("best_epoch", outcome.bestEpoch());
    t.put("batch", o.batchSize());
    t.put("learning_rate", o.learningRate());
    t.put("loss", o.loss().name().toLowerCase(Locale.ROOT));
    t.put("holdout_fraction", o.holdout());
    t.put("seed", o.seed());
    t.put("steps", outcome.steps());
    t.put("wall_seconds", Math.round(seconds));
    t.put("training_seconds", Math.round(outcome.seconds()));
    t.put("load_before", loadBefore);
    t.put("load_after", loadAfter);
    t.put("cpus", Runtime.getRuntime().availableProcessors());
    d.put("training", t);
    String v = PropertyTraining.class.getPackage().getImplementationVersion();
    d.put("version", v == null ? "dev" : v);
    return d;
  }

  static void writeJson(Path file, Map<String, Object> m) throws IOException {
    Files.writeString(file, new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).writeValueAsString(m) + "\n");
  }

  /** The one-minute load average, NaN where the system does not tell. */
  static double load() {
    return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }
}
