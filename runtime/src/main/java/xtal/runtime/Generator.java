package xtal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import xtal.compiler.CompiledQuery;
import xtal.models.XtalModel;
import xtal.runtime.decode.Decoder;
import xtal.runtime.decode.Sample;
import xtal.runtime.decode.SampleOptions;
import xtal.runtime.engine.DjlStepModel;

/**
 * The library entry point: load a model, sample crystals that satisfy a compiled query.
 *
 * <pre>{@code
 * CompiledQuery q = QueryCompiler.compileTemplate("<mine>", "225-a-[alkali]-0-0-0-b-[halogen]-1/2-1/2-1/2-X-?", Limits.DEFAULT);
 * try (Generator g = Generator.load(Path.of("models/mp20"))) {
 *   g.sample(q, SampleOptions.DEFAULTS.withCount(10).withSeed(42))
 *    .forEach(s -> System.out.println(s.sentence()));
 * }
 * }</pre>
 *
 * <p>Thread-safe: concurrent {@link #sample} calls each decode their own batches (their own
 * key/value caches and predictors) over the one loaded model.
 */
public final class Generator implements AutoCloseable {
  private final Path directory;
  private final DjlStepModel model;
  private final Decoder decoder;

  private Generator(Path directory, DjlStepModel model, double[] groupPrior) {
    this.directory = directory;
    this.model = model;
    this.decoder = new Decoder(model, groupPrior, model.config().maxLength());
  }

  /**
   * Loads the model in {@code directory} through DJL's TensorFlow engine, with the incremental
   * (key/value-cached) step.
   *
   * @throws IOException naming the directory when it holds no loadable model
   */
  public static Generator load(Path directory) throws IOException {
    return load(directory, true);
  }

  /**
   * @param cached false re-runs the whole prefix at every step instead of using the cache (the
   *     samples are the same up to float rounding; only for measuring what the cache saves)
   */
  public static Generator load(Path directory, boolean cached) throws IOException {
    if (!Files.isDirectory(directory)) throw new IOException(directory + ": no such model directory");
    return new Generator(directory, DjlStepModel.load(directory, cached), groupPrior(directory));
  }

  /** The shipped model's directory ({@code -Dxtal.model}, {@code XTAL_MODEL}, else models/mp20). */
  public static Path defaultModel() {
    return XtalModel.defaultDirectory();
  }

  public Path directory() {
    return directory;
  }

  /** Where the model runs, e.g. {@code cpu()} or {@code gpu(0)}. */
  public String device() {
    return DjlStepModel.device().toString();
  }

  /**
   * Samples {@code options.count()} crystals lazily, in batches of {@code options.batchSize()}.
   * Every crystal is accepted by {@code query}'s automaton by construction.
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options) {
    return sample(query, options, new Decoder.Timing());
  }

  /** As {@link #sample(CompiledQuery, SampleOptions)}, adding where the time goes to {@code timing}. */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, Decoder.Timing timing) {
    int n = options.count(), b = options.batchSize();
    return IntStream.range(0, (n + b - 1) / b)
        .mapToObj(k -> decoder.decode(query.tokenAutomaton(), k * b, Math.min(b, n - k * b), options, timing))
        .flatMap(List::stream);
  }

  /**
   * The space-group prior of the model ({@code group_prior} in model.json: the training set's
   * group frequencies), used to draw a group among those a query allows; uniform when absent, and
   * uniform among the allowed groups when the training set has none of them.
   */
  static double[] groupPrior(Path dir) throws IOException {
    JsonNode root = new ObjectMapper().readTree(dir.resolve("model.json").toFile());
    JsonNode p = root.path("group_prior");
    if (!p.isObject() && !p.isArray()) return null;
    double[] prior = new double[231];
    if (p.isArray()) {
      for (int g = 1; g <= 230 && g < p.size(); g++) prior[g] = p.get(g).asDouble();
    } else {
      p.fields().forEachRemaining(e -> prior[Integer.parseInt(e.getKey())] = e.getValue().asDouble());
    }
    // No smoothing: a query whose groups all have zero weight falls back to uniform among them
    // (Decoder), and any added floor would pull the unconstrained group distribution off the data.
    return prior;
  }

  @Override
  public void close() {
    model.close();
  }
}
