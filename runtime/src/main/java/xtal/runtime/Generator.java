package xtal.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
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
 * try (Generator g = Generator.load(Generator.defaultModel())) {
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
  private volatile boolean closed;

  private Generator(Path directory, DjlStepModel model, double[] groupPrior) {
    this.directory = directory;
    this.model = model;
    this.decoder = new Decoder(model, groupPrior, model.config().maxLength());
  }

  /**
   * Loads the model in {@code directory} through DJL's TensorFlow engine, with the incremental
   * (key/value-cached) step.
   *
   * @throws IOException naming the file when the directory holds no loadable model: a missing or
   *     empty file, a model.json field that is wrong, or a graph or variables the engine cannot
   *     load (all checked here, not at the first step)
   */
  public static Generator load(Path directory) throws IOException {
    return load(directory, true);
  }

  /**
   * @param cached false re-runs the whole prefix at every step instead of using the cache (the
   *     samples are the same up to float rounding; only for measuring what the cache saves)
   */
  public static Generator load(Path directory, boolean cached) throws IOException {
    ModelFiles.check(directory);
    double[] prior = groupPrior(directory);
    DjlStepModel model;
    try {
      model = DjlStepModel.load(directory, cached);
    } catch (IOException e) {
      throw new IOException(directory + ": the model cannot be loaded (damaged saved_model.pb or variables/?): " + firstLine(e), e);
    } catch (RuntimeException e) {
      // TensorFlow reports a damaged graph or checkpoint as an unchecked exception with pages of text
      throw new IOException(directory + ": the model cannot be loaded (damaged saved_model.pb or variables/?): " + firstLine(e), e);
    }
    return new Generator(directory, model, prior);
  }

  private static String firstLine(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getMessage() != null && t.getMessage().contains(t.getCause().toString())) t = t.getCause();
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.lines().filter(l -> !l.isBlank()).findFirst().orElse(m).strip();
    return m.length() > 300 ? m.substring(0, 300) + "…" : m;
  }

  /**
   * The shipped model's directory: {@code -Dxtal.model}, {@code XTAL_MODEL}, the installation's
   * {@code models/mp20}, else the copy packaged in the xtal-models jar (see {@link
   * xtal.models.DefaultModel}); independent of the working directory.
   */
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

  /** The longest sequence the model takes, in positions; see {@link CompiledQuery#maxSequenceLength()}. */
  public int maxSequenceLength() {
    return model.config().maxLength();
  }

  /**
   * As {@link #sample(CompiledQuery, SampleOptions)}, adding where the time goes to {@code timing}.
   *
   * @throws IllegalArgumentException before sampling, if the query accepts crystals longer than
   *     the model's sequences
   */
  public Stream<Sample> sample(CompiledQuery query, SampleOptions options, Decoder.Timing timing) {
    if (closed) throw new IllegalStateException("this Generator is closed: load the model again to sample");
    int longest = query.maxSequenceLength();
    if (longest > maxSequenceLength()) {
      throw new IllegalArgumentException("query '" + query.name() + "' accepts crystals of up to " + longest
          + " sequence positions, but the model takes at most " + maxSequenceLength() + "; lower its atom or site limits");
    }
    int n = options.count(), b = options.batchSize();
    // in long: n + b - 1 overflows an int for a batch size near Integer.MAX_VALUE
    int batches = (int) ((n + (long) b - 1) / b);
    return IntStream.range(0, batches)
        .mapToObj(k -> {
          if (closed) throw new IllegalStateException("this Generator was closed while sampling");
          int start = (int) ((long) k * b);
          return decoder.decode(query.automaton(), start, Math.min(b, n - start), options, timing);
        })
        .flatMap(List::stream);
  }

  /**
   * The space-group prior of the model ({@code group_prior} in model.json: the training set's
   * group frequencies), used to draw a group among those a query allows; uniform when absent, and
   * uniform among the allowed groups when the training set has none of them.
   */
  static double[] groupPrior(Path dir) throws IOException {
    JsonNode root = ModelFiles.json(dir);
    ModelFiles.checkPrior(dir.resolve("model.json"), root);
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
    if (closed) return;
    closed = true;
    model.close();
  }
}
