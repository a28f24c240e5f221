package xtal.models.train;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xtal.model.GroupPrior;
import xtal.model.Layout;
import xtal.models.export.Exporter;
import xtal.models.seq.AutomatonMasks;
import xtal.models.seq.Encoded;
import xtal.models.seq.Encoder;

/**
 * {@code xtalc train}: reads the data of a {@link TrainConfig}, trains (resuming if the work
 * directory holds a checkpoint of the same config), and exports the SavedModel with {@code
 * model.json} (which then also records the data, the run and its final metrics).
 */
public final class TrainingRun {
  private TrainingRun() {}

  public static Trainer.Outcome execute(TrainConfig cfg, PrintWriter log) throws IOException {
    Encoder encoder = new Encoder(AutomatonMasks.unconstrained());
    Path trainPath = TrainConfig.resolve(cfg.train());
    Dataset train = read(trainPath, encoder, log);
    Dataset val = cfg.validation() == null ? null : read(TrainConfig.resolve(cfg.validation()), encoder, log);
    if (train.size() == 0) throw new IllegalArgumentException(trainPath + ": no usable crystals");
    Trainer.Outcome out;
    long parameters;
    try (Trainer t = new Trainer(cfg, log)) {
      parameters = t.network().parameterCount();
      out = t.run(train.encoded(), val == null ? List.of() : val.encoded());
    }
    Map<String, Object> extra = new LinkedHashMap<>();
    Map<String, Object> training = new LinkedHashMap<>();
    training.put("config", cfg);
    training.put("train_crystals", train.size());
    training.put("train_skipped", train.problems().size());
    training.put("validation_crystals", val == null ? 0 : val.size());
    training.put("steps", out.steps());
    training.put("seconds", Math.round(out.seconds()));
    training.put("crystals_per_second", Math.round(out.crystalsPerSecond() * 10) / 10.0);
    training.put("hardware", hardware());
    extra.put("training", training);
    // the model is conditioned on the group; the sampler draws it from the training distribution
    extra.put("group_prior", GroupPrior.rounded(GroupPrior.frequencies(train.encoded().stream().mapToInt(Encoded::group).toArray())));
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put("unit", "nats per crystal, conditioned on the space group; kinds: " + String.join(", ", Layout.KINDS));
    metrics.put("train", asMap(out.train()));
    if (out.validation() != null) metrics.put("validation", asMap(out.validation()));
    extra.put("metrics", metrics);
    Path dir = Path.of(cfg.output());
    Exporter.export(cfg.model(), out.checkpoint().toString(), dir, extra);
    log.printf(Locale.ROOT, "exported %,d parameters to %s%n", parameters, dir);
    return out;
  }

  static Map<String, Object> asMap(Metrics m) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("crystals", m.crystals());
    r.put("total", round(m.total()));
    for (int k = 0; k < Layout.KINDS.size(); k++) r.put(Layout.KINDS.get(k), round(m.perKind()[k]));
    return r;
  }

  static double round(double v) {
    return Math.round(v * 1000) / 1000.0;
  }

  private static Dataset read(Path p, Encoder encoder, PrintWriter log) throws IOException {
    if (!Files.isRegularFile(p)) throw new IllegalArgumentException(p + ": no such file");
    Dataset d = Dataset.read(p, encoder);
    log.printf(Locale.ROOT, "%s: %,d crystals, %d skipped%n", p, d.size(), d.problems().size());
    for (String s : d.problems().subList(0, Math.min(5, d.problems().size()))) log.println("  " + s);
    return d;
  }

  /** CPU model and cores, for the model card. */
  public static String hardware() {
    String cpu = System.getProperty("os.arch");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo")))
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).trim();
          break;
        }
    } catch (IOException | RuntimeException e) {
      // not Linux: keep the architecture
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, TensorFlow CPU (fp32)";
  }
}
